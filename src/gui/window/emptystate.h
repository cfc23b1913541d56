// What a new, empty chat says: which server and model will answer, or what to do when the
// server cannot be reached or has no models. Rich text (the detail may hold <b> and <code>).
#pragma once

#include "session/servermodels.h"

namespace Sluice {

struct EmptyState
{
    QString title;
    QString detail;
    bool showRetry = false;    // "Try Again" (asks the server for its models again)
    bool showSettings = false; // "Open Settings"
};

EmptyState emptyState(const ProviderConfig *provider, const ServerModels::Entry &server,
                      const QString &model);

// "Ollama", "OpenAI-compatible server", "Anthropic" (Protocol::serverName()).
QString serverKind(ProviderType type);
// The address as people recognise it: "http://localhost:11434".
QString serverAddress(const ProviderConfig &provider);

} // namespace Sluice
