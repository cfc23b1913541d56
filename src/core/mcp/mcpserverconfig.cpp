#include "core/mcp/mcpserverconfig.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace Sluice {

namespace {

class Words final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::McpServerConfig)
};

constexpr double MaxTimeoutSeconds = 86'400;

QString t(const char *text)
{
    return Words::tr(text);
}

bool readPairs(const QJsonObject &o, const QString &key, const QString &path,
               QList<QPair<QString, QString>> &out, QString *field, QString *problem)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isObject()) {
        *field = path + u'.' + key;
        *problem = t("must be an object of names and text values");
        return false;
    }
    const QJsonObject pairs = v.toObject();
    for (auto it = pairs.constBegin(); it != pairs.constEnd(); ++it) {
        if (!it.value().isString()) {
            *field = path + u'.' + key + u'.' + it.key();
            *problem = t("must be text in quotes");
            return false;
        }
        out.append({it.key(), it.value().toString()});
    }
    return true;
}

bool readStrings(const QJsonObject &o, const QString &key, const QString &path, QStringList &out,
                 QString *field, QString *problem)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    const QJsonArray a = v.toArray();
    bool ok = v.isArray();
    for (const QJsonValue &item : a) {
        ok = ok && item.isString();
        out.append(item.toString());
    }
    if (!ok) {
        *field = path + u'.' + key;
        *problem = t("must be a list of text values");
    }
    return ok;
}

bool readSeconds(const QJsonObject &o, const QString &key, const QString &path, int &outMs,
                 QString *field, QString *problem)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    const double s = v.toDouble(-1);
    if (!v.isDouble() || !std::isfinite(s) || s <= 0 || s > MaxTimeoutSeconds) {
        *field = path + u'.' + key;
        *problem = t("must be a number of seconds from 0.001 to 86400");
        return false;
    }
    outMs = qMax(1, int(std::lround(s * 1000)));
    return true;
}

QJsonObject pairsToJson(const QList<QPair<QString, QString>> &pairs)
{
    QJsonObject o;
    for (const auto &[k, v] : pairs)
        o.insert(k, v);
    return o;
}

void putOrRemove(QJsonObject &o, const QString &key, const QJsonValue &v, bool isEmpty)
{
    if (isEmpty)
        o.remove(key);
    else
        o.insert(key, v);
}

} // namespace

QString McpServerConfig::summary() const
{
    if (transport == Transport::Http)
        return url;
    QStringList parts{command};
    parts += args;
    return parts.join(u' ');
}

bool operator==(const McpServerConfig &a, const McpServerConfig &b)
{
    return a.name == b.name && a.transport == b.transport && a.enabled == b.enabled &&
           a.command == b.command && a.args == b.args && a.env == b.env && a.cwd == b.cwd &&
           a.url == b.url && a.headers == b.headers && a.allowedTools == b.allowedTools &&
           a.startupTimeoutMs == b.startupTimeoutMs && a.callTimeoutMs == b.callTimeoutMs;
}

bool isValidMcpServerName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
    return re.match(name).hasMatch();
}

