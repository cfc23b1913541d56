#include "testserver.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace Sluice::Test {

namespace {

constexpr int SplitGapMs = 5; // pause between split writes, so that reads really split
constexpr qsizetype MaxHeaderBytes = 1024 * 1024;
constexpr qsizetype MaxBodyBytes = 256 * 1024 * 1024;
constexpr qint64 GenerateHighWater = 256 * 1024;

QByteArray reasonPhrase(int code)
{
    switch (code) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 204:
        return QByteArrayLiteral("No Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 499:
        return QByteArrayLiteral("Client Closed Request");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 529:
        return QByteArrayLiteral("Site Overloaded");
    default:
        return QByteArrayLiteral("Status");
    }
}

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

// ---------------------------------------------------------------- Response

Response &Response::status(int code, QByteArray reason)
{
    m_status = code;
    m_reason = std::move(reason);
    return *this;
}

Response &Response::header(QByteArray name, QByteArray value)
{
    m_headers.append({std::move(name), std::move(value)});
    return *this;
}

Response &Response::contentType(QByteArray type)
{
    for (auto &h : m_headers) {
        if (h.first.compare("content-type", Qt::CaseInsensitive) == 0) {
            h.second = std::move(type);
            return *this;
        }
    }
    return header(QByteArrayLiteral("Content-Type"), std::move(type));
}

Response &Response::body(QByteArray bytes)
{
    add({Step::Write, false, 0, std::move(bytes), {}, {}});
    return *this;
}

Response &Response::json(QByteArray bytes)
{
    contentType(QByteArrayLiteral("application/json; charset=utf-8"));
    return body(std::move(bytes));
}

Response &Response::chunked(bool on)
{
    m_framing = on ? Framing::Chunked : Framing::Length;
    return *this;
}

Response &Response::closeDelimited()
{
    m_framing = Framing::Close;
    return *this;
}

Response &Response::delayBeforeHeaders(int ms)
{
    add({Step::Delay, true, ms, {}, {}, {}});
    return *this;
}

Response &Response::stallBeforeHeaders()
{
    add({Step::Stall, true, 0, {}, {}, {}});
    return *this;
}

Response &Response::closeBeforeHeaders()
{
    add({Step::Drop, true, 0, {}, {}, {}});
    return *this;
}

Response &Response::every(int intervalMs, QByteArray bytes)
{
    m_streamed = true;
    add({Step::Every, false, qMax(1, intervalMs), std::move(bytes), {}, {}});
    return *this;
}

Response &Response::call(std::function<void()> fn)
{
    add({Step::Call, !headersForced(), 0, {}, std::move(fn), {}});
    return *this;
}

Response &Response::waitFor(std::function<void(Resume)> arm)
{
    m_arms.append(std::move(arm));
    add({Step::Wait, !headersForced(), int(m_arms.size() - 1), {}, {}, {}});
    return *this;
}

Response &Response::write(QByteArray bytes)
{
    m_streamed = true;
    if (m_splitEvery <= 0 || bytes.size() <= m_splitEvery) {
        add({Step::Write, false, 0, std::move(bytes), {}, {}});
        return *this;
    }
    QList<int> offsets;
    for (int at = m_splitEvery; at < bytes.size(); at += m_splitEvery)
        offsets.append(at);
    const int every = m_splitEvery;
    m_splitEvery = 0; // writeSplit() calls write() for each piece
    writeSplit(std::move(bytes), offsets);
    m_splitEvery = every;
    return *this;
}

Response &Response::writeSplit(QByteArray bytes, QList<int> offsets)
{
    m_streamed = true;
    std::sort(offsets.begin(), offsets.end());
    qsizetype from = 0;
    for (int at : std::as_const(offsets)) {
        if (at <= from || at >= bytes.size())
            continue;
        write(bytes.mid(from, at - from));
        delay(SplitGapMs);
        from = at;
    }
    return write(bytes.mid(from));
}

Response &Response::delay(int ms)
{
    add({Step::Delay, false, ms, {}, {}, {}});
    return *this;
}

Response &Response::drip(QList<QByteArray> pieces, int intervalMs)
{
    m_streamed = true;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            delay(intervalMs);
        write(pieces.at(i));
    }
    return *this;
}

