// Header values come from the config file, crush.json's extra_headers, $VAR expansion and the
// keychain. CR or LF in one would end the header line and start another on the wire (header
// injection); NUL cuts it short. Such values are refused where they are read and, as a last
// guard, where a request is built.
#pragma once

#include "core/chat/chattypes.h"

#include <QString>
#include <QStringView>

namespace Sluice {

// True when `value` holds CR, LF or NUL.
bool breaksHeaderLine(QStringView value);
bool breaksHeaderLine(QByteArrayView value);

// "Provider "X": the header Y contains a line break or NUL character, which would end the
// header on the wire; remove it." The header is named, its value never shown.
QString headerValueError(const QString &provider, const QString &header);

// The sentence for the first header (or API key) of `config` that breaksHeaderLine(), or an
// empty string when every one is safe to send.
QString headerProblem(const ProviderConfig &config);

} // namespace Sluice
