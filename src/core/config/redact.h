// Showing secrets safely: for logs, error messages, `doctor` output and the settings dialog.
#pragma once

#include <QString>

namespace Sluice {

// "••••" followed by at most the last 4 characters, and only when the secret is long enough
// (12 characters or more) for those 4 to give nothing away. Empty stays empty. The result
// never reveals the length of the secret.
QString redactSecret(const QString &secret);

} // namespace Sluice
