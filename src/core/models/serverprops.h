// What llama.cpp's llama-server says about itself at GET /props (beside /v1, not under it):
// the context window every request gets, and whether it reads images. Other
// OpenAI-compatible servers answer 404 there, and nothing is known.
#pragma once

#include "core/chat/chattypes.h"
#include "core/models/modelcapabilities.h"

#include <QHash>
#include <QStringList>

#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace Sluice {

class ChatClient;

struct ServerProps
{
    int contextSize = -1;        // tokens per request (a slot's n_ctx); -1: not said
    std::optional<bool> vision;  // "modalities": {"vision": …}, newer servers only
};

// llama-server's /props answer: "default_generation_settings": {"n_ctx": N, …} (its slot's
// context: examples/server/server.cpp handle_props in early 2025, tools/server/
// server-context.cpp get_props later; both put n_ctx there). Nothing known for other JSON.
ServerProps parseServerProps(const QByteArray &body);

// The /props URL of an OpenAI-compatible provider: its API root without the trailing /v1.
// Empty when the base URL is not usable.
QUrl serverPropsUrl(const ProviderConfig &provider);

// The same props for each of `models` (llama-server serves one model, whatever its name):
// the context per request, and `known` with `vision` when the server said whether it reads
// images.
QHash<QString, ModelCapabilities> capabilitiesFromProps(const ServerProps &props,
                                                        const QStringList &models);

using ServerPropsCallback = std::function<void(const ServerProps &)>;

// Asks `provider`'s /props (with its credentials: llama-server's --api-key covers /props)
// and calls `done` once, in the event loop, with what it said (nothing on any failure),
// unless `context` is destroyed first.
void fetchServerProps(ChatClient *client, const ProviderConfig &provider, QObject *context,
                      ServerPropsCallback done);

} // namespace Sluice
