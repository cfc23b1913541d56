#include "core/mcp/mcpmessages.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace Sluice::Mcp {

namespace {

class Words final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::Mcp)
};

const QString MetaVersion = QStringLiteral("io.modelcontextprotocol/protocolVersion");
const QString MetaCapabilities = QStringLiteral("io.modelcontextprotocol/clientCapabilities");
const QString MetaClientInfo = QStringLiteral("io.modelcontextprotocol/clientInfo");

// What Sluice offers a server: nothing beyond the core (no sampling, roots or elicitation).
QJsonObject clientCapabilities()
{
    return QJsonObject();
}

QString blockText(const QJsonObject &block)
{
    const QString type = block.value(u"type").toString();
    if (type == u"text")
        return block.value(u"text").toString();
    if (type == u"image" || type == u"audio")
        //: %1 is "image" or "audio", %2 a MIME type such as image/png
        return Words::tr("[%1 %2 not shown to the model]")
            .arg(type, block.value(u"mimeType").toString());
    if (type == u"resource_link")
        //: %1 is a resource's URI
        return Words::tr("[resource %1]").arg(block.value(u"uri").toString());
    if (type == u"resource") {
        const QJsonObject r = block.value(u"resource").toObject();
        if (r.contains(u"text"))
            return r.value(u"text").toString();
        return Words::tr("[resource %1]").arg(r.value(u"uri").toString());
    }
    //: %1 is the type name a server gave to a piece of a tool's result
    return Words::tr("[content of type \"%1\"]").arg(type);
}

bool isTchar(QChar c)
{
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    return c.unicode() < 128 && (c.isLetterOrNumber() || extra.contains(c));
}

bool collectHeaders(const QJsonObject &schema, const QJsonObject &args, QSet<QString> &seen,
                    QList<QPair<QByteArray, QByteArray>> *headers, QString *why)
{
    const QJsonObject props = schema.value(u"properties").toObject();
    for (auto it = props.constBegin(); it != props.constEnd(); ++it) {
        const QJsonObject prop = it.value().toObject();
        const QJsonValue value = args.value(it.key());
        if (prop.contains(u"x-mcp-header")) {
            const QString name = prop.value(u"x-mcp-header").toString();
            const QString type = prop.value(u"type").toString();
            bool valid = !name.isEmpty() && std::all_of(name.begin(), name.end(), isTchar);
            if (!valid || seen.contains(name.toLower()) ||
                !(type == u"string" || type == u"integer" || type == u"boolean")) {
                //: %1 is a tool parameter's name
                *why = Words::tr("its parameter \"%1\" has an invalid x-mcp-header").arg(it.key());
                return false;
            }
            seen.insert(name.toLower());
            QString text;
            if (value.isString())
                text = value.toString();
            else if (value.isBool())
                text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else if (value.isDouble())
                text = QString::number(qint64(value.toDouble()));
            if (!value.isUndefined() && !value.isNull())
                headers->append({"Mcp-Param-" + name.toLatin1(), headerValue(text)});
        }
        if (prop.contains(u"properties") &&
            !collectHeaders(prop, value.toObject(), seen, headers, why))
            return false;
    }
    return true;
}

} // namespace

QStringList legacyVersions()
{
    return {QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
            QStringLiteral("2025-03-26")};
}

bool isModern(const QString &version)
{
    return version == ModernVersion;
}

bool isModernError(int code)
{
    return code == HeaderMismatch || code == MissingRequiredClientCapability ||
           code == UnsupportedProtocolVersion;
}

QJsonObject clientInfo()
{
    return {{QStringLiteral("name"), QStringLiteral("sluice")},
            {QStringLiteral("title"), QStringLiteral("Sluice")},
            {QStringLiteral("version"), QCoreApplication::applicationVersion().isEmpty()
                                            ? QStringLiteral("0")
                                            : QCoreApplication::applicationVersion()}};
}

QJsonObject request(const QJsonValue &id, const QString &method, QJsonObject params,
                    const QString &modernVersion)
{
    if (!modernVersion.isEmpty()) {
        QJsonObject meta = params.value(u"_meta").toObject();
        meta.insert(MetaVersion, modernVersion);
        meta.insert(MetaCapabilities, clientCapabilities());
        meta.insert(MetaClientInfo, clientInfo());
        params.insert(QStringLiteral("_meta"), meta);
    }
    QJsonObject m{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("method"), method}};
    if (!params.isEmpty())
        m.insert(QStringLiteral("params"), params);
    return m;
}

