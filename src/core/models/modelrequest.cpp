#include "core/models/modelrequest.h"

#include "core/net/endpoint.h"
#include "core/net/headercheck.h"
#include "core/protocol/protocol.h"
#include "core/net/requestutil.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice::ModelRequest {

QUrl root(const ProviderConfig &config, QString *error)
{
    const ParsedBaseUrl parsed = parseBaseUrl(config.baseUrl);
    if (!parsed.ok()) {
        *error = parsed.error;
        return {};
    }
    if (const QString headers = headerProblem(config); !headers.isEmpty()) {
        *error = headers;
        return {};
    }
    return apiRoot(parsed.url, ProviderType::Ollama);
}

QNetworkRequest build(const QUrl &url, const ProviderConfig &config, const QByteArray &accept)
{
    QNetworkRequest req = buildRequest(url, config, *createProtocol(ProviderType::Ollama), accept);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    return req;
}

ChatError httpError(int status, const QByteArray &body, const QByteArray &contentType,
                    const QUrl &root, const QString &model, const ProviderConfig &config)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QString detail =
        doc.isObject() ? ProtocolUtil::errorMessageFromJson(doc.object()) : QString();
    if (status == 404 && !model.isEmpty() && detail.contains(u"not found")) {
        ChatError e;
        e.kind = ChatError::Kind::Http;
        e.httpStatus = status;
        e.message = QStringLiteral("model \"%1\" is not installed on %2 (HTTP 404)")
                        .arg(model, displayBase(root));
        return e;
    }
    return createProtocol(ProviderType::Ollama)
        ->httpError(status, body, contentType, root, model, !config.apiKey.isEmpty());
}

} // namespace Sluice::ModelRequest
