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

// A reply full of highlighted code and typeset math (bench_gui_stream --rich, issue #22).
inline QString richReply()
{
    return QStringLiteral(
        "The energy is $E = mc^2$, and the integral \\(\\int_0^1 x^2\\,dx = \\tfrac13\\) "
        "follows from $\\frac{d}{dx} \\frac{x^3}{3} = x^2$.\n\n"
        "$$\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}$$\n\n"
        "```rust\nfn fib(n: u64) -> u64 {\n    match n {\n        0 | 1 => n,\n"
        "        _ => fib(n - 1) + fib(n - 2),\n    }\n}\n```\n\n"
        "With \\[\\mathbf{A}\\mathbf{x} = \\lambda \\mathbf{x}\\] and "
        "$\\sqrt{a^2 + b^2}$ the rest is short:\n\n"
        "```typescript\ninterface Point { x: number; y: number }\n"
        "export function norm(p: Point): number {\n    return Math.hypot(p.x, p.y);\n}\n```\n\n"
        "```sql\nSELECT name, COUNT(*) AS n FROM orders\nWHERE total > 10\n"
        "GROUP BY name ORDER BY n DESC;\n```\n\n");
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
