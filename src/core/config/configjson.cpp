#include "core/config/configjson.h"

#include "core/config/settingstable.h"
#include "core/config/urls.h"
#include "core/net/headercheck.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>

namespace Sluice {

namespace {

// Reads one file, stops at the first problem and words it as one sentence. The settings in the
// table (settingstable.h) are read from it; the structure around them is read here by hand.
class Reader final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::ConfigReader)

public:
    explicit Reader(QString file) : m_file(std::move(file)) {}

    ConfigError error;
    bool failed = false;

    bool fail(const QString &field, const QString &predicate)
    {
        if (failed)
            return false;
        failed = true;
        error.file = m_file;
        error.field = field;
        //: %1 is a file path, %2 a field such as providers.ollama.base_url, %3 what is wrong
        error.message = tr("In %1, %2 %3.").arg(m_file, field, predicate);
        return false;
    }

    bool wrongType(const QString &field, const QString &expected, const QJsonValue &v)
    {
        //: %1 is the expected kind of value ("a string"), %2 the value found
        return fail(field, tr("must be %1, not %2").arg(expected, describeValue(v)));
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }

    bool string(const QJsonObject &o, const QString &key, const QString &path, QString &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isString())
            return wrongType(join(path, key), tr("text in quotes"), v);
        out = v.toString();
        return true;
    }

    bool integer(const QJsonObject &o, const QString &key, const QString &path, int min, int max,
                 int &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
            return wrongType(join(path, key), tr("a whole number from %1 to %2").arg(min).arg(max),
                             v);
        out = int(d);
        return true;
    }

    bool object(const QJsonObject &o, const QString &key, const QString &path, QJsonObject &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isObject())
            return wrongType(join(path, key), tr("an object { … }"), v);
        out = v.toObject();
        return true;
    }

    // Every setting of the table that `target` holds, from `o`, the object at `path`.
    template <class S> bool readSettings(const QJsonObject &o, const QString &path, S &target)
    {
        for (const Setting &s : settings()) {
            if (!holds<S>(s))
                continue;
            const QStringList parts = s.key.split(u'.');
            QJsonObject at = o;
            QString field = path;
            for (qsizetype i = 0; i + 1 < parts.size(); ++i) { // "timeouts" of "timeouts.idle"
                QJsonObject inner;
                if (!object(at, parts.at(i), field, inner))
                    return false;
                at = inner;
                field = join(field, parts.at(i));
            }
            const QJsonValue v = at.value(parts.last());
            if (const QString problem = settingProblem(s, v); !problem.isEmpty())
                return fail(join(field, parts.last()), problem);
            setSetting(s, fieldOf(s, target), v);
        }
        return true;
    }

    bool readModel(const QJsonValue &v, const QString &path, ModelEntry &m);
    bool readHeaders(const QJsonObject &o, const QString &path, ProviderEntry &p);
    bool readProvider(const QString &id, const QJsonValue &v, ProviderEntry &p);
    bool readRoot(const QJsonObject &root, Config &config);

private:
    QString m_file;
};

bool Reader::readModel(const QJsonValue &v, const QString &path, ModelEntry &m)
{
    if (v.isString()) { // shorthand: "models": ["llama3.2", …]
        m.id = v.toString();
    } else if (!v.isObject()) {
        return wrongType(path, tr("an object { \"id\": … }"), v);
    } else {
        const QJsonObject o = v.toObject();
        if (!string(o, QStringLiteral("id"), path, m.id) || !readSettings(o, path, m))
            return false;
    }
    if (m.id.trimmed().isEmpty())
        return fail(path + QStringLiteral(".id"), tr("is missing; every model needs the id the "
                                                     "server knows it by"));
    return true;
}

