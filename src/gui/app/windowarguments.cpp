#include "gui/app/windowarguments.h"

#include <cstring>

namespace Sluice::Gui {

namespace {

// Options that take a value: ours, then the Qt ones QApplication understands.
constexpr const char *kValueOptions[] = {
    "--config", "--data-dir",       "-platform",     "-style",       "-stylesheet",
    "-display", "-qwindowgeometry", "-qwindowtitle", "-qwindowicon", "-platformtheme"};

bool takesValue(const char *arg)
{
    for (const char *o : kValueOptions) {
        if (std::strcmp(arg, o) == 0)
            return true;
    }
    return false;
}

} // namespace

WindowArguments parseWindowArguments(const QStringList &arguments)
{
    WindowArguments out;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        const auto value = [&](QStringView name, QString *target) {
            if (a == name && i + 1 < arguments.size()) {
                *target = arguments.at(++i);
                return true;
            }
            const QString prefix = name + u'=';
            if (a.startsWith(prefix)) {
                *target = a.mid(prefix.size());
                return true;
            }
            return false;
        };
        if (a == u"--quit-after-first-paint")
            out.quitAfterFirstPaint = true;
        else if (!value(u"--config", &out.configPath))
            value(u"--data-dir", &out.dataDir);
    }
    return out;
}

bool isWindowCommandLine(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (takesValue(a)) {
            ++i; // its value
            continue;
        }
        if (std::strncmp(a, "--config=", 9) == 0 || std::strncmp(a, "--data-dir=", 11) == 0 ||
            std::strcmp(a, "--quit-after-first-paint") == 0)
            continue;
        return false;
    }
    return argc > 1;
}

} // namespace Sluice::Gui
