// Markdown rendering: safe (no HTML, no fetching), code blocks found, long text in pieces.
#include "gui/conversation/markdowndocument.h"
#include "gui/conversation/markdownlayout.h"

#include <QApplication>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace Sluice;

class TestMarkdown final : public QObject
{
    Q_OBJECT

private:
    static MarkdownStyle style() { return MarkdownStyle::fromFont(QApplication::font(), Qt::blue); }

private Q_SLOTS:

    // A long reply is laid out in pieces; it must look as one document would. A piece that
    // starts with a code block keeps the room for its header (it used to cover the last lines
    // of the piece above), and a reply that starts with code does not cover the line above it.
    void piecesStackAsOneDocument_data()
    {
        QTest::addColumn<QString>("text");
        QString parts;
        for (int i = 1; i <= 12; ++i)
            parts += QStringLiteral("## Part %1\n\n%2\n\n```python\nprint(%1)\n```\n\n"
                                    "- a point\n- another\n\n> a quote\n\n")
                         .arg(i)
                         .arg(QString(QStringLiteral("Words of prose. ")).repeated(40));
        QTest::newRow("headings, prose, code, lists, quotes") << parts;
        QTest::newRow("starting with code")
            << QStringLiteral("```python\nprint(0)\n```\n\n") + parts;
    }

    void piecesStackAsOneDocument()
    {
        QFETCH(QString, text);
        MarkdownLayout whole(style(), qsizetype(1) << 30);
        MarkdownLayout pieces(style(), 500);
        for (MarkdownLayout *layout : {&whole, &pieces}) {
            layout->setWidth(500);
            QVERIFY(layout->setText(text));
        }
        QCOMPARE(whole.chunkCount(), 1);
        QVERIFY(pieces.chunkCount() > 6);
        int startingWithCode = 0;
        for (int c = 1; c < pieces.chunkCount(); ++c)
            startingWithCode += pieces.chunkSource(c).startsWith(QStringLiteral("```")) ? 1 : 0;
        QVERIFY(startingWithCode > 3);

        // Each piece's height is rounded up to a whole pixel: that much may add up.
        const qreal slack = pieces.chunkCount();
        QCOMPARE(pieces.codeBlocks().size(), whole.codeBlocks().size());
        for (qsizetype i = 0; i < whole.codeBlocks().size(); ++i) {
            const QRectF a = whole.codeBlocks().at(i).header;
            const QRectF b = pieces.codeBlocks().at(i).header;
            QVERIFY2(qAbs(a.top() - b.top()) <= slack,
                     qPrintable(QStringLiteral("code block %1: header at %2 in one document, %3 "
                                               "in pieces")
                                    .arg(i)
                                    .arg(a.top())
                                    .arg(b.top())));
            QVERIFY(a.top() >= 0);
        }
        QCOMPARE(pieces.quoteBars().size(), whole.quoteBars().size());
        for (qsizetype i = 0; i < whole.quoteBars().size(); ++i)
            QVERIFY(qAbs(whole.quoteBars().at(i).top() - pieces.quoteBars().at(i).top()) <= slack);
        QVERIFY2(qAbs(whole.height() - pieces.height()) <= slack,
                 qPrintable(QStringLiteral("%1 vs %2").arg(whole.height()).arg(pieces.height())));
    }