bool mcpServerFromJson(const QString &name, const QJsonObject &o, McpServerConfig &out,
                       QString *field, QString *problem)
{
    const QString path = QStringLiteral("mcp.") + name;
    out = McpServerConfig();
    out.name = name;
    if (!isValidMcpServerName(name)) {
        *field = path;
        *problem = t("is not a valid server name: use letters, digits, '-', '_' and '.'");
        return false;
    }
    const QString type = o.value(u"type").toString();
    const bool hasUrl = o.contains(u"url");
    if (type == u"http" || (type.isEmpty() && hasUrl)) {
        out.transport = McpServerConfig::Transport::Http;
    } else if (type != u"stdio" && !type.isEmpty()) {
        *field = path + QStringLiteral(".type");
        *problem = t("must be \"stdio\" or \"http\"");
        return false;
    }
    const QJsonValue enabled = o.value(u"enabled");
    if (!enabled.isUndefined() && !enabled.isBool()) {
        *field = path + QStringLiteral(".enabled");
        *problem = t("must be true or false");
        return false;
    }
    out.enabled = enabled.toBool(true);
    out.command = o.value(u"command").toString();
    out.cwd = o.value(u"cwd").toString();
    out.url = o.value(u"url").toString();
    const QJsonObject timeouts = o.value(u"timeouts").toObject();
    if (!readStrings(o, QStringLiteral("args"), path, out.args, field, problem) ||
        !readPairs(o, QStringLiteral("env"), path, out.env, field, problem) ||
        !readPairs(o, QStringLiteral("headers"), path, out.headers, field, problem) ||
        !readStrings(o, QStringLiteral("tools"), path, out.allowedTools, field, problem) ||
        !readSeconds(timeouts, QStringLiteral("startup"), path + QStringLiteral(".timeouts"),
                     out.startupTimeoutMs, field, problem) ||
        !readSeconds(timeouts, QStringLiteral("call"), path + QStringLiteral(".timeouts"),
                     out.callTimeoutMs, field, problem))
        return false;
    if (out.transport == McpServerConfig::Transport::Stdio && out.command.trimmed().isEmpty()) {
        *field = path + QStringLiteral(".command");
        *problem = t("must name the program that runs the server");
        return false;
    }
    if (out.transport == McpServerConfig::Transport::Http &&
        !(out.url.startsWith(u"http://") || out.url.startsWith(u"https://"))) {
        *field = path + QStringLiteral(".url");
        *problem = t("must be an http:// or https:// address");
        return false;
    }
    return true;
}

QJsonObject mcpServerToJson(const McpServerConfig &s, QJsonObject o)
{
    const bool http = s.transport == McpServerConfig::Transport::Http;
    o.insert(QStringLiteral("type"), http ? QStringLiteral("http") : QStringLiteral("stdio"));
    putOrRemove(o, QStringLiteral("command"), s.command, http || s.command.isEmpty());
    putOrRemove(o, QStringLiteral("args"), QJsonArray::fromStringList(s.args),
                http || s.args.isEmpty());
    putOrRemove(o, QStringLiteral("env"), pairsToJson(s.env), http || s.env.isEmpty());
    putOrRemove(o, QStringLiteral("cwd"), s.cwd, http || s.cwd.isEmpty());
    putOrRemove(o, QStringLiteral("url"), s.url, !http);
    putOrRemove(o, QStringLiteral("headers"), pairsToJson(s.headers),
                !http || s.headers.isEmpty());
    putOrRemove(o, QStringLiteral("enabled"), s.enabled, s.enabled && !o.contains(u"enabled"));
    putOrRemove(o, QStringLiteral("tools"), QJsonArray::fromStringList(s.allowedTools),
                s.allowedTools.isEmpty());
    QJsonObject timeouts = o.value(u"timeouts").toObject();
    putOrRemove(timeouts, QStringLiteral("startup"), s.startupTimeoutMs / 1000.0,
                s.startupTimeoutMs == McpServerConfig::DefaultStartupTimeoutMs);
    putOrRemove(timeouts, QStringLiteral("call"), s.callTimeoutMs / 1000.0,
                s.callTimeoutMs == McpServerConfig::DefaultCallTimeoutMs);
    putOrRemove(o, QStringLiteral("timeouts"), timeouts, timeouts.isEmpty());
    return o;
}

bool mcpSectionFromJson(const QJsonObject &root, QList<McpServerConfig> &out, QString *field,
                        QString *problem)
{
    const QJsonValue section = root.value(u"mcp");
    if (section.isUndefined() || section.isNull())
        return true;
    if (!section.isObject()) {
        *field = QStringLiteral("mcp");
        *problem = t("must be an object with one entry per MCP server");
        return false;
    }
    const QJsonObject servers = section.toObject();
    for (auto it = servers.constBegin(); it != servers.constEnd(); ++it) {
        McpServerConfig s;
        if (!it.value().isObject()) {
            *field = QStringLiteral("mcp.") + it.key();
            *problem = t("must be an object describing the server");
            return false;
        }
        if (!mcpServerFromJson(it.key(), it.value().toObject(), s, field, problem))
            return false;
        out.append(s);
    }
    return true;
}

void mcpSectionToJson(QJsonObject &root, const QList<McpServerConfig> &servers)
{
    const QJsonObject old = root.value(u"mcp").toObject();
    QJsonObject section;
    for (const McpServerConfig &s : servers)
        section.insert(s.name, mcpServerToJson(s, old.value(s.name).toObject()));
    if (section.isEmpty() && !root.contains(u"mcp"))
        return;
    root.insert(QStringLiteral("mcp"), section);
}

