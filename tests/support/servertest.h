// What the tests of the test server and the FakeLlm persona share: a request sent through
// QNetworkAccessManager and everything it produced as it arrived (Fetch), readers of NDJSON and
// SSE bodies, one chat request per protocol, and the fixture that starts a fresh server and
// client for every test function (tst_testserver, tst_fakellm, tst_fakellmloads,
// tst_fakellmfaults).
#pragma once

#include "testserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

namespace Sluice::Test {

// Everything one request produced, read as it arrived.
struct Fetch
{
    QNetworkReply *reply = nullptr;
    QList<QByteArray> reads;
    QElapsedTimer clock;
    qint64 headersAtMs = -1;
    qint64 firstReadAtMs = -1;
    bool finished = false;

    QByteArray body() const
    {
        QByteArray all;
        for (const auto &r : reads)
            all += r;
        return all;
    }
    int status() const
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
};

inline QByteArray contentOf(const QJsonObject &o, QStringView a, QStringView b)
{
    return o.value(a).toObject().value(b).toString().toUtf8();
}

inline QList<QJsonObject> ndjson(const QByteArray &body)
{
    QList<QJsonObject> out;
    const QList<QByteArray> lines = body.split('\n');
    for (const auto &line : lines) {
        if (!line.isEmpty())
            out.append(QJsonDocument::fromJson(line).object());
    }
    return out;
}

struct Sse
{
    QByteArray event;
    QByteArray data;
};

inline QList<Sse> sse(const QByteArray &body)
{
    QList<Sse> out;
    const QList<QByteArray> blocks = body.split('\n');
    Sse current;
    for (const auto &line : blocks) {
        if (line.isEmpty()) {
            if (!current.data.isEmpty() || !current.event.isEmpty())
                out.append(current);
            current = {};
        } else if (line.startsWith("event: ")) {
            current.event = line.mid(7);
        } else if (line.startsWith("data: ")) {
            current.data = line.mid(6);
        }
    }
    return out;
}

// One streamed chat request per protocol, and the markers to count in its reply.
struct Protocol
{
    QString path;
    QByteArray body;
    QByteArray tokenMarker; // once per token event
    QByteArray endMarker;
};

inline Protocol protocol(const QByteArray &name)
{
    const QByteArray messages = R"("messages":[{"role":"user","content":"Hi"}])";
    if (name == "ollama")
        return {QStringLiteral("/api/chat"), R"({"model":"llama3.2:3b",)" + messages + '}',
                R"("done":false)", R"("done":true)"};
    if (name == "openai")
        return {QStringLiteral("/v1/chat/completions"),
                R"({"model":"llama3.2:3b","stream":true,)" + messages + '}',
                R"("delta":{"content")", "data: [DONE]"};
    return {QStringLiteral("/v1/messages"),
            R"({"model":"llama3.2:3b","stream":true,"max_tokens":99,)" + messages + '}',
            "text_delta", "event: message_stop"};
}

// A test class derives from this and calls setUp() from init(), tearDown() from cleanup().
class ServerTest : public QObject
{
protected:
    void setUp()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->listen());
        QVERIFY(m_server->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
    }

    void tearDown()
    {
        for (Fetch *f : std::as_const(m_fetches)) {
            f->reply->disconnect();
            f->reply->abort();
            delete f->reply;
            delete f;
        }
        m_fetches.clear();
        m_nam.reset();
        m_server.reset();
    }

    Fetch *send(const QByteArray &method, QStringView path, const QByteArray &body = {},
                const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(m_server->url(path));
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        auto *f = new Fetch;
        f->clock.start();
        f->reply = m_nam->sendCustomRequest(request, method, body);
        QObject::connect(f->reply, &QNetworkReply::metaDataChanged, f->reply, [f] {
            if (f->headersAtMs < 0)
                f->headersAtMs = f->clock.elapsed();
        });
        QObject::connect(f->reply, &QNetworkReply::readyRead, f->reply, [f] {
            if (f->firstReadAtMs < 0)
                f->firstReadAtMs = f->clock.elapsed();
            f->reads.append(f->reply->readAll());
        });
        QObject::connect(f->reply, &QNetworkReply::finished, f->reply, [f] {
            const QByteArray rest = f->reply->isOpen() ? f->reply->readAll() : QByteArray();
            if (!rest.isEmpty())
                f->reads.append(rest);
            f->finished = true;
        });
        m_fetches.append(f);
        return f;
    }
    Fetch *post(QStringView path, const QByteArray &json,
                const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return send("POST", path, json, headers);
    }
    Fetch *get(QStringView path) { return send("GET", path); }
    // An event loop rather than QTest::qWaitFor, which sleeps 10 ms between rounds of events
    // and so throttles fast streams.
    bool waitFinished(Fetch *f, int timeoutMs = 10000)
    {
        if (f->finished)
            return true;
        QEventLoop loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        QObject::connect(f->reply, &QNetworkReply::finished, &loop, &QEventLoop::quit,
                         Qt::QueuedConnection);
        loop.exec();
        return f->finished;
    }

    // A later request on another connection, answered in full: whatever the server was going
    // to send on an earlier one by now (an end it must not send) was sent before it.
    bool laterRequestAnswered()
    {
        Fetch *later = send("GET", u"/later", {}, {{"Connection", "close"}}); // gone after
        return waitFinished(later) && later->status() == 404;
    }

    // Sends raw bytes on a fresh socket and returns everything until the server closes.
    QByteArray rawExchange(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(request);
        QByteArray all;
        QEventLoop loop;
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { all += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
        return all + socket.readAll();
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QList<Fetch *> m_fetches;
};

} // namespace Sluice::Test
