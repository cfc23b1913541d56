// A request that offered tools, refused because the model or the server takes none: the
// servers' own words, and the sentence Sluice says instead.
#pragma once

#include "core/chat/chattypes.h"

#include <optional>

namespace Sluice {

// Whether `error` is a server refusing the tools a request offered (HTTP 400, or 500 from
// llama-server, before any token): Ollama "<model> does not support tools" (server/images.go, errCapabilityTools; on
// /api/chat, /v1 and /v1/messages alike), llama-server "tools param requires --jinja flag"
// and, before mid-2025, "Cannot use tools with stream" (examples/server/utils.hpp,
// oaicompat_completion_params_parse), vLLM "\"auto\" tool choice requires
// --enable-auto-tool-choice …".
bool isToolRefusal(const ChatError &error);

// The sentence for such a failure: what the server said, that the message is kept, and how
// to go on. `retryWithout`: a retry sends the message without tools (the window); otherwise
// the command line, where the user runs it again without --tools.
std::optional<QString> toolRefusalSentence(const ChatError &error, const QString &model,
                                           bool retryWithout);

} // namespace Sluice
