// Every setting of sluice.json in one table, the way KeePassXC's Config.cpp keeps its own: the
// key, the kind of value and its range, the sentence docs/config.schema.json describes it
// with, and for the provider settings the command-line option that overrides it. The reader,
// the writer, equality, the command line's options and their help, and the test that checks
// the schema file all work from this table.
//
// A setting's default is the member initialiser of the struct that holds it (Config,
// ProviderEntry, Timeouts, ModelEntry, AppSettings): the table reads it from a
// default-constructed struct, so it is written down once.
//
// A new setting: a member with its default in the struct, a row in settingstable.cpp, an entry
// in docs/config.schema.json and a line in docs/config.md. tst_settingstable fails until the
// schema and the guide agree with the row.
#pragma once

#include "core/config/config.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace Sluice {

// Where a key lives: the file's top level, one entry of "providers", one model in a
// provider's "models", or "app".
enum class SettingScope { Root, Provider, Model, App };

enum class SettingKind {
    Text,    // a string
    Flag,    // true or false
    Integer, // a whole number from minimum to maximum
    Number,  // a number from minimum to maximum; absent = unset
    Seconds, // a number of seconds from minimum to maximum, held in milliseconds
    Choice,  // one of `choices`, held as an enum whose values are their positions
    Object,  // an object { … }
    List,    // a list [ … ]
};

// The member a setting is held in.
using SettingField = std::variant<QString *, bool *, int *, qint64 *, std::optional<double> *,
                                  Theme *, SendKey *, LogLevel *>;

struct Setting
{
    SettingScope scope = SettingScope::Root;
    QString key; // within its scope, a dot for each nested object: "timeouts.idle"
    SettingKind kind = SettingKind::Text;
    QString description; // word for word as docs/config.schema.json has it
    double minimum = 0;
    double maximum = 0;
    QStringList choices;
    bool required = false;
    bool omitAtDefault = false; // the writer drops it at its default, even if the file had it

    // The command-line option that overrides a provider setting ("idle-timeout"), its help
    // without the default (added from the table), and the name of its value. Without a value
    // name the option is a flag that sets the setting to flagValue.
    QString option;
    QString optionHelp;
    QString optionValueName;
    bool flagValue = false;

    // The member holding the setting. All null for the keys the reader takes apart by hand
    // (version, type, base_url, headers, models, a model's id, …).
    SettingField (*inConfig)(Config &) = nullptr;
    SettingField (*inProvider)(ProviderEntry &) = nullptr;
    SettingField (*inResolved)(ProviderConfig &) = nullptr; // as resolveProvider() carries it
    SettingField (*inModel)(ModelEntry &) = nullptr;
    SettingField (*inApp)(AppSettings &) = nullptr;

    bool readByHand() const { return !inConfig && !inProvider && !inModel && !inApp; }
};

// The whole table, in the order the reader checks the keys and the command line lists the
// options.
const QList<Setting> &settings();

// The value as the file writes it: seconds for Seconds, the name for Choice, undefined for an
// unset Number.
QJsonValue settingValue(const Setting &setting, SettingField field);
// The default, as the file writes it; undefined for the keys read by hand.
QJsonValue settingDefault(const Setting &setting);
// What is wrong with `value` for this setting, as the end of a sentence ("must be a whole
// number from 0 to 10, not 2.5"); empty when it fits. Null fits: it keeps the default.
QString settingProblem(const Setting &setting, const QJsonValue &value);
// Stores a value settingProblem() accepted.
void setSetting(const Setting &setting, SettingField field, const QJsonValue &value);
// Copies a member between two structs that both hold the setting.
void copySetting(SettingField from, SettingField to);

// Copies the settings a provider entry carries into the configuration requests use.
void carrySettings(const ProviderEntry &from, ProviderConfig &to);

// A value in a sentence: 60, 0.5, "5m", a list.
QString describeValue(const QJsonValue &value);
// A setting's value as a command line takes it: 60, 0.5, system.
QString settingText(const QJsonValue &value);
// The help of a setting's command-line option, with its default:
// "Seconds allowed between tokens (default 60, 0 = off)."
QString optionHelpText(const Setting &setting);

// The settings struct S holds a member for, and that member of `object`.
inline auto accessor(const Setting &s, const Config *)
{
    return s.inConfig;
}
inline auto accessor(const Setting &s, const ProviderEntry *)
{
    return s.inProvider;
}
inline auto accessor(const Setting &s, const ProviderConfig *)
{
    return s.inResolved;
}
inline auto accessor(const Setting &s, const ModelEntry *)
{
    return s.inModel;
}
inline auto accessor(const Setting &s, const AppSettings *)
{
    return s.inApp;
}

template <class S> bool holds(const Setting &setting)
{
    return accessor(setting, static_cast<const S *>(nullptr)) != nullptr;
}

template <class S> SettingField fieldOf(const Setting &setting, S &object)
{
    return accessor(setting, &object)(object);
}

template <class S> QJsonValue valueOf(const Setting &setting, const S &object)
{
    // The accessor hands out a pointer to write through; here it is only read.
    return settingValue(setting, fieldOf(setting, const_cast<S &>(object)));
}

// Whether a and b agree on every setting S holds.
template <class S> bool sameSettings(const S &a, const S &b)
{
    for (const Setting &s : settings()) {
        if (holds<S>(s) && valueOf(s, a) != valueOf(s, b))
            return false;
    }
    return true;
}

} // namespace Sluice
