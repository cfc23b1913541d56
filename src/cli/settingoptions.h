// The options that override a provider's settings for one command (--idle-timeout, --retries,
// --http1 …), declared and applied from the settings table (core/config/settingstable.h), so
// their names, ranges and the defaults their help states are the configuration file's own.
#pragma once

#include "core/chat/chattypes.h"

#include <QCommandLineParser>
#include <QString>

namespace Sluice::Cli {

void addSettingOptions(QCommandLineParser &parser);

// Applies the options given to `config`; false with a one-line error naming the option.
bool applySettingOptions(const QCommandLineParser &parser, ProviderConfig &config, QString *error);

} // namespace Sluice::Cli
