// The values of the settings table: as the file writes them, checked, stored, and in help text.
#include "core/config/settingstable.h"

#include <QCoreApplication>

#include <cmath>
#include <type_traits>

namespace Sluice {

namespace {

// The sentences share their translations with the reader's (configjson.cpp).
class ReaderText final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::ConfigReader)
};

template <class T> constexpr bool isChoice = std::is_enum_v<T>;

QJsonValue secondsValue(qint64 ms)
{
    if (ms % 1000 == 0)
        return QJsonValue(qint64(ms / 1000));
    return QJsonValue(double(ms) / 1000.0);
}

QString wrong(const QString &expected, const QJsonValue &value)
{
    //: %1 is the expected kind of value ("a string"), %2 the value found
    return ReaderText::tr("must be %1, not %2").arg(expected, describeValue(value));
}

// "\"system\", \"light\" or \"dark\""
QString quotedChoices(const QStringList &choices)
{
    QStringList quoted;
    for (const QString &c : choices)
        quoted.append(u'"' + c + u'"');
    if (quoted.size() < 2)
        return quoted.join(QString());
    const QString last = quoted.takeLast();
    //: the last two of a list of choices: "a", "b" or "c"
    return ReaderText::tr("%1 or %2").arg(quoted.join(QStringLiteral(", ")), last);
}

} // namespace

QString describeValue(const QJsonValue &v)
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
        return ReaderText::tr("a list");
    case QJsonValue::Object:
        return ReaderText::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return ReaderText::tr("nothing");
}

QJsonValue settingValue(const Setting &setting, SettingField field)
{
    return std::visit(
        [&setting](auto *member) -> QJsonValue {
            using T = std::remove_pointer_t<decltype(member)>;
            if constexpr (isChoice<T>) {
                return setting.choices.value(int(*member));
            } else if constexpr (std::is_same_v<T, std::optional<double>>) {
                return *member ? QJsonValue(**member) : QJsonValue(QJsonValue::Undefined);
            } else if constexpr (std::is_same_v<T, QString> || std::is_same_v<T, bool>) {
                return *member;
            } else { // int or qint64
                if (setting.kind == SettingKind::Seconds)
                    return secondsValue(*member);
                return QJsonValue(qint64(*member));
            }
        },
        field);
}

QJsonValue settingDefault(const Setting &setting)
{
    if (setting.inConfig)
        return valueOf(setting, Config());
    if (setting.inProvider)
        return valueOf(setting, ProviderEntry());
    if (setting.inModel)
        return valueOf(setting, ModelEntry());
    if (setting.inApp)
        return valueOf(setting, AppSettings());
    return QJsonValue(QJsonValue::Undefined);
}

QString settingProblem(const Setting &s, const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return {};
    switch (s.kind) {
    case SettingKind::Text:
        return v.isString() ? QString() : wrong(ReaderText::tr("text in quotes"), v);
    case SettingKind::Flag:
        return v.isBool() ? QString() : wrong(ReaderText::tr("true or false"), v);
    case SettingKind::Integer: {
        const double d = v.toDouble();
        if (v.isDouble() && d == std::floor(d) && d >= s.minimum && d <= s.maximum)
            return {};
        return wrong(ReaderText::tr("a whole number from %1 to %2")
                         .arg(qint64(s.minimum))
                         .arg(qint64(s.maximum)),
                     v);
    }
    case SettingKind::Number:
    case SettingKind::Seconds: {
        const double d = v.toDouble();
        if (v.isDouble() && d >= s.minimum && d <= s.maximum)
            return {};
        return wrong(ReaderText::tr("a number from %1 to %2")
                         .arg(QString::number(s.minimum), QString::number(s.maximum)),
                     v);
    }
    case SettingKind::Choice:
        if (!v.isString())
            return wrong(ReaderText::tr("text in quotes"), v);
        if (v.toString().isEmpty() || s.choices.contains(v.toString()))
            return {}; // empty keeps the default
        //: %1 lists the values allowed, %2 is the value found
        return ReaderText::tr("must be %1, not \"%2\"").arg(quotedChoices(s.choices), v.toString());
    case SettingKind::Object:
        return v.isObject() ? QString() : wrong(ReaderText::tr("an object { … }"), v);
    case SettingKind::List:
        return v.isArray() ? QString() : wrong(ReaderText::tr("a list [ … ]"), v);
    }
    return {};
}

void setSetting(const Setting &setting, SettingField field, const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return;
    std::visit(
        [&setting, &v](auto *member) {
            using T = std::remove_pointer_t<decltype(member)>;
            if constexpr (isChoice<T>) {
                if (const qsizetype i = setting.choices.indexOf(v.toString()); i >= 0)
                    *member = T(i);
            } else if constexpr (std::is_same_v<T, std::optional<double>>) {
                *member = v.toDouble();
            } else if constexpr (std::is_same_v<T, QString>) {
                *member = v.toString();
            } else if constexpr (std::is_same_v<T, bool>) {
                *member = v.toBool();
            } else if (setting.kind == SettingKind::Seconds) {
                *member = T(std::llround(v.toDouble() * 1000.0));
            } else {
                *member = T(v.toDouble());
            }
        },
        field);
}

void copySetting(SettingField from, SettingField to)
{
    std::visit(
        [](auto *source, auto *target) {
            if constexpr (std::is_same_v<decltype(source), decltype(target)>)
                *target = *source;
        },
        from, to);
}

void carrySettings(const ProviderEntry &from, ProviderConfig &to)
{
    for (const Setting &s : settings()) {
        if (s.inResolved) // the accessor hands out a pointer to write through; `from` is only read
            copySetting(s.inProvider(const_cast<ProviderEntry &>(from)), s.inResolved(to));
    }
}

QString settingText(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        return d == std::floor(d) ? QString::number(qint64(d)) : QString::number(d);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

QString optionHelpText(const Setting &setting)
{
    if (setting.optionValueName.isEmpty()) // a flag
        return setting.optionHelp + u'.';
    const QString value = settingText(settingDefault(setting));
    if (setting.kind == SettingKind::Seconds) {
        if (value == u"0")
            return setting.optionHelp + QStringLiteral(" (default 0 = off).");
        return setting.optionHelp + QStringLiteral(" (default %1, 0 = off).").arg(value);
    }
    return setting.optionHelp + QStringLiteral(" (default %1).").arg(value);
}

} // namespace Sluice
