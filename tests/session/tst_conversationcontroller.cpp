// ConversationController against a scripted Ollama: requests, partial text, Retry, Continue,
// edit & resend, and what a persistence sink is told.
#include "core/chat/chatclient.h"
#include "scriptedllm.h"
#include "session/conversationcontroller.h"
#include "session/conversationsink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Sluice;
using namespace Sluice::GuiTest;

namespace {

struct RecordingSink final : ConversationSink
{
    QStringList log;
    QString streamed;
    void optionsChanged(const Conversation &o) override
    {
        log << QStringLiteral("options:") + o.model;
    }
    void userMessageAdded(int row, const ConversationMessage &m) override
    {
        log << QStringLiteral("user:%1:%2").arg(row).arg(m.content);
    }
    void replyStarted(int row, const ConversationMessage &, bool continuing) override
    {
        log << QStringLiteral("started:%1:%2").arg(row).arg(continuing);
    }
    void replyProgress(int, QStringView content, QStringView thinking) override
    {
        streamed += content;
        streamed += thinking;
    }
    void replyEnded(int row, const ConversationMessage &m) override
    {
        log << QStringLiteral("ended:%1:%2").arg(row).arg(messageStateName(m.state));
    }
    void messageEdited(int row, const ConversationMessage &m) override
    {
        log << QStringLiteral("edited:%1:%2").arg(row).arg(m.content);
    }
    void messagesRemoved(int first, int count) override
    {
        log << QStringLiteral("removed:%1:%2").arg(first).arg(count);
    }
    void messagesDetached(int first, int count) override
    {
        log << QStringLiteral("detached:%1:%2").arg(first).arg(count);
    }
};

QJsonArray messagesOf(const QJsonObject &body)
{
    return body.value(u"messages").toArray();
}

} // namespace

class TestConversationController final : public QObject
{
    Q_OBJECT

private:
    ScriptedLlm *m_server = nullptr;
    ChatClient *m_client = nullptr;

    std::unique_ptr<ConversationController> make(RecordingSink *sink = nullptr)
    {
        auto c = std::make_unique<ConversationController>(m_client);
        c->setSink(sink);
        ProviderConfig p;
        p.id = QStringLiteral("ollama");
        p.baseUrl = m_server->baseUrl();
        p.timeouts.idleMs = 400;
        p.timeouts.firstTokenMs = 3000;
        p.maxRetries = 0;
        c->setProvider(p);
        c->setModel(QStringLiteral("llama3.2:3b"));
        return c;
    }

    static bool waitIdle(ConversationController *c, int ms = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (c->isBusy() && t.elapsed() < ms)
            QTest::qWait(5);
        return !c->isBusy();
    }

private Q_SLOTS:
    void init()
    {
        m_server = new ScriptedLlm(this);
        QVERIFY(m_server->listen());
        m_client = new ChatClient(this);
    }
    void cleanup()
    {
        delete m_client;
        delete m_server;
    }

    void sendsHistorySystemPromptAndOptions()
    {
        RecordingSink sink;
        auto c = make(&sink);
        Conversation o = c->options();
        o.systemPrompt = QStringLiteral("Be brief.");
        o.settings.temperature = 0.3;
        o.settings.contextSize = 8192;
        o.settings.maxTokens = 100;
        o.settings.think = QStringLiteral("false");
        c->setOptions(o);
        QSignalSpy busy(c.get(), &ConversationController::busyChanged);
        QCOMPARE(c->send(QStringLiteral("Hi there")), ConversationController::SendResult::Sent);
        QVERIFY(c->isBusy());
        QCOMPARE(c->send(QStringLiteral("again")), ConversationController::SendResult::Busy);
        QVERIFY(waitIdle(c.get()));
        QCOMPARE(busy.count(), 2);
        QCOMPARE(c->model()->rowCount(), 2);
        const ConversationMessage &reply = c->model()->message(1);
        QCOMPARE(reply.state, MessageState::Complete);
        QCOMPARE(reply.content, QStringLiteral("Hello! How can I help you today?"));
        QVERIFY(reply.stats.outputTokens > 0);
        QCOMPARE(c->title(), QStringLiteral("Hi there"));

        const QJsonObject body = m_server->chatRequests().at(0);
        const QJsonArray msgs = body.value(u"messages").toArray();
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs.at(0)[u"role"].toString(), QStringLiteral("system"));
        QCOMPARE(msgs.at(0)[u"content"].toString(), QStringLiteral("Be brief."));
        QCOMPARE(msgs.at(1)[u"content"].toString(), QStringLiteral("Hi there"));
        const QJsonObject opts = body.value(u"options").toObject();
        QCOMPARE(opts.value(u"temperature").toDouble(), 0.3);
        QCOMPARE(opts.value(u"num_ctx").toInt(), 8192);
        QCOMPARE(opts.value(u"num_predict").toInt(), 100);
        QCOMPARE(body.value(u"think").toBool(true), false);

