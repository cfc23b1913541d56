// A server refusing a prompt longer than its context window, said as one sentence with what
// to do (the raw answer is a 400 whose words differ per server).
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Sluice {

// For an HTTP 400 whose error object is `error` (its message already read as `detail`, its
// type as `errorType`), or the same error inside a stream: llama.cpp's llama-server ("exceed_context_size_error", with n_prompt_tokens
// and n_ctx: tools/server/server-context.cpp; before that "the request exceeds the available
// context size. try increasing the context size or enable context shift":
// examples/server/server.cpp, started with --no-context-shift) and OpenAI's
// "context_length_exceeded". nullopt for any other answer. `where`: the server as shown
// (empty: "the server"); `status` 0 for an error inside a stream.
std::optional<QString> contextOverflowSentence(int status, const QJsonObject &error,
                                               const QString &detail, const QString &errorType,
                                               const QString &where);

} // namespace Sluice
