// What the model picker marks next to a model: an eye for vision, a bulb for thinking,
// tools, and whether it is loaded now. One /api/ps and one /api/show per model.
#pragma once

#include "core/chat/chattypes.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

namespace Sluice {

class ChatClient;

struct ModelCapabilities
{
    bool known = false; // /api/show answered for this model
    bool vision = false;
    bool tools = false;
    bool thinking = false;
    bool loaded = false;
    int contextLength = -1; // the longest the model was trained for (model_info)
    int numCtx = -1;        // its Modelfile's PARAMETER num_ctx (/api/show "parameters")
    int loadedContext = -1; // the window it is loaded with now (/api/ps context_length)
    int serverContext = -1; // llama.cpp's llama-server: its context per request (/props n_ctx)

    // "vision, thinking, tools · loaded": for a tooltip.
    QString summary() const;
};

// Keyed by the names as given. Models that /api/show did not answer for have known == false
// (their `loaded` is still right when /api/ps answered). Never fails: a server that is not
// Ollama yields nothing known.
// The marks of `model` among `byName`: its own name, else the same Ollama model under its
// other spelling ("tiny" is "tiny:latest"); unknown marks when neither is there.
ModelCapabilities capabilitiesOf(const QHash<QString, ModelCapabilities> &byName,
                                 const QString &model);

using CapabilitiesCallback = std::function<void(const QHash<QString, ModelCapabilities> &)>;

// Fetches the marks of `models` from the Ollama provider and calls `done` once, in the event
// loop, unless `context` is destroyed first (which also stops the requests).
void fetchModelCapabilities(ChatClient *client, const ProviderConfig &provider,
                            const QStringList &models, QObject *context, CapabilitiesCallback done);

} // namespace Sluice
