#include "core/config/configjson.h"

#include "core/net/headercheck.h"
#include "core/config/urls.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>

namespace Sluice {

namespace {

constexpr int MaxTimeoutSeconds = 7 * 24 * 3600;

// Reads one file, stops at the first problem and words it as one sentence.
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

    static QString describe(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Double:
            return QString::number(v.toDouble());
        case QJsonValue::String: {
            QString s = v.toString();
            if (s.size() > 60)
                s = s.left(57) + QStringLiteral("...");
            return u'"' + s + u'"';
        }
        case QJsonValue::Array:
            return tr("a list");
        case QJsonValue::Object:
            return tr("an object");
        case QJsonValue::Undefined:
            break;
        }
        return tr("nothing");
    }

    bool wrongType(const QString &field, const QString &expected, const QJsonValue &v)
    {
        //: %1 is the expected kind of value ("a string"), %2 the value found
        return fail(field, tr("must be %1, not %2").arg(expected, describe(v)));
    }

    bool string(const QJsonObject &o, const QString &key, const QString &path, QString &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isString())
            return wrongType(path + u'.' + key, tr("text in quotes"), v);
        out = v.toString();
        return true;
    }

    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isBool())
            return wrongType(path + u'.' + key, tr("true or false"), v);
        out = v.toBool();
        return true;
    }

    bool number(const QJsonObject &o, const QString &key, const QString &path, double min,
                double max, std::optional<double> &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        const double d = v.toDouble();
        if (!v.isDouble() || d < min || d > max) {
            return wrongType(
                path + u'.' + key,
                tr("a number from %1 to %2").arg(QString::number(min), QString::number(max)), v);
        }
        out = d;
        return true;
    }

    bool integer(const QJsonObject &o, const QString &key, const QString &path, int min, int max,
                 int &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max) {
            return wrongType(path + u'.' + key,
                             tr("a whole number from %1 to %2").arg(min).arg(max), v);
        }
        out = int(d);
        return true;
    }

    bool object(const QJsonObject &o, const QString &key, const QString &path, QJsonObject &out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isObject())
            return wrongType(path.isEmpty() ? key : path + u'.' + key, tr("an object { … }"), v);
        out = v.toObject();
        return true;
    }

    bool seconds(const QJsonObject &o, const QString &key, const QString &path, qint64 &ms)
    {
        std::optional<double> s;
        if (!number(o, key, path, 0, MaxTimeoutSeconds, s))
            return false;
        if (s)
            ms = qint64(std::llround(*s * 1000.0));
        return true;
    }

    bool readModel(const QJsonValue &v, const QString &path, ModelEntry &m);
    bool readProvider(const QString &id, const QJsonValue &v, ProviderEntry &p);
    bool readApp(const QJsonObject &root, AppSettings &app);
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
        std::optional<double> temperature;
        if (!string(o, QStringLiteral("id"), path, m.id) ||
            !string(o, QStringLiteral("name"), path, m.name) ||
            !integer(o, QStringLiteral("context_window"), path, 0, 100'000'000, m.contextWindow) ||
            !integer(o, QStringLiteral("max_tokens"), path, 0, 100'000'000, m.maxTokens) ||
            !number(o, QStringLiteral("temperature"), path, 0, 2, temperature))
            return false;
        m.temperature = temperature;
    }
    if (m.id.trimmed().isEmpty())
        return fail(path + QStringLiteral(".id"), tr("is missing; every model needs the id the "
                                                     "server knows it by"));
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

    if (!string(o, QStringLiteral("name"), path, p.name) ||
        !string(o, QStringLiteral("api_key"), path, p.apiKey) ||
        !boolean(o, QStringLiteral("stream"), path, p.stream) ||
        !boolean(o, QStringLiteral("http2"), path, p.http2) ||
        !integer(o, QStringLiteral("max_retries"), path, 0, 10, p.maxRetries))
        return false;
    if (breaksHeaderLine(p.apiKey))
        return fail(path + QStringLiteral(".api_key"),
                    tr("contains a line break or NUL character, which would end the "
                       "Authorization header on the wire; remove it"));
    std::optional<double> retryDelay;
    if (!number(o, QStringLiteral("retry_delay"), path, 0, 600, retryDelay))
        return false;
    if (retryDelay)
        p.retryBaseDelayMs = int(std::lround(*retryDelay * 1000.0));

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

    QJsonObject timeouts;
    if (!object(o, QStringLiteral("timeouts"), path, timeouts))
        return false;
    const QString tpath = path + QStringLiteral(".timeouts");
    if (!seconds(timeouts, QStringLiteral("connect"), tpath, p.timeouts.connectMs) ||
        !seconds(timeouts, QStringLiteral("first_token"), tpath, p.timeouts.firstTokenMs) ||
        !seconds(timeouts, QStringLiteral("load"), tpath, p.timeouts.loadMs) ||
        !seconds(timeouts, QStringLiteral("idle"), tpath, p.timeouts.idleMs) ||
        !seconds(timeouts, QStringLiteral("total"), tpath, p.timeouts.totalMs))
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

