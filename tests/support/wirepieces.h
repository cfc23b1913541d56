// The bytes of a streamed chat reply in each protocol, for tests that script a server by
// hand: tokens, the end marker and keep-alives, as Ollama (NDJSON), OpenAI-compatible servers
// and Anthropic (SSE) send them.
#pragma once

#include "core/chat/chattypes.h"

#include <QByteArray>
#include <QString>

namespace Sluice::Test {

// The chat endpoint (OpenAI-compatible under a base URL ending in /v1).
inline QByteArray chatPath(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return "/api/chat";
    case ProviderType::OpenAI:
        return "/v1/chat/completions";
    case ProviderType::Anthropic:
        return "/v1/messages";
    }
    return {};
}

inline QByteArray contentType(ProviderType type)
{
    return type == ProviderType::Ollama ? "application/x-ndjson" : "text/event-stream";
}

// One streamed text delta.
inline QByteArray token(ProviderType type, const QByteArray &text)
{
    switch (type) {
    case ProviderType::Ollama:
        return R"({"model":"m","message":{"role":"assistant","content":")" + text +
               R"("},"done":false})" "\n";
    case ProviderType::OpenAI:
        return R"(data: {"choices":[{"index":0,"delta":{"content":")" + text +
               R"("},"finish_reason":null}]})" "\n\n";
    case ProviderType::Anthropic:
        return "event: content_block_delta\ndata: "
               R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")" +
               text + R"("}})" "\n\n";
    }
    return {};
}

// The start of a reply: Anthropic's message_start, then n tokens "t0 ", "t1 ", …
inline QByteArray head(ProviderType type, int n)
{
    QByteArray out;
    if (type == ProviderType::Anthropic)
        out += "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"m\","
               "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n";
    for (int i = 0; i < n; ++i)
        out += token(type, "t" + QByteArray::number(i) + ' ');
    return out;
}

// The text of head(type, n).
inline QString headText(int n)
{
    QString s;
    for (int i = 0; i < n; ++i)
        s += u't' + QString::number(i) + u' ';
    return s;
}

// The protocol's end of a reply.
inline QByteArray endMarker(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return R"({"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","eval_count":3,"eval_duration":1000000})"
               "\n";
    case ProviderType::OpenAI:
        return R"(data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
               "\n\ndata: [DONE]\n\n";
    case ProviderType::Anthropic:
        return "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
               "\"end_turn\"},\"usage\":{\"output_tokens\":3}}\n\nevent: message_stop\ndata: "
               "{\"type\":\"message_stop\"}\n\n";
    }
    return {};
}

// What a server sends to keep a silent stream open; not progress.
inline QByteArray keepAlive(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama: // no keep-alives in NDJSON; an empty delta is the nearest thing
        return R"({"model":"m","message":{"role":"assistant","content":""},"done":false})" "\n";
    case ProviderType::OpenAI:
        return ": OPENROUTER PROCESSING\n\n";
    case ProviderType::Anthropic:
        return "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    }
    return {};
}

} // namespace Sluice::Test
