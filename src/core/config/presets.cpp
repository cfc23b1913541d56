#include "core/config/presets.h"

#include "core/conversation/conversation.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cmath>

namespace Sluice {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice", text);
}

struct NumberField
{
    const char *key;
    double min;
    double max;
    std::optional<double> ChatOptions::*field;
};

const NumberField numberFields[] = {
    {"temperature", 0, 2, &ChatOptions::temperature},
    {"top_p", 0, 1, &ChatOptions::topP},
    {"min_p", 0, 1, &ChatOptions::minP},
    {"repeat_penalty", 0, 10, &ChatOptions::repeatPenalty},
    {"frequency_penalty", -2, 2, &ChatOptions::frequencyPenalty},
    {"presence_penalty", -2, 2, &ChatOptions::presencePenalty},
};

struct IntField
{
    const char *key;
    qint64 min;
    qint64 max;
    std::optional<int> ChatOptions::*field;
};

const IntField intFields[] = {
    {"top_k", 1, 1'000'000, &ChatOptions::topK},
    {"max_tokens", 1, 10'000'000, &ChatOptions::maxTokens},
    {"num_ctx", 1, 100'000'000, &ChatOptions::contextSize},
};

QJsonObject parametersToJson(const ChatOptions &o)
{
    QJsonObject p;
    for (const NumberField &f : numberFields) {
        if (o.*f.field)
            p.insert(QLatin1StringView(f.key), *(o.*f.field));
    }
    for (const IntField &f : intFields) {
        if (o.*f.field)
            p.insert(QLatin1StringView(f.key), *(o.*f.field));
    }
    if (o.seed)
        p.insert(QStringLiteral("seed"), *o.seed);
    if (!o.stop.isEmpty())
        p.insert(QStringLiteral("stop"), QJsonArray::fromStringList(o.stop));
    if (!o.keepAlive.isEmpty())
        p.insert(QStringLiteral("keep_alive"), o.keepAlive);
    if (!o.think.isEmpty())
        p.insert(QStringLiteral("think"), o.think);
    return p;
}

bool readParameters(const QJsonObject &p, const QString &path, ChatOptions *o, QString *field,
                    QString *problem)
{
    const auto bad = [&](const char *key, const QString &what) {
        *field = path + u'.' + QLatin1StringView(key);
        *problem = what;
        return false;
    };
    for (const NumberField &f : numberFields) {
        const QJsonValue v = p.value(QLatin1StringView(f.key));
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isDouble() || v.toDouble() < f.min || v.toDouble() > f.max)
            return bad(f.key, tr("must be a number from %1 to %2").arg(f.min).arg(f.max));
        o->*f.field = v.toDouble();
    }
    for (const IntField &f : intFields) {
        const QJsonValue v = p.value(QLatin1StringView(f.key));
        if (v.isUndefined() || v.isNull())
            continue;
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d) || d < double(f.min) || d > double(f.max))
            return bad(f.key, tr("must be a whole number from %1 to %2").arg(f.min).arg(f.max));
        o->*f.field = int(d);
    }
    const QJsonValue seed = p.value(QStringLiteral("seed"));
    if (!seed.isUndefined() && !seed.isNull()) {
        if (!seed.isDouble() || seed.toDouble() != std::floor(seed.toDouble()))
            return bad("seed", tr("must be a whole number"));
        o->seed = seed.toInteger();
    }
    const QJsonValue stop = p.value(QStringLiteral("stop"));
    if (!stop.isUndefined() && !stop.isNull()) {
        if (!stop.isArray())
            return bad("stop", tr("must be a list of texts"));
        const QJsonArray list = stop.toArray();
        for (const QJsonValue &s : list) {
            if (!s.isString() || s.toString().isEmpty())
                return bad("stop", tr("must be a list of texts, none of them empty"));
            o->stop.append(s.toString());
        }
    }
    for (const char *key : {"keep_alive", "think"}) {
        const QJsonValue v = p.value(QLatin1StringView(key));
        if (!v.isUndefined() && !v.isNull() && !v.isString())
            return bad(key, tr("must be a text"));
    }
    o->keepAlive = p.value(QStringLiteral("keep_alive")).toString();
    o->think = p.value(QStringLiteral("think")).toString();
    static const QStringList thinkLevels{QString(),           QStringLiteral("true"),
                                         QStringLiteral("false"), QStringLiteral("low"),
                                         QStringLiteral("medium"), QStringLiteral("high")};
    if (!thinkLevels.contains(o->think))
        return bad("think", tr("must be true, false, low, medium or high"));
    return true;
}

} // namespace

