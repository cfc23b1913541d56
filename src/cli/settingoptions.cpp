#include "cli/settingoptions.h"

#include "core/config/settingstable.h"

namespace Sluice::Cli {

namespace {

bool isOption(const Setting &s)
{
    return !s.option.isEmpty() && s.inResolved;
}

QString optionError(const Setting &s, const QString &text)
{
    switch (s.kind) {
    case SettingKind::Seconds:
        return QStringLiteral("--%1 takes a number of seconds from %2 to %3 (0 = off), not \"%4\"")
            .arg(s.option, settingText(s.minimum), settingText(s.maximum), text);
    case SettingKind::Integer:
        return QStringLiteral("--%1 takes a whole number from %2 to %3, not \"%4\"")
            .arg(s.option, settingText(s.minimum), settingText(s.maximum), text);
    case SettingKind::Number:
        return QStringLiteral("--%1 takes a number from %2 to %3, not \"%4\"")
            .arg(s.option, settingText(s.minimum), settingText(s.maximum), text);
    case SettingKind::Choice:
        return QStringLiteral("--%1 takes one of %2, not \"%3\"")
            .arg(s.option, s.choices.join(QStringLiteral(", ")), text);
    default:
        return QStringLiteral("--%1 does not take \"%2\"").arg(s.option, text);
    }
}

} // namespace

void addSettingOptions(QCommandLineParser &parser)
{
    for (const Setting &s : settings()) {
        if (isOption(s))
            parser.addOption({s.option, optionHelpText(s), s.optionValueName});
    }
}

bool applySettingOptions(const QCommandLineParser &parser, ProviderConfig &config, QString *error)
{
    for (const Setting &s : settings()) {
        if (!isOption(s) || !parser.isSet(s.option))
            continue;
        QJsonValue value(s.flagValue);
        if (!s.optionValueName.isEmpty()) {
            const QString text = parser.value(s.option);
            bool ok = true;
            switch (s.kind) {
            case SettingKind::Seconds:
            case SettingKind::Integer:
            case SettingKind::Number:
                value = text.trimmed().toDouble(&ok);
                break;
            default:
                value = text;
                break;
            }
            if (!ok || !settingProblem(s, value).isEmpty()) {
                *error = optionError(s, text);
                return false;
            }
        }
        setSetting(s, s.inResolved(config), value);
    }
    return true;
}

} // namespace Sluice::Cli
