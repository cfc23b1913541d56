// Pieces the window benchmarks share: the Markdown reply they fill conversations with, and
// the process's resident memory.
#pragma once

#include <QFile>
#include <QString>

namespace Sluice::Bench {

// A reply the way models write them: ~1.9 KB of Markdown with a heading, a list, code, a
// table and a quote.
inline QString markdownReply()
{
    return QStringLiteral(
        "## Section heading\n\n"
        "The river flows past the **old mill** and under the bridge, where `count += 1` "
        "is written on a sign nobody reads. Each paragraph is a few sentences long, like "
        "the ones a model writes when it explains something step by step.\n\n"
        "- first point with *emphasis*\n- second point with a [link](https://example.com)\n"
        "- third point that runs a little longer than the others do\n\n"
        "```python\ndef walk(root):\n    for path in root.iterdir():\n"
        "        if path.is_dir():\n            yield from walk(path)\n"
        "        else:\n            yield path\n```\n\n"
        "| Name | Size | Kind |\n|------|------|------|\n| a.txt | 12 KB | text |\n"
        "| b.png | 3 MB | image |\n\n"
        "> A quote to close the section, with a final thought about the data.\n\n");
}

// VmRSS of this process in MiB (0 where /proc is missing).
inline double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

} // namespace Sluice::Bench