QJsonObject notification(const QString &method, const QJsonObject &params)
{
    QJsonObject m{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                  {QStringLiteral("method"), method}};
    if (!params.isEmpty())
        m.insert(QStringLiteral("params"), params);
    return m;
}

QJsonObject resultResponse(const QJsonValue &id, const QJsonObject &result)
{
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), id},
            {QStringLiteral("result"), result}};
}

QJsonObject errorResponse(const QJsonValue &id, int code, const QString &message)
{
    return {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), id},
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
}

QJsonObject initializeParams(const QString &version)
{
    return {{QStringLiteral("protocolVersion"), version},
            {QStringLiteral("capabilities"), clientCapabilities()},
            {QStringLiteral("clientInfo"), clientInfo()}};
}

QJsonObject cancelledParams(const QJsonValue &requestId, const QString &reason)
{
    return {{QStringLiteral("requestId"), requestId}, {QStringLiteral("reason"), reason}};
}

Kind kindOf(const QJsonObject &m)
{
    if (m.value(u"jsonrpc").toString() != u"2.0")
        return Kind::Invalid;
    const bool hasId = m.contains(u"id") && (m.value(u"id").isString() || m.value(u"id").isDouble());
    if (m.contains(u"method") && m.value(u"method").isString())
        return hasId ? Kind::Request : Kind::Notification;
    if (m.contains(u"result") || m.contains(u"error"))
        return Kind::Response;
    return Kind::Invalid;
}

QList<ToolSpec> toolsFromList(const QString &server, const QJsonObject &result,
                              QStringList *rejected)
{
    QList<ToolSpec> tools;
    for (const QJsonValue &v : result.value(u"tools").toArray()) {
        const QJsonObject t = v.toObject();
        ToolSpec spec;
        spec.server = server;
        spec.name = t.value(u"name").toString();
        spec.title = t.value(u"title").toString(
            t.value(u"annotations").toObject().value(u"title").toString());
        spec.description = t.value(u"description").toString();
        spec.inputSchema = t.value(u"inputSchema").toObject();
        if (spec.name.isEmpty() || !t.value(u"inputSchema").isObject()) {
            rejected->append(spec.name.isEmpty() ? Words::tr("a tool without a name")
                                                 //: %1 is a tool's name
                                                 : Words::tr("\"%1\" (no input schema)").arg(spec.name));
            continue;
        }
        tools.append(spec);
    }
    return tools;
}

ToolOutcome outcomeFromCallResult(const QJsonObject &result)
{
    ToolOutcome out;
    out.kind = result.value(u"isError").toBool() ? ToolOutcome::Kind::ToolError
                                                 : ToolOutcome::Kind::Ok;
    out.content = result.value(u"content").toArray();
    if (result.contains(u"structuredContent"))
        out.structured = result.value(u"structuredContent");
    QStringList parts;
    for (const QJsonValue &block : out.content)
        parts.append(blockText(block.toObject()));
    out.text = parts.join(u'\n');
    if (out.content.isEmpty() && !out.structured.isUndefined())
        out.text = QString::fromUtf8(
            out.structured.isObject()
                ? QJsonDocument(out.structured.toObject()).toJson(QJsonDocument::Compact)
                : QJsonDocument(out.structured.toArray()).toJson(QJsonDocument::Compact));
    return out;
}

QString describeError(const QJsonObject &error)
{
    return QString::number(error.value(u"code").toInt()) + u' ' +
           error.value(u"message").toString().left(500);
}

QByteArray headerValue(const QString &value)
{
    const bool plain =
        value == value.trimmed() &&
        std::all_of(value.begin(), value.end(),
                    [](QChar c) { return c == u'\t' || (c.unicode() >= 0x20 && c.unicode() <= 0x7e); }) &&
        !(value.startsWith(u"=?base64?") && value.endsWith(u"?="));
    if (plain)
        return value.toLatin1();
    return "=?base64?" + value.toUtf8().toBase64() + "?=";
}

bool paramHeaders(const QJsonObject &inputSchema, const QJsonObject &arguments,
                  QList<QPair<QByteArray, QByteArray>> *headers, QString *why)
{
    QSet<QString> seen;
    return collectHeaders(inputSchema, arguments, seen, headers, why);
}

} // namespace Sluice::Mcp
