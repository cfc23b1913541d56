#include "core/config/config.h"

#include "core/config/settingstable.h"

#include <QRegularExpression>

namespace Sluice {

bool operator==(const ModelEntry &a, const ModelEntry &b)
{
    return a.id == b.id && sameSettings(a, b);
}

const ModelEntry *ProviderEntry::model(const QString &modelId) const
{
    for (const ModelEntry &m : models) {
        if (m.id == modelId)
            return &m;
    }
    return nullptr;
}

bool operator==(const ProviderEntry &a, const ProviderEntry &b)
{
    return a.id == b.id && a.type == b.type && a.baseUrl == b.baseUrl && a.headers == b.headers &&
           a.models == b.models && sameSettings(a, b);
}

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::System:
        return QStringLiteral("system");
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    }
    return {};
}

std::optional<Theme> themeFromName(const QString &name)
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark}) {
        if (themeName(t) == name)
            return t;
    }
    return std::nullopt;
}

QString sendKeyName(SendKey key)
{
    return key == SendKey::Enter ? QStringLiteral("enter") : QStringLiteral("ctrl-enter");
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Off:
        return QStringLiteral("off");
    case LogLevel::Error:
        return QStringLiteral("error");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Debug:
        return QStringLiteral("debug");
    }
    return {};
}

bool operator==(const AppSettings &a, const AppSettings &b)
{
    return sameSettings(a, b);
}

const ProviderEntry *Config::provider(const QString &id) const
{
    for (const ProviderEntry &p : providers) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

ProviderEntry *Config::provider(const QString &id)
{
    for (ProviderEntry &p : providers) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

const ProviderEntry *Config::effectiveDefaultProvider() const
{
    if (const ProviderEntry *p = provider(defaultProvider))
        return p;
    return providers.isEmpty() ? nullptr : &providers.first();
}

QString Config::uniqueProviderId(const QString &base) const
{
    QString stem = base.isEmpty() ? QStringLiteral("provider") : base;
    if (!provider(stem))
        return stem;
    // "custom-2" taken (a number given here before): the next is "custom-3", not "custom-2-2".
    static const QRegularExpression numbered(QStringLiteral("^(.+)-\\d+$"));
    if (const QRegularExpressionMatch m = numbered.match(stem);
        m.hasMatch() && provider(m.captured(1)))
        stem = m.captured(1);
    for (int n = 2;; ++n) {
        const QString candidate = stem + u'-' + QString::number(n);
        if (!provider(candidate))
            return candidate;
    }
}

bool operator==(const Config &a, const Config &b)
{
    return a.providers == b.providers && a.app == b.app && a.mcpServers == b.mcpServers &&
           a.presets == b.presets &&
           sameSettings(a, b);
}

bool isValidProviderId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    return re.match(id).hasMatch();
}

} // namespace Sluice
