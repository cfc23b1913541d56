#include "fakeollama.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Sluice::GuiTest {

QStringList tokenize(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(\s*\S+|\s+)"));
    QStringList out;
    auto it = re.globalMatch(text);
    while (it.hasNext())
        out.append(it.next().captured());
    return out;
}

struct FakeOllama::Connection
{
    QByteArray buffer;
    Script script;
    QString model;
    int next = 0; // index over thinking + content
    bool streaming = false;
    QTimer *timer = nullptr;
};

FakeOllama::FakeOllama(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    m_default.content = tokenize(QStringLiteral("Hello! How can I help you today?"));
    connect(m_server, &QTcpServer::newConnection, this, &FakeOllama::onNewConnection);
}

FakeOllama::~FakeOllama()
{
    qDeleteAll(m_connections);
}

bool FakeOllama::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 FakeOllama::port() const
{
    return m_server->serverPort();
}

QString FakeOllama::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

int FakeOllama::openConnections() const
{
    return int(m_connections.size());
}

void FakeOllama::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *c = new Connection;
        c->timer = new QTimer(socket);
        c->timer->setSingleShot(true);
        m_connections.insert(socket, c);
        connect(c->timer, &QTimer::timeout, this, [this, socket] { sendNext(socket); });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            delete m_connections.take(socket);
            socket->deleteLater();
        });
    }
}

void FakeOllama::onReadyRead(QTcpSocket *socket)
{
    Connection *c = m_connections.value(socket);
    if (!c)
        return;
    c->buffer += socket->readAll();
    for (;;) {
        const qsizetype end = c->buffer.indexOf("\r\n\r\n");
        if (end < 0 || c->streaming)
            return;
        const QByteArray head = c->buffer.left(end);
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
        qsizetype length = 0;
        for (const QByteArray &line : lines) {
            const QByteArray l = line.trimmed().toLower();
            if (l.startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
        }
        if (c->buffer.size() < end + 4 + length)
            return;
        const QByteArray body = c->buffer.mid(end + 4, length);
        c->buffer.remove(0, end + 4 + length);
        handle(socket, request.value(0), request.value(1), body);
    }
}

static QByteArray response(int status, const QByteArray &type, const QByteArray &body)
{
    const QByteArray reason = status == 200 ? "OK" : "Error";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: " + type +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

void FakeOllama::handle(QTcpSocket *socket, const QByteArray &method, const QByteArray &path,
                        const QByteArray &body)
{
    if (method == "GET" && path == "/api/tags") {
        QJsonArray models;
        for (const QString &m : std::as_const(m_models))
            models.append(QJsonObject{{QStringLiteral("name"), m},
                                      {QStringLiteral("model"), m},
                                      {QStringLiteral("size"), 2019393189}});
        socket->write(response(200, "application/json",
                               QJsonDocument(QJsonObject{{QStringLiteral("models"), models}})
                                   .toJson(QJsonDocument::Compact)));
        return;
    }
    if (method == "GET" && path == "/api/version") {
        socket->write(response(200, "application/json", R"({"version":"0.9.0"})"));
        return;
    }
    if (method == "GET" && path == "/api/ps") {
        socket->write(response(200, "application/json", R"({"models":[]})"));
        return;
    }
    if (method == "POST" && path == "/api/chat") {
        startChat(socket, body);
        return;
    }
    socket->write(response(404, "application/json", R"({"error":"not found"})"));
}

void FakeOllama::startChat(QTcpSocket *socket, const QByteArray &body)
{
    Connection *c = m_connections.value(socket);
    m_requests.append(body);
    c->script = m_queue.isEmpty() ? m_default : m_queue.takeFirst();
    c->model = QJsonDocument::fromJson(body).object().value(u"model").toString();
    c->next = 0;
    Q_EMIT chatRequested(int(m_requests.size()) - 1);
    if (c->script.httpStatus != 200) {
        socket->write(response(c->script.httpStatus, "application/json", c->script.errorBody));
        socket->disconnectFromHost();
        return;
    }
    c->streaming = true;
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                  "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    c->timer->start(c->script.firstTokenDelayMs);
}

static void writeChunk(QTcpSocket *socket, const QByteArray &data)
{
    socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void FakeOllama::sendNext(QTcpSocket *socket)
{
    Connection *c = m_connections.value(socket);
    if (!c)
        return;
    const Script &s = c->script;
    const int total = int(s.thinking.size() + s.content.size());
    // With no delay, write everything at once (as fast as the socket takes it).
    const int burst = s.tokenDelayMs == 0 ? total : 1;
    QByteArray out;
    for (int b = 0; b < burst && c->next < total; ++b) {
        if (s.stallAfter >= 0 && c->next >= s.stallAfter)
            break;
        QString thinking;
        QString content;
        for (int k = 0; k < s.tokensPerLine && c->next < total; ++k, ++c->next) {
            if (c->next < s.thinking.size())
                thinking += s.thinking.at(c->next);
            else
                content += s.content.at(c->next - s.thinking.size());
        }
        QJsonObject msg{{QStringLiteral("role"), QStringLiteral("assistant")},
                        {QStringLiteral("content"), content}};
        if (!thinking.isEmpty())
            msg.insert(QStringLiteral("thinking"), thinking);
        QJsonObject line{{QStringLiteral("model"), c->model},
                         {QStringLiteral("message"), msg},
                         {QStringLiteral("done"), false}};
        const QByteArray l = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
        if (burst == 1)
            writeChunk(socket, l);
        else
            out += l;
    }
    if (!out.isEmpty())
        writeChunk(socket, out);
    if (s.stallAfter >= 0 && c->next >= s.stallAfter)
        return; // stall: keep the connection open, send nothing more
    if (c->next < total) {
        c->timer->start(s.tokenDelayMs);
        return;
    }
    QJsonObject done{{QStringLiteral("model"), c->model},
                     {QStringLiteral("message"),
                      QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                  {QStringLiteral("content"), QString()}}},
                     {QStringLiteral("done"), true},
                     {QStringLiteral("done_reason"), QStringLiteral("stop")},
                     {QStringLiteral("prompt_eval_count"), 26},
                     {QStringLiteral("eval_count"), total},
                     {QStringLiteral("eval_duration"), double(qMax(1, total)) * 20'000'000.0},
                     {QStringLiteral("load_duration"), 12'000'000.0},
                     {QStringLiteral("total_duration"), double(total) * 21'000'000.0}};
    writeChunk(socket, QJsonDocument(done).toJson(QJsonDocument::Compact) + '\n');
    socket->write("0\r\n\r\n");
    socket->flush();
    socket->disconnectFromHost();
}

} // namespace Sluice::GuiTest
