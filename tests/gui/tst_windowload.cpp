// The window during a cold model load, natively and through Ollama's /v1: the status bar shows
// "Loading model X… N s" until Ollama says the model is loaded, then "Waiting for first
// token… N s" counted from that moment; the limits, Stop and a server that is not Ollama.
// The server loads in real time; the watchdog's limits pass on a ManualClock, moved by hand.
#include "core/chat/chatclient.h"
#include "session/chatmodel.h"
#include "coldload.h"
#include "manualclock.h"
#include "gui/window/composer.h"
#include "gui/window/mainwindow.h"
#include "scriptedllm.h"
#include "windowtest.h"

#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

using namespace Sluice;
using namespace Sluice::GuiTest;

namespace {
const QString Model = QStringLiteral("llama3.2:3b");
}

class TestWindowLoad final : public WindowTest
{
    Q_OBJECT

private:
    // The server loads models in loadMs, then evaluates the prompt for silenceMs (-1: forever).
    void script(int loadMs, int silenceMs)
    {
        Script s;
        s.loadDelayMs = loadMs;
        s.silenceAfterLoadMs = silenceMs;
        m_server->setDefault(s);
        // Through /v1 the chat arrives before the load-only request that takes the script.
        Test::FakeLlmOptions &o = m_server->llm()->options();
        o.loadDelayMs = loadMs;
        o.silenceAfterLoadMs = silenceMs;
        o.tokenDelayMs = s.tokenDelayMs;
        o.reply = s.reply;
    }

