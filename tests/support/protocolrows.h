// The `type` column shared by tests that run once per protocol: "ollama", "openai" and
// "anthropic" rows.
#pragma once

#include "core/chat/chattypes.h"

#include <QTest>

namespace Sluice::Test {

inline void addProtocolRows()
{
    QTest::addColumn<ProviderType>("type");
    QTest::newRow("ollama") << ProviderType::Ollama;
    QTest::newRow("openai") << ProviderType::OpenAI;
    QTest::newRow("anthropic") << ProviderType::Anthropic;
}

} // namespace Sluice::Test