bool Reader::readApp(const QJsonObject &root, AppSettings &app)
{
    QJsonObject o;
    if (!object(root, QStringLiteral("app"), QString(), o))
        return false;
    const QString path = QStringLiteral("app");
    QString theme, sendKey, level;
    if (!string(o, QStringLiteral("theme"), path, theme) ||
        !string(o, QStringLiteral("send_key"), path, sendKey) ||
        !string(o, QStringLiteral("data_dir"), path, app.dataDir) ||
        !integer(o, QStringLiteral("font_size"), path, 0, 72, app.fontSize))
        return false;
    if (!theme.isEmpty()) {
        const auto t = themeFromName(theme);
        if (!t)
            return fail(QStringLiteral("app.theme"),
                        tr("must be \"system\", \"light\" or \"dark\", not \"%1\"").arg(theme));
        app.theme = *t;
    }
    if (!sendKey.isEmpty()) {
        const auto k = sendKeyFromName(sendKey);
        if (!k)
            return fail(QStringLiteral("app.send_key"),
                        tr("must be \"enter\" or \"ctrl-enter\", not \"%1\"").arg(sendKey));
        app.sendKey = *k;
    }
    QJsonObject logging;
    if (!object(o, QStringLiteral("logging"), path, logging))
        return false;
    const QString lpath = QStringLiteral("app.logging");
    if (!string(logging, QStringLiteral("level"), lpath, level) ||
        !string(logging, QStringLiteral("file"), lpath, app.logFile))
        return false;
    if (!level.isEmpty()) {
        const auto l = logLevelFromName(level);
        if (!l)
            return fail(QStringLiteral("app.logging.level"),
                        tr("must be \"off\", \"error\", \"warning\", \"info\" or \"debug\", "
                           "not \"%1\"")
                            .arg(level));
        app.logLevel = *l;
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

    QJsonObject def;
    if (!object(root, QStringLiteral("default"), QString(), def) ||
        !string(def, QStringLiteral("provider"), QStringLiteral("default"),
                config.defaultProvider) ||
        !string(def, QStringLiteral("model"), QStringLiteral("default"), config.defaultModel))
        return false;
    if (!config.defaultProvider.isEmpty() && !config.provider(config.defaultProvider)) {
        return fail(
            QStringLiteral("default.provider"),
            tr("names \"%1\", which is not one of the providers").arg(config.defaultProvider));
    }
    return readApp(root, config.app);
}

QJsonObject modelToJson(const ModelEntry &m, QJsonObject o)
{
    o.insert(QStringLiteral("id"), m.id);
    auto put = [&o](const QString &key, bool isSet, const QJsonValue &value) {
        if (isSet)
            o.insert(key, value);
        else
            o.remove(key);
    };
    put(QStringLiteral("name"), !m.name.isEmpty(), m.name);
    put(QStringLiteral("context_window"), m.contextWindow > 0, m.contextWindow);
    put(QStringLiteral("max_tokens"), m.maxTokens > 0, m.maxTokens);
    put(QStringLiteral("temperature"), m.temperature.has_value(), m.temperature.value_or(0));
    return o;
}

// Writes `value`, unless it is the default and the file did not mention the key.
void putUnlessDefault(QJsonObject &o, const QString &key, const QJsonValue &value, bool isDefault)
{
    if (!isDefault || o.contains(key))
        o.insert(key, value);
}

QJsonValue secondsValue(qint64 ms)
{
    if (ms % 1000 == 0)
        return QJsonValue(qint64(ms / 1000));
    return QJsonValue(double(ms) / 1000.0);
}

QJsonObject providerToJson(const ProviderEntry &p, QJsonObject o)
{
    static const ProviderEntry defaults;
    o.insert(QStringLiteral("type"), providerTypeName(p.type));
    o.insert(QStringLiteral("base_url"), p.baseUrl);
    if (!p.name.isEmpty())
        o.insert(QStringLiteral("name"), p.name);
    else
        o.remove(QStringLiteral("name"));
    if (!p.apiKey.isEmpty())
        o.insert(QStringLiteral("api_key"), p.apiKey);
    else
        o.remove(QStringLiteral("api_key"));

    QJsonObject headers;
    for (const auto &[name, value] : p.headers)
        headers.insert(name, value);
    putUnlessDefault(o, QStringLiteral("headers"), headers, headers.isEmpty());

    const QJsonArray oldModels = o.value(QStringLiteral("models")).toArray();
    QJsonArray models;
    for (const ModelEntry &m : p.models) {
        QJsonObject old;
        for (const QJsonValue &v : oldModels) {
            if (v.toObject().value(QStringLiteral("id")).toString() == m.id)
                old = v.toObject();
        }
        models.append(modelToJson(m, old));
    }
    putUnlessDefault(o, QStringLiteral("models"), models, models.isEmpty());

    putUnlessDefault(o, QStringLiteral("stream"), p.stream, p.stream == defaults.stream);
    putUnlessDefault(o, QStringLiteral("http2"), p.http2, p.http2 == defaults.http2);
    putUnlessDefault(o, QStringLiteral("max_retries"), p.maxRetries,
                     p.maxRetries == defaults.maxRetries);
    putUnlessDefault(o, QStringLiteral("retry_delay"), secondsValue(p.retryBaseDelayMs),
                     p.retryBaseDelayMs == defaults.retryBaseDelayMs);

    QJsonObject t = o.value(QStringLiteral("timeouts")).toObject();
    const Timeouts &d = defaults.timeouts;
    const Timeouts &v = p.timeouts;
    putUnlessDefault(t, QStringLiteral("connect"), secondsValue(v.connectMs),
                     v.connectMs == d.connectMs);
    putUnlessDefault(t, QStringLiteral("first_token"), secondsValue(v.firstTokenMs),
                     v.firstTokenMs == d.firstTokenMs);
    putUnlessDefault(t, QStringLiteral("load"), secondsValue(v.loadMs), v.loadMs == d.loadMs);
    putUnlessDefault(t, QStringLiteral("idle"), secondsValue(v.idleMs), v.idleMs == d.idleMs);
    putUnlessDefault(t, QStringLiteral("total"), secondsValue(v.totalMs), v.totalMs == d.totalMs);
    putUnlessDefault(o, QStringLiteral("timeouts"), t, t.isEmpty());
    return o;
}

QJsonObject appToJson(const AppSettings &a, QJsonObject o)
{
    static const AppSettings d;
    putUnlessDefault(o, QStringLiteral("theme"), themeName(a.theme), a.theme == d.theme);
    putUnlessDefault(o, QStringLiteral("font_size"), a.fontSize, a.fontSize == d.fontSize);
    putUnlessDefault(o, QStringLiteral("send_key"), sendKeyName(a.sendKey), a.sendKey == d.sendKey);
    putUnlessDefault(o, QStringLiteral("data_dir"), a.dataDir, a.dataDir == d.dataDir);
    QJsonObject l = o.value(QStringLiteral("logging")).toObject();
    putUnlessDefault(l, QStringLiteral("level"), logLevelName(a.logLevel),
                     a.logLevel == d.logLevel);
    putUnlessDefault(l, QStringLiteral("file"), a.logFile, a.logFile == d.logFile);
    putUnlessDefault(o, QStringLiteral("logging"), l, l.isEmpty());
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

    QJsonObject def = root.value(QStringLiteral("default")).toObject();
    putUnlessDefault(def, QStringLiteral("provider"), config.defaultProvider,
                     config.defaultProvider.isEmpty());
    putUnlessDefault(def, QStringLiteral("model"), config.defaultModel,
                     config.defaultModel.isEmpty());
    putUnlessDefault(root, QStringLiteral("default"), def, def.isEmpty());

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

    const QJsonObject app = appToJson(config.app, root.value(QStringLiteral("app")).toObject());
    putUnlessDefault(root, QStringLiteral("app"), app, app.isEmpty());
    return root;
}

QByteArray configToBytes(const Config &config)
{
    return QJsonDocument(configToJson(config)).toJson(QJsonDocument::Indented);
}

} // namespace Sluice
