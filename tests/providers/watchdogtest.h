// What the watchdog's fault matrix (tst_watchdog) shares: limits of a few hundred
// milliseconds, moving a ManualClock across one, and a server that never finishes a handshake.
#pragma once

#include "manualclock.h"
#include "replyrecorder.h"
#include "testserver.h"

#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>

namespace Sluice::Test {

inline constexpr int Limit = 300;

inline ProviderConfig fastLimits(ProviderType type, const TestServer &server)
{
    ProviderConfig c = providerFor(type, type == ProviderType::OpenAI
                                             ? server.url(u"/v1").toString()
                                             : server.url().toString());
    c.timeouts.connectMs = Limit;
    c.timeouts.firstTokenMs = Limit;
    c.timeouts.loadMs = Limit;
    c.timeouts.idleMs = Limit;
    c.timeouts.totalMs = 0;
    return c;
}

// The reply has read the status line and headers (the QNetworkReply under `client` says so
// in the same step in which the ChatReply hears of them).
inline bool headersRead(const QObject &client)
{
    const QList<QNetworkReply *> replies = client.findChildren<QNetworkReply *>();
    for (const QNetworkReply *net : replies)
        if (net->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
            return true;
    return false;
}

// Moves `clock` to one millisecond before `limitMs` from now: the reply is still going; then
// to the limit itself: the reply ends right then.
inline bool crossLimit(ManualClock &clock, ReplyRecorder &rec, int limitMs)
{
    clock.advance(limitMs - 1);
    ReplyRecorder::settle();
    if (rec.terminals != 0) {
        qWarning("the reply ended before its limit: %s", qPrintable(rec.error.message));
        return false;
    }
    clock.advance(1);
    ReplyRecorder::settle();
    return rec.terminals == 1;
}

// Counts the body reads of the QNetworkReply under `client`. This slot is connected after the
// ChatReply's own, so when the count goes up the reply has taken those bytes: a test knows
// a piece reached the reply before it moves the clock.
struct BodyReads
{
    int count = 0;
    bool attach(const QObject &client)
    {
        QNetworkReply *net = client.findChild<QNetworkReply *>();
        if (!net)
            return false;
        QObject::connect(net, &QNetworkReply::readyRead, net, [this] { ++count; });
        return true;
    }
};

// Accepts TCP connections and never says a word: an https URL to it stays in the TLS
// handshake, so the request never gets past "connecting" (like a black-holed address).
class SilentServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++accepted;
                connect(s, &QTcpSocket::disconnected, this, [this] { ++closed; });
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QString httpsUrl() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort()); }
    int accepted = 0;
    int closed = 0;

private:
    QTcpServer m_server;
};

} // namespace Sluice::Test