    void rawHtmlStaysText()
    {
        const RenderedMarkdown r = renderMarkdown(
            QStringLiteral("Hi <b>bold</b> <script>alert(1)</script>\n\n<div>block</div>"),
            style());
        const QString text = r.document->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("<b>bold</b>")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("<script>alert(1)</script>")));
        QVERIFY(text.contains(QStringLiteral("<div>block</div>")));
    }

    void imagesBecomeLinksAndNothingIsLoaded()
    {
        const RenderedMarkdown r = renderMarkdown(
            QStringLiteral("![cat](https://example.com/cat.png) and ![x](file:///etc/hosts)"),
            style());
        const QString text = r.document->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("[image: https://example.com/cat.png]")),
                 qPrintable(text));
        QVERIFY(!text.contains(QChar::ObjectReplacementCharacter));
        QVERIFY(
            !r.document
                 ->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("file:///etc/hosts")))
                 .isValid());
    }

    void findsCodeBlocks()
    {
        const RenderedMarkdown r = renderMarkdown(
            QStringLiteral("Text\n\n```python\nprint(1)\n\nprint(2)\n```\n\nmore\n\n```\nx\n```"),
            style());
        QCOMPARE(r.codeBlocks.size(), 2);
        QCOMPARE(r.codeBlocks.at(0).language, QStringLiteral("python"));
        QCOMPARE(r.codeBlocks.at(0).code, QStringLiteral("print(1)\n\nprint(2)"));
        QCOMPARE(r.codeBlocks.at(1).code, QStringLiteral("x"));
        const QTextBlock code = r.document->findBlockByNumber(r.codeBlocks.at(0).firstBlock);
        QVERIFY(
            QFontInfo(code.charFormat().font()).fixedPitch() ||
            code.charFormat().fontFamilies().toStringList().contains(style().codeFont.family()));
    }

    void chunkCutsAreStableWhileTextGrows()
    {
        QString text;
        for (int i = 0; i < 400; ++i) {
            text += QStringLiteral("Paragraph %1 has some words in it.\n\n").arg(i);
            if (i % 50 == 0)
                text += QStringLiteral("```\ncode line\n\nstill code\n```\n\n- a\n\n- b\n\n");
        }
        const QList<MarkdownCut> full = markdownCuts(text, 500);
        QVERIFY(full.size() > 5);
        for (const MarkdownCut &cut : full) {
            // Never inside a fence, never before a list item.
            QVERIFY(cut.reopenFence.isEmpty());
            QVERIFY(text.at(cut.pos) != u'-');
            QVERIFY(!text.left(cut.pos).endsWith(QStringLiteral("code line\n\n")));
        }
        for (qsizetype n = 0; n <= text.size(); n += 97) {
            const QList<MarkdownCut> prefix = markdownCuts(QStringView(text).left(n), 500);
            for (int i = 0; i < prefix.size(); ++i)
                QCOMPARE(prefix.at(i), full.at(i));
        }
    }

    void aBurstRendersWithinItsBudgetAndCatchesUp()
    {
        QString text;
        for (int i = 0; i < 200; ++i)
            text += QStringLiteral("Paragraph %1 with **some** words and `code`.\n\n").arg(i);
        MarkdownLayout layout(style(), 400);
        layout.setWidth(500);
        // A zero budget renders one piece per call: the burst is spread over many turns.
        QVERIFY(!layout.setText(text, 0));
        QCOMPARE(layout.renderCount(), 1);
        QVERIFY(!layout.isComplete());
        QVERIFY(layout.plainText().contains(QStringLiteral("Paragraph 0")));
        QVERIFY(!layout.plainText().contains(QStringLiteral("Paragraph 199")));
        int calls = 1;
        while (!layout.setText(text, 0))
            ++calls;
        QVERIFY(calls > 5);
        QVERIFY(layout.isComplete());
        QVERIFY(layout.plainText().contains(QStringLiteral("Paragraph 199")));
        const int renders = layout.renderCount();
        QVERIFY(layout.setText(text, 0)); // nothing left to do
        QCOMPARE(layout.renderCount(), renders);
    }

    void hugeParagraphsAndCodeAreCutToo()
    {
        const QString words = QString(QStringLiteral("word ")).repeated(2000); // 10 000 chars
        const QList<MarkdownCut> inLine = markdownCuts(words, 500);
        QVERIFY(inLine.size() >= 2);
        for (const MarkdownCut &cut : inLine)
            QCOMPARE(words.at(cut.pos - 1), u' ');
        QString code = QStringLiteral("Intro\n\n```python\n");
        for (int i = 0; i < 600; ++i)
            code += QStringLiteral("print(%1)\n").arg(i);
        code += QStringLiteral("```\n");
        const QList<MarkdownCut> inCode = markdownCuts(code, 500);
        QVERIFY(!inCode.isEmpty());
        QCOMPARE(inCode.first().reopenFence, QStringLiteral("```python"));
        MarkdownLayout layout(style(), 500);
        layout.setWidth(600);
        layout.setText(code);
        QVERIFY(layout.chunkCount() > 1);
        QVERIFY(layout.codeBlocks().size() == layout.chunkCount()); // every piece is code
        QVERIFY(layout.plainText().contains(QStringLiteral("print(599)")));
    }

    void growingTextRendersOnlyItsTail()
    {
        MarkdownLayout layout(style(), 400);
        layout.setWidth(500);
        QString text;
        int appended = 0;
        for (int i = 0; i < 300; ++i) {
            text += QStringLiteral("Sentence number %1 goes here.").arg(i);
            text += i % 5 == 4 ? QStringLiteral("\n\n") : QStringLiteral(" ");
            layout.setText(text);
            ++appended;
        }
        QVERIFY(layout.chunkCount() > 5);
        // Each update re-rendered the last piece, plus once for every new piece.
        QVERIFY2(layout.renderCount() <= appended + layout.chunkCount(),
                 qPrintable(QString::number(layout.renderCount())));
        QVERIFY(layout.height() > 0);
        QVERIFY(layout.plainText().contains(QStringLiteral("Sentence number 299")));
    }
};

QTEST_MAIN(TestMarkdown)
#include "tst_markdown.moc"
