// The rich text engines let go of their memory when idle (docs/rendering.md): after
// RichTextEngine::IdleUnloadMs without a job (on a ManualClock, no waiting) the worker thread
// frees highlight.js's and MathJax's engines, while replies already shown keep their colours and
// formulas from the cache: showing them again neither queues a job nor loads a script.
#include "gui/conversation/conversationview.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/richmarkdown.h"
#include "gui/richtext/richtextengine.h"
#include "manualclock.h"
#include "session/chatmodel.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace Sluice;
using Script = RichTextEngine::Script;

namespace {

int formulaImages(const QTextDocument *doc)
{
    int n = 0;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            n += f.isImageFormat() && f.hasProperty(RichText::TexSourceProperty) ? 1 : 0;
        }
    }
    return n;
}

int highlightedFragments(const QTextDocument *doc)
{
    int n = 0;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it)
            n += it.fragment().charFormat().hasProperty(RichText::CodeScopeProperty) ? 1 : 0;
    }
    return n;
}

} // namespace

class TestRichTextIdle final : public QObject
{
    Q_OBJECT

    Test::ManualClock m_clock; // before the engine exists: it reads this clock
    ChatModel *m_model = nullptr;
    ConversationView *m_view = nullptr;

    // Shows `content` as a finished reply, as a reader scrolling to it would (a new document);
    // with `wait`, until everything it asked for has arrived.
    const MarkdownLayout *show(const QString &content, bool wait = true)
    {
        m_view->messageDelegate()->clearCache();
        m_model->setMessages({});
        ConversationMessage m;
        m.role = QStringLiteral("assistant");
        m.content = content;
        m.state = MessageState::Complete;
        m_model->appendMessage(m);
        const QModelIndex index = m_model->index(0, 0);
        if (wait) {
            [&] {
                QTRY_VERIFY_WITH_TIMEOUT(
                    !m_view->messageDelegate()->contentLayout(index)->hasPendingRichText(), 30000);
            }();
        }
        return m_view->messageDelegate()->contentLayout(index);
    }

    static RichTextEngine *engine() { return RichTextEngine::instance(); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!richTextScriptsAvailable())
            QSKIP("built without Node.js/npm: no highlight.js or MathJax in this build");
        QVERIFY(!RichTextEngine::exists());
        m_model = new ChatModel(this);
        m_view = new ConversationView;
        m_view->resize(800, 600);
        m_view->setModel(m_model);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
    }

    void cleanupTestCase() { delete m_view; }

    void idleScriptsAreUnloadedAndShownRepliesStayRendered()
    {
        const QString reply = QStringLiteral("```python\ndef f(x):\n    return x + 1\n```\n\n"
                                             "So $\\frac{a}{b}$ holds.");
        const MarkdownLayout *layout = show(reply);
        QCOMPARE(formulaImages(layout->chunkDocument(0)), 1);
        QVERIFY(highlightedFragments(layout->chunkDocument(0)) > 0);
        QVERIFY(engine()->isLoaded(Script::Highlight));
        QVERIFY(engine()->isLoaded(Script::Math));

        QSignalSpy unloaded(engine(), &RichTextEngine::unloaded);
        m_clock.advance(RichTextEngine::IdleUnloadMs - 1);
        QCoreApplication::processEvents();
        QCOMPARE(unloaded.size(), 0);
        QVERIFY(engine()->isLoaded(Script::Math));

        m_clock.advance(1);
        QVERIFY(!engine()->isLoaded(Script::Highlight));
        QVERIFY(!engine()->isLoaded(Script::Math));
        // The worker thread says when it has freed them (one signal per script).
        QTRY_COMPARE_WITH_TIMEOUT(unloaded.size(), 2, 30000);

        // Scrolling back to the reply: drawn from the cache, nothing queued, nothing loaded.
        const quint64 generation = engine()->generation();
        const MarkdownLayout *again = show(reply, false);
        QVERIFY(!again->hasPendingRichText());
        QCOMPARE(engine()->pendingJobs(), 0);
        QCOMPARE(engine()->generation(), generation);
        QCOMPARE(formulaImages(again->chunkDocument(0)), 1);
        QVERIFY(highlightedFragments(again->chunkDocument(0)) > 0);
        QVERIFY(!engine()->isLoaded(Script::Math));
        QVERIFY(!engine()->isLoaded(Script::Highlight));
    }

    void aNewFormulaLoadsMathJaxAgain()
    {
        const MarkdownLayout *layout = show(QStringLiteral("Then $\\sqrt{x^2 + 1}$ follows."));
        QCOMPARE(formulaImages(layout->chunkDocument(0)), 1);
        QVERIFY(engine()->isLoaded(Script::Math));
        QVERIFY(!engine()->isLoaded(Script::Highlight)); // no code: highlight.js stays out
    }

    void aScriptWithAJobUnderWayIsNotUnloaded()
    {
        // The job's answer cannot come back before the event loop runs: it is under way.
        show(QStringLiteral("And $\\int_0^1 t\\,dt$ too."), false);
        QCOMPARE(engine()->pendingJobs(), 1);
        m_clock.advance(2 * RichTextEngine::IdleUnloadMs);
        QVERIFY(engine()->isLoaded(Script::Math));
        QTRY_COMPARE_WITH_TIMEOUT(engine()->pendingJobs(), 0, 30000);
        // Idle time counts from when the job came back.
        m_clock.advance(RichTextEngine::IdleUnloadMs - 1);
        QVERIFY(engine()->isLoaded(Script::Math));
        m_clock.advance(1);
        QVERIFY(!engine()->isLoaded(Script::Math));
    }
};

QTEST_MAIN(TestRichTextIdle)
#include "tst_richtextidle.moc"
