// One request to a server, from the first byte sent to exactly one terminal signal: the life
// cycle every request Sluice sends shares (chats, model lists, model operations, pulls, the
// doctor's probes).
//
// send() starts the QNetworkReply and the StallWatchdog together. A redirect to another origin
// is refused while the provider has credentials (requestutil.h). The status line is read once;
// an error answer's body is kept (bounded) for its sentence. No HTTP answer, a refused
// redirect or a passed limit becomes one ChatError sentence; every failure's message has the
// provider's secrets redacted. failed() comes at most once, and never after settle() (the
// subclass's own success signal). cancel(), deletion and the end close the connection and
// emit nothing late, and never abort the reply from inside one of its own signals.
//
// A subclass builds the request, reads the answer (the hooks below) and says what a stall
// means for it.
#pragma once

#include "core/chat/chattypes.h"
#include "core/net/stallwatchdog.h"

#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkRequest;

namespace Sluice {

class Protocol;

class ServerRequest : public QObject
{
    Q_OBJECT
public:
    ~ServerRequest() override; // a running request closes its connection and says nothing

    bool isRunning() const { return !m_over; }
    const ChatError &error() const { return m_error; }
    StallWatchdog *watchdog() const { return m_watchdog; }

public Q_SLOTS:
    // Stops the request now: the socket closes, failed(Cancelled) with cancelMessage().
    void cancel();

Q_SIGNALS:
    void failed(const Sluice::ChatError &error);

protected:
    // `limits`: what the watchdog enforces. `server`: the kind of server a connection failure
    // speaks of ("Ollama does not seem to be running").
    ServerRequest(QNetworkAccessManager *nam, const ProviderConfig &config, const Timeouts &limits,
                  ProviderType server, QObject *parent);

    enum class Verb { Get, Post, Delete };
    // Sends one attempt (a retry sends again): the watchdog starts, or restarts at Connecting.
    void send(Verb verb, const QNetworkRequest &request, const QByteArray &body = {});
    // A failure found before sending (a bad URL, no model), queued so that the caller can
    // connect first.
    void failLater(ChatError::Kind kind, const QString &message);
    // The end, failed: redacts the message, stores it, onFailing(), failed().
    void fail(ChatError error);
    // The end, succeeded: closes everything; false when the request had already ended (then
    // the caller emits nothing).
    bool settle();
    // Closes the current attempt's connection only (the request goes on: a retry follows).
    void closeNetwork();

    bool isOver() const { return m_over; }
    const ProviderConfig &config() const { return m_config; }
    QNetworkAccessManager *manager() const { return m_nam; }
    QNetworkReply *reply() const { return m_net; }
    QUrl requestUrl() const { return m_url; }     // of the attempt sent last
    bool hasAnswer() const { return m_answered; } // a final status line arrived
    int httpStatus() const { return m_status; }
    bool isErrorAnswer() const { return m_errorAnswer; } // not 2xx
    const QByteArray &errorBody() const { return m_errorBody; }

    // No HTTP answer (refused, DNS, TLS …) as one sentence. While reply() is set.
    ChatError connectionFailure() const;
    // An error answer as `protocol` words it, with its Retry-After. While reply() is set.
    ChatError answerError(const Protocol &protocol, const QUrl &root, const QString &model) const;
    // "stalled: could not connect to host:port within 10.0 s (connect limit)", and for any other
    // limit "stalled: no answer from <origin> after …": subclasses say more where they know more.
    virtual ChatError stallError(StallWatchdog::Limit limit, qint64 elapsedMs) const;

    // ---- hooks ----
    // The request left Connecting (sent, or an answer began). Default: the watchdog waits.
    virtual void onSent();
    // A 2xx status line arrived (not a redirect about to be followed).
    virtual void onAnswer() {}
    // Body bytes of a 2xx answer can be read from reply(). Default: left there until the end.
    virtual void onBody() {}
    // A non-2xx answer ended; errorBody() holds its body.
    virtual void onErrorAnswer() = 0;
    // A 2xx answer ended, whole or cut (reply()->error() says which).
    virtual void onComplete() = 0;
    // No HTTP answer came (connectionFailure()). Default: fail; a request that retries, retries.
    virtual void onConnectionFailed(ChatError error) { fail(std::move(error)); }
    // A limit passed. Default: fail(stallError()).
    virtual void onExpired(StallWatchdog::Limit limit, qint64 elapsedMs);
    virtual QString cancelMessage() const;
    // Just before failed(), with the final (redacted) error: log it, change a phase.
    virtual void onFailing(const ChatError &) {}
    // After closeNetwork() closed the connection: close what belongs to the attempt.
    virtual void onClosed() {}

private:
    void readStatus();
    void onReadyRead();
    void onNetworkFinished();
    void onRedirected(const QUrl &to);
    void keepErrorBody();

    QNetworkAccessManager *m_nam;
    ProviderConfig m_config;
    ProviderType m_server;
    StallWatchdog *m_watchdog;
    QPointer<QNetworkReply> m_net;
    QUrl m_url;
    QList<QSslError> m_sslErrors;
    QByteArray m_errorBody;
    ChatError m_error;
    int m_status = 0;
    bool m_answered = false;
    bool m_errorAnswer = false;
    bool m_over = false;
};

} // namespace Sluice
