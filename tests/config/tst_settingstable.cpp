// The settings table (core/config/settingstable.h) against what the user reads and writes:
// docs/config.schema.json, sluice.json round trips, docs/config.md and the man page.
#include "core/config/configjson.h"
#include "core/config/settingstable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace Sluice;
using namespace Qt::StringLiterals;

namespace {

QJsonObject readSchema()
{
    QFile f(QStringLiteral(SLUICE_DOCS_DIR "/config.schema.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString scopeName(SettingScope scope)
{
    switch (scope) {
    case SettingScope::Root:
        return QString();
    case SettingScope::Provider:
        return QStringLiteral("providers.*.");
    case SettingScope::Model:
        return QStringLiteral("providers.*.models[].");
    case SettingScope::App:
        return QStringLiteral("app.");
    }
    return {};
}

// The keys a schema object lists, dotted through the objects it defines inline
// ("timeouts.idle"), each with its property; a "$ref" is resolved, its own keys winning.
void collectKeys(const QJsonObject &schema, const QJsonObject &properties, const QString &prefix,
                 QMap<QString, QJsonObject> &keys)
{
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        QJsonObject p = it.value().toObject();
        if (p.contains(u"properties")) {
            collectKeys(schema, p.value(u"properties").toObject(), prefix + it.key() + u'.', keys);
            continue;
        }
        if (const QString ref = p.value(u"$ref").toString(); ref.startsWith(u"#/$defs/")) {
            QJsonObject resolved = schema.value(u"$defs").toObject().value(ref.mid(8)).toObject();
            for (auto own = p.constBegin(); own != p.constEnd(); ++own)
                resolved.insert(own.key(), own.value());
            resolved.remove(u"$ref");
            p = resolved;
        }
        keys.insert(prefix + it.key(), p);
    }
}

struct Scope
{
    QMap<QString, QJsonObject> keys;
    QStringList required;
};

QMap<SettingScope, Scope> schemaScopes(const QJsonObject &schema)
{
    const QJsonObject defs = schema.value(u"$defs").toObject();
    const QJsonObject provider = defs.value(u"provider").toObject();
    QJsonObject model;
    const QJsonArray modelForms = provider.value(u"properties")
                                      .toObject()
                                      .value(u"models")
                                      .toObject()
                                      .value(u"items")
                                      .toObject()
                                      .value(u"oneOf")
                                      .toArray();
    for (const QJsonValue &form : modelForms) {
        if (form.toObject().value(u"type") == QStringLiteral("object"))
            model = form.toObject();
    }
    QMap<SettingScope, Scope> scopes;
    auto fill = [&schema, &scopes](SettingScope scope, const QJsonObject &object) {
        collectKeys(schema, object.value(u"properties").toObject(), QString(), scopes[scope].keys);
        for (const QJsonValue &r : object.value(u"required").toArray())
            scopes[scope].required.append(r.toString());
    };
    fill(SettingScope::Root, schema);
    fill(SettingScope::Provider, provider);
    fill(SettingScope::Model, model);
    fill(SettingScope::App, defs.value(u"app").toObject());
    return scopes;
}

QString schemaType(SettingKind kind)
{
    switch (kind) {
    case SettingKind::Text:
    case SettingKind::Choice:
        return QStringLiteral("string");
    case SettingKind::Flag:
        return QStringLiteral("boolean");
    case SettingKind::Integer:
        return QStringLiteral("integer");
    case SettingKind::Number:
    case SettingKind::Seconds:
        return QStringLiteral("number");
    case SettingKind::Object:
        return QStringLiteral("object");
    case SettingKind::List:
        return QStringLiteral("array");
    }
    return {};
}

bool sameJson(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

// Every way the schema and the table disagree, one line each.
QStringList disagreements(const QJsonObject &schema)
{
    static const QStringList checked = {
        u"description"_s, u"type"_s, u"enum"_s, u"minimum"_s, u"maximum"_s, u"default"_s,
        // The structure inside a key, which the reader checks by hand:
        u"pattern"_s, u"minLength"_s, u"items"_s, u"additionalProperties"_s, u"propertyNames"_s,
        u"required"_s, u"properties"_s};
    QStringList problems;
    QMap<SettingScope, Scope> scopes = schemaScopes(schema);
    for (const Setting &s : settings()) {
        const QString name = scopeName(s.scope) + s.key;
        Scope &scope = scopes[s.scope];
        if (!scope.keys.contains(s.key)) {
            problems << name + u": in the table, not in the schema";
            continue;
        }
        const QJsonObject p = scope.keys.take(s.key);
        for (auto it = p.constBegin(); it != p.constEnd(); ++it) {
            if (!checked.contains(it.key()))
                problems << name + u": the test does not know the keyword " + it.key();
        }
        if (p.value(u"description").toString() != s.description)
            problems << name + u": description \"" + p.value(u"description").toString() +
                            u"\", the table says \"" + s.description + u'"';
        const QJsonValue type = p.value(u"type");
        if (s.kind == SettingKind::Choice) {
            if (!type.isUndefined() && type != schemaType(s.kind))
                problems << name + u": type " + type.toString() + u", the table says a choice";
            if (p.value(u"enum").toArray() != QJsonArray::fromStringList(s.choices))
                problems << name + u": enum differs from the table's choices " +
                                s.choices.join(u", ");
        } else if (type != schemaType(s.kind)) {
            problems << name + u": type " + type.toString() + u", the table says " +
                            schemaType(s.kind);
        }
        if (s.kind == SettingKind::Integer || s.kind == SettingKind::Number ||
            s.kind == SettingKind::Seconds) {
            if (p.value(u"minimum").toDouble(-1) != s.minimum ||
                p.value(u"maximum").toDouble(-1) != s.maximum)
                problems << name + QStringLiteral(": range differs from the table's %1 to %2")
                                       .arg(s.minimum)
                                       .arg(s.maximum);
        }
        const QJsonValue def = settingDefault(s);
        const bool documentedDefault = !def.isUndefined() && def != QString();
        if (documentedDefault ? !sameJson(p.value(u"default"), def)
                              : (p.contains(u"default") && !sameJson(p.value(u"default"), def)))
            problems << name + u": default " + settingText(p.value(u"default")) +
                            u", the table's is " + settingText(def);
        if (scope.required.contains(s.key) != s.required)
            problems << name + (s.required ? u": required in the table only"_s
                                           : u": required in the schema only"_s);
    }
    for (auto scope = scopes.constBegin(); scope != scopes.constEnd(); ++scope) {
        for (const QString &key : scope->keys.keys())
            problems << scopeName(scope.key()) + key + u": in the schema, not in the table";
    }
    return problems;
}

// A value for `s` that is not its default, as the file writes it.
QJsonValue otherValue(const Setting &s)
{
    const QJsonValue def = settingDefault(s);
    switch (s.kind) {
    case SettingKind::Text:
        return QStringLiteral("/x/y");
    case SettingKind::Flag:
        return !def.toBool();
    case SettingKind::Integer:
        return qint64(s.maximum);
    case SettingKind::Number:
        return s.maximum / 2;
    case SettingKind::Seconds:
        return 1.5;
    case SettingKind::Choice:
        for (const QString &c : s.choices) {
            if (c != def.toString())
                return c;
        }
        break;
    case SettingKind::Object:
    case SettingKind::List:
        break;
    }
    return {};
}

QJsonValue at(QJsonObject o, const QString &dotted)
{
    const QStringList parts = dotted.split(u'.');
    for (qsizetype i = 0; i + 1 < parts.size(); ++i)
        o = o.value(parts.at(i)).toObject();
    return o.value(parts.last());
}

// The properties of each widget of a Qt Designer file: name -> (property -> value as text).
QHash<QString, QHash<QString, QString>> uiProperties(const QString &path)
{
    QHash<QString, QHash<QString, QString>> widgets;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return widgets;
    QXmlStreamReader xml(&f);
    QStringList open; // the widgets we are inside
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"widget") {
            open.append(xml.attributes().value(QLatin1StringView("name")).toString());
        } else if (xml.isEndElement() && xml.name() == u"widget") {
            open.removeLast();
        } else if (xml.isStartElement() && xml.name() == u"property" && !open.isEmpty()) {
            const QString property = xml.attributes().value(QLatin1StringView("name")).toString();
            if (xml.readNextStartElement())
                widgets[open.last()][property] =
                    xml.readElementText(QXmlStreamReader::SkipChildElements);
        }
    }
    return xml.hasError() ? QHash<QString, QHash<QString, QString>>() : widgets;
}

} // namespace

class TestSettingsTable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void schemaAgreesWithTable();
    void disagreementsAreFound_data();
    void disagreementsAreFound();
    void everySettingRoundTrips();
    void choicesAreTheNamesTheCodeUses();
    void everyKeyIsInTheGuide();
    void guideAndManPageStateTheTablesDefaults();
    void settingsDialogStatesTheTablesRangesAndDefaults();
};

