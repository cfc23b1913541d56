// Where Sluice keeps its data: an explicit directory (`--data-dir`), else the
// SLUICE_DATA_DIR environment variable, else the platform's app-data location.
#pragma once

#include <QString>

namespace Sluice {

QString dataDirectory(const QString &explicitDir = {});
// The history database inside a data directory.
QString historyDatabasePath(const QString &dataDir);

} // namespace Sluice
