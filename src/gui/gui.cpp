#include "gui.h"

#include "chatclient.h"
#include "endpoint.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QIcon>

namespace Sluice::Gui {

namespace {

// Until the configuration store feeds the window, the server comes from the environment,
// with the same meaning as the command line's options:
//   SLUICE_BASE_URL  the server's address (default: $OLLAMA_HOST or http://localhost:11434)
//   SLUICE_TYPE      ollama | openai | anthropic (default: from the URL, else ollama)
//   SLUICE_MODEL     the model new chats start with (default: the last one used)
//   SLUICE_API_KEY   a key for servers that need one (else OPENAI_API_KEY / ANTHROPIC_API_KEY)
//   SLUICE_THEME     system | light | dark
ProviderConfig providerFromEnvironment()
{
    ProviderConfig p;
    p.baseUrl = qEnvironmentVariable("SLUICE_BASE_URL");
    if (p.baseUrl.isEmpty())
        p.baseUrl = ollamaHostFromEnv();
    std::optional<ProviderType> type = providerTypeFromName(qEnvironmentVariable("SLUICE_TYPE"));
    if (!type) {
        const ParsedBaseUrl parsed = parseBaseUrl(p.baseUrl);
        if (parsed.ok())
            type = typeFromUrl(parsed.url);
    }
    p.type = type.value_or(ProviderType::Ollama);
    p.id = providerTypeName(p.type);
    p.name = p.baseUrl;
    p.apiKey = qEnvironmentVariable("SLUICE_API_KEY");
    if (p.apiKey.isEmpty() && p.type == ProviderType::OpenAI)
        p.apiKey = qEnvironmentVariable("OPENAI_API_KEY");
    if (p.apiKey.isEmpty() && p.type == ProviderType::Anthropic)
        p.apiKey = qEnvironmentVariable("ANTHROPIC_API_KEY");
    return p;
}

} // namespace

int guiMain(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sluice"));
    QCoreApplication::setOrganizationName(QStringLiteral("sluice"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Sluice"));
    QGuiApplication::setDesktopFileName(QStringLiteral("sluice"));
    applyTheme(themeFromName(qEnvironmentVariable("SLUICE_THEME")).value_or(Theme::System));

    ChatClient client;
    MainWindow window(&client);
    const ProviderConfig provider = providerFromEnvironment();
    window.setProviders({provider}, provider.id, qEnvironmentVariable("SLUICE_MODEL"));
    window.show();
    return app.exec();
}

} // namespace Sluice::Gui
