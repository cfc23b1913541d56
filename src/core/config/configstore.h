// The configuration file on disk: where it lives, loading (first run, broken files), saving
// atomically with owner-only permissions, and the provider list the network layer consumes.
#pragma once

#include "core/config/config.h"
#include "core/config/configjson.h"
#include "core/config/resolve.h"

#include <QObject>
#include <QProcessEnvironment>

namespace Sluice {

class ConfigStore final : public QObject
{
    Q_OBJECT

public:
    enum class LoadResult {
        Loaded,   // the file was read
        FirstRun, // there is no file: defaults from the environment, not written yet
        Broken,   // the file exists but cannot be used: see error(); config() is empty
    };

    // QStandardPaths::AppConfigLocation + "/sluice.json".
    static QString standardPath();
    // `explicitPath` (the CLI's --config) if given, else $SLUICE_CONFIG, else standardPath().
    static QString
    choosePath(const QString &explicitPath,
               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    explicit ConfigStore(QString path, QObject *parent = nullptr);

    QString path() const { return m_path; }

    // Reads the file. `env` supplies OLLAMA_HOST etc. for a first run.
    LoadResult load(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    LoadResult lastLoad() const { return m_lastLoad; }
    // Why the file is broken: one sentence naming the file and the line:column or the field.
    const ConfigError &error() const { return m_error; }

    // After a Broken load, at the user's request: renames the file to
    // "sluice.json.broken-YYYYMMDD-HHMMSS" (never overwriting anything) and continues with the
    // first-run defaults. The new file is written by the next save(). Returns false with
    // *errorMessage set if the file could not be moved.
    bool
    startFromDefaults(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                      QString *errorMessage = nullptr);
    // Where startFromDefaults() put the broken file.
    QString brokenFileBackup() const { return m_backupPath; }

    const Config &config() const { return m_config; }
    // Replaces the configuration in memory (emits changed() when it differs); save() writes it.
    void setConfig(const Config &config);

    // Writes the file atomically (QSaveFile) with owner-only permissions, creating the folder.
    // Refuses while the loaded file is broken, so a broken file is never overwritten.
    bool save(QString *errorMessage = nullptr);

    // Convenience over config(): the providers for the network layer. Providers that cannot be
    // resolved (missing variable, unreadable keychain entry) are left out and explained in
    // *errors.
    QList<ProviderConfig> providerConfigs(
        const QHash<QString, SecretResult> &secrets = {}, QStringList *errors = nullptr,
        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment()) const;
    ResolvedProvider
    providerConfig(const QString &id, const QHash<QString, SecretResult> &secrets = {},
                   const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment()) const;
    QString defaultProviderId() const;
    QString defaultModel() const;

Q_SIGNALS:
    void changed();

private:
    QString m_path;
    Config m_config;
    ConfigError m_error;
    LoadResult m_lastLoad = LoadResult::FirstRun;
    QString m_backupPath;
};

} // namespace Sluice
