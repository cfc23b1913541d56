// Every file Sluice writes goes through here: the whole new content or the old file, never
// a half-written or empty one, and a failed write (full disk, read-only folder) is said.
#pragma once

#include <QByteArray>
#include <QFileDevice>
#include <QString>

#include <optional>

namespace Sluice {

// Writes `bytes` to a temporary file beside `path`, checks every write and the flush, syncs
// it and renames it over `path`. On any failure the old file is left exactly as it was and
// `error` gets the system's reason ("No space left on device") for the caller's sentence.
// `permissions`, when given, are set before the first byte is written (e.g. owner-only).
bool writeFileAtomically(const QString &path, const QByteArray &bytes, QString *error,
                         std::optional<QFileDevice::Permissions> permissions = std::nullopt);

} // namespace Sluice