Response &Response::generate(Generator next, int batchBytes)
{
    m_streamed = true;
    add({Step::Generate, false, batchBytes, {}, {}, std::move(next)});
    return *this;
}

Response &Response::splitWritesEvery(int n)
{
    m_splitEvery = n;
    return *this;
}

Response &Response::hold()
{
    // Nothing written before: the body stays open (chunked, headers only), rather than an
    // empty Content-Length body that the client would take as a whole answer.
    const bool written = std::any_of(m_steps.cbegin(), m_steps.cend(), [](const Step &step) {
        return !step.beforeHeaders && step.kind != Step::Delay && step.kind != Step::Call;
    });
    if (!written)
        m_streamed = true;
    add({Step::Hold, false, 0, {}, {}, {}});
    return *this;
}

Response &Response::drop()
{
    add({Step::Drop, false, 0, {}, {}, {}});
    return *this;
}

Response &Response::end()
{
    add({Step::End, false, 0, {}, {}, {}});
    return *this;
}

Response &Response::times(int n)
{
    m_times = qMax(1, n);
    return *this;
}

Response &Response::onInterrupted(std::function<void()> fn)
{
    m_onInterrupted = std::move(fn);
    return *this;
}

void Response::add(Step step)
{
    m_steps.append(std::move(step));
}

bool Response::headersForced() const
{
    for (const Step &s : m_steps) {
        if (!s.beforeHeaders)
            return true;
    }
    return false;
}

// ---------------------------------------------------------------- Connection

// One accepted socket: parses requests one after the other and runs each response's script.
class Connection final : public QObject
{
public:
    Connection(TestServer *server, QTcpSocket *socket, quint64 id);
    void closeNow();
    bool isOpen() const { return !m_closed; }

private:
    enum class ParseResult { Incomplete, Complete, Bad, Unsupported };
    void onReadyRead();
    void processNext();
    ParseResult parseRequest(RecordedRequest &request);
    void start(Response response);
    void advance();
    void pump();
    void sendHeaders();
    void writeBody(const QByteArray &bytes);
    void endResponse();
    void dropNow();
    void onDisconnected();
    void answerAndClose(int code, QByteArray body);

    TestServer *m_server;
    QTcpSocket *m_socket;
    quint64 m_id;
    QByteArray m_in;
    QTimer m_timer;

    // The response in progress.
    bool m_busy = false;
    bool m_finished = false; // the current response reached its end (not interrupted)
    bool m_closed = false;
    bool m_headersSent = false;
    bool m_keepAlive = true;
    bool m_generating = false;
    Response::Framing m_framing = Response::Framing::Length;
    RecordedRequest m_request;
    Response m_response;
    qsizetype m_step = 0;
    quint64 m_waitToken = 0; // the Wait step a resume belongs to
};

Connection::Connection(TestServer *server, QTcpSocket *socket, quint64 id)
    : QObject(server), m_server(server), m_socket(socket), m_id(id)
{
    m_socket->setParent(this);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // delays are what tests measure
    connect(&m_timer, &QTimer::timeout, this, &Connection::advance);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_generating)
            pump();
    });
    if (m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &Connection::onReadyRead);
}

void Connection::closeNow()
{
    if (m_closed)
        return;
    m_socket->abort();
    onDisconnected();
}

void Connection::onReadyRead()
{
    m_in += m_socket->readAll();
    if (!m_busy)
        processNext();
}

