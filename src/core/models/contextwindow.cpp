#include "core/models/contextwindow.h"

#include <QCoreApplication>
#include <QStringList>

namespace Sluice {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice", text);
}

} // namespace

ContextWindow contextWindowFor(ProviderType type, const ChatOptions &own,
                               const ModelCapabilities &caps)
{
    ContextWindow w;
    w.max = caps.contextLength > 0 ? caps.contextLength : -1;
    if (type != ProviderType::Ollama) {
        if (own.contextSize && *own.contextSize > 0) {
            w.tokens = *own.contextSize;
            w.source = tr("the configured context window");
        } else if (caps.serverContext > 0) {
            w.tokens = caps.serverContext;
            w.source = tr("the server's context size (llama.cpp /props)");
        } else if (caps.contextLength > 0) {
            w.tokens = caps.contextLength;
            w.source = tr("the server's model information");
        }
        return w;
    }
    w.canRaise = true;
    if (own.contextSize && *own.contextSize > 0) {
        w.tokens = *own.contextSize;
        w.source = tr("this chat's context size (num_ctx)");
    } else if (caps.loadedContext > 0) {
        w.tokens = caps.loadedContext;
        w.source = tr("the window the model is loaded with");
    } else if (caps.numCtx > 0) {
        w.tokens = caps.numCtx;
        w.source = tr("the model's num_ctx parameter");
    } else {
        w.tokens = OllamaDefaultContext;
        w.source = tr("Ollama's default context size (4096 unless its GPUs have 24 GB or more "
                      "or OLLAMA_CONTEXT_LENGTH is set)");
    }
    if (w.max > 0 && w.tokens > w.max)
        w.tokens = w.max; // Ollama loads no more than the model was trained for
    return w;
}

int modelfileNumCtx(const QString &parameters)
{
    const QStringList lines = parameters.split(u'\n');
    for (const QString &line : lines) {
        const QStringList words = line.simplified().split(u' ');
        if (words.size() == 2 && words.first() == u"num_ctx") {
            bool ok = false;
            const int n = words.at(1).toInt(&ok);
            if (ok && n > 0)
                return n;
        }
    }
    return -1;
}

} // namespace Sluice
