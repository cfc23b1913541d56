// What Sluice knows about providers' base URLs: defaults, validation, OLLAMA_HOST and guessing
// the protocol from a URL.
#pragma once

#include "core/chat/chattypes.h"

#include <QString>

#include <optional>

namespace Sluice {

// "http://localhost:11434", "https://api.openai.com/v1", "https://api.anthropic.com".
QString defaultBaseUrl(ProviderType type);

// Empty when `url` can be a base URL (http or https, with a host); otherwise the end of a
// sentence saying what is wrong, e.g. `must be an http or https URL, not "localhost:11434"
// (did you mean "http://localhost:11434"?)`.
QString baseUrlProblem(const QString &url);

// A base URL as people type it, the way parseBaseUrl() reads it for requests: trimmed, and
// "http://" put in front when there is no scheme ("127.0.0.1:11434" → "http://127.0.0.1:11434",
// "localhost:11434/v1" → "http://localhost:11434/v1"). Anything else comes back trimmed.
QString normalizedBaseUrl(const QString &text);

// The base URL for an OLLAMA_HOST value, read the way Ollama reads it: "host", "host:port",
// ":port", "0.0.0.0", "[::1]:11434", "http://host", "https://host/path" …
// An address that only makes sense for listening (0.0.0.0, ::, empty) becomes 127.0.0.1.
QString ollamaBaseUrlFromHost(const QString &ollamaHost);

// The protocol a URL most likely speaks, from its host, port and path: api.anthropic.com →
// Anthropic; a path ending in /v1 or a known OpenAI-compatible host → OpenAI; port 11434 or a
// path ending in /api → Ollama. nullopt when the URL says nothing.
std::optional<ProviderType> guessProviderType(const QString &url);

} // namespace Sluice
