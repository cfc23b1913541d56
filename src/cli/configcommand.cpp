#include "cli/configcommand.h"

#include "cli/clicommon.h"
#include "core/config/configjson.h"
#include "core/config/configstore.h"
#include "core/config/crushimport.h"
#include "core/util/logging.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace Sluice::Cli {

namespace {

int importCrush(ConfigStore &store, const QString &file, bool dryRun)
{
    const CrushImport imported = importCrushConfig(file);
    if (!imported.ok) {
        printError(imported.error);
        return ExitUsage;
    }
    Config config = store.config();
    QStringList notes = imported.notes;
    // Without a file yet, the providers are the built-in defaults: imports take their place.
    QStringList implicitIds;
    if (store.lastLoad() == ConfigStore::LoadResult::FirstRun) {
        for (const ProviderEntry &p : std::as_const(config.providers))
            implicitIds.append(p.id);
    }
    mergeImport(config, imported, &notes, implicitIds);
    for (const ProviderEntry &p : imported.providers)
        writeStdout(QStringLiteral("imported %1 (%2, %3)\n")
                        .arg(p.id, providerTypeName(p.type), redactedUrlText(p.baseUrl)));
    sayImportedMcpServers(imported.mcpServers, notes);
    if (imported.providers.isEmpty()) {
        printError(QStringLiteral("%1 has no provider Sluice can use").arg(file));
        return ExitUsage;
    }
    return saveImportUnlessDryRun(store, config, dryRun);
}

} // namespace

int configCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The configuration file.\n"
                       "  sluice config path          where the file is\n"
                       "  sluice config show          the providers it defines (keys hidden)\n"
                       "  sluice config import FILE   add the providers of a crush.json"));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("config"), QStringLiteral("Use this config file."), QStringLiteral("FILE")},
        {QStringLiteral("dry-run"), QStringLiteral("With import: show what would change, write "
                                                   "nothing.")},
    });
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("path, show or import"));
    if (!parser.parse(args)) {
        printError(usageError(parser.errorText(), QStringLiteral("config")));
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        writeStdout(parser.helpText());
        return ExitOk;
    }
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0);
    ConfigStore store(ConfigStore::choosePath(parser.value(QStringLiteral("config"))));
    if (action == u"path") {
        writeStdout(QString(store.path() + u'\n'));
        return ExitOk;
    }
    if (action != u"show" && action != u"import") {
        printError(usageError(action.isEmpty() ? QStringLiteral("say path, show or import")
                                               : QStringLiteral("unknown action \"%1\"").arg(action),
                              QStringLiteral("config")));
        return ExitUsage;
    }
    if (store.load() == ConfigStore::LoadResult::Broken) {
        printError(store.error().message);
        return ExitUsage;
    }
    if (action == u"show") {
        const Config &c = store.config();
        writeStdout(QStringLiteral("%1%2\n")
                        .arg(store.path(), store.lastLoad() == ConfigStore::LoadResult::FirstRun
                                               ? QStringLiteral(" (not written yet: defaults)")
                                               : QString()));
        for (const ProviderEntry &p : c.providers) {
            const QString key = p.apiKey.isEmpty()           ? QStringLiteral("no key")
                                : p.apiKey.startsWith(u'$')  ? QStringLiteral("key from %1").arg(p.apiKey)
                                : p.apiKey.startsWith(u"keychain:") ? QStringLiteral("key in the keychain")
                                                             : QStringLiteral("key in the file");
            writeStdout(QStringLiteral("%1 %2  %3  %4  %5\n")
                            .arg(p.id == store.defaultProviderId() ? QStringLiteral("*") : QStringLiteral(" "))
                            .arg(p.id, providerTypeName(p.type), redactedUrlText(p.baseUrl), key));
        }
        if (!store.defaultModel().isEmpty())
            writeStdout(QStringLiteral("default model: %1\n").arg(store.defaultModel()));
        return ExitOk;
    }
    if (words.size() != 2) {
        printError(usageError(QStringLiteral("import takes one file: sluice config import "
                                             "crush.json"),
                              QStringLiteral("config")));
        return ExitUsage;
    }
    return importCrush(store, words.at(1), parser.isSet(QStringLiteral("dry-run")));
}

} // namespace Sluice::Cli
