// What every request to Ollama's model endpoints shares (internal to src/core/models).
#pragma once

#include "core/chat/chattypes.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace Sluice::ModelRequest {

// The native API root of the provider ("…/v1" is cut: Ollama's /api lives beside it).
QUrl root(const ProviderConfig &config, QString *error);
QNetworkRequest build(const QUrl &url, const ProviderConfig &config, const QByteArray &accept);
// A non-2xx answer about `model` (may be empty) as one sentence.
ChatError httpError(int status, const QByteArray &body, const QByteArray &contentType,
                    const QUrl &root, const QString &model, const ProviderConfig &config);

} // namespace Sluice::ModelRequest