QList<McpServerConfig> mcpServersFromClientJson(const QJsonObject &mcpServers,
                                                QStringList *skipped)
{
    QList<McpServerConfig> out;
    for (auto it = mcpServers.constBegin(); it != mcpServers.constEnd(); ++it) {
        const QJsonObject o = it.value().toObject();
        McpServerConfig s;
        s.name = it.key();
        if (!isValidMcpServerName(s.name)) {
            s.name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")),
                           QStringLiteral("-"));
            while (s.name.startsWith(u'-') || s.name.startsWith(u'.') || s.name.startsWith(u'_'))
                s.name.remove(0, 1);
        }
        const QString type = o.value(u"type").toString().toLower();
        const QString url =
            o.value(u"url").toString(o.value(u"serverUrl").toString(o.value(u"httpUrl").toString()));
        s.enabled = !o.value(u"disabled").toBool(false) && o.value(u"enabled").toBool(true);
        //: %1 is a server's name in another program's settings file; a reason follows
        const QString prefix = Words::tr("The MCP server \"%1\" was not imported: ").arg(it.key());
        if (s.name.isEmpty()) {
            skipped->append(prefix + t("its name has no letters or digits."));
            continue;
        }
        if (type == u"sse") {
            skipped->append(prefix + t("it uses the deprecated HTTP+SSE transport, which "
                                       "Sluice does not speak; the server's streamable HTTP "
                                       "address usually ends in /mcp."));
            continue;
        }
        QString field, problem;
        if (!url.isEmpty()) {
            s.transport = McpServerConfig::Transport::Http;
            s.url = url;
            readPairs(o, QStringLiteral("headers"), QString(), s.headers, &field, &problem);
        } else if (!o.value(u"command").toString().trimmed().isEmpty()) {
            s.command = o.value(u"command").toString();
            s.cwd = o.value(u"cwd").toString();
            readStrings(o, QStringLiteral("args"), QString(), s.args, &field, &problem);
            readPairs(o, QStringLiteral("env"), QString(), s.env, &field, &problem);
        } else {
            skipped->append(prefix + t("it has neither a command nor a url."));
            continue;
        }
        if (!problem.isEmpty()) {
            skipped->append(prefix + field.mid(1) + u' ' + problem + u'.');
            continue;
        }
        // crush.json and some others give a timeout in seconds for every request.
        if (const double seconds = o.value(u"timeout").toDouble(0);
            seconds > 0 && seconds <= MaxTimeoutSeconds)
            s.callTimeoutMs = int(std::lround(seconds * 1000));
        out.append(s);
    }
    return out;
}

bool readMcpServersFile(const QString &path, QList<McpServerConfig> *servers, QStringList *notes,
                        QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        //: %1 is a file path, %2 the system's reason
        *error = Words::tr("%1 cannot be read: %2.").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    const QJsonValue section =
        root.contains(u"mcpServers") ? root.value(u"mcpServers") : root.value(u"servers");
    if (parseError.error != QJsonParseError::NoError || !section.isObject()) {
        //: %1 is a file path
        *error = Words::tr("%1 is not an MCP settings file: it needs an \"mcpServers\" object.")
                     .arg(path);
        return false;
    }
    *servers = mcpServersFromClientJson(section.toObject(), notes);
    return true;
}

void mergeMcpServers(QList<McpServerConfig> &servers, const QList<McpServerConfig> &imported,
                     QStringList *notes)
{
    for (McpServerConfig s : imported) {
        const QString original = s.name;
        auto taken = [&servers](const QString &name) {
            return std::any_of(servers.cbegin(), servers.cend(),
                               [&name](const McpServerConfig &c) { return c.name == name; });
        };
        for (int n = 2; taken(s.name); ++n)
            s.name = original + u'-' + QString::number(n);
        if (s.name != original && notes)
            //: %1 and %2 are MCP server names
            notes->append(Words::tr("The imported MCP server \"%1\" was added as \"%2\" because "
                                    "\"%1\" already exists.")
                              .arg(original, s.name));
        servers.append(s);
    }
}

} // namespace Sluice
