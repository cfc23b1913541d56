#include "testserverconnection.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace Sluice::Test {

namespace {

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

} // namespace

// ---------------------------------------------------------------- Connection

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

} // namespace Sluice::Test
