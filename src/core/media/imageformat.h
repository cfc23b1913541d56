// Which image format a file holds, read from its first bytes (Qt Core only: the protocols use
// it to name a media type on the wire, the history to check what it imports).
#pragma once

#include <QByteArray>
#include <QString>

namespace Sluice {

// "image/png", "image/jpeg", "image/webp", "image/gif"; `otherwise` for anything else.
QString imageMediaType(const QByteArray &bytes, const QString &otherwise = {});

// "png", "jpg", "webp", "gif" for those media types; "bin" for anything else.
QString imageFileSuffix(const QString &mediaType);

} // namespace Sluice