QJsonObject presetToJson(const Preset &preset)
{
    QJsonObject o{{QStringLiteral("name"), preset.name}};
    if (!preset.systemPrompt.isEmpty())
        o.insert(QStringLiteral("system_prompt"), preset.systemPrompt);
    if (!preset.providerId.isEmpty())
        o.insert(QStringLiteral("provider"), preset.providerId);
    if (!preset.model.isEmpty())
        o.insert(QStringLiteral("model"), preset.model);
    const QJsonObject parameters = parametersToJson(preset.options);
    if (!parameters.isEmpty())
        o.insert(QStringLiteral("parameters"), parameters);
    return o;
}

QJsonArray presetsToJson(const QList<Preset> &presets)
{
    QJsonArray list;
    for (const Preset &p : presets)
        list.append(presetToJson(p));
    return list;
}

bool presetsFromJson(const QJsonValue &value, const QString &path, QList<Preset> *out,
                     QString *field, QString *problem)
{
    out->clear();
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray()) {
        *field = path;
        *problem = tr("must be a list [ … ] of presets");
        return false;
    }
    const QJsonArray list = value.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!list.at(i).isObject()) {
            *field = at;
            *problem = tr("must be an object { … }");
            return false;
        }
        const QJsonObject o = list.at(i).toObject();
        Preset p;
        p.name = o.value(QStringLiteral("name")).toString().trimmed();
        if (p.name.isEmpty()) {
            *field = at + QStringLiteral(".name");
            *problem = tr("must be a name that is not empty");
            return false;
        }
        if (findPreset(*out, p.name)) {
            *field = at + QStringLiteral(".name");
            *problem = tr("repeats the preset \"%1\"").arg(p.name);
            return false;
        }
        for (const char *key : {"system_prompt", "provider", "model"}) {
            const QJsonValue v = o.value(QLatin1StringView(key));
            if (!v.isUndefined() && !v.isNull() && !v.isString()) {
                *field = at + u'.' + QLatin1StringView(key);
                *problem = tr("must be a text");
                return false;
            }
        }
        p.systemPrompt = o.value(QStringLiteral("system_prompt")).toString();
        p.providerId = o.value(QStringLiteral("provider")).toString();
        p.model = o.value(QStringLiteral("model")).toString();
        const QJsonValue parameters = o.value(QStringLiteral("parameters"));
        if (!parameters.isUndefined() && !parameters.isNull() && !parameters.isObject()) {
            *field = at + QStringLiteral(".parameters");
            *problem = tr("must be an object { … }");
            return false;
        }
        if (!readParameters(parameters.toObject(), at + QStringLiteral(".parameters"),
                            &p.options, field, problem))
            return false;
        out->append(p);
    }
    return true;
}

QByteArray presetsExportBytes(const QList<Preset> &presets)
{
    const QJsonObject root{{QStringLiteral("sluice_presets"), 1},
                           {QStringLiteral("presets"), presetsToJson(presets)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool presetsFromExportBytes(const QByteArray &bytes, QList<Preset> *out, QString *error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = tr("The file is not JSON: %1 at byte %2.")
                     .arg(parse.errorString())
                     .arg(parse.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    if (!doc.isObject() || !root.contains(QStringLiteral("sluice_presets"))) {
        *error = tr("The file holds no Sluice presets (no \"sluice_presets\" in it).");
        return false;
    }
    QString field, problem;
    QList<Preset> read;
    if (!presetsFromJson(root.value(QStringLiteral("presets")), QStringLiteral("presets"), &read,
                         &field, &problem)) {
        *error = tr("The file's %1 %2.").arg(field, problem);
        return false;
    }
    *out = read;
    return true;
}

const Preset *findPreset(const QList<Preset> &presets, const QString &name)
{
    for (const Preset &p : presets) {
        if (p.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return &p;
    }
    return nullptr;
}

Conversation applyPreset(const Conversation &base, const Preset &preset)
{
    Conversation c = base;
    c.systemPrompt = preset.systemPrompt;
    c.settings = preset.options;
    if (!preset.model.isEmpty()) {
        c.model = preset.model;
        if (!preset.providerId.isEmpty())
            c.providerId = preset.providerId;
    }
    return c;
}

} // namespace Sluice
