// The `type` column shared by tests that run once per protocol: "ollama", "openai" and
// "anthropic" rows, and the base URL a provider of that type is given for a test server.
#pragma once

#include "core/chat/chattypes.h"
#include "testserver.h"

#include <QTest>

namespace Sluice::Test {

inline void addProtocolRows()
{
    QTest::addColumn<ProviderType>("type");
    QTest::newRow("ollama") << ProviderType::Ollama;
    QTest::newRow("openai") << ProviderType::OpenAI;
    QTest::newRow("anthropic") << ProviderType::Anthropic;
}

// The server's root, or its /v1 for an OpenAI-compatible provider (as people paste them).
inline QString baseFor(ProviderType type, const TestServer &server)
{
    const QString root = server.url().toString();
    return type == ProviderType::OpenAI ? root + QStringLiteral("/v1") : root;
}

} // namespace Sluice::Test