        QCOMPARE(sink.log.mid(sink.log.size() - 3),
                 (QStringList{QStringLiteral("user:0:Hi there"), QStringLiteral("started:1:0"),
                              QStringLiteral("ended:1:complete")}));
        QCOMPARE(sink.streamed, reply.content);
    }

    void refusesWithoutModelAndKeepsNothing()
    {
        auto c = make();
        c->setModel({});
        QCOMPARE(c->send(QStringLiteral("x")), ConversationController::SendResult::NoModel);
        QCOMPARE(c->send(QStringLiteral("  ")), ConversationController::SendResult::Empty);
        QCOMPARE(c->model()->rowCount(), 0);
    }

    void stallKeepsPartialTextThenRetryAndContinue()
    {
        RecordingSink sink;
        auto c = make(&sink);
        Script stall;
        stall.reply = (QStringLiteral("One two three four five")).toUtf8();
        stall.fault = Test::FakeLlmFault::Stall;
        stall.faultAfterTokens = 3;
        m_server->enqueue(stall);
        c->send(QStringLiteral("Count"));
        QVERIFY(waitIdle(c.get()));
        const ConversationMessage stalled = c->model()->message(1);
        QCOMPARE(stalled.state, MessageState::Stalled);
        QCOMPARE(stalled.content, QStringLiteral("One two thre")); // three 4-character tokens
        QVERIFY2(!stalled.errorText.isEmpty() && stalled.errorText.at(0).isUpper(),
                 qPrintable(stalled.errorText));
        QVERIFY(c->canRetry(1));
        QVERIFY(c->canContinue(1));

        // Continue: the partial reply goes back as the assistant's, and the rest is appended.
        Script rest;
        rest.reply = QByteArrayLiteral("e four five");
        m_server->enqueue(rest);
        QVERIFY(c->continueReply(1));
        QVERIFY(waitIdle(c.get()));
        QCOMPARE(c->model()->rowCount(), 2);
        QCOMPARE(c->model()->message(1).content, QStringLiteral("One two three four five"));
        QCOMPARE(c->model()->message(1).state, MessageState::Complete);
        const QJsonArray sent = messagesOf(m_server->chatRequests().at(1));
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent.at(1)[u"role"].toString(), QStringLiteral("assistant"));
        QCOMPARE(sent.at(1)[u"content"].toString(), QStringLiteral("One two thre"));
        QCOMPARE(sent.at(2)[u"content"].toString(), ConversationController::continuePrompt());
        QVERIFY(sink.log.contains(QStringLiteral("started:1:1")));

        // Retry starts over in a new version: the one that said something is kept (detached,
        // not removed).
        QVERIFY(c->retry(1));
        QVERIFY(waitIdle(c.get()));
        QCOMPARE(c->model()->rowCount(), 2);
        QCOMPARE(c->model()->message(1).content,
                 QStringLiteral("Hello! How can I help you today?"));
        QCOMPARE(messagesOf(m_server->chatRequests().at(2)).size(), 1);
        QVERIFY(sink.log.contains(QStringLiteral("detached:1:1")));
        QVERIFY(!sink.log.contains(QStringLiteral("removed:1:1")));
    }

    void stopKeepsPartialTextAsCancelled()
    {
        auto c = make();
        Script slow;
        slow.reply = (QStringLiteral("a b c d e f g h i j k l m n o p")).toUtf8();
        slow.tokenDelayMs = 40;
        m_server->enqueue(slow);
        c->send(QStringLiteral("go"));
        QTRY_VERIFY(c->model()->message(1).content.size() >= 3);
        c->stop();
        QVERIFY(!c->isBusy());
        const ConversationMessage &m = c->model()->message(1);
        QCOMPARE(m.state, MessageState::Cancelled);
        QVERIFY(!m.content.isEmpty());
        QVERIFY(m.content.size() < 31);
        QVERIFY(c->canContinue(1));
    }

    void editAndResendStartsANewVersion()
    {
        RecordingSink sink;
        auto c = make(&sink);
        c->send(QStringLiteral("first"));
        QVERIFY(waitIdle(c.get()));
        c->send(QStringLiteral("second"));
        QVERIFY(waitIdle(c.get()));
        QCOMPARE(c->model()->rowCount(), 4);
        QVERIFY(c->editAndResend(0, QStringLiteral("first, edited")));
        QVERIFY(waitIdle(c.get()));
        QCOMPARE(c->model()->rowCount(), 2);
        QCOMPARE(c->model()->message(0).content, QStringLiteral("first, edited"));
        QCOMPARE(c->title(), QStringLiteral("first, edited"));
        const QJsonArray sent = messagesOf(m_server->chatRequests().last());
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.at(0)[u"content"].toString(), QStringLiteral("first, edited"));
        // The old question and all after it leave the window as the other version; the edited
        // one is a new user message.
        QVERIFY(sink.log.contains(QStringLiteral("detached:0:4")));
        QVERIFY(sink.log.contains(QStringLiteral("user:0:first, edited")));
        QVERIFY(!sink.log.contains(QStringLiteral("removed:1:3")));
    }

    void regenerateAndDelete()
    {
        auto c = make();
        c->send(QStringLiteral("q"));
        QVERIFY(waitIdle(c.get()));
        QVERIFY(c->canRegenerate());
        Script other;
        other.reply = (QStringLiteral("Another answer")).toUtf8();
        m_server->enqueue(other);
        QVERIFY(c->regenerate());
        QVERIFY(waitIdle(c.get()));
        QCOMPARE(c->model()->rowCount(), 2);
        QCOMPARE(c->model()->message(1).content, QStringLiteral("Another answer"));
        QVERIFY(c->deleteMessage(1));
        QCOMPARE(c->model()->rowCount(), 1);
        QVERIFY(!c->canRegenerate());
    }

    void httpErrorBecomesAFailedReplyWithASentence()
    {
        auto c = make();
        Script err;
        err.httpStatus = 404;
        err.errorBody = R"({"error":"model 'nope' not found"})";
        m_server->enqueue(err);
        c->send(QStringLiteral("q"));
        QVERIFY(waitIdle(c.get()));
        const ConversationMessage &m = c->model()->message(1);
        QCOMPARE(m.state, MessageState::Failed);
        QVERIFY2(m.errorText.contains(QStringLiteral("not found")), qPrintable(m.errorText));
        QVERIFY(m.errorText.endsWith(u'.'));
        QVERIFY(c->canRetry(1));
        QVERIFY(!c->canContinue(1)); // nothing to continue from
    }

    void sendingAgainReplacesAnUnansweredTurn()
    {
        RecordingSink sink;
        auto c = make(&sink);
        Script err;
        err.httpStatus = 404;
        err.errorBody = R"({"error":"model 'nope' not found"})";
        m_server->enqueue(err);
        QCOMPARE(c->unansweredRow(), -1);
        c->send(QStringLiteral("q"));
        QCOMPARE(c->unansweredRow(), -1); // not while the reply runs
        QVERIFY(waitIdle(c.get()));
        QCOMPARE(c->unansweredRow(), 0);
        sink.log.clear();
        QCOMPARE(c->send(QStringLiteral("q, fixed"), 0), ConversationController::SendResult::Sent);
        QCOMPARE(sink.log.first(), QStringLiteral("removed:0:2"));
        QCOMPARE(c->model()->rowCount(), 2);
        QCOMPARE(c->model()->message(0).content, QStringLiteral("q, fixed"));
        QVERIFY(waitIdle(c.get()));
        QCOMPARE(c->model()->message(1).state, MessageState::Complete);
        QCOMPARE(c->unansweredRow(), -1); // answered
        // A row that is not the unanswered one is not removed.
        QCOMPARE(c->send(QStringLiteral("more"), 0), ConversationController::SendResult::Sent);
        QCOMPARE(c->model()->rowCount(), 4);
        QVERIFY(waitIdle(c.get()));
    }

    void loadMarksRunningRepliesInterrupted()
    {
        auto c = make();
        ConversationMessage u;
        u.role = QStringLiteral("user");
        u.content = QStringLiteral("hi");
        ConversationMessage a;
        a.role = QStringLiteral("assistant");
        a.content = QStringLiteral("half");
        a.state = MessageState::Streaming;
        Conversation o;
        o.model = QStringLiteral("m");
        c->load(o, {u, a});
        QCOMPARE(c->model()->message(1).state, MessageState::Interrupted);
        QVERIFY(c->canContinue(1));
        QCOMPARE(c->title(), QStringLiteral("hi"));
    }

    void thinkingThenAnswer()
    {
        auto c = make();
        Script s;
        s.thinking = (QStringLiteral("Let me think about this.")).toUtf8();
        s.reply = (QStringLiteral("The answer.")).toUtf8();
        s.tokenDelayMs = 15;
        m_server->enqueue(s);
        c->send(QStringLiteral("?"));
        QVERIFY(waitIdle(c.get()));
        const ConversationMessage &m = c->model()->message(1);
        QCOMPARE(m.thinking, QStringLiteral("Let me think about this."));
        QCOMPARE(m.content, QStringLiteral("The answer."));
        QVERIFY(m.thinkingMs >= 0);
    }
};

QTEST_GUILESS_MAIN(TestConversationController)
#include "tst_conversationcontroller.moc"
