#include "core/config/configstore.h"

#include "core/util/atomicfile.h"
#include "core/config/defaults.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace Sluice {

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

QString ConfigStore::standardPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/sluice.json");
}

QString ConfigStore::choosePath(const QString &explicitPath, const QProcessEnvironment &env)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString fromEnv = env.value(QStringLiteral("SLUICE_CONFIG"));
    if (!fromEnv.isEmpty())
        return fromEnv;
    return standardPath();
}

ConfigStore::ConfigStore(QString path, QObject *parent) : QObject(parent), m_path(std::move(path))
{}

ConfigStore::LoadResult ConfigStore::load(const QProcessEnvironment &env)
{
    m_error = {};
    m_backupPath.clear();
    const Config before = m_config;
    QFile file(m_path);
    if (!file.exists()) {
        m_config = defaultConfig(env);
        m_lastLoad = LoadResult::FirstRun;
    } else if (!file.open(QIODevice::ReadOnly)) {
        m_error.file = m_path;
        m_error.message = tr("%1 cannot be read: %2.").arg(m_path, file.errorString());
        m_config = {};
        m_lastLoad = LoadResult::Broken;
    } else {
        ConfigParseResult parsed = parseConfig(file.readAll(), m_path);
        if (parsed.config) {
            m_config = std::move(*parsed.config);
            m_lastLoad = LoadResult::Loaded;
        } else {
            m_error = parsed.error;
            m_config = {};
            m_lastLoad = LoadResult::Broken;
        }
    }
    if (m_config != before)
        Q_EMIT changed();
    return m_lastLoad;
}

bool ConfigStore::startFromDefaults(const QProcessEnvironment &env, QString *errorMessage)
{
    if (QFile::exists(m_path)) {
        const QString stamp =
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        QString backup = m_path + QStringLiteral(".broken-") + stamp;
        for (int n = 2; QFile::exists(backup); ++n)
            backup = m_path + QStringLiteral(".broken-") + stamp + u'-' + QString::number(n);
        QFile file(m_path);
        if (!file.rename(backup)) {
            if (errorMessage) {
                *errorMessage = tr("%1 could not be moved aside to %2: %3.")
                                    .arg(m_path, backup, file.errorString());
            }
            return false;
        }
        m_backupPath = backup;
    }
    m_error = {};
    m_lastLoad = LoadResult::FirstRun;
    setConfig(defaultConfig(env));
    return true;
}

void ConfigStore::setConfig(const Config &config)
{
    const bool differs = config != m_config;
    m_config = config;
    if (differs)
        Q_EMIT changed();
}

bool ConfigStore::save(QString *errorMessage)
{
    auto fail = [errorMessage](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    if (m_lastLoad == LoadResult::Broken) {
        return fail(tr("%1 has a problem and was not overwritten; fix it or start from the "
                       "defaults first.")
                        .arg(m_path));
    }
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(tr("The folder %1 could not be created.").arg(dir));

    // Owner-only before any byte is written, so a key in the file is never readable by others.
    QString error;
    if (!writeFileAtomically(m_path, configToBytes(m_config), &error, OwnerOnly))
        return fail(tr("%1 could not be written: %2.").arg(m_path, error));
    QFile::setPermissions(m_path, OwnerOnly);
    m_config.original = configToJson(m_config);
    m_lastLoad = LoadResult::Loaded;
    return true;
}

QList<ProviderConfig> ConfigStore::providerConfigs(const QHash<QString, SecretResult> &secrets,
                                                   QStringList *errors,
                                                   const QProcessEnvironment &env) const
{
    QList<ProviderConfig> list;
    for (const ProviderEntry &p : m_config.providers) {
        ResolvedProvider r = resolveProvider(p, env, secrets);
        if (r.config)
            list.append(std::move(*r.config));
        else if (errors)
            errors->append(r.error);
    }
    return list;
}

ResolvedProvider ConfigStore::providerConfig(const QString &id,
                                             const QHash<QString, SecretResult> &secrets,
                                             const QProcessEnvironment &env) const
{
    const ProviderEntry *p = m_config.provider(id);
    if (!p) {
        ResolvedProvider r;
        r.error = tr("There is no provider \"%1\" in %2.").arg(id, m_path);
        return r;
    }
    return resolveProvider(*p, env, secrets);
}

QString ConfigStore::defaultProviderId() const
{
    const ProviderEntry *p = m_config.effectiveDefaultProvider();
    return p ? p->id : QString();
}

QString ConfigStore::defaultModel() const
{
    if (!m_config.defaultModel.isEmpty())
        return m_config.defaultModel;
    const ProviderEntry *p = m_config.effectiveDefaultProvider();
    return p && !p->models.isEmpty() ? p->models.first().id : QString();
}

} // namespace Sluice
