// One GET whose whole answer is wanted, whatever its status: the questions the doctor and the
// server probe ask a server (GET /api/version, GET /api/ps). It carries no credentials, so
// the redirects its request allows are followed. Exactly one of finished() — any HTTP answer —
// or failed(): no answer (refused, DNS, TLS …) or none within the limit.
#pragma once

#include "core/net/serverrequest.h"

#include <QNetworkRequest>

namespace Sluice {

class HttpFetch final : public ServerRequest
{
    Q_OBJECT
public:
    // A GET of `url` that follows redirects as `redirects` says, within `limitMs` (0: none).
    HttpFetch(
        QNetworkAccessManager *nam, const QUrl &url, qint64 limitMs, QObject *parent,
        QNetworkRequest::RedirectPolicy redirects = QNetworkRequest::UserVerifiedRedirectPolicy);

    void start();

Q_SIGNALS:
    // The body is bounded (64 KiB) when the status is not 2xx.
    void finished(int status, const QByteArray &body);

private:
    void onErrorAnswer() override;
    void onComplete() override;
    void answer(const QByteArray &body);

    QNetworkRequest m_request;
};

} // namespace Sluice
