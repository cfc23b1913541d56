#include "gui/window/emptystate.h"

#include "session/conversationcontroller.h" // errorSentence()
#include "core/net/endpoint.h"
#include "core/protocol/protocol.h"
#include "gui/window/mainwindow.h"

namespace Sluice {

QString serverKind(ProviderType type)
{
    return createProtocol(type)->serverName();
}

QString serverAddress(const ProviderConfig &p)
{
    const ParsedBaseUrl parsed = parseBaseUrl(p.baseUrl);
    return parsed.ok() ? displayBase(parsed.url) : p.baseUrl;
}

EmptyState emptyState(const ProviderConfig *p, const ServerModels::Entry &e, const QString &model)
{
    EmptyState s;
    if (!p) {
        s.title = MainWindow::tr("No server configured");
        s.detail =
            MainWindow::tr("Add an Ollama, OpenAI-compatible or Anthropic server in Settings.");
        s.showSettings = true;
    } else {
        const QString where =
            MainWindow::tr("%1 at %2").arg(serverKind(p->type), serverAddress(*p)).toHtmlEscaped();
        switch (e.state) {
        case ServerModels::State::Unknown:
        case ServerModels::State::Checking:
            s.title = MainWindow::tr("Connecting…");
            s.detail = MainWindow::tr("Asking %1 for its models.").arg(where);
            break;
        case ServerModels::State::Unreachable:
            s.title = MainWindow::tr("Can't reach %1").arg(serverKind(p->type));
            s.detail = MainWindow::tr("%1 did not answer: %2")
                           .arg(where, errorSentence(e.error.message).toHtmlEscaped());
            s.detail += QStringLiteral("<br><br>");
            if (p->type == ProviderType::Ollama)
                s.detail += MainWindow::tr(
                    "<b>Start Ollama</b> — open the Ollama app, or run "
                    "<code>ollama serve</code> in a terminal — then press Try Again. "
                    "Or choose another server in Settings.");
            else
                s.detail +=
                    MainWindow::tr("Check that the server is running and its address is right, "
                                   "then press Try Again.");
            s.showRetry = true;
            s.showSettings = true;
            break;
        case ServerModels::State::Reachable:
            if (!model.isEmpty()) {
                s.title = MainWindow::tr("Start a conversation");
                s.detail = MainWindow::tr("Replies come from <b>%1</b> on %2.")
                               .arg(model.toHtmlEscaped(), where);
            } else if (e.models.isEmpty()) {
                s.title = MainWindow::tr("No models on this server");
                s.detail =
                    p->type == ProviderType::Ollama
                        ? MainWindow::tr("%1 has no models yet. Download one with "
                                         "<code>ollama pull llama3.2</code>, then press Try Again.")
                              .arg(where)
                        : MainWindow::tr("%1 lists no models. Type a model name above.").arg(where);
                s.showRetry = true;
            } else {
                s.title = MainWindow::tr("Choose a model");
                s.detail = MainWindow::tr("Pick one of the %n model(s) on %1 above to start.",
                                          nullptr, int(e.models.size()))
                               .arg(where);
            }
            if (!e.error.message.isEmpty())
                s.detail += QStringLiteral("<br><br>") + MainWindow::tr("Listing models failed: %1")
                                                             .arg(e.error.message.toHtmlEscaped());
            break;
        }
    }
    return s;
}

} // namespace Sluice