bool Reader::readHeaders(const QJsonObject &o, const QString &path, ProviderEntry &p)
{
    QJsonObject headers;
    if (!object(o, QStringLiteral("headers"), path, headers))
        return false;
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        const QString field = path + QStringLiteral(".headers.") + it.key();
        if (!it.value().isString())
            return wrongType(field, tr("text in quotes"), it.value());
        if (it.key().isEmpty() || it.key().contains(u' ') || it.key().contains(u':'))
            return fail(field, tr("is not a valid HTTP header name"));
        if (breaksHeaderLine(it.key()) || breaksHeaderLine(it.value().toString()))
            return fail(field, tr("contains a line break or NUL character, which would end the "
                                  "header on the wire; remove it"));
        p.headers.append({it.key(), it.value().toString()});
    }
    return true;
}

bool Reader::readProvider(const QString &id, const QJsonValue &v, ProviderEntry &p)
{
    const QString path = QStringLiteral("providers.") + id;
    if (!isValidProviderId(id)) {
        return fail(path, tr("has an id that is not allowed; use letters, digits, '-', '_' "
                             "and '.'"));
    }
    if (!v.isObject())
        return wrongType(path, tr("an object { \"type\": …, \"base_url\": … }"), v);
    const QJsonObject o = v.toObject();
    p.id = id;

    QString type;
    if (!string(o, QStringLiteral("type"), path, type))
        return false;
    if (type.isEmpty())
        return fail(path + QStringLiteral(".type"), tr("is missing; use \"ollama\", \"openai\" "
                                                       "or \"anthropic\""));
    const std::optional<ProviderType> parsedType = providerTypeFromName(type);
    if (!parsedType) {
        return fail(path + QStringLiteral(".type"),
                    tr("is \"%1\", which Sluice does not speak; use \"ollama\", \"openai\" "
                       "(any OpenAI-compatible server) or \"anthropic\"")
                        .arg(type));
    }
    p.type = *parsedType;

    if (!string(o, QStringLiteral("base_url"), path, p.baseUrl))
        return false;
    if (p.baseUrl.isEmpty())
        return fail(path + QStringLiteral(".base_url"),
                    tr("is missing, e.g. \"%1\"").arg(defaultBaseUrl(p.type)));
    if (const QString problem = baseUrlProblem(p.baseUrl); !problem.isEmpty())
        return fail(path + QStringLiteral(".base_url"), problem);

    if (!readSettings(o, path, p))
        return false;
    if (breaksHeaderLine(p.apiKey))
        return fail(path + QStringLiteral(".api_key"),
                    tr("contains a line break or NUL character, which would end the "
                       "Authorization header on the wire; remove it"));
    if (!readHeaders(o, path, p))
        return false;

    const QJsonValue models = o.value(QStringLiteral("models"));
    if (!models.isUndefined() && !models.isNull()) {
        if (!models.isArray())
            return wrongType(path + QStringLiteral(".models"), tr("a list [ … ]"), models);
        const QJsonArray list = models.toArray();
        QSet<QString> seen;
        for (qsizetype i = 0; i < list.size(); ++i) {
            ModelEntry m;
            const QString mpath = path + QStringLiteral(".models[%1]").arg(i);
            if (!readModel(list.at(i), mpath, m))
                return false;
            if (seen.contains(m.id))
                return fail(mpath + QStringLiteral(".id"),
                            tr("repeats the model \"%1\"").arg(m.id));
            seen.insert(m.id);
            p.models.append(m);
        }
    }
    return true;
}

