// The context window a request will meet: how many tokens the server will keep of what a
// conversation sends (the context meter's "of N", the pre-send warning).
#pragma once

#include "core/chat/chattypes.h"
#include "core/models/modelcapabilities.h"

#include <QString>

namespace Sluice {

struct ContextWindow
{
    qint64 tokens = -1; // -1: unknown
    // Where the number comes from, for the meter's tooltip: "this chat's setting", …
    QString source;
    bool canRaise = false; // the request can ask for a larger one (Ollama's num_ctx)
    qint64 max = -1;       // the largest the model takes, when known
};

// Ollama's default num_ctx when neither the request nor the Modelfile sets one: older
// versions envconfig/config.go, ContextLength = Uint("OLLAMA_CONTEXT_LENGTH", 4096); v0.24
// server/routes.go Serve: 4096 below 23 GiB of VRAM, 32768 from 23 GiB, 262144 from 47 GiB
// (logged as "vram-based default context"), unless OLLAMA_CONTEXT_LENGTH is set. A loaded
// model's /api/ps context_length says the real one.
constexpr qint64 OllamaDefaultContext = 4096;

// `own` are the request's options as sent (requestOptions(): the chat's settings, then the
// model's from the config file). Ollama: num_ctx sent, else the window the model is loaded
// with (/api/ps context_length, Ollama 0.7 and later), else its Modelfile's num_ctx
// (/api/show parameters), else Ollama's default, never above what the model was trained for
// (/api/show model_info "<arch>.context_length"). OpenAI-compatible and Anthropic: the
// configured context_window, else llama-server's context per request (caps.serverContext,
// from /props), else what the server's model list says (caps.contextLength).
ContextWindow contextWindowFor(ProviderType type, const ChatOptions &own,
                               const ModelCapabilities &caps);

// The Modelfile's num_ctx from /api/show's "parameters" text ("num_ctx 8192"); -1 if none.
int modelfileNumCtx(const QString &parameters);

} // namespace Sluice