void Connection::processNext()
{
    while (!m_busy && !m_closed && !m_in.isEmpty()) {
        RecordedRequest request;
        switch (parseRequest(request)) {
        case ParseResult::Incomplete:
            return;
        case ParseResult::Bad:
            answerAndClose(400, QByteArrayLiteral("400 Bad Request"));
            return;
        case ParseResult::Unsupported:
            answerAndClose(501, QByteArrayLiteral("chunked request bodies are not supported"));
            return;
        case ParseResult::Complete:
            break;
        }
        request.connectionId = m_id;
        m_request = request;
        const QByteArray connectionHeader = request.header("connection").toLower();
        m_keepAlive = request.version == "HTTP/1.0" ? connectionHeader.contains("keep-alive")
                                                    : !connectionHeader.contains("close");
        m_server->m_requests.append(request);
        QPointer<Connection> self(this);
        Q_EMIT m_server->requestReceived(request);
        if (!self || m_closed)
            return;
        start(m_server->respond(request));
    }
}

Connection::ParseResult Connection::parseRequest(RecordedRequest &request)
{
    // Tolerate stray line ends between requests, as servers do.
    while (m_in.startsWith("\r\n"))
        m_in.remove(0, 2);
    qsizetype headerEnd = m_in.indexOf("\r\n\r\n");
    qsizetype sepLen = 4;
    if (headerEnd < 0) {
        headerEnd = m_in.indexOf("\n\n");
        sepLen = 2;
    }
    if (headerEnd < 0)
        return m_in.size() > MaxHeaderBytes ? ParseResult::Bad : ParseResult::Incomplete;

    const QList<QByteArray> lines = m_in.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return ParseResult::Bad;
    request.method = requestLine.at(0);
    request.path = requestLine.at(1);
    request.version = requestLine.at(2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return ParseResult::Bad;
        request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    if (request.header("transfer-encoding").toLower().contains("chunked"))
        return ParseResult::Unsupported;
    qsizetype length = 0;
    if (request.hasHeader("content-length")) {
        bool ok = false;
        length = request.header("content-length").toLongLong(&ok);
        if (!ok || length < 0 || length > MaxBodyBytes)
            return ParseResult::Bad;
    }
    const qsizetype bodyStart = headerEnd + sepLen;
    if (m_in.size() < bodyStart + length)
        return ParseResult::Incomplete;
    request.body = m_in.mid(bodyStart, length);
    m_in.remove(0, bodyStart + length);
    return ParseResult::Complete;
}

void Connection::answerAndClose(int code, QByteArray body)
{
    Response r;
    r.status(code).contentType(QByteArrayLiteral("text/plain; charset=utf-8")).body(body);
    m_keepAlive = false;
    start(r);
}

void Connection::start(Response response)
{
    m_response = std::move(response);
    m_busy = true;
    m_finished = false;
    m_headersSent = false;
    m_generating = false;
    m_step = 0;

    bool hasGenerator = false;
    for (const auto &s : std::as_const(m_response.m_steps))
        hasGenerator = hasGenerator || s.kind == Response::Step::Generate;
    switch (m_response.m_framing) {
    case Response::Framing::Auto:
        m_framing = m_response.m_streamed ? Response::Framing::Chunked : Response::Framing::Length;
        break;
    case Response::Framing::Length:
        m_framing = hasGenerator ? Response::Framing::Close : Response::Framing::Length;
        break;
    default:
        m_framing = m_response.m_framing;
    }
    if (m_framing == Response::Framing::Close)
        m_keepAlive = false;
    advance();
}

void Connection::advance()
{
    const auto &steps = m_response.m_steps;
    while (!m_closed && m_busy && m_step < steps.size()) {
        const Response::Step &s = steps.at(m_step);
        if (!s.beforeHeaders && !m_headersSent)
            sendHeaders();
        switch (s.kind) {
        case Response::Step::Delay:
            ++m_step;
            m_timer.start(s.ms);
            return;
        case Response::Step::Call: {
            ++m_step;
            QPointer<Connection> self(this);
            if (s.fn)
                s.fn();
            if (!self)
                return;
            continue;
        }
        case Response::Step::Write:
            writeBody(s.bytes);
            m_socket->flush();
            ++m_step;
            continue;
        case Response::Step::Generate:
            m_generating = true;
            pump();
            return;
        case Response::Step::Every:
            writeBody(s.bytes);
            m_socket->flush();
            m_timer.start(s.ms); // the same step again
            return;
        case Response::Step::Wait: {
            ++m_step;
            const quint64 token = ++m_waitToken;
            QPointer<Connection> self(this);
            m_response.m_arms.at(s.ms)([self, token] {
                if (!self || self->m_closed || self->m_waitToken != token)
                    return;
                ++self->m_waitToken; // once
                QMetaObject::invokeMethod(self.data(), &Connection::advance, Qt::QueuedConnection);
            });
            return;
        }
        case Response::Step::Hold:
        case Response::Step::Stall:
            return; // until the client goes away
        case Response::Step::Drop:
            dropNow();
            return;
        case Response::Step::End:
            endResponse();
            return;
        }
    }
    if (!m_closed && m_busy && m_step >= steps.size()) {
        if (!m_headersSent)
            sendHeaders();
        endResponse();
    }
}

void Connection::pump()
{
    const Response::Step &s = m_response.m_steps.at(m_step);
    const int batchBytes = qMax(1, s.ms);
    while (m_generating && !m_closed && m_socket->bytesToWrite() < GenerateHighWater) {
        QByteArray batch;
        bool done = false;
        while (batch.size() < batchBytes) {
            std::optional<QByteArray> piece = s.gen ? s.gen() : std::nullopt;
            if (!piece) {
                done = true;
                break;
            }
            batch += *piece;
        }
        writeBody(batch);
        if (done) {
            m_generating = false;
            ++m_step;
            advance();
            return;
        }
    }
}

void Connection::sendHeaders()
{
    m_headersSent = true;
    const int code = m_response.m_status;
    const QByteArray reason =
        m_response.m_reason.isEmpty() ? reasonPhrase(code) : m_response.m_reason;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(code) + ' ' + reason + "\r\n";
    bool userLength = false;
    for (const auto &h : std::as_const(m_response.m_headers)) {
        out += h.first + ": " + h.second + "\r\n";
        userLength = userLength || h.first.compare("content-length", Qt::CaseInsensitive) == 0;
    }
    switch (m_framing) {
    case Response::Framing::Length:
        if (!userLength) {
            qsizetype total = 0;
            for (const auto &s : std::as_const(m_response.m_steps)) {
                if (s.kind == Response::Step::Write)
                    total += s.bytes.size();
            }
            out += "Content-Length: " + QByteArray::number(total) + "\r\n";
        }
        break;
    case Response::Framing::Chunked:
        out += "Transfer-Encoding: chunked\r\n";
        break;
    default:
        break;
    }
    if (!m_keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n";
    m_socket->write(out);
    m_socket->flush();
}

void Connection::writeBody(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return; // an empty chunk would terminate a chunked body
    if (m_framing == Response::Framing::Chunked) {
        m_socket->write(QByteArray::number(bytes.size(), 16) + "\r\n");
        m_socket->write(bytes);
        m_socket->write("\r\n");
    } else {
        m_socket->write(bytes);
    }
}

void Connection::endResponse()
{
    if (m_framing == Response::Framing::Chunked)
        m_socket->write("0\r\n\r\n");
    m_socket->flush();
    m_finished = true;
    m_busy = false;
    if (!m_keepAlive) {
        m_socket->disconnectFromHost(); // after the pending bytes went out
        return;
    }
    // The next request on this connection may already be buffered.
    QTimer::singleShot(0, this, &Connection::processNext);
}

void Connection::dropNow()
{
    m_finished = true;
    m_busy = false;
    m_socket->flush();
    if (m_socket->bytesToWrite() > 0) {
        // Let what was written go out, then cut the connection.
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0)
                closeNow();
        });
        return;
    }
    closeNow();
}

void Connection::onDisconnected()
{
    if (m_closed)
        return;
    m_closed = true;
    m_timer.stop();
    m_generating = false;
    const bool interrupted = m_busy && !m_finished;
    m_busy = false;
    if (interrupted) {
        if (m_response.m_onInterrupted)
            m_response.m_onInterrupted();
        m_server->m_interrupted.append(m_request);
        Q_EMIT m_server->responseInterrupted(m_request);
    }
    m_server->connectionGone(this);
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
