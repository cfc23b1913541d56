#include "core/models/modelcapabilities.h"
#include "core/models/contextwindow.h"

#include "core/chat/chatclient.h"
#include "core/models/ollamamodels.h"

#include <QPointer>

#include <memory>

namespace Sluice {

QString ModelCapabilities::summary() const
{
    QStringList parts;
    if (vision)
        parts.append(QStringLiteral("vision"));
    if (thinking)
        parts.append(QStringLiteral("thinking"));
    if (tools)
        parts.append(QStringLiteral("tools"));
    QString text = parts.join(QStringLiteral(", "));
    if (loaded)
        text += text.isEmpty() ? QStringLiteral("loaded") : QStringLiteral(" · loaded");
    return text;
}

void fetchModelCapabilities(ChatClient *client, const ProviderConfig &provider,
                            const QStringList &models, QObject *context, CapabilitiesCallback done)
{
    // The OllamaModels object is a child of `context`: destroying the context ends everything.
    auto *ops = new OllamaModels(client, provider, context);
    struct State
    {
        QHash<QString, ModelCapabilities> result;
        int pending = 0;
    };
    auto state = std::make_shared<State>();
    for (const QString &m : models)
        state->result.insert(m, {});
    state->pending = int(models.size()) + 1;
    QPointer<OllamaModels> guard(ops);
    auto oneDone = [state, guard, done] {
        if (--state->pending > 0 || !guard)
            return;
        guard->deleteLater();
        done(state->result);
    };

    ModelOpReply *ps = ops->listRunning();
    auto psEnd = [state, ps, oneDone] {
        for (const RunningModel &r : ps->running()) {
            for (auto it = state->result.begin(); it != state->result.end(); ++it) {
                if (sameModel(it.key(), r.name)) {
                    it->loaded = true;
                    it->loadedContext = r.contextLength;
                }
            }
        }
        ps->deleteLater();
        oneDone();
    };
    QObject::connect(ps, &ModelOpReply::finished, ops, psEnd);
    QObject::connect(ps, &ModelOpReply::failed, ops, psEnd);

    for (const QString &name : models) {
        ModelOpReply *show = ops->show(name);
        auto showEnd = [state, show, name, oneDone] {
            if (!show->isRunning() && show->error().message.isEmpty()) {
                const ModelDetails &d = show->details();
                ModelCapabilities &c = state->result[name];
                c.known = true;
                c.vision = d.hasCapability(u"vision");
                c.tools = d.hasCapability(u"tools");
                c.thinking = d.hasCapability(u"thinking");
                c.contextLength = d.contextLength;
                c.numCtx = modelfileNumCtx(d.parameters);
            }
            show->deleteLater();
            oneDone();
        };
        QObject::connect(show, &ModelOpReply::finished, ops, showEnd);
        QObject::connect(show, &ModelOpReply::failed, ops, showEnd);
    }
}

ModelCapabilities capabilitiesOf(const QHash<QString, ModelCapabilities> &byName,
                                 const QString &model)
{
    if (const auto exact = byName.constFind(model); exact != byName.cend())
        return *exact;
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        if (sameModel(it.key(), model))
            return *it;
    }
    return {};
}

} // namespace Sluice
