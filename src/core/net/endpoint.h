// Base URLs as people paste them, normalised to what each protocol needs.
#pragma once

#include "core/chat/chattypes.h"

#include <QUrl>

#include <optional>

namespace Sluice {

// The port Ollama listens on when OLLAMA_HOST names none, and its address then.
inline constexpr int OllamaDefaultPort = 11434;
QString ollamaDefaultUrl(); // "http://localhost:11434"

struct ParsedBaseUrl
{
    QUrl url;          // scheme added, whitespace and trailing slashes removed, path kept
    QString error;     // one sentence when the text is not a usable URL
    bool ok() const { return error.isEmpty(); }
};

// "localhost:11434" → "http://localhost:11434"; "  http://h/v1/ " → "http://h/v1".
ParsedBaseUrl parseBaseUrl(const QString &text);

// The type a URL's path implies, when it implies one: "…/v1", "…/chat/completions" → OpenAI;
// "…/api", "…/api/chat" → Ollama; "…/v1/messages" or api.anthropic.com → Anthropic.
std::optional<ProviderType> typeFromUrl(const QUrl &url);

// The API root each protocol builds its paths on:
//   Ollama     → origin (+ any prefix before /api or /v1):  {root}/api/chat
//   OpenAI     → the …/v1 base (added when the path is empty): {root}/chat/completions
//   Anthropic  → origin (+ prefix before /v1):               {root}/v1/messages
QUrl apiRoot(const QUrl &parsed, ProviderType type);

// Appends a path to a root without doubling slashes.
QUrl joinPath(const QUrl &root, QStringView path);

// scheme://host:port, for comparing origins (default ports filled in).
QString originOf(const QUrl &url);

// "http://localhost:11434" — what users recognise in messages.
QString displayBase(const QUrl &root);

// The port a request to `url` goes to: its own, else its scheme's (443 for https, else 80).
int portOf(const QUrl &url);
// "127.0.0.1:11434": where a connection goes, for connection messages.
QString hostPort(const QUrl &url);

} // namespace Sluice

namespace Sluice {
// Ollama's address from $OLLAMA_HOST the way Ollama reads it ("0.0.0.0", ":11434", "host",
// "host:port", "https://host"), else http://localhost:11434. Binding addresses become loopback.
QString ollamaHostFromEnv();
} // namespace Sluice
