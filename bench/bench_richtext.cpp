// bench_richtext: what highlighted code and typeset math cost (issue #22, docs/rendering.md).
//
// Runs the engines as the worker thread does, on this thread: loading each script, highlighting
// a 300-line block (named language, then a guess), typesetting 20 different formulas and
// drawing them, with the resident memory each step adds.
//
//   bench_richtext [--runs 5]
#include "benchsupport.h"
#include "gui/richtext/scriptengines.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Sluice;

namespace {

QString pythonBlock(int lines)
{
    QString code;
    for (int i = 0; code.count(u'\n') < lines; ++i)
        code += QStringLiteral("def step_%1(items, limit=10):\n"
                               "    \"\"\"Keep the items under the limit.\"\"\"\n"
                               "    total = 0  # running sum\n"
                               "    for item in items:\n"
                               "        if item.size > limit and not item.hidden:\n"
                               "            total += item.size * %1\n"
                               "    return [x for x in items if x.size < total]\n\n"
                               "class Node%1(Base):\n    pass\n\n")
                    .arg(i);
    return code.section(u'\n', 0, lines - 1);
}

QStringList formulas(int salt)
{
    const QStringList base = {
        QStringLiteral("\\frac{a+%1}{b}"),
        QStringLiteral("e^{i\\pi} + %1 = 0"),
        QStringLiteral("\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{%1}"),
        QStringLiteral("\\sum_{n=1}^{\\infty} \\frac{%1}{n^2}"),
        QStringLiteral("\\begin{pmatrix} a & b \\\\ c & %1 \\end{pmatrix}"),
    };
    QStringList out;
    for (int i = 0; i < 20; ++i)
        out.append(base.at(i % base.size()).arg(salt * 100 + i));
    return out;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double ms(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Warm runs."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    parser.addOption(runsOpt);
    parser.process(app);
    const int runs = qMax(1, parser.value(runsOpt).toInt());
    if (!richTextScriptsAvailable()) {
        std::printf("built without the scripts (no Node.js/npm at build time)\n");
        return 1;
    }

    const double rss0 = Bench::residentMiB();
    HighlightEngine highlighter;
    QElapsedTimer t;
    t.start();
    highlighter.ensureLoaded();
    const double hlLoad = ms(t);
    const double rssHl = Bench::residentMiB();

    const QString code = pythonBlock(300);
    t.restart();
    const HighlightResult first = highlighter.highlight(code, QStringLiteral("python"));
    const double hlFirst = ms(t);
    std::vector<double> warm, guess;
    for (int i = 0; i < runs; ++i) {
        t.restart();
        highlighter.highlight(code, QStringLiteral("python"));
        warm.push_back(ms(t));
        t.restart();
        highlighter.highlight(code, QString());
        guess.push_back(ms(t));
    }
    const double rssHl2 = Bench::residentMiB();

    MathEngine typesetter;
    t.restart();
    typesetter.ensureLoaded();
    const double mjLoad = ms(t);
    const double rssMj = Bench::residentMiB();
    std::vector<double> typeset, draw;
    for (int r = 0; r <= runs; ++r) {
        const QStringList list = formulas(r);
        QList<TypesetResult> results;
        t.restart();
        for (const QString &f : list)
            results.append(typesetter.typeset(f, r % 2 == 1));
        typeset.push_back(ms(t));
        t.restart();
        for (const TypesetResult &res : std::as_const(results))
            renderMathImage(res, 7.5, 7.5, Qt::black, 2.0);
        draw.push_back(ms(t));
    }
    const double typesetFirst = typeset.front();
    typeset.erase(typeset.begin());
    const double rssMj2 = Bench::residentMiB();
    // What an idle window gives back (RichTextEngine unloads after IdleUnloadMs).
    t.restart();
    typesetter.unload();
    const double mjUnload = ms(t);
    const double rssMjGone = Bench::residentMiB();
    highlighter.unload();
    const double rssAllGone = Bench::residentMiB();

    std::printf("| step | time (ms) |\n|---|---|\n");
    std::printf("| load highlight.js (first use) | %.1f |\n", hlLoad);
    std::printf("| highlight 300 lines of Python, first call (%lld tokens) | %.1f |\n",
                qlonglong(first.tokens.size()), hlFirst);
    std::printf("| highlight 300 lines of Python, warm (median of %d) | %.1f |\n", runs,
                median(warm));
    std::printf("| highlight 300 lines, language guessed (median of %d) | %.1f |\n", runs,
                median(guess));
    std::printf("| load MathJax (first use) | %.1f |\n", mjLoad);
    std::printf("| typeset 20 formulas, first batch | %.1f |\n", typesetFirst);
    std::printf("| typeset 20 formulas, warm (median of %d) | %.1f |\n", runs, median(typeset));
    std::printf("| draw 20 formulas to images (SVG, 2x) (median) | %.1f |\n", median(draw));
    std::printf("| unload MathJax | %.1f |\n", mjUnload);
    std::printf("\n| memory (RSS, MiB) | |\n|---|---|\n");
    std::printf("| before | %.1f |\n| highlight.js loaded | %.1f |\n", rss0, rssHl);
    std::printf("| after highlighting | %.1f |\n| MathJax loaded | %.1f |\n", rssHl2, rssMj);
    std::printf("| after typesetting | %.1f |\n", rssMj2);
    std::printf("| MathJax unloaded (idle) | %.1f |\n| highlight.js unloaded too | %.1f |\n",
                rssMjGone, rssAllGone);
    return 0;
}
