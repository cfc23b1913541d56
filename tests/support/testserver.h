// A loopback HTTP/1.1 server for tests: QTcpServer on 127.0.0.1, port 0, scripted per test.
// Everything is asynchronous (timers and socket signals), so it runs in the test's own event
// loop while the test drives QNetworkAccessManager or spawns the real `sluice` binary.
//
//   TestServer server;
//   QVERIFY(server.listen());
//   server.on("POST", "/api/chat").status(200).contentType("application/x-ndjson")
//       .writeSplit(line, {3, 7}).delay(50).drop();
//   server.on("GET", "/api/ps").times(3).json(R"({"models":[]})");   // then the next one
//   server.on("GET", "/api/ps").json(loadedJson);
//
// Routes match the method and the exact path (the query is ignored). Several responses
// registered for one route form a queue: a response serves `times(n)` requests and then
// hands over to the next; without times() it serves one request when another is queued
// behind it and every request when it is the last. Unmatched requests go to handlers added
// with handle() (the FakeLlm persona uses that), else get Go's `404 page not found`.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QTcpServer;

namespace Sluice::Test {

struct RecordedRequest
{
    QByteArray method;
    QByteArray path;                              // the request target as sent, query included
    QByteArray version;                           // "HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers; // in order, names as sent
    QByteArray body;
    quint64 connectionId = 0; // same id = same TCP connection (keep-alive)

    // First header of that name, case-insensitive; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QByteArray pathWithoutQuery() const;
    // The body as a JSON object; empty when it is not one.
    QJsonObject json() const;
};

class Response
{
public:
    // Returns the next piece to send, or std::nullopt when the generated part is over.
    using Generator = std::function<std::optional<QByteArray>()>;

    Response &status(int code, QByteArray reason = {});
    Response &header(QByteArray name, QByteArray value);
    Response &contentType(QByteArray type);
    // The whole body, framed with Content-Length (unless chunked()/closeDelimited()).
    Response &body(QByteArray bytes);
    // contentType("application/json") + body().
    Response &json(QByteArray bytes);

    // Framing. Streamed replies (write, writeSplit, drip, generate) default to chunked.
    // chunked(false) on a streamed reply sends Content-Length = the sum of its writes.
    Response &chunked(bool on = true);
    // No length: the body ends when the server closes the connection (HTTP/1.0 style).
    Response &closeDelimited();

    // Before the status line.
    Response &delayBeforeHeaders(int ms);
    Response &stallBeforeHeaders(); // read the request, never answer, keep the connection
    Response &closeBeforeHeaders(); // read the request, close the connection without a word
    // Runs fn at this point of the script; before the headers if nothing forced them yet.
    Response &call(std::function<void()> fn);
    // Waits here until `resume` is called: `arm` gets it when the script reaches this point
    // (it may call it at once). Before the headers if nothing forced them yet. A resume after
    // the client went away does nothing.
    using Resume = std::function<void()>;
    Response &waitFor(std::function<void(Resume resume)> arm);

    // After the headers (the first of these sends the status line and headers).
    Response &write(QByteArray bytes); // one write (one HTTP chunk when chunked), flushed
    // The same bytes as separate writes split at these offsets, a few ms apart.
    Response &writeSplit(QByteArray bytes, QList<int> offsets);
    Response &delay(int ms);
    Response &drip(QList<QByteArray> pieces, int intervalMs); // pieces with a pause between
    // Pieces produced as the socket drains (nothing big is built in memory). Pieces are
    // batched into writes of up to batchBytes.
    Response &generate(Generator next, int batchBytes = 16 * 1024);
    // Splits every later write into separate writes of at most n bytes, a few ms apart
    // (so multi-byte UTF-8 characters and line ends straddle reads). 0 = off.
    Response &splitWritesEvery(int n);

    // Terminal steps; end() is implied when none is given.
    // Keep the connection open forever, no terminating chunk. With nothing written before
    // it, the headers go out and the body stays open (chunked unless framed otherwise).
    Response &hold();
    // Writes `bytes` now and then every intervalMs until the client leaves (keep-alives).
    Response &every(int intervalMs, QByteArray bytes);
    Response &drop(); // flush, then close the socket abruptly (no terminating chunk)
    Response &end();  // terminating chunk / close as the framing requires

    // This response serves n requests, then the next queued for the same route takes over.
    Response &times(int n);
    // Called when the client closes the connection before this response finished.
    Response &onInterrupted(std::function<void()> fn);

    int statusCode() const { return m_status; }

private:
    friend class Connection;
    friend class TestServer;

    enum class Framing { Auto, Length, Chunked, Close };
    struct Step
    {
        enum Kind { Delay, Call, Write, Generate, Hold, Drop, End, Stall, Every, Wait } kind;
        bool beforeHeaders = false;
        int ms = 0;
        QByteArray bytes;
        std::function<void()> fn;
        Generator gen;
    };
    void add(Step step);
    bool headersForced() const;

    int m_status = 200;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QList<Step> m_steps;
    std::function<void()> m_onInterrupted;
    Framing m_framing = Framing::Auto;
    bool m_streamed = false;
    QList<std::function<void(Resume)>> m_arms; // waitFor(): a Wait step's ms is its index
    int m_splitEvery = 0;
    int m_times = -1; // -1: see the class comment
};

class Connection;

class TestServer : public QObject
{
    Q_OBJECT
public:
    // Builds the response for a request the scripted routes did not match.
    using Handler = std::function<void(const RecordedRequest &, Response &)>;

    explicit TestServer(QObject *parent = nullptr);
    ~TestServer() override;

    bool listen(quint16 port = 0); // 127.0.0.1
    quint16 port() const;
    QUrl url(QStringView path = {}) const; // http://127.0.0.1:PORT + path

    Response &on(QByteArray method, QByteArray path);
    // Fallback handlers, consulted after the scripted routes (method "*" matches any).
    void handle(QByteArray method, QByteArray path, Handler handler);

    QList<RecordedRequest> requests() const { return m_requests; }
    RecordedRequest lastRequest(QByteArrayView path) const; // path without query
    int requestCount(QByteArrayView path) const;

    int openConnections() const;
    // Responses to `path` whose client closed the connection before they finished.
    int interruptedCount(QByteArrayView path) const;
    void closeAll();

Q_SIGNALS:
    void requestReceived(const Sluice::Test::RecordedRequest &request);
    // The client closed the connection while the response to `request` was still running.
    void responseInterrupted(const Sluice::Test::RecordedRequest &request);
    void connectionClosed();

private:
    friend class Connection;
    struct Route
    {
        QByteArray method;
        QByteArray path;
        std::vector<std::unique_ptr<Response>> queue; // stable references for on()
        std::vector<int> served;
    };
    struct Fallback
    {
        QByteArray method;
        QByteArray path;
        Handler handler;
    };

    void onNewConnection();
    Response respond(const RecordedRequest &request);
    void connectionGone(Connection *connection);

    QTcpServer *m_server;
    std::vector<Route> m_routes;
    std::vector<Fallback> m_fallbacks;
    QList<RecordedRequest> m_requests;
    QList<RecordedRequest> m_interrupted;
    QSet<Connection *> m_connections;
    quint64 m_nextConnectionId = 1;
};

} // namespace Sluice::Test
