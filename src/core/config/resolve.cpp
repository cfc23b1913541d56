#include "core/config/resolve.h"

#include "core/config/envexpand.h"
#include "core/config/settingstable.h"
#include "core/net/headercheck.h"

#include <QCoreApplication>

namespace Sluice {

namespace {

class ResolveText final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::ResolveProvider)
};

const QString KeychainPrefix = QStringLiteral("keychain:");

QString expansionError(const ProviderEntry &p, const QString &field, const ExpandResult &r)
{
    if (!r.missingVariable.isEmpty()) {
        //: %1 = provider name, %2 = field (api_key or a header), %3 = variable name
        return ResolveText::tr("Provider \"%1\": %2 uses the environment variable %3, which is "
                               "not set.")
            .arg(p.displayName(), field, r.missingVariable);
    }
    return ResolveText::tr("Provider \"%1\": %2 has a malformed ${…} reference; write ${NAME} "
                           "or $$ for a literal dollar sign.")
        .arg(p.displayName(), field);
}

} // namespace

QString keychainReference(const QString &account)
{
    return KeychainPrefix + account;
}

QString keychainAccount(const ProviderEntry &provider)
{
    if (!provider.apiKey.startsWith(KeychainPrefix))
        return {};
    const QString account = provider.apiKey.mid(KeychainPrefix.size()).trimmed();
    return account.isEmpty() ? provider.id : account;
}

QStringList keychainAccounts(const Config &config)
{
    QStringList accounts;
    for (const ProviderEntry &p : config.providers) {
        if (const QString a = keychainAccount(p); !a.isEmpty())
            accounts.append(a);
    }
    accounts.removeDuplicates();
    return accounts;
}

ResolvedProvider resolveProvider(const ProviderEntry &p, const QProcessEnvironment &env,
                                 const QHash<QString, SecretResult> &secrets)
{
    ResolvedProvider result;
    ProviderConfig c;
    c.id = p.id;
    c.name = p.displayName();
    c.type = p.type;
    c.baseUrl = p.baseUrl.trimmed();
    carrySettings(p, c); // stream, http2, timeouts, retries
    for (const ModelEntry &m : p.models) {
        ChatOptions defaults;
        if (m.contextWindow > 0)
            defaults.contextSize = m.contextWindow;
        if (m.maxTokens > 0)
            defaults.maxTokens = m.maxTokens;
        defaults.temperature = m.temperature;
        if (!c.modelDefaults.contains(m.id)) // the first entry of an id counts
            c.modelDefaults.insert(m.id, defaults);
    }

    if (const QString account = keychainAccount(p); !account.isEmpty()) {
        const auto it = secrets.constFind(account);
        if (it == secrets.constEnd()) {
            result.error = ResolveText::tr("Provider \"%1\": the API key is in the keychain but "
                                           "was not read yet.")
                               .arg(p.displayName());
            return result;
        }
        if (!it->ok()) {
            result.error = ResolveText::tr("Provider \"%1\": the API key could not be read from "
                                           "the keychain. %2")
                               .arg(p.displayName(), it->message);
            return result;
        }
        c.apiKey = it->secret;
    } else {
        const ExpandResult key = expandVariables(p.apiKey, env);
        if (!key.ok()) {
            result.error = expansionError(p, QStringLiteral("api_key"), key);
            return result;
        }
        c.apiKey = key.value;
    }
    if (breaksHeaderLine(c.apiKey)) {
        result.error = ResolveText::tr("Provider \"%1\": the API key contains a line break or NUL "
                                       "character, which would end the header on the wire; "
                                       "remove it.")
                           .arg(p.displayName());
        return result;
    }

    for (const auto &[name, value] : p.headers) {
        const ExpandResult v = expandVariables(value, env);
        if (!v.ok()) {
            result.error = expansionError(p, ResolveText::tr("header %1").arg(name), v);
            return result;
        }
        if (breaksHeaderLine(v.value)) { // a $VAR may bring the line break
            result.error = headerValueError(p.displayName(), name);
            return result;
        }
        c.headers.append({name.toUtf8(), v.value.toUtf8()});
    }
    result.config = std::move(c);
    return result;
}

} // namespace Sluice
