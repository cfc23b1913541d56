// The FakeLlm persona's llama.cpp server part and the refusals real servers answer before
// any token: GET /props, a prompt over llama-server's context, tools offered to an Ollama
// model whose template has none. Each shape was taken from the server's source (named below)
// and checked against the real server (docs/testing.md, "Real servers").
#include "fakellm.h"
#include "fakellmwire.h"

#include <QJsonObject>

namespace Sluice::Test {

// llama.cpp examples/server/server.cpp, handle_props (tools/server/server-context.cpp
// get_props in later versions): the slot's settings with its n_ctx, the slot count, the
// model's path, the chat template and the build.
void FakeLlm::installLlamaCppRoutes()
{
    m_server.handle("GET", "/props", [this](const RecordedRequest &, Response &r) {
        if (m_options.llamaCppContext <= 0) { // not llama.cpp: Ollama's (Go's) 404
            r.status(404)
                .contentType(QByteArrayLiteral("text/plain; charset=utf-8"))
                .body(QByteArrayLiteral("404 page not found"));
            return;
        }
        const QByteArray nCtx = num(m_options.llamaCppContext);
        r.contentType(QByteArrayLiteral("application/json; charset=utf-8"))
            .body("{\"default_generation_settings\":{\"id\":0,\"id_task\":-1,\"n_ctx\":" + nCtx +
                  ",\"speculative\":false,\"is_processing\":false,\"params\":{\"n_predict\":-1,"
                  "\"seed\":4294967295,\"temperature\":0.800000011920929,\"top_k\":40,"
                  "\"top_p\":0.949999988079071,\"min_p\":0.05000000074505806},\"prompt\":\"\"},"
                  "\"total_slots\":1,\"model_path\":\"/models/tiny.gguf\",\"chat_template\":"
                  "\"{{ messages }}\",\"modalities\":{\"vision\":false,\"audio\":false},"
                  "\"build_info\":\"b4753-c392e509\"}");
    });
}

// A prompt of n_ctx tokens or more: tools/server/server-context.cpp (launch_slot_with_task /
// update_slots) answers before any token, also when streaming, with
//   400 {"error":{"code":400,"message":"request (N tokens) exceeds the available context size
//        (M tokens), try increasing it","type":"exceed_context_size_error",
//        "n_prompt_tokens":N,"n_ctx":M}}
// (format_error_response in tools/server/server-common.cpp; the first result of a stream is
// sent as a plain HTTP error since PR #16486).
bool FakeLlm::llamaCppRefuses(const QJsonObject &body, Response &r) const
{
    const int ctx = m_options.llamaCppContext;
    const int prompt = promptTokens(body);
    if (ctx <= 0 || prompt < ctx)
        return false;
    const QByteArray message = "request (" + num(prompt) +
                               " tokens) exceeds the available context size (" + num(ctx) +
                               " tokens), try increasing it";
    r.status(400).json("{\"error\":{\"code\":400,\"message\":" + str(message) +
                       ",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":" +
                       num(prompt) + ",\"n_ctx\":" + num(ctx) + "}}");
    return true;
}

// Tools offered to a model whose template has none: Ollama's server/routes.go ChatHandler
// asks for model.CapabilityTools, server/images.go CheckCapabilities fails with
// errCapabilityTools ("does not support tools") and the model's full name; the /v1 and the
// Anthropic /v1/messages middlewares (middleware/openai.go, middleware/anthropic.go) wrap the
// same sentence in their own error shapes. All 400, before the model loads.
bool FakeLlm::refusesTools(const QByteArray &model, const QJsonObject &body, Api api,
                           Response &r) const
{
    bool withoutTools = false;
    for (const QByteArray &m : m_options.modelsWithoutTools)
        withoutTools = withoutTools || canonical(m) == canonical(model);
    if (!withoutTools || body.value(u"tools").toArray().isEmpty())
        return false;
    const QByteArray message =
        "registry.ollama.ai/library/" + canonical(model) + " does not support tools";
    switch (api) {
    case Api::Ollama:
        r.status(400).json(ollamaError(message));
        break;
    case Api::OpenAi:
        r.status(400).contentType(QByteArrayLiteral("application/json"))
            .body(openAiError(message, "invalid_request_error", {}));
        break;
    case Api::Anthropic:
        r.status(400).contentType(QByteArrayLiteral("application/json"))
            .body("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":" +
                  str(message) + "},\"request_id\":\"req_" + num(qint64(m_nextId)) + "\"}");
        break;
    }
    return true;
}

} // namespace Sluice::Test