void TestSettingsTable::schemaAgreesWithTable()
{
    const QJsonObject schema = readSchema();
    QVERIFY(!schema.isEmpty());
    const QStringList problems = disagreements(schema);
    QVERIFY2(problems.isEmpty(), qPrintable(u"docs/config.schema.json and settingstable.cpp "
                                            "disagree:\n"_s +
                                            problems.join(u'\n')));
}

// The comparison itself: each kind of drift in the schema file is reported.
void TestSettingsTable::disagreementsAreFound_data()
{
    QTest::addColumn<QString>("path"); // of the object to change, from the root
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value"); // undefined = remove the key
    QTest::addColumn<QString>("expected");

    QTest::newRow("a key only the schema has")
        << u"$defs.provider.properties"_s << u"proxy"_s
        << QJsonValue(QJsonObject{{u"type"_s, u"string"_s}})
        << u"providers.*.proxy: in the schema, not in the table"_s;
    QTest::newRow("a key only the table has")
        << u"$defs.app.properties"_s << u"font_size"_s << QJsonValue(QJsonValue::Undefined)
        << u"app.font_size: in the table, not in the schema"_s;
    QTest::newRow("another default")
        << u"$defs.provider.properties.timeouts.properties.idle"_s << u"default"_s << QJsonValue(90)
        << u"providers.*.timeouts.idle: default 90, the table's is 60"_s;
    QTest::newRow("another range")
        << u"$defs.provider.properties.max_retries"_s << u"maximum"_s << QJsonValue(5)
        << u"providers.*.max_retries: range differs from the table's 0 to 10"_s;
    QTest::newRow("another type") << u"$defs.provider.properties.stream"_s << u"type"_s
                                  << QJsonValue(u"string"_s)
                                  << u"providers.*.stream: type string, the table says boolean"_s;
    QTest::newRow("another choice")
        << u"$defs.app.properties.theme"_s << u"enum"_s
        << QJsonValue(QJsonArray{u"light"_s, u"dark"_s})
        << u"app.theme: enum differs from the table's choices system, light, dark"_s;
    QTest::newRow("another description")
        << u"properties.default.properties.model"_s << u"description"_s << QJsonValue(u"x"_s)
        << u"default.model: description \"x\", the table says \"Model id. Empty: the "
           "provider's first model.\""_s;
    QTest::newRow("not required") << u"$defs.provider"_s << u"required"_s
                                  << QJsonValue(QJsonArray{u"type"_s})
                                  << u"providers.*.base_url: required in the table only"_s;
}

