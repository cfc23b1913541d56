// ServerRequest, the life cycle every request shares: one terminal signal whatever happens
// after it, limits and network failures as sentences, and no API key in any of them. Against
// the loopback test server; the limits are a few hundred milliseconds.
#include "core/net/requestutil.h"
#include "core/net/serverrequest.h"
#include "core/protocol/protocol.h"
#include "testserver.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

constexpr auto Key = "sk-test-0123456789abcdef";

// The smallest request there is: one GET whose 2xx body is the answer.
class GetRequest final : public ServerRequest
{
    Q_OBJECT
public:
    GetRequest(QNetworkAccessManager *nam, const ProviderConfig &config, const Timeouts &limits)
        : ServerRequest(nam, config, limits, config.type, nullptr),
          m_protocol(createProtocol(config.type))
    {
        connect(this, &ServerRequest::failed, this, [this](const ChatError &e) {
            ++terminals;
            failures.append(e);
        });
        connect(this, &GetRequest::answered, this, [this] { ++terminals; });
    }
    void get(const QUrl &url)
    {
        m_root = url.adjusted(QUrl::RemovePath);
        send(Verb::Get, buildRequest(url, config(), *m_protocol, "application/json"));
    }
    // For the test: a second end must change nothing.
    void failAgain()
    {
        ChatError late;
        late.kind = ChatError::Kind::Protocol;
        late.message = QStringLiteral("late");
        fail(late);
    }
    bool settleAgain() { return settle(); }

    int terminals = 0;
    QList<ChatError> failures;
    QByteArray body;

Q_SIGNALS:
    void answered();

private:
    void onErrorAnswer() override { fail(answerError(*m_protocol, m_root, QString())); }
    void onComplete() override
    {
        const QByteArray all = reply()->readAll();
        if (!settle())
            return;
        body = all;
        Q_EMIT answered();
    }

    std::unique_ptr<Protocol> m_protocol;
    QUrl m_root;
};

ProviderConfig provider(const QUrl &base, const QString &key = {})
{
    ProviderConfig c;
    c.id = QStringLiteral("test");
    c.type = ProviderType::OpenAI;
    c.baseUrl = base.toString();
    c.apiKey = key;
    return c;
}

Timeouts limits(qint64 firstTokenMs, qint64 totalMs = 0)
{
    Timeouts t;
    t.connectMs = 2000;
    t.firstTokenMs = firstTokenMs;
    t.loadMs = 0;
    t.idleMs = 0;
    t.totalMs = totalMs;
    return t;
}

} // namespace

class TestServerRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answerIsTheOnlyTerminalSignal()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("GET", "/v1/models").json("{\"data\":[]}");
        QNetworkAccessManager nam;
        GetRequest request(&nam, provider(server.url()), limits(2000));
        request.get(server.url(u"/v1/models"));
        QTRY_COMPARE(request.terminals, 1);
        QCOMPARE(request.body, QByteArray("{\"data\":[]}"));
        QVERIFY(!request.isRunning());
        QCOMPARE(request.watchdog()->phase(), StallWatchdog::Phase::Stopped);
        // Whatever comes after the end says nothing.
        request.cancel();
        request.failAgain();
        QVERIFY(!request.settleAgain());
        QCOMPARE(request.terminals, 1);
        QVERIFY(request.failures.isEmpty());
    }

    void failureIsTheOnlyTerminalSignal()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("GET", "/v1/models").stallBeforeHeaders();
        QNetworkAccessManager nam;
        GetRequest request(&nam, provider(server.url()), limits(2000));
        request.get(server.url(u"/v1/models"));
        QTRY_COMPARE(server.requestCount("/v1/models"), 1);
        request.cancel();
        QCOMPARE(request.terminals, 1);
        QCOMPARE(request.failures.value(0).kind, ChatError::Kind::Cancelled);
        QCOMPARE(request.failures.value(0).message, u"cancelled");
        QCOMPARE(request.watchdog()->phase(), StallWatchdog::Phase::Stopped);
        request.cancel();
        request.failAgain();
        QVERIFY(!request.settleAgain());
        QCOMPARE(request.terminals, 1);
        QCOMPARE(request.error().kind, ChatError::Kind::Cancelled);
        // The connection is closed, so the server sees the client go.
        QTRY_COMPARE(server.openConnections(), 0);
    }

    void deletedWhileRunningSaysNothing()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("GET", "/v1/models").stallBeforeHeaders();
        QNetworkAccessManager nam;
        auto *request = new GetRequest(&nam, provider(server.url()), limits(2000));
        int emitted = 0;
        connect(request, &ServerRequest::failed, this, [&emitted] { ++emitted; });
        request->get(server.url(u"/v1/models"));
        QTRY_COMPARE(server.requestCount("/v1/models"), 1);
        delete request;
        QTRY_COMPARE(server.openConnections(), 0);
        QCOMPARE(emitted, 0);
    }

    void limitsBecomeSentences()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("GET", "/v1/models").stallBeforeHeaders();
        QNetworkAccessManager nam;
        {
            GetRequest request(&nam, provider(server.url()), limits(200));
            request.get(server.url(u"/v1/models"));
            QTRY_COMPARE(request.terminals, 1);
            QCOMPARE(request.error().kind, ChatError::Kind::Stalled);
            QVERIFY2(request.error().message.startsWith(
                         QStringLiteral("stalled: no answer from http://127.0.0.1:%1 after ")
                             .arg(server.port())) &&
                         request.error().message.endsWith(u"(first-token limit)"),
                     qPrintable(request.error().message));
        }
        {
            GetRequest request(&nam, provider(server.url()), limits(0, 200));
            request.get(server.url(u"/v1/models"));
            QTRY_COMPARE(request.terminals, 1);
            QCOMPARE(request.error().kind, ChatError::Kind::Timeout);
            QVERIFY2(request.error().message.startsWith(u"timed out: no answer from ") &&
                         request.error().message.endsWith(u"(total limit)"),
                     qPrintable(request.error().message));
        }
    }

    void noAnswerBecomesASentence()
    {
        quint16 port = 0;
        {
            TestServer gone;
            QVERIFY(gone.listen());
            port = gone.port();
        }
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/v1/models").arg(port));
        QNetworkAccessManager nam;
        GetRequest request(&nam, provider(url.adjusted(QUrl::RemovePath)), limits(2000));
        request.get(url);
        QTRY_COMPARE(request.terminals, 1);
        QCOMPARE(request.error().kind, ChatError::Kind::Connection);
        QCOMPARE(request.error().message,
                 QStringLiteral("could not connect to 127.0.0.1:%1: connection refused").arg(port));
    }

    void errorsNeverCarryTheKey()
    {
        TestServer server;
        QVERIFY(server.listen());
        // A server that echoes the credentials it was sent, as some proxies do.
        server.on("GET", "/v1/models")
            .status(500)
            .json(QByteArray("{\"error\":{\"message\":\"bad token Bearer ") + Key +
                  " for this route\",\"type\":\"server_error\"}}");
        QNetworkAccessManager nam;
        GetRequest request(&nam, provider(server.url(), QString::fromLatin1(Key)), limits(2000));
        request.get(server.url(u"/v1/models"));
        QTRY_COMPARE(request.terminals, 1);
        QCOMPARE(server.lastRequest("/v1/models").header("Authorization"),
                 QByteArray("Bearer ") + Key);
        QCOMPARE(request.error().kind, ChatError::Kind::Http);
        QCOMPARE(request.error().httpStatus, 500);
        QVERIFY2(!request.error().message.contains(QLatin1StringView(Key)),
                 qPrintable(request.error().message));
        QVERIFY2(request.error().message.contains(u"[REDACTED]"),
                 qPrintable(request.error().message));
        QCOMPARE(request.failures.value(0).message, request.error().message);
    }

    void keyNeverFollowsARedirectToAnotherOrigin()
    {
        TestServer server;
        QVERIFY(server.listen());
        TestServer elsewhere;
        QVERIFY(elsewhere.listen());
        elsewhere.on("GET", "/v1/models").json("{\"data\":[]}");
        server.on("GET", "/v1/models")
            .status(307)
            .header("Location", elsewhere.url(u"/v1/models").toEncoded())
            .body({});
        QNetworkAccessManager nam;
        GetRequest request(&nam, provider(server.url(), QString::fromLatin1(Key)), limits(2000));
        request.get(server.url(u"/v1/models"));
        QTRY_COMPARE(request.terminals, 1);
        QCOMPARE(request.error().kind, ChatError::Kind::Http);
        QVERIFY2(request.error().message.contains(u"redirected the request to another origin"),
                 qPrintable(request.error().message));
        QCOMPARE(elsewhere.requestCount("/v1/models"), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerRequest)
#include "tst_serverrequest.moc"
