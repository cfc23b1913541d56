// A scriptable Ollama on 127.0.0.1 for the window's tests, the benchmark and the screenshots.
// (A stand-in until the shared Sluice::Test::TestServer lands in tests/support.)
//
// GET /api/tags lists models(); GET /api/version and /api/ps answer like Ollama; every
// POST /api/chat takes the next Script (or the default one) and streams NDJSON from it.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

class QTcpServer;
class QTcpSocket;

namespace Sluice::GuiTest {

struct Script
{
    QStringList thinking;      // thinking tokens, sent first
    QStringList content;       // answer tokens
    int tokenDelayMs = 5;      // between tokens; 0 sends them as fast as the socket takes them
    int firstTokenDelayMs = 0; // after the headers
    int stallAfter = -1;       // stop sending (connection stays open) after this many tokens
    int httpStatus = 200;
    QByteArray errorBody;  // body for a non-200 status
    int tokensPerLine = 1; // tokens batched in one NDJSON line
};

// Splits text into word-ish tokens ("Hello", " world", "!") the way a model streams.
QStringList tokenize(const QString &text);

class FakeOllama final : public QObject
{
    Q_OBJECT
public:
    explicit FakeOllama(QObject *parent = nullptr);
    ~FakeOllama() override;

    bool listen(quint16 port = 0);
    quint16 port() const;
    QString baseUrl() const;

    void setModels(const QStringList &models) { m_models = models; }
    void setDefaultScript(const Script &script) { m_default = script; }
    void enqueue(const Script &script) { m_queue.append(script); }
    // The JSON bodies of the chat requests received, oldest first.
    const QList<QByteArray> &chatRequests() const { return m_requests; }
    int openConnections() const;

Q_SIGNALS:
    void chatRequested(int index);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const QByteArray &method, const QByteArray &path,
                const QByteArray &body);
    void startChat(QTcpSocket *socket, const QByteArray &body);
    void sendNext(QTcpSocket *socket);

    QTcpServer *m_server;
    QStringList m_models{QStringLiteral("llama3.2:3b")};
    Script m_default;
    QList<Script> m_queue;
    QList<QByteArray> m_requests;
    QHash<QTcpSocket *, Connection *> m_connections;
};

} // namespace Sluice::GuiTest
