#include "core/mcp/mcpsecrets.h"

#include "core/config/envexpand.h"
#include "core/config/secretstore.h"
#include "core/net/redaction.h"

#include <QCoreApplication>
#include <QPointer>

#include <memory>

namespace Sluice {

namespace {

class Words final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::McpSecrets)
};

const QString KeychainPrefix = QStringLiteral("keychain:");

struct Job
{
    McpResolved out;
    QStringList secrets;
    int waiting = 0;
    std::function<void(const McpResolved &)> done;
};

} // namespace

QString mcpKeychainAccount(const QString &value)
{
    return value.startsWith(KeychainPrefix) ? value.mid(KeychainPrefix.size()).trimmed()
                                            : QString();
}

QString mcpKeychainAccountFor(const QString &server, const QString &name)
{
    return QStringLiteral("mcp.") + server + u'.' + name;
}

void resolveMcpSecrets(const McpServerConfig &server, SecretStore *store,
                       const QProcessEnvironment &environment, QObject *context,
                       std::function<void(const McpResolved &)> done)
{
    auto job = std::make_shared<Job>();
    job->done = std::move(done);
    // Each value: its slot in env or headers, filled now or when the keychain answers.
    struct Slot
    {
        bool header;
        int index;
        QString name;
        QString value;
    };
    QList<Slot> slots;
    for (const auto &[k, v] : server.env)
        slots.append({false, int(job->out.env.size()), k, v}), job->out.env.append({k, QString()});
    for (const auto &[k, v] : server.headers)
        slots.append({true, int(job->out.headers.size()), k, v}),
            job->out.headers.append({k.toLatin1(), QByteArray()});
    auto put = [job](const Slot &s, const QString &value) {
        if (s.header)
            job->out.headers[s.index].second = value.toUtf8();
        else
            job->out.env[s.index].second = value;
    };
    auto finish = [job] {
        rememberSecretValues(job->secrets);
        job->done(job->out);
    };
    for (const Slot &s : std::as_const(slots)) {
        const QString account = mcpKeychainAccount(s.value);
        if (!account.isEmpty()) {
            if (!store) {
                //: %1 is a server's name, %2 an environment variable or header name
                job->out.problem = Words::tr("The MCP server \"%1\" keeps %2 in the keychain, "
                                             "which is not available here.")
                                       .arg(server.name, s.name);
                continue;
            }
            ++job->waiting;
            store->read(account, context, [job, s, put, finish, server](const SecretResult &r) {
                if (r.ok()) {
                    put(s, r.secret);
                    job->secrets.append(r.secret);
                } else if (job->out.problem.isEmpty()) {
                    //: %1 is a server's name, %2 a variable or header name, %3 the reason
                    job->out.problem = Words::tr("The MCP server \"%1\" keeps %2 in the "
                                                 "keychain, but it could not be read: %3")
                                           .arg(server.name, s.name,
                                                r.message.isEmpty()
                                                    ? Words::tr("there is no such entry.")
                                                    : r.message);
                }
                if (--job->waiting == 0)
                    finish();
            });
            continue;
        }
        const ExpandResult expanded = expandVariables(s.value, environment);
        if (!expanded.ok() && job->out.problem.isEmpty())
            //: %1 is a server's name, %2 a variable or header name, %3 an environment variable
            job->out.problem =
                expanded.malformed
                    ? Words::tr("The MCP server \"%1\": the value of %2 has a \"${\" without "
                                "its \"}\".")
                          .arg(server.name, s.name)
                    : Words::tr("The MCP server \"%1\" needs the environment variable %3 for "
                                "%2, and it is not set.")
                          .arg(server.name, s.name, expanded.missingVariable);
        put(s, expanded.value);
        // Values under credential-like names (…TOKEN, …KEY, Authorization) are secrets, also
        // the token after an auth scheme ("Bearer …").
        if (isSecretName(s.name)) {
            job->secrets.append(expanded.value);
            job->secrets.append(expanded.value.section(u' ', -1));
        }
    }
    if (job->waiting == 0)
        finish();
}

} // namespace Sluice
