// Reading and writing sluice.json: validation with one clear sentence per problem, schema
// migration, and a writer that keeps the fields it does not know.
#pragma once

#include "core/config/config.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace Sluice {

// Why a configuration file could not be used. `message` is one sentence naming the file and
// either the line and column (bad JSON) or the field ("providers.ollama.base_url").
struct ConfigError
{
    QString file;
    int line = 0;   // 1-based; 0 when the problem is a field, not the syntax
    int column = 0; // 1-based, in characters
    QString field;  // dotted path, e.g. "providers.openai.timeouts.idle"; empty for syntax
    QString message;
};

// Upgrades the root object in place from version `from` to `from + 1`.
using ConfigMigration = std::function<void(QJsonObject &root)>;
// Keyed by the version each step starts from. Empty today: version 1 is the first format.
QMap<int, ConfigMigration> configMigrations();

// Runs the steps from the file's "version" (absent = 1) up to `target` and stores the new
// version. Fails for a version newer than `target` or a gap in the steps.
bool migrateConfig(QJsonObject &root, int target, const QMap<int, ConfigMigration> &steps,
                   const QString &file, ConfigError *error);

struct ConfigParseResult
{
    std::optional<Config> config; // set on success
    ConfigError error;            // set on failure
    bool migrated = false;        // the file was an older version and was upgraded in memory
};

// Parses the bytes of a configuration file; `file` only appears in error messages.
ConfigParseResult parseConfig(const QByteArray &json, const QString &file);
ConfigParseResult parseConfig(const QByteArray &json, const QString &file,
                              const QMap<int, ConfigMigration> &migrations);

// The JSON object for `config`, built on a copy of config.original so unknown fields survive.
// Fields still at their default are only written when the file already had them.
QJsonObject configToJson(const Config &config);
QByteArray configToBytes(const Config &config);

// Line and column (both 1-based, column in characters) of a byte offset into UTF-8 text.
QPair<int, int> lineAndColumn(const QByteArray &utf8, int offset);

} // namespace Sluice
