#include "core/util/atomicfile.h"

#include <QSaveFile>

namespace Sluice {

bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error,
                         std::optional<QFileDevice::Permissions> permissions)
{
    QSaveFile file(path);
    auto fail = [&](const QString &reason) {
        if (error)
            *error = reason;
        file.cancelWriting();
        return false;
    };
    // Unbuffered: every write reaches the system at once and reports its own failure.
    // Buffered, Qt 6.4's commit() can miss a flush that failed (ENOSPC) and rename a short
    // or empty file over the good one.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(file.errorString());
    if (permissions && !file.setPermissions(*permissions))
        return fail(file.errorString());
    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 n = file.write(bytes.constData() + written, bytes.size() - written);
        if (n <= 0)
            return fail(file.errorString());
        written += n;
    }
    if (!file.flush() || file.error() != QFileDevice::NoError)
        return fail(file.errorString());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Sluice
