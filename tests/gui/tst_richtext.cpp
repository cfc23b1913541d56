// Highlighted code and typeset math (issue #22, docs/rendering.md): replies rendered in the
// real message view, light and dark, checked by the formats and images of their documents.
#include "gui/conversation/conversationview.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/richmarkdown.h"
#include "gui/richtext/codepalette.h"
#include "gui/richtext/richtextengine.h"
#include "gui/window/theme.h"
#include "session/chatmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace Sluice;

namespace {

struct Sample
{
    const char *fence;    // as written after ```
    const char *language; // what highlight.js reports
    const char *code;
};

// Each language the issue lists, with a line a model would write.
const Sample Samples[] = {
    {"python", "python", "def area(r):\n    return 3.14 * r ** 2  # circle"},
    {"javascript", "javascript", "const add = (a, b) => a + b;\nconsole.log(add(1, 2));"},
    {"typescript", "typescript", "interface P { x: number }\nlet p: P = { x: 1 };"},
    {"c", "c", "#include <stdio.h>\nint main(void) { return 0; }"},
    {"cpp", "cpp", "template <typename T> T twice(T x) { return x * 2; }"},
    {"csharp", "csharp", "public class A { public int X { get; set; } }"},
    {"java", "java", "public static void main(String[] args) { int x = 1; }"},
    {"go", "go", "package main\nfunc main() { fmt.Println(\"hi\") }"},
    {"rust", "rust", "fn main() { let v: Vec<i32> = vec![1, 2]; }"},
    {"kotlin", "kotlin", "fun main() { val x = listOf(1, 2) }"},
    {"swift", "swift", "func greet(name: String) -> String { return \"Hi\" }"},
    {"ruby", "ruby", "def hello\n  puts 'hi'\nend"},
    {"php", "php", "<?php\nfunction f($x) { return $x + 1; }"},
    {"bash", "bash", "for f in *.txt; do echo \"$f\"; done"},
    {"powershell", "powershell", "Get-ChildItem -Path C:\\ | Where-Object { $_.Length -gt 1 }"},
    {"sql", "sql", "SELECT name FROM users WHERE id = 1;"},
    {"html", "xml", "<div class=\"a\"><p>Hi</p></div>"},
    {"css", "css", "body { color: red; margin: 0 }"},
    {"json", "json", "{\"name\": \"x\", \"n\": 1, \"ok\": true}"},
    {"yaml", "yaml", "name: sluice\nversion: 1\nlist:\n  - a"},
    {"toml", "ini", "[package]\nname = \"sluice\"\nversion = 1"},
    {"markdown", "markdown", "# Title\n\nSome *emphasis* and `code`."},
    {"diff", "diff", "--- a/x\n+++ b/x\n-old\n+new"},
    {"dockerfile", "dockerfile", "FROM debian:12\nRUN apt-get update"},
    {"lua", "lua", "local function f(x)\n  return x + 1\nend"},
    {"r", "r", "x <- c(1, 2, 3)\nmean(x)"},
};

struct Rendered
{
    QSet<QString> scopes;      // of the code's characters
    QList<QColor> foregrounds; // of its highlighted characters
    QString language;          // CodeLanguageProperty of its first code block
};

Rendered inspect(const QTextDocument *doc)
{
    Rendered r;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        if (r.language.isEmpty())
            r.language = b.blockFormat().property(RichText::CodeLanguageProperty).toString();
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (!f.hasProperty(RichText::CodeScopeProperty))
                continue;
            r.scopes.insert(f.property(RichText::CodeScopeProperty).toString());
            r.foregrounds.append(f.foreground().color());
        }
    }
    return r;
}

QList<QTextImageFormat> formulaImages(const QTextDocument *doc)
{
    QList<QTextImageFormat> images;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.isImageFormat() && f.hasProperty(RichText::TexSourceProperty))
                images.append(f.toImageFormat());
        }
    }
    return images;
}

} // namespace

class TestRichText final : public QObject
{
    Q_OBJECT

    ChatModel *m_model = nullptr;
    ConversationView *m_view = nullptr;

