#include "core/storage/datalocation.h"

#include <QDir>
#include <QStandardPaths>

namespace Sluice {

QString dataDirectory(const QString &explicitDir)
{
    if (!explicitDir.isEmpty())
        return QDir::cleanPath(QDir(explicitDir).absolutePath());
    const QString fromEnvironment = qEnvironmentVariable("SLUICE_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        return QDir::cleanPath(QDir(fromEnvironment).absolutePath());
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString historyDatabasePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("history.sqlite"));
}

} // namespace Sluice