void TestSettingsTable::disagreementsAreFound()
{
    QFETCH(QString, path);
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);

    // Walk down, change, and put the changed objects back on the way up.
    const QStringList parts = path.split(u'.');
    QList<QJsonObject> chain{readSchema()};
    for (const QString &part : parts)
        chain.append(chain.last().value(part).toObject());
    if (value.isUndefined())
        chain.last().remove(key);
    else
        chain.last().insert(key, value);
    for (qsizetype i = parts.size() - 1; i >= 0; --i)
        chain[i].insert(parts.at(i), chain.at(i + 1));

    const QStringList problems = disagreements(chain.first());
    QVERIFY2(problems == QStringList{expected}, qPrintable(problems.join(u'\n')));
}

// Each setting is read from and written to its own key, and a changed value survives.
void TestSettingsTable::everySettingRoundTrips()
{
    const QByteArray base = R"({"providers": {"p": {"type": "ollama",
        "base_url": "http://h:1", "models": [{"id": "m"}]}}})";
    const std::optional<Config> unchanged = parseConfig(base, QStringLiteral("t.json")).config;
    QVERIFY(unchanged);
    int tried = 0;
    for (const Setting &s : settings()) {
        if (s.readByHand() || s.key.startsWith(u"default."))
            continue; // default.provider must name a provider: see tst_configerrors
        ++tried;
        QJsonObject root = QJsonDocument::fromJson(base).object();
        const QJsonValue value = otherValue(s);
        QJsonObject app;
        QJsonObject provider = root[u"providers"].toObject()[u"p"].toObject();
        QJsonObject model = provider[u"models"].toArray().first().toObject();
        QJsonObject *target = s.inApp ? &app : s.inModel ? &model : &provider;
        // The dotted key, built from the inside out.
        QStringList parts = s.key.split(u'.');
        QJsonValue inner = value;
        while (parts.size() > 1)
            inner = QJsonObject{{parts.takeLast(), inner}};
        target->insert(parts.first(), inner);
        provider.insert(u"models"_s, QJsonArray{model});
        root.insert(u"providers"_s, QJsonObject{{u"p"_s, provider}});
        if (s.inApp)
            root.insert(u"app"_s, app);

        const ConfigParseResult read =
            parseConfig(QJsonDocument(root).toJson(), QStringLiteral("t.json"));
        QVERIFY2(read.config, qPrintable(read.error.message));
        const ProviderEntry &p = read.config->providers.first();
        const QJsonValue got = s.inApp     ? valueOf(s, read.config->app)
                               : s.inModel ? valueOf(s, p.models.first())
                                           : valueOf(s, p);
        QVERIFY2(sameJson(got, value), qPrintable(s.key));
        QVERIFY2(*read.config != *unchanged, qPrintable(s.key)); // equality sees the setting

        const QJsonObject written = configToJson(*read.config);
        const QJsonObject p2 = written[u"providers"].toObject()[u"p"].toObject();
        const QJsonValue back = s.inApp     ? at(written[u"app"].toObject(), s.key)
                                : s.inModel ? at(p2[u"models"].toArray().first().toObject(), s.key)
                                            : at(p2, s.key);
        QVERIFY2(sameJson(back, value), qPrintable(s.key));
    }
    QCOMPARE(tried, 22);
}

