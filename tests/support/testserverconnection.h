// Inside TestServer: one accepted socket's HTTP/1.1 (testserverconnection.cpp). Not for tests.
#pragma once

#include "testserver.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace Sluice::Test {

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

} // namespace Sluice::Test
