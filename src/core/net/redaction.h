// Keeping secrets out of everything Sluice shows or keeps: error sentences (including a
// server's echoed error body), the log, the history, exports and `doctor` output.
//
// A provider's secrets are more than its API key: any header whose name says it carries a
// credential (Authorization, Proxy-Authorization, X-Api-Key, Api-Key, anything with key,
// token, secret, auth, password, cookie or session in its name) and the token after its
// scheme ("Bearer …"), any header whose value contains the key, the user info of the base URL
// and the values of its key-like query parameters (api_key, key, token, access_token, …).
#pragma once

#include "core/chat/chattypes.h"

#include <QString>
#include <QStringList>
#include <QStringView>
#include <QUrl>

namespace Sluice {

// Values shorter than this are not replaced: they would match ordinary words, and a secret
// this short protects nothing anyway.
inline constexpr qsizetype MinRedactedSecretSize = 4;

// True for header and query parameter names that carry credentials.
bool isSecretName(QStringView name);

// Every secret value of `config`, longest first, each also in its percent-encoded form when
// that differs (servers echo URLs encoded).
QStringList secretValues(const ProviderConfig &config);

// Every occurrence of each secret replaced by "[REDACTED]".
QString redactSecrets(QString text, const QStringList &secrets);
// redactSecrets(text, secretValues(config)).
QString redact(QString text, const ProviderConfig &config);

// Remembers the secrets of every provider a request was built for, so that the log file
// (logging.h) can redact them from lines that know nothing of providers. Thread-safe.
void rememberSecrets(const ProviderConfig &config);
// The same for secrets that belong to no provider (an MCP server's env and headers).
void rememberSecretValues(const QStringList &values);
// Redacts the remembered secrets, and what looks like a credential whatever its value:
// "Bearer …"/"Basic …" tokens, key-like query parameters, user info in URLs.
QString redactKnownSecrets(QString text);

} // namespace Sluice
