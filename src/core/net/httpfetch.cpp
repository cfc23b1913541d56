#include "core/net/httpfetch.h"

namespace Sluice {

namespace {

Timeouts wholeLimit(qint64 limitMs)
{
    Timeouts t;
    t.connectMs = 0;
    t.firstTokenMs = 0;
    t.loadMs = 0;
    t.idleMs = 0;
    t.totalMs = qMax<qint64>(0, limitMs);
    return t;
}

} // namespace

HttpFetch::HttpFetch(QNetworkAccessManager *nam, const QUrl &url, qint64 limitMs, QObject *parent,
                     QNetworkRequest::RedirectPolicy redirects)
    : ServerRequest(nam, ProviderConfig{}, wholeLimit(limitMs), ProviderType::OpenAI, parent),
      m_request(url)
{
    m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, redirects);
    m_request.setTransferTimeout(0); // the watchdog owns the limit
}

void HttpFetch::start()
{
    send(Verb::Get, m_request);
}

void HttpFetch::onErrorAnswer()
{
    answer(errorBody());
}

void HttpFetch::onComplete()
{
    answer(reply()->readAll());
}

void HttpFetch::answer(const QByteArray &body)
{
    const int status = httpStatus();
    if (settle())
        Q_EMIT finished(status, body);
}

} // namespace Sluice