void TestSettingsTable::choicesAreTheNamesTheCodeUses()
{
    for (const Setting &s : settings()) {
        if (s.key == u"type") {
            for (const QString &name : s.choices)
                QVERIFY2(providerTypeFromName(name), qPrintable(name));
            for (ProviderType t :
                 {ProviderType::Ollama, ProviderType::OpenAI, ProviderType::Anthropic})
                QVERIFY(s.choices.contains(providerTypeName(t)));
        }
    }
    AppSettings app;
    app.theme = Theme::Dark;
    app.sendKey = SendKey::CtrlEnter;
    app.logLevel = LogLevel::Info;
    Config c;
    c.app = app;
    const QJsonObject written = configToJson(c)[u"app"].toObject();
    QCOMPARE(written[u"theme"].toString(), themeName(Theme::Dark));
    QCOMPARE(written[u"send_key"].toString(), u"ctrl-enter");
    QCOMPARE(written[u"logging"].toObject()[u"level"].toString(), u"info");
}

// docs/config.md explains every key the table has.
void TestSettingsTable::everyKeyIsInTheGuide()
{
    QFile f(QStringLiteral(SLUICE_DOCS_DIR "/config.md"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString guide = QString::fromUtf8(f.readAll());
    for (const Setting &s : settings()) {
        if (s.key == u"$schema")
            continue;
        const bool nested = s.scope == SettingScope::Provider || s.scope == SettingScope::Model;
        const QString key = nested ? s.key.section(u'.', -1) : s.key;
        QVERIFY2(guide.contains(u'`' + key + u'`'), qPrintable(key));
    }
}

// The defaults docs/config.md's tables and the man page's options state are the table's.
void TestSettingsTable::guideAndManPageStateTheTablesDefaults()
{
    QFile guideFile(QStringLiteral(SLUICE_DOCS_DIR "/config.md"));
    QFile manFile(QStringLiteral(SLUICE_MANPAGE));
    QVERIFY(guideFile.open(QIODevice::ReadOnly) && manFile.open(QIODevice::ReadOnly));
    const QStringList guide = QString::fromUtf8(guideFile.readAll()).split(u'\n');
    const QString man = QString::fromUtf8(manFile.readAll()).replace(u"\\-"_s, u"-"_s);
    int checked = 0;
    for (const Setting &s : settings()) {
        const QString def = settingText(settingDefault(s));
        if (def.isEmpty() || s.scope == SettingScope::Root)
            continue;
        // The row of the key's table: "| `idle` | 60 | …", "| `logging.level` | … | `warning` |".
        const QString cell =
            u"| `"_s + (s.scope == SettingScope::App ? s.key : s.key.section(u'.', -1)) + u"` |"_s;
        const QRegularExpression value(u"(^|[^0-9.])"_s + QRegularExpression::escape(def) +
                                       u"([^0-9.]|$)"_s);
        QString row;
        for (const QString &line : guide) {
            if (line.startsWith(cell))
                row = line.mid(cell.size());
        }
        QVERIFY2(value.match(row).hasMatch(),
                 qPrintable(u"docs/config.md: "_s + s.key + u" should say " + def));
        ++checked;
        if (s.option.isEmpty() || s.optionValueName.isEmpty())
            continue;
        // ".BI --idle-timeout " S"\nSeconds allowed … (default 60)."
        const qsizetype at = man.indexOf(u".BI --"_s + s.option + u' ');
        QVERIFY2(at >= 0, qPrintable(s.option));
        const QString item = man.mid(at, man.indexOf(u".TP"_s, at) - at);
        QVERIFY2(item.contains(u"(default "_s + def), qPrintable(u"man page: --"_s + s.option));
    }
    QCOMPARE(checked, 16);
}

// The settings dialog's spin boxes take the table's range, and their labels say its default.
void TestSettingsTable::settingsDialogStatesTheTablesRangesAndDefaults()
{
    const auto editor = uiProperties(QStringLiteral(SLUICE_UI_DIR "/providereditor.ui"));
    const auto dialog = uiProperties(QStringLiteral(SLUICE_UI_DIR "/settingsdialog.ui"));
    const QHash<QString, QString> spins = {
        {u"timeouts.connect"_s, u"connectSpin"_s}, {u"timeouts.first_token"_s, u"firstTokenSpin"_s},
        {u"timeouts.load"_s, u"loadSpin"_s},       {u"timeouts.idle"_s, u"idleSpin"_s},
        {u"timeouts.total"_s, u"totalSpin"_s},     {u"font_size"_s, u"fontSizeSpin"_s}};
    int checked = 0;
    for (const Setting &s : settings()) {
        const QString spin = spins.value(s.key);
        if (spin.isEmpty())
            continue;
        const auto &ui = s.scope == SettingScope::App ? dialog : editor;
        QVERIFY2(ui.contains(spin), qPrintable(spin));
        QCOMPARE(ui[spin].value(u"minimum"_s, u"0"_s).toDouble(), s.minimum);
        QCOMPARE(ui[spin].value(u"maximum"_s).toDouble(), s.maximum);
        if (s.kind == SettingKind::Seconds) {
            QString label;
            for (auto it = ui.constBegin(); it != ui.constEnd(); ++it) {
                if (it->value(u"buddy"_s) == spin)
                    label = it->value(u"text"_s);
            }
            const QString def = u"(default "_s + settingText(settingDefault(s)) + u" s)"_s;
            QVERIFY2(label.contains(def) || (def == u"(default 0 s)" && label.contains(u"off")),
                     qPrintable(label + u" should say " + def));
        }
        ++checked;
    }
    QCOMPARE(checked, spins.size());
}

QTEST_GUILESS_MAIN(TestSettingsTable)
#include "tst_settingstable.moc"