    // Shows `content` as a finished reply and waits until the engine has delivered
    // everything it asked for; returns the reply's layout.
    const MarkdownLayout *reply(const QString &content, MessageState state = MessageState::Complete)
    {
        m_model->setMessages({});
        ConversationMessage m;
        m.role = QStringLiteral("assistant");
        m.content = content;
        m.state = state;
        m_model->appendMessage(m);
        const QModelIndex index = m_model->index(0, 0);
        const MarkdownLayout *layout = m_view->messageDelegate()->contentLayout(index);
        if (layout->hasPendingRichText() && state == MessageState::Complete) {
            // The worker thread highlights and typesets; the view renders again on arrival.
            [&] {
                QTRY_VERIFY_WITH_TIMEOUT(
                    !m_view->messageDelegate()->contentLayout(index)->hasPendingRichText(), 30000);
            }();
        }
        return m_view->messageDelegate()->contentLayout(index);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!richTextScriptsAvailable())
            QSKIP("built without Node.js/npm: no highlight.js or MathJax in this build");
        m_model = new ChatModel(this);
        m_view = new ConversationView;
        m_view->resize(800, 600);
        m_view->setModel(m_model);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
    }

    void cleanupTestCase() { delete m_view; }

    // First, before anything asks for it: plain text never starts the engine.
    void plainRepliesNeverStartTheEngine()
    {
        const MarkdownLayout *layout = reply(QStringLiteral("Just *words*, costs $5 and $10."));
        QVERIFY(!RichTextEngine::exists());
        QVERIFY(!layout->hasPendingRichText());
    }

    void formulasAreFoundBeforeMarkdown_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("formulas"); // TeX, "display:" before display ones
        QTest::newRow("inline dollars")
            << QStringLiteral("a $x^2$ b") << QStringList{QStringLiteral("x^2")};
        QTest::newRow("inline parens")
            << QStringLiteral("\\(a\\,b\\)") << QStringList{QStringLiteral("a\\,b")};
        QTest::newRow("display dollars") << QStringLiteral("$$\n\\sum x\n$$")
                                         << QStringList{QStringLiteral("display:\n\\sum x\n")};
        QTest::newRow("display brackets")
            << QStringLiteral("\\[y\\]") << QStringList{QStringLiteral("display:y")};
        QTest::newRow("dollar amounts") << QStringLiteral("costs $5 and $10") << QStringList{};
        QTest::newRow("amount then math")
            << QStringLiteral("$5, and $x$ is") << QStringList{QStringLiteral("x")};
        QTest::newRow("space after $") << QStringLiteral("$ x$") << QStringList{};
        QTest::newRow("escaped") << QStringLiteral("\\$x$") << QStringList{};
        QTest::newRow("code span") << QStringLiteral("`$x$` and ``$y$``") << QStringList{};
        QTest::newRow("fenced code")
            << QStringLiteral("```\n$x$\n```\n$y$") << QStringList{QStringLiteral("y")};
        QTest::newRow("no blank line inside") << QStringLiteral("$$a\n\nb$$") << QStringList{};
    }

    void formulasAreFoundBeforeMarkdown()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, formulas);
        const ExtractedMath m = extractMath(markdown);
        QStringList found;
        for (const MathSpan &s : m.spans)
            found.append((s.display ? QStringLiteral("display:") : QString()) + s.tex);
        QCOMPARE(found, formulas);
        if (formulas.isEmpty())
            QCOMPARE(m.text, markdown);
    }

    void everyListedLanguageIsHighlighted_data()
    {
        QTest::addColumn<QString>("fence");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("code");
        for (const Sample &s : Samples)
            QTest::newRow(s.fence)
                << QString::fromLatin1(s.fence) << QString::fromLatin1(s.language)
                << QString::fromLatin1(s.code);
    }

    void everyListedLanguageIsHighlighted()
    {
        QFETCH(QString, fence);
        QFETCH(QString, language);
        QFETCH(QString, code);
        const MarkdownLayout *layout =
            reply(QStringLiteral("Here:\n\n```%1\n%2\n```\n").arg(fence, code));
        const Rendered r = inspect(layout->chunkDocument(0));
        QCOMPARE(r.language, language);
        QVERIFY2(!r.scopes.isEmpty(), "no token of the code was coloured");
        // The code's text is untouched by highlighting.
        QCOMPARE(layout->codeBlocks().at(0).code, code);
    }

    void unknownLanguageIsGuessedOrPlain()
    {
        const MarkdownLayout *python = reply(QStringLiteral(
            "```\ndef greet(name):\n    \"\"\"Say hello.\"\"\"\n    return f\"Hello, {name}!\"\n\n"
            "class Greeter:\n    def __init__(self, name: str) -> None:\n        self.name = "
            "name\n```"));
        QCOMPARE(inspect(python->chunkDocument(0)).language, QStringLiteral("python"));
        const MarkdownLayout *cpp = reply(QStringLiteral(
            "```\n#include <iostream>\nint main() {\n    std::cout << \"hi\" << std::endl;\n"
            "    return 0;\n}\n```"));
        QCOMPARE(inspect(cpp->chunkDocument(0)).language, QStringLiteral("cpp"));

        const MarkdownLayout *plain =
            reply(QStringLiteral("```\nthe quick brown fox\njumps over the lazy dog\n```"));
        QVERIFY(inspect(plain->chunkDocument(0)).scopes.isEmpty());
        const MarkdownLayout *text = reply(QStringLiteral("```text\nif x then y\n```"));
        QVERIFY(inspect(text->chunkDocument(0)).scopes.isEmpty());
    }

    void coloursKeepAaContrastInLightAndDark_data()
    {
        QTest::addColumn<int>("theme");
        QTest::newRow("light") << int(Theme::Light);
        QTest::newRow("dark") << int(Theme::Dark);
    }

    void coloursKeepAaContrastInLightAndDark()
    {
        QFETCH(int, theme);
        applyTheme(Theme(theme));
        m_view->setPalette(QApplication::palette());
        m_view->messageDelegate()->clearCache();
        const MessageTheme look = MessageTheme::from(m_view->palette(), m_view->font());
        QCOMPARE(look.dark, Theme(theme) == Theme::Dark);
        QString all;
        for (const Sample &s : Samples)
            all += QStringLiteral("```%1\n%2\n```\n\n")
                       .arg(QString::fromLatin1(s.fence), QString::fromLatin1(s.code));
        const MarkdownLayout *layout = reply(all);
        int checked = 0;
        for (int i = 0; i < layout->chunkCount(); ++i) {
            for (const QColor &c : inspect(layout->chunkDocument(i)).foregrounds) {
                QVERIFY2(contrastRatio(c, look.codeBackground) >= MinimumContrast,
                         qPrintable(QStringLiteral("%1 on %2: %3")
                                        .arg(c.name(), look.codeBackground.name())
                                        .arg(contrastRatio(c, look.codeBackground))));
                ++checked;
            }
        }
        QVERIFY(checked > 50);
        // And every colour the palette has, not only those these samples use.
        const CodePalette palette =
            CodePalette::forBackground(look.codeBackground, look.text, look.dark);
        for (int i = 0; i < int(CodeScope::Count); ++i)
            QVERIFY(contrastRatio(palette.colors[i], look.codeBackground) >= MinimumContrast);
        applyTheme(Theme::Light);
        m_view->setPalette(QApplication::palette());
        m_view->messageDelegate()->clearCache();
    }

    void mathIsTypesetInEveryForm()
    {
        const MarkdownLayout *layout =
            reply(QStringLiteral("Inline $\\frac{a}{b}$ and \\(x\\,y\\), then display:\n\n"
                                 "$$\\int_0^1 x^2\\,dx = "
                                 "\\tfrac13$$\n\nand\n\n\\[\\sum_{n=1}^\\infty \\frac1{n^2}\\]\n"));
        const QTextDocument *doc = layout->chunkDocument(0);
        const QList<QTextImageFormat> images = formulaImages(doc);
        QCOMPARE(images.size(), 4);
        QStringList sources;
        for (const QTextImageFormat &f : images) {
            sources.append(f.property(RichText::TexSourceProperty).toString());
            const QImage image =
                doc->resource(QTextDocument::ImageResource, QUrl(f.name())).value<QImage>();
            QVERIFY(!image.isNull());
            QVERIFY(f.width() > 4 && f.height() > 4);
        }
        QCOMPARE(sources,
                 QStringList({QStringLiteral("$\\frac{a}{b}$"), QStringLiteral("\\(x\\,y\\)"),
                              QStringLiteral("$$\\int_0^1 x^2\\,dx = \\tfrac13$$"),
                              QStringLiteral("\\[\\sum_{n=1}^\\infty \\frac1{n^2}\\]")}));
        // A display formula stands centred in its own paragraph.
        int centred = 0;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
            centred += b.blockFormat().alignment() == Qt::AlignHCenter ? 1 : 0;
        QCOMPARE(centred, 2);
        // A display formula is taller than an inline one.
        QVERIFY(images.at(2).height() > images.at(1).height());
    }

    void copyingAReplyGivesTheTexSource()
    {
        reply(QStringLiteral("Area: $\\pi r^2$, with \\(r\\,>\\,0\\)."));
        QApplication::clipboard()->clear();
        m_view->copyMessage(0, false);
        QCOMPARE(QApplication::clipboard()->text(),
                 QStringLiteral("Area: $\\pi r^2$, with \\(r\\,>\\,0\\)."));
    }

    void dollarAmountsStayText()
    {
        const MarkdownLayout *layout =
            reply(QStringLiteral("It costs $5 and $10, or $ 20 in total."));
        QVERIFY(formulaImages(layout->chunkDocument(0)).isEmpty());
        QCOMPARE(layout->plainText(), QStringLiteral("It costs $5 and $10, or $ 20 in total."));
    }

    void aBrokenFormulaShowsItsSourceAndWhy()
    {
        const MarkdownLayout *layout = reply(QStringLiteral("Broken: $\\frac{a}{b$ here."));
        const QTextDocument *doc = layout->chunkDocument(0);
        QVERIFY(formulaImages(doc).isEmpty());
        QCOMPARE(layout->plainText(), QStringLiteral("Broken: $\\frac{a}{b$ here."));
        bool found = false;
        for (auto it = doc->begin().begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (!f.hasProperty(RichText::TexSourceProperty))
                continue;
            found = true;
            QCOMPARE(it.fragment().text(), QStringLiteral("$\\frac{a}{b$"));
            QVERIFY(f.fontFixedPitch());
            QVERIFY2(f.toolTip().contains(QStringLiteral("could not be typeset")) &&
                         f.toolTip().contains(QStringLiteral("brace"), Qt::CaseInsensitive),
                     qPrintable(f.toolTip()));
        }
        QVERIFY(found);
    }

    void backslashesInFormulasSurviveMarkdown()
    {
        // `\,` and `\\` are Markdown escapes outside a formula; inside they are TeX.
        const MarkdownLayout *layout =
            reply(QStringLiteral("$a\\,b$ and \\*not math\\* and `$x$` in code"));
        const QList<QTextImageFormat> images = formulaImages(layout->chunkDocument(0));
        QCOMPARE(images.size(), 1);
        QCOMPARE(images.at(0).property(RichText::TexSourceProperty).toString(),
                 QStringLiteral("$a\\,b$"));
        QVERIFY(layout->plainText().contains(QStringLiteral("*not math*")));
        QVERIFY(layout->plainText().contains(QStringLiteral("$x$")));
    }

    void anOpenCodeBlockStaysPlainUntilItsFenceCloses()
    {
        const QString open = QStringLiteral("Code:\n\n```python\ndef f(x):\n    return x\n");
        const MarkdownLayout *streaming = reply(open, MessageState::Streaming);
        QVERIFY(inspect(streaming->chunkDocument(0)).scopes.isEmpty());
        m_model->setContent(0, open + QStringLiteral("```\n"));
        m_model->setState(0, MessageState::Complete);
        const QModelIndex index = m_model->index(0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            inspect(m_view->messageDelegate()->contentLayout(index)->chunkDocument(0))
                .scopes.contains(QStringLiteral("keyword")),
            30000);
    }

    void scrollingBackNeverHighlightsAgain()
    {
        const QString text = QStringLiteral("```rust\nfn main() {}\n```\n\n$e^{i\\pi}$");
        reply(text);
        const quint64 generation = RichTextEngine::instance()->generation();
        // A new document for the same reply (as after the view's cache dropped it) finds
        // everything made: nothing is queued and nothing is waited for.
        m_view->messageDelegate()->clearCache();
        const MarkdownLayout *again =
            m_view->messageDelegate()->contentLayout(m_model->index(0, 0));
        QVERIFY(!again->hasPendingRichText());
        QCOMPARE(RichTextEngine::instance()->pendingJobs(), 0);
        QCOMPARE(RichTextEngine::instance()->generation(), generation);
        QCOMPARE(formulaImages(again->chunkDocument(0)).size(), 1);
    }
};

QTEST_MAIN(TestRichText)
#include "tst_richtext.moc"
