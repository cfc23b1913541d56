// The steps of a diagnosis that ask the model itself: a short non-streaming chat, then a
// streamed one whose chunks are timed (is the stream incremental, or buffered by a proxy?).
#include "core/diagnostics/diagnostics.h"

#include "core/chat/chatclient.h"
#include "core/diagnostics/stepverdicts.h"
#include "core/net/requestutil.h"

#include <QElapsedTimer>

#include <memory>

namespace Sluice {

ChatReply *Diagnostics::askModel(bool stream, int maxTokens, const QString &prompt)
{
    ChatRequest req;
    req.model = m_model;
    req.stream = stream;
    req.options.maxTokens = maxTokens;
    req.options.temperature = 0.0; // the same answer every time
    req.messages.append({QStringLiteral("user"), prompt, {}, {}});
    return m_client->chat(m_config, req);
}

void Diagnostics::checkChat()
{
    m_chat = askModel(false, 64, QStringLiteral("Reply with the single word: ok"));
    ChatReply *reply = m_chat;
    connect(reply, &ChatReply::finished, this, [this, reply](const ReplyStats &stats) {
        const QString text = reply->content().simplified();
        reply->deleteLater();
        QString detail =
            text.isEmpty()
                ? tr("answered (thinking only) in %1").arg(formatSeconds(stats.totalMs))
                : tr("answered \"%1\" in %2").arg(text.left(40), formatSeconds(stats.totalMs));
        if (stats.loadMs > 500)
            detail += tr("; loading the model took %1").arg(formatSeconds(stats.loadMs));
        pass(detail);
    });
    connect(reply, &ChatReply::failed, this, [this, reply](const ChatError &e) {
        reply->deleteLater();
        if (e.modelRepeating)
            warn(e.message, modelRepeatingFix());
        else
            fail(e.message);
    });
}

QString Diagnostics::modelRepeatingFix()
{
    return tr("the server works, this model keeps repeating itself: try another model, or a "
              "higher repeat penalty");
}

void Diagnostics::checkStream()
{
    m_chat = askModel(true, 96, QStringLiteral("Count from 1 to 20, separated by spaces."));
    ChatReply *reply = m_chat;
    auto arrivals = std::make_shared<QList<qint64>>();
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto record = [arrivals, clock](const QString &) {
        arrivals->append(clock->elapsed());
    };
    connect(reply, &ChatReply::contentDelta, this, record);
    connect(reply, &ChatReply::thinkingDelta, this, record);
    connect(reply, &ChatReply::finished, this, [this, reply, arrivals](const ReplyStats &stats) {
        reply->deleteLater();
        const StepVerdicts::Verdict v = StepVerdicts::stream(*arrivals, stats);
        apply(v);
    });
    connect(reply, &ChatReply::failed, this, [this, reply](const ChatError &e) {
        reply->deleteLater();
        QString fix;
        if (e.modelRepeating) {
            warn(e.message, modelRepeatingFix());
            return;
        }
        if (e.kind == ChatError::Kind::Stalled)
            fix = tr("if non-streaming works but streaming stalls, a proxy may be breaking "
                     "streams: turn streaming off for this provider");
        fail(e.message, fix);
    });
}

} // namespace Sluice
