#include "core/storage/historyfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace Sluice::HistoryFiles {

namespace {

constexpr QFileDevice::Permissions kOwnerFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                             QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                             QFileDevice::WriteOther | QFileDevice::ExeOther;
constexpr QFileDevice::Permissions kOwnerFolder =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice::HistoryFiles", text);
}

bool ownedByMe(const QFileInfo &info)
{
#ifdef Q_OS_UNIX
    return info.exists() && info.ownerId() == ::getuid();
#else
    return info.exists();
#endif
}

const QLatin1StringView kCompanions[] = {QLatin1StringView("-wal"), QLatin1StringView("-shm")};

} // namespace

bool prepare(const QString &filePath, QString *error)
{
    const QString folder = QFileInfo(filePath).absolutePath();
    if (!QFileInfo::exists(folder)) {
        if (!QDir().mkpath(folder)) {
            *error = tr("the folder %1 could not be created").arg(QDir::toNativeSeparators(folder));
            return false;
        }
        QFile::setPermissions(folder, kOwnerFolder);
    }
    if (QFileInfo::exists(filePath))
        return true;
    // An empty file is an empty SQLite database; made here so that it is born private.
    QFile file(filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerFile) &&
        !QFileInfo::exists(filePath)) {
        const QString why = whyNotWritable(filePath);
        *error = why.isEmpty() ? tr("%1 could not be created: %2")
                                     .arg(QDir::toNativeSeparators(filePath), file.errorString())
                               : why;
        return false;
    }
    return true;
}

void makePrivate(const QString &filePath)
{
    const QString paths[] = {filePath, filePath + kCompanions[0], filePath + kCompanions[1]};
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (ownedByMe(info) && (info.permissions() & kOthers) != 0)
            QFile::setPermissions(path, kOwnerFile);
    }
    const QFileInfo folder(QFileInfo(filePath).absolutePath());
    const QString standard = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!standard.isEmpty() && folder.absoluteFilePath() == QDir(standard).absolutePath() &&
        ownedByMe(folder) && (folder.permissions() & kOthers) != 0)
        QFile::setPermissions(folder.absoluteFilePath(), kOwnerFolder);
}

QString whyNotWritable(const QString &filePath)
{
    const QFileInfo folder(QFileInfo(filePath).absolutePath());
    const QFileInfo file(filePath);
    if (file.exists() && !file.isWritable()) {
        return ownedByMe(file) ? tr("%1 is read-only").arg(QDir::toNativeSeparators(filePath))
                               : tr("%1 belongs to another user (was Sluice run with sudo?)")
                                     .arg(QDir::toNativeSeparators(filePath));
    }
    for (const QLatin1StringView suffix : kCompanions) {
        const QFileInfo companion(filePath + suffix);
        if (companion.exists() && !companion.isWritable())
            return tr("%1 belongs to another user (was Sluice run with sudo?)")
                .arg(QDir::toNativeSeparators(companion.filePath()));
    }
    if (folder.exists() && !folder.isWritable())
        return tr("the folder %1 is read-only")
            .arg(QDir::toNativeSeparators(folder.absoluteFilePath()));
    return {};
}

} // namespace Sluice::HistoryFiles
