// The configuration a first run starts with, read from the environment.
#pragma once

#include "core/config/config.h"

#include <QProcessEnvironment>

namespace Sluice {

// An Ollama provider at $OLLAMA_HOST (or http://localhost:11434); an OpenAI provider when
// OPENAI_API_KEY or OPENAI_BASE_URL is set (the key kept as the reference "$OPENAI_API_KEY");
// an Anthropic provider when ANTHROPIC_API_KEY is set (as "$ANTHROPIC_API_KEY").
// Ollama is the default provider.
Config defaultConfig(const QProcessEnvironment &env);

} // namespace Sluice
