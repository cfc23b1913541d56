#include "core/config/redact.h"

namespace Sluice {

QString redactSecret(const QString &secret)
{
    if (secret.isEmpty())
        return {};
    const QString dots = QStringLiteral("\u2022\u2022\u2022\u2022");
    if (secret.size() < 12)
        return dots;
    return dots + secret.right(4);
}

} // namespace Sluice