bool Reader::readRoot(const QJsonObject &root, Config &config)
{
    QJsonObject providers;
    if (!object(root, QStringLiteral("providers"), QString(), providers))
        return false;
    QList<ProviderEntry> byId;
    for (auto it = providers.constBegin(); it != providers.constEnd(); ++it) {
        ProviderEntry p;
        if (!readProvider(it.key(), it.value(), p))
            return false;
        byId.append(p);
    }

    // Objects do not keep their order, so the user's order lives in "provider_order".
    const QJsonValue order = root.value(QStringLiteral("provider_order"));
    if (!order.isUndefined() && !order.isArray())
        return wrongType(QStringLiteral("provider_order"), tr("a list of provider ids"), order);
    const QJsonArray orderList = order.toArray();
    for (const QJsonValue &idValue : orderList) {
        for (qsizetype i = 0; i < byId.size(); ++i) {
            if (byId.at(i).id == idValue.toString()) {
                config.providers.append(byId.takeAt(i));
                break;
            }
        }
    }
    config.providers.append(byId);

    if (!readSettings(root, QString(), config))
        return false;
    if (!config.defaultProvider.isEmpty() && !config.provider(config.defaultProvider)) {
        return fail(
            QStringLiteral("default.provider"),
            tr("names \"%1\", which is not one of the providers").arg(config.defaultProvider));
    }
    QString mcpField, mcpProblem;
    if (!mcpSectionFromJson(root, config.mcpServers, &mcpField, &mcpProblem))
        return fail(mcpField, mcpProblem);
    QString presetField, presetProblem;
    if (!presetsFromJson(root.value(QStringLiteral("presets")), QStringLiteral("presets"),
                         &config.presets, &presetField, &presetProblem))
        return fail(presetField, presetProblem);
    if (!config.defaultPreset.isEmpty() && !findPreset(config.presets, config.defaultPreset))
        return fail(QStringLiteral("default.preset"),
                    tr("names \"%1\", which is not one of the presets").arg(config.defaultPreset));
    QJsonObject app;
    return object(root, QStringLiteral("app"), QString(), app) &&
           readSettings(app, QStringLiteral("app"), config.app);
}

// Writes `value`, unless it is the default and the file did not mention the key.
void putUnlessDefault(QJsonObject &o, const QString &key, const QJsonValue &value, bool isDefault)
{
    if (!isDefault || o.contains(key))
        o.insert(key, value);
}

// Writes one setting at its dotted key, creating the objects on the way when needed.
void putSetting(QJsonObject &o, QStringView key, const QJsonValue &value, bool isDefault,
                bool omitAtDefault)
{
    if (const qsizetype dot = key.indexOf(u'.'); dot >= 0) {
        const QString outer = key.left(dot).toString();
        QJsonObject inner = o.value(outer).toObject();
        putSetting(inner, key.mid(dot + 1), value, isDefault, omitAtDefault);
        putUnlessDefault(o, outer, inner, inner.isEmpty());
    } else if (isDefault && omitAtDefault) {
        o.remove(key.toString());
    } else {
        putUnlessDefault(o, key.toString(), value, isDefault);
    }
}

// Every setting of the table that `object` holds, into `o`.
template <class S> void writeSettings(const S &object, QJsonObject &o)
{
    static const S defaults;
    for (const Setting &s : settings()) {
        if (!holds<S>(s))
            continue;
        const QJsonValue value = valueOf(s, object);
        putSetting(o, s.key, value, value == valueOf(s, defaults), s.omitAtDefault);
    }
}

QJsonObject providerToJson(const ProviderEntry &p, QJsonObject o)
{
    o.insert(QStringLiteral("type"), providerTypeName(p.type));
    o.insert(QStringLiteral("base_url"), p.baseUrl);

    QJsonObject headers;
    for (const auto &[name, value] : p.headers)
        headers.insert(name, value);
    putUnlessDefault(o, QStringLiteral("headers"), headers, headers.isEmpty());

    const QJsonArray oldModels = o.value(QStringLiteral("models")).toArray();
    QJsonArray models;
    for (const ModelEntry &m : p.models) {
        QJsonObject model;
        for (const QJsonValue &v : oldModels) {
            if (v.toObject().value(QStringLiteral("id")).toString() == m.id)
                model = v.toObject();
        }
        model.insert(QStringLiteral("id"), m.id);
        writeSettings(m, model);
        models.append(model);
    }
    putUnlessDefault(o, QStringLiteral("models"), models, models.isEmpty());
    writeSettings(p, o);
    return o;
}

} // namespace

QMap<int, ConfigMigration> configMigrations()
{
    return {};
}