    void openWindow(const QString &serverUrl, bool v1, Timeouts limits)
    {
        ProviderConfig p;
        p.id = QStringLiteral("local");
        p.name = QStringLiteral("Local");
        p.type = v1 ? ProviderType::OpenAI : ProviderType::Ollama;
        p.baseUrl = v1 ? serverUrl + u"/v1" : serverUrl;
        limits.connectMs = 3000;
        limits.idleMs = 3000;
        p.timeouts = limits;
        p.maxRetries = 2; // and still no retry during a load
        m_window = new MainWindow(m_client);
        m_window->resize(900, 600);
        m_window->setProviders({p}, p.id, Model);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    static Timeouts limits(qint64 firstTokenMs, qint64 loadMs)
    {
        Timeouts t;
        t.firstTokenMs = firstTokenMs;
        t.loadMs = loadMs;
        return t;
    }

    ChatModel *model() const { return m_window->currentConversation()->model(); }
    QString statusText() const
    {
        return m_window->findChild<QLabel *>(QStringLiteral("statusPhaseLabel"))->text();
    }
    QPushButton *sendButton() const
    {
        return m_window->findChild<QPushButton *>(QStringLiteral("sendButton"));
    }
    MessageState stateOf(int row) const
    {
        return row < model()->rowCount() ? model()->message(row).state : MessageState::Pending;
    }
    void send(const QString &text)
    {
        Composer *composer = m_window->composer();
        composer->setFocus();
        QTest::keyClicks(composer, text);
        QTest::keyClick(composer, Qt::Key_Return);
    }
    bool serverLoaded() const { return m_server->llm()->isLoaded(Model.toUtf8()); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_windowload"))); }
    void init() { QVERIFY(startServer()); }
    void cleanup() { tearDown(); }

    void apis_data() { Test::addApiRows(); }

    // Done-when 1, 4 and 6: a load longer than the first-token limit completes, and the status
    // bar changes from loading to waiting exactly when the server has loaded the model, with
    // the first-token clock starting from zero there.
    void phasesShowTheirTrueBoundary_data() { apis_data(); }
    void phasesShowTheirTrueBoundary()
    {
        QFETCH(bool, v1);
        Test::ManualClock clock;
        script(700, 500);
        openWindow(m_server->baseUrl(), v1, limits(1000, 10'000));
        send(QStringLiteral("wake up"));
        QTRY_VERIFY2_WITH_TIMEOUT(statusText().startsWith(u"Loading model llama3.2:3b… "),
                                  qPrintable(statusText()), 3000);
        QVERIFY(!serverLoaded()); // this side of the boundary: still loading
        QCOMPARE(stateOf(1), MessageState::Loading);
        clock.advance(1500); // the load outlasts the first-token limit
        QTRY_VERIFY2_WITH_TIMEOUT(statusText().startsWith(u"Waiting for first token… "),
                                  qPrintable(statusText()), 5000);
        QVERIFY(serverLoaded()); // the other side: loaded, and nothing sent yet
        QCOMPARE(statusText(), QStringLiteral("Waiting for first token… 0 s"));
        QVERIFY(model()->message(1).content.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(1), MessageState::Complete, 5000);
        // The load time as measured (in real time: at least the server's 0.7 s).
        const QRegularExpression loadTime(QStringLiteral("load (0\\.[7-9]|[1-9])"));
        QVERIFY2(statusText().contains(loadTime), qPrintable(statusText()));
        QCOMPARE(m_server->server().requestCount(Test::chatPathFor(v1)), 1);
    }

    // Done-when 2 and 4: the load limit ends the reply with a sentence naming it.
    void loadLimitSaysSo_data() { apis_data(); }
    void loadLimitSaysSo()
    {
        QFETCH(bool, v1);
        Test::ManualClock clock;
        script(6000, 0);
        openWindow(m_server->baseUrl(), v1, limits(60'000, 800));
        send(QStringLiteral("wake up"));
        QTRY_VERIFY_WITH_TIMEOUT(statusText().startsWith(u"Loading model"), 3000);
        clock.advance(799);
        QCOMPARE(stateOf(1), MessageState::Loading); // not before the limit
        clock.advance(1);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(1), MessageState::Stalled, 3000);
        const QString error = model()->message(1).errorText;
        QVERIFY2(
            error.contains(u"model \"llama3.2:3b\" was still loading after 0.8 s (load limit)"),
            qPrintable(error));
        QTRY_COMPARE(m_server->server().interruptedCount(Test::chatPathFor(v1)), 1);
        QTRY_COMPARE(m_server->server().interruptedCount("/api/generate"), 1);
        QCOMPARE(m_server->server().requestCount(Test::chatPathFor(v1)), 1); // not retried
    }

    // Done-when 3 and 4: loaded, then silent: the first-token limit from the end of the load.
    void silenceAfterTheLoad_data() { apis_data(); }
    void silenceAfterTheLoad()
    {
        QFETCH(bool, v1);
        Test::ManualClock clock;
        script(200, -1);
        openWindow(m_server->baseUrl(), v1, limits(800, 10'000));
        send(QStringLiteral("wake up"));
        QTRY_VERIFY_WITH_TIMEOUT(statusText().startsWith(u"Waiting for first token… "), 4000);
        QVERIFY(serverLoaded());
        clock.advance(799);
        QVERIFY(stateOf(1) != MessageState::Stalled); // not before the limit
        clock.advance(1);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(1), MessageState::Stalled, 4000);
        const QString error = model()->message(1).errorText;
        QVERIFY2(error.contains(u"(first-token limit)"), qPrintable(error));
        QVERIFY2(error.contains(u"model \"llama3.2:3b\" had loaded"), qPrintable(error));
    }

    // Done-when 5: a loaded model answers without a wait; a server that is not Ollama gets
    // no load-only request.
    void loadedModelPaysNoWait_data() { apis_data(); }
    void loadedModelPaysNoWait()
    {
        QFETCH(bool, v1);
        script(300, 0); // a cold load first; its length plays no part in the timing below
        openWindow(m_server->baseUrl(), v1, limits(5000, 10'000));
        send(QStringLiteral("wake up"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(1), MessageState::Complete, 5000);
        script(0, 0); // no unloading: the model stays loaded
        QVERIFY(serverLoaded());
        // A load now would take a minute: the reply within the wait below proves none happened.
        m_server->llm()->options().loadDelayFor.insert(Model.toUtf8(), 60'000);
        send(QStringLiteral("again"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(3), MessageState::Complete, 5000);
        QCOMPARE(model()->message(3).content, QStringLiteral("Hello! How can I help you today?"));
    }

    void notOllamaGetsNoLoadRequest()
    {
        Test::TestServer other;
        QVERIFY(other.listen());
        Test::FakeLlmOptions o;
        o.ollamaApi = false;
        Test::FakeLlm::install(other, o);
        openWindow(other.url().toString(), true, limits(5000, 10'000));
        send(QStringLiteral("hello"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(1), MessageState::Complete, 5000);
        send(QStringLiteral("again"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(3), MessageState::Complete, 5000);
        QCOMPARE(other.requestCount("/v1/chat/completions"), 2);
        QCOMPARE(other.requestCount("/api/generate"), 0);
        QCOMPARE(other.requestCount("/api/ps"), 0);
        QVERIFY(other.requestCount("/api/version") <= 1);
    }

    // Done-when 7: Stop during a load ends every request of the chat.
    void stopDuringLoadEndsBothRequests_data() { apis_data(); }
    void stopDuringLoadEndsBothRequests()
    {
        QFETCH(bool, v1);
        script(10'000, 0);
        openWindow(m_server->baseUrl(), v1, limits(60'000, 60'000));
        send(QStringLiteral("wake up"));
        QTRY_VERIFY_WITH_TIMEOUT(statusText().startsWith(u"Loading model"), 3000);
        QTRY_COMPARE(m_server->server().requestCount("/api/generate"), 1);
        QTest::mouseClick(sendButton(), Qt::LeftButton); // "Stop"
        QCOMPARE(stateOf(1), MessageState::Cancelled);
        QTRY_COMPARE(m_server->server().interruptedCount(Test::chatPathFor(v1)), 1);
        QTRY_COMPARE(m_server->server().interruptedCount("/api/generate"), 1);
        QVERIFY(!serverLoaded()); // the load was aborted
    }
};

QTEST_MAIN(TestWindowLoad)
#include "tst_windowload.moc"
