// What the model sees, in the window: the context meter under the message box, the question
// before sending a conversation over the model's context window (each of its choices), the
// mark on a reply whose prompt the server cut (the test server cuts as Ollama does) and the
// sampling parameters of the conversation settings dialog, disabled where the protocol has
// no such field.
#include "mainwindowtest.h"

#include "core/conversation/contextbudget.h"

#include <QDoubleSpinBox>
#include <QMessageBox>
#include <QTimer>

using namespace Sluice;
using namespace Sluice::GuiTest;

class TestContext final : public MainWindowTest
{
    Q_OBJECT

    QLabel *meter() const { return m_window->findChild<QLabel *>(QStringLiteral("contextMeter")); }

    void setContextSize(int tokens)
    {
        Conversation o = m_window->currentConversation()->options();
        o.settings.contextSize = tokens;
        m_window->currentConversation()->setOptions(o);
    }

    // A message of about 2,000 tokens, put in the box (typing it key by key would take long);
    // it is sent with the real send key.
    void putLongMessage()
    {
        composer()->setFocus();
        composer()->setPlainText(QStringLiteral("word ").repeated(1600));
    }

    // Answers the question that the send key brings up with the button named `button`.
    void answerWith(const QString &button)
    {
        QTimer::singleShot(0, this, [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), QStringLiteral("contextWarning"));
            QVERIFY2(box->informativeText().contains(QStringLiteral("would be sent")),
                     qPrintable(box->informativeText()));
            if (button.isEmpty()) {
                QTest::keyClick(box, Qt::Key_Escape);
                return;
            }
            auto *b = box->findChild<QPushButton *>(button);
            QVERIFY(b);
            QTest::mouseClick(b, Qt::LeftButton);
        });
    }

    // A chat of two exchanges ("turn0 word word …", "turn1 …", about 300 tokens each) sent
    // within an 8k window, the window then set to `window`.
    void sendTwoTurns(int window = 8192)
    {
        openWindow(m_server->baseUrl());
        setContextSize(8192);
        for (int turn = 0; turn < 2; ++turn) {
            composer()->setFocus();
            composer()->setPlainText(QStringLiteral("turn%1 ").arg(turn) +
                                     QStringLiteral("word ").repeated(300));
            QTest::keyClick(composer(), Qt::Key_Return);
            QTRY_COMPARE(model()->rowCount(), 2 * turn + 2);
            QTRY_COMPARE(stateOf(2 * turn + 1), MessageState::Complete);
        }
        if (window != 8192)
            setContextSize(window);
    }

    QJsonObject lastOptions() const
    {
        return m_server->chatRequests().constLast().value(u"options").toObject();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_context"))); }
    void init() { QVERIFY(startServer()); }
    void cleanup() { tearDown(); }

    void meterCountsTheDraftAgainstTheWindow()
    {
        openWindow(m_server->baseUrl());
        QTRY_VERIFY(meter() && meter()->isVisible());
        // Ollama without num_ctx: its default window.
        QTRY_COMPARE(meter()->text(), QStringLiteral("0 / 4k tokens"));
        composer()->setFocus();
        QTest::keyClicks(composer(), QStringLiteral("abcdefghijklmnop")); // 4 + 4 overhead
        QCOMPARE(meter()->text(), QStringLiteral("8 / 4k tokens"));
        QCOMPARE(meter()->accessibleName(), meter()->text()); // named as shown
        QVERIFY2(meter()->accessibleDescription().contains(QStringLiteral("Ollama's default")),
                 qPrintable(meter()->accessibleDescription()));
        setContextSize(8192);
        QTRY_COMPARE(meter()->text(), QStringLiteral("8 / 8k tokens"));
        putLongMessage();
        QVERIFY2(meter()->text().endsWith(QStringLiteral("over the window")) == false,
                 qPrintable(meter()->text()));
        setContextSize(1024);
        QTRY_VERIFY2(meter()->text().endsWith(QStringLiteral("— over the window")),
                     qPrintable(meter()->text()));
    }

    // After a reply the server's count replaces the estimate of what came before.
    void meterTakesTheServersCount()
    {
        openWindow(m_server->baseUrl());
        composer()->setFocus();
        composer()->setPlainText(QStringLiteral("word ").repeated(100));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        const ReplyStats stats = model()->message(1).stats;
        QVERIFY(stats.promptTokens > 0);
        QTRY_VERIFY2(meter()->accessibleDescription().contains(QStringLiteral("what the server counted")),
                     qPrintable(meter()->accessibleDescription()));
    }

    // Ollama v0.24's default window depends on the GPU (server/routes.go: 4096, 32768 or
    // 262144): once a reply has loaded the model, /api/ps says the real one and the meter
    // takes it.
    void meterTakesTheWindowTheModelIsLoadedWith()
    {
        m_server->llm()->options().ollamaContextLength = 32768;
        openWindow(m_server->baseUrl());
        QTRY_COMPARE(meter()->text(), QStringLiteral("0 / 4k tokens"));
        composer()->setFocus();
        QTest::keyClicks(composer(), QStringLiteral("Hello"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QTRY_VERIFY2(meter()->text().endsWith(QStringLiteral(" / 32k tokens")),
                     qPrintable(meter()->text()));
        QVERIFY2(meter()->accessibleDescription().contains(QStringLiteral("loaded with")),
                 qPrintable(meter()->accessibleDescription()));
    }

    // The chat names "tiny", the server lists "tiny:latest" (as a config file often says it,
    // and real Ollama answers to both): the meter still finds what the server said of it.
    void meterFindsTheModelByItsShortName()
    {
        m_server->llm()->options().ollamaContextLength = 32768;
        m_server->llm()->options().models = {"tiny:latest"};
        openWindow(m_server->baseUrl());
        m_window->currentConversation()->setModel(QStringLiteral("tiny"));
        QTRY_COMPARE(meter()->text(), QStringLiteral("0 / 4k tokens"));
        composer()->setFocus();
        QTest::keyClicks(composer(), QStringLiteral("Hello"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(m_server->chatRequests().constLast().value(u"model").toString(),
                 QStringLiteral("tiny"));
        QTRY_VERIFY2(meter()->text().endsWith(QStringLiteral(" / 32k tokens")),
                     qPrintable(meter()->text()));
    }

    void raiseTheContext()
    {
        openWindow(m_server->baseUrl());
        setContextSize(1024);
        putLongMessage();
        answerWith(QStringLiteral("raiseContextButton"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(lastOptions().value(u"num_ctx").toInt(), 4096);
        QCOMPARE(m_window->currentConversation()->options().settings.contextSize, 4096);
        QVERIFY(messageNote(model()->message(1)).isEmpty()); // it all fit
        QVERIFY(composer()->toPlainText().isEmpty());
    }

    // Sent anyway over a window the server keeps to: it cuts the prompt as Ollama does and
    // answers; the reply is marked in the thread.
    void sendAnywayAndTheReplyIsMarked()
    {
        openWindow(m_server->baseUrl());
        setContextSize(1024);
        putLongMessage();
        answerWith(QStringLiteral("sendAnywayButton"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
        QCOMPARE(lastOptions().value(u"num_ctx").toInt(), 1024);
        const ConversationMessage reply = model()->message(1);
        QCOMPARE(reply.stats.promptTokens, 1024);
        const QString note = messageNote(reply);
        QVERIFY2(note.startsWith(QStringLiteral("The model saw only the last %1 of ")
                                     .arg(QLocale().toString(1024))),
                 qPrintable(note));
        QVERIFY(redPixels(1) > 50); // shown as a card under the reply
    }

    // The oldest exchange is dropped: it stays in the thread, marked, and is not sent.
    void dropTheOldestMessages()
    {
        sendTwoTurns(1024);
        composer()->setPlainText(QStringLiteral("word ").repeated(320));
        answerWith(QStringLiteral("dropOldestButton"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(model()->rowCount(), 6);
        QTRY_COMPARE(stateOf(5), MessageState::Complete);
        QVERIFY(model()->message(0).stats.droppedFromContext);
        QVERIFY(model()->message(1).stats.droppedFromContext);
        QVERIFY(!model()->message(2).stats.droppedFromContext);
        const QJsonArray sent = m_server->chatRequests().constLast().value(u"messages").toArray();
        QCOMPARE(sent.size(), 3); // the second exchange and the new message
        QVERIFY(sent.at(0).toObject().value(u"content").toString().startsWith(u"turn1 "));
        QCOMPARE(droppedNote(), QStringLiteral("Not sent to the model: dropped to fit its "
                                               "context window"));
        QVERIFY2(meter()->text().endsWith(QStringLiteral("/ 1k tokens")), qPrintable(meter()->text()));
    }

    // The model summarises the conversation in parts that fit; a new chat starts from the
    // summary, with the same model and settings and the message still in the box.
    void newChatWithASummary()
    {
        sendTwoTurns();
        ConversationController *old = m_window->currentConversation();
        setContextSize(1024);
        const QString text = QStringLiteral("word ").repeated(320);
        composer()->setPlainText(text);
        const qsizetype before = m_server->chatRequests().size();
        answerWith(QStringLiteral("summarizeButton"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_VERIFY(m_window->currentConversation() != old);
        ConversationController *now = m_window->currentConversation();
        QCOMPARE(now->model()->rowCount(), 0);
        QVERIFY2(now->options().systemPrompt.endsWith(
                     QStringLiteral("Its summary:\nHello! How can I help you today?")),
                 qPrintable(now->options().systemPrompt));
        QCOMPARE(now->options().settings.contextSize, 1024);
        QCOMPARE(now->options().model, old->options().model);
        QCOMPARE(composer()->toPlainText(), text);
        QCOMPARE(old->model()->rowCount(), 4); // the old chat is as it was
        // Two parts, each within half the window; the second carries the first's summary.
        const QList<QJsonObject> requests = m_server->chatRequests().mid(before);
        QCOMPARE(requests.size(), 2);
        const auto userText = [](const QJsonObject &r) {
            return r.value(u"messages").toArray().at(1).toObject().value(u"content").toString();
        };
        QVERIFY(userText(requests.at(0)).contains(QStringLiteral("turn0")));
        QVERIFY(!userText(requests.at(0)).contains(QStringLiteral("turn1")));
        QVERIFY(userText(requests.at(1)).startsWith(QStringLiteral("Summary so far:")));
        QVERIFY(userText(requests.at(1)).contains(QStringLiteral("turn1")));
    }

    void dontSend()
    {
        openWindow(m_server->baseUrl());
        setContextSize(1024);
        putLongMessage();
        const QString text = composer()->toPlainText();
        answerWith({});
        QTest::keyClick(composer(), Qt::Key_Return);
        QCOMPARE(model()->rowCount(), 0);
        QCOMPARE(m_server->chatRequests().size(), 0);
        QCOMPARE(composer()->toPlainText(), text); // nothing lost
    }

    // Edit & Resend asks as sending does: what it would send is the messages before the
    // edited one and its new text. Not sent: nothing changes and the edit stays in the box;
    // dropping drops from the messages before it.
    void editAndResendIsCheckedToo()
    {
        sendTwoTurns(1024);
        const qsizetype before = m_server->chatRequests().size();
        click(part(2, MessageHit::Edit));
        QVERIFY(m_window->findChild<QWidget *>(QStringLiteral("editBanner"))->isVisible());
        composer()->setPlainText(QStringLiteral("turn1 edited ") +
                                 QStringLiteral("word ").repeated(600));
        bool summaryOffered = true;
        QTimer::singleShot(0, this, [&summaryOffered] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            summaryOffered = box->findChild<QPushButton *>(QStringLiteral("summarizeButton"));
            QTest::keyClick(box, Qt::Key_Escape);
        });
        QTest::keyClick(composer(), Qt::Key_Return);
        QVERIFY(!summaryOffered); // a summary of what the edit replaces is no help
        QCOMPARE(m_server->chatRequests().size(), before);
        QCOMPARE(model()->rowCount(), 4);
        QVERIFY(composer()->toPlainText().startsWith(QStringLiteral("turn1 edited ")));
        QVERIFY(m_window->findChild<QWidget *>(QStringLiteral("editBanner"))->isVisible());

        answerWith(QStringLiteral("dropOldestButton"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QTRY_COMPARE(m_server->chatRequests().size(), before + 1);
        QTRY_COMPARE(stateOf(3), MessageState::Complete);
        QVERIFY(model()->message(0).stats.droppedFromContext);
        const QJsonArray sent = m_server->chatRequests().constLast().value(u"messages").toArray();
        QCOMPARE(sent.size(), 1); // the first exchange dropped: only the edited question
        QVERIFY(sent.at(0).toObject().value(u"content").toString().startsWith(u"turn1 edited "));
    }

    // An edit that fits is sent at once, unasked.
    void aFittingEditIsNotAsked()
    {
        sendTwoTurns();
        click(part(2, MessageHit::Edit));
        QTest::keyClicks(composer(), QStringLiteral(" again"));
        QTest::keyClick(composer(), Qt::Key_Return);
        QVERIFY(!QApplication::activeModalWidget());
        QTRY_COMPARE(stateOf(3), MessageState::Complete);
        QVERIFY(model()->message(2).content.endsWith(QStringLiteral(" again")));
    }

    void aFittingConversationIsNotAsked()
    {
        openWindow(m_server->baseUrl());
        setContextSize(8192);
        putLongMessage();
        QTest::keyClick(composer(), Qt::Key_Return);
        QVERIFY(!QApplication::activeModalWidget());
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_COMPARE(stateOf(1), MessageState::Complete);
    }
};

QTEST_MAIN(TestContext)
#include "tst_context.moc"