bool migrateConfig(QJsonObject &root, int target, const QMap<int, ConfigMigration> &steps,
                   const QString &file, ConfigError *error)
{
    Reader reader(file);
    const QJsonValue v = root.value(QStringLiteral("version"));
    int version = 1;
    if (!v.isUndefined()) {
        if (!reader.integer(root, QStringLiteral("version"), QString(), 0, 1'000'000, version)) {
            reader.error.field = QStringLiteral("version");
            *error = reader.error;
            return false;
        }
    }
    if (version > target) {
        reader.fail(QStringLiteral("version"),
                    Reader::tr("is %1: the file was written by a newer Sluice, and this one "
                               "reads versions up to %2")
                        .arg(version)
                        .arg(target));
        *error = reader.error;
        return false;
    }
    for (; version < target; ++version) {
        const auto step = steps.constFind(version);
        if (step == steps.constEnd()) {
            reader.fail(QStringLiteral("version"),
                        Reader::tr("is %1, which this Sluice cannot upgrade").arg(version));
            *error = reader.error;
            return false;
        }
        (*step)(root);
    }
    root.insert(QStringLiteral("version"), target);
    return true;
}

QPair<int, int> lineAndColumn(const QByteArray &utf8, int offset)
{
    offset = qBound(0, offset, int(utf8.size()));
    const QByteArray before = utf8.left(offset);
    const int line = int(before.count('\n')) + 1;
    const int lineStart = int(before.lastIndexOf('\n')) + 1;
    const int column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    return {line, column};
}

ConfigParseResult parseConfig(const QByteArray &json, const QString &file)
{
    return parseConfig(json, file, configMigrations());
}

ConfigParseResult parseConfig(const QByteArray &json, const QString &file,
                              const QMap<int, ConfigMigration> &migrations)
{
    ConfigParseResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, parseError.offset);
        result.error.file = file;
        result.error.line = line;
        result.error.column = column;
        result.error.message = Reader::tr("%1 is not valid JSON at line %2, column %3: %4.")
                                   .arg(file)
                                   .arg(line)
                                   .arg(column)
                                   .arg(parseError.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.error.file = file;
        result.error.message =
            Reader::tr("%1 must hold one JSON object { … }, not a list or a value.").arg(file);
        return result;
    }
    QJsonObject root = doc.object();
    const QJsonValue oldVersion = root.value(QStringLiteral("version"));
    if (!migrateConfig(root, Config::CurrentVersion, migrations, file, &result.error))
        return result;
    result.migrated = !oldVersion.isUndefined() && oldVersion.toInt() != Config::CurrentVersion;

    Config config;
    Reader reader(file);
    if (!reader.readRoot(root, config)) {
        result.error = reader.error;
        return result;
    }
    config.original = root;
    result.config = std::move(config);
    return result;
}

QJsonObject configToJson(const Config &config)
{
    QJsonObject root = config.original;
    root.insert(QStringLiteral("version"), Config::CurrentVersion);

    writeSettings(config, root);

    const QJsonObject oldProviders = root.value(QStringLiteral("providers")).toObject();
    QJsonObject providers;
    QJsonArray order;
    QStringList ids;
    for (const ProviderEntry &p : config.providers) {
        providers.insert(p.id, providerToJson(p, oldProviders.value(p.id).toObject()));
        order.append(p.id);
        ids.append(p.id);
    }
    root.insert(QStringLiteral("providers"), providers);
    QStringList sorted = ids;
    sorted.sort();
    putUnlessDefault(root, QStringLiteral("provider_order"), order, ids == sorted);

    putUnlessDefault(root, QStringLiteral("presets"), presetsToJson(config.presets),
                     config.presets.isEmpty());
    QJsonObject app = root.value(QStringLiteral("app")).toObject();
    writeSettings(config.app, app);
    putUnlessDefault(root, QStringLiteral("app"), app, app.isEmpty());
    mcpSectionToJson(root, config.mcpServers);
    return root;
}

QByteArray configToBytes(const Config &config)
{
    return QJsonDocument(configToJson(config)).toJson(QJsonDocument::Indented);
}

} // namespace Sluice
