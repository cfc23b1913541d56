// TestServer: accepts connections, matches each request to a scripted route, a fallback
// handler or Go's 404, and records it. One connection's HTTP: testserverconnection.cpp; the
// script of a response: testserverresponse.cpp.
#include "testserver.h"
#include "testserverconnection.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

namespace Sluice::Test {

namespace {

QByteArrayView stripQuery(QByteArrayView path)
{
    const qsizetype q = path.indexOf('?');
    return q < 0 ? path : path.first(q);
}

} // namespace

// ---------------------------------------------------------------- RecordedRequest

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool RecordedRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray RecordedRequest::pathWithoutQuery() const
{
    return stripQuery(path).toByteArray();
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

// ---------------------------------------------------------------- TestServer

TestServer::TestServer(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &TestServer::onNewConnection);
}

TestServer::~TestServer()
{
    // Connections go first: their scripts may refer to objects that are our children.
    const QSet<Connection *> connections = m_connections;
    m_connections.clear();
    for (Connection *c : connections) {
        c->disconnect();
        delete c;
    }
}

bool TestServer::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 TestServer::port() const
{
    return m_server->serverPort();
}

QUrl TestServer::url(QStringView path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()) + path);
}

Response &TestServer::on(QByteArray method, QByteArray path)
{
    auto it = std::find_if(m_routes.begin(), m_routes.end(),
                           [&](const Route &r) { return r.method == method && r.path == path; });
    if (it == m_routes.end()) {
        m_routes.push_back(Route{std::move(method), std::move(path), {}, {}});
        it = std::prev(m_routes.end());
    }
    it->queue.push_back(std::make_unique<Response>());
    it->served.push_back(0);
    return *it->queue.back();
}

void TestServer::handle(QByteArray method, QByteArray path, Handler handler)
{
    m_fallbacks.push_back(Fallback{std::move(method), std::move(path), std::move(handler)});
}

Response TestServer::respond(const RecordedRequest &request)
{
    const QByteArrayView path = stripQuery(request.path);
    for (Route &route : m_routes) {
        if (route.method != request.method || route.path != path)
            continue;
        const size_t n = route.queue.size();
        for (size_t i = 0; i < n; ++i) {
            const int times = route.queue[i]->m_times;
            const int limit = times > 0 ? times : (i + 1 == n ? -1 : 1);
            if (limit < 0 || route.served[i] < limit) {
                ++route.served[i];
                return *route.queue[i];
            }
        }
    }
    for (const Fallback &f : m_fallbacks) {
        if ((f.method == "*" || f.method == request.method) && f.path == path) {
            Response r;
            f.handler(request, r);
            return r;
        }
    }
    Response notFound;
    notFound.status(404)
        .contentType(QByteArrayLiteral("text/plain; charset=utf-8"))
        .body(QByteArrayLiteral("404 page not found"));
    return notFound;
}

RecordedRequest TestServer::lastRequest(QByteArrayView path) const
{
    for (auto it = m_requests.crbegin(); it != m_requests.crend(); ++it) {
        if (stripQuery(it->path) == path)
            return *it;
    }
    return {};
}

int TestServer::requestCount(QByteArrayView path) const
{
    int count = 0;
    for (const auto &r : m_requests)
        count += stripQuery(r.path) == path ? 1 : 0;
    return count;
}

int TestServer::openConnections() const
{
    return int(m_connections.size());
}

int TestServer::interruptedCount(QByteArrayView path) const
{
    int count = 0;
    for (const auto &r : m_interrupted)
        count += stripQuery(r.path) == path ? 1 : 0;
    return count;
}

void TestServer::closeAll()
{
    const QSet<Connection *> connections = m_connections;
    for (Connection *c : connections)
        c->closeNow();
}

void TestServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        // As Go's net package (Ollama) does for every TCP connection: no Nagle delay, so a
        // small answer on a reused connection does not wait for the client's delayed ACK.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto *connection = new Connection(this, socket, m_nextConnectionId++);
        m_connections.insert(connection);
    }
}

void TestServer::connectionGone(Connection *connection)
{
    if (!m_connections.remove(connection))
        return;
    connection->deleteLater();
    Q_EMIT connectionClosed();
}

} // namespace Sluice::Test
