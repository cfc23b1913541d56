#include "session/replystatus.h"

#include <QCoreApplication>

namespace Sluice {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice", text);
}
QString secs(qint64 ms)
{
    return QString::number(ms / 1000);
}
// "48" tok/s, but "0.4" on a slow machine rather than "0".
QString rate(double perSecond)
{
    return perSecond >= 9.95 ? QString::number(qRound(perSecond))
                             : QString::number(perSecond, 'f', 1);
}
} // namespace

QString phaseStatusText(const PhaseSnapshot &s)
{
    switch (s.phase) {
    case ChatReply::Phase::Connecting:
        return s.phaseElapsedMs < 1000 ? tr("Connecting…")
                                       : tr("Connecting… %1 s").arg(secs(s.phaseElapsedMs));
    case ChatReply::Phase::Waiting:
        return tr("Waiting for first token… %1 s").arg(secs(s.phaseElapsedMs));
    case ChatReply::Phase::LoadingModel:
        return tr("Loading model %1… %2 s").arg(s.model, secs(s.phaseElapsedMs));
    case ChatReply::Phase::Streaming:
        if (s.phaseElapsedMs >= s.silenceShownMs) // the time since the last piece arrived
            return tr("No data for %1 s…").arg(secs(s.phaseElapsedMs));
        if (s.thinking)
            return s.tokensPerSecond > 0 ? tr("Thinking · %1 tok/s").arg(rate(s.tokensPerSecond))
                                         : tr("Thinking…");
        if (s.tokensPerSecond > 0)
            return tr("Streaming · %1 tok/s").arg(rate(s.tokensPerSecond));
        return tr("Streaming…");
    case ChatReply::Phase::Retrying:
        if (s.retryInMs >= 0)
            return tr("Retrying in %1 s…").arg((s.retryInMs + 999) / 1000);
        return tr("Retrying…");
    case ChatReply::Phase::Finished:
    case ChatReply::Phase::Failed:
        return {};
    }
    return {};
}

QString finishedStatusText(const ReplyStats &s)
{
    QStringList parts;
    if (s.timeToFirstTokenMs >= 0)
        parts << tr("First token %1 s").arg(s.timeToFirstTokenMs / 1000.0, 0, 'f', 2);
    if (s.tokensPerSecond > 0)
        parts << tr("%1 tok/s").arg(s.tokensPerSecond, 0, 'f', 1);
    if (s.outputTokens >= 0)
        parts << tr("%1 tokens").arg(s.outputTokens);
    if (s.loadMs >= 100)
        parts << tr("load %1 s").arg(s.loadMs / 1000.0, 0, 'f', 1);
    if (parts.isEmpty())
        return tr("Done");
    return tr("Done · %1").arg(parts.join(QStringLiteral(" · ")));
}

ReplyStatus::ReplyStatus(QObject *parent) : QObject(parent)
{
    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, &ReplyStatus::refresh);
}

void ReplyStatus::watch(ChatReply *reply)
{
    if (m_reply)
        m_reply->disconnect(this);
    m_reply = reply;
    m_rate = -1;
    m_rateCount = 0;
    m_retryDelayMs = -1;
    m_thinking = false;
    if (!reply) {
        m_tick.stop();
        setText(QString());
        return;
    }
    m_rateClock.start();
    connect(reply, &ChatReply::contentDelta, this, [this] {
        m_thinking = false;
        onDelta();
    });
    connect(reply, &ChatReply::thinkingDelta, this, [this] {
        m_thinking = true;
        onDelta();
    });
    connect(reply, &ChatReply::phaseChanged, this, &ReplyStatus::refresh);
    connect(reply, &ChatReply::retrying, this, [this](int, qint64 delayMs, const ChatError &) {
        m_retryDelayMs = delayMs;
        m_retryClock.start();
        refresh();
    });
    connect(reply, &ChatReply::finished, this, [this](const ReplyStats &stats) {
        m_tick.stop();
        ReplyStats s = stats;
        if (s.tokensPerSecond <= 0 && m_rate > 0)
            s.tokensPerSecond = m_rate;
        setText(finishedStatusText(s));
        m_reply = nullptr;
    });
    connect(reply, &ChatReply::failed, this, [this](const ChatError &error) {
        m_tick.stop();
        QString msg = error.message;
        if (error.kind == ChatError::Kind::Cancelled) {
            // The stop was the user's: said once, in the user's language.
            const int tokens = m_reply ? m_reply->chunks() : 0;
            setText(tokens > 0 ? tr("Stopped after %n tokens; partial reply kept", nullptr, tokens)
                               : tr("Stopped"));
        } else {
            if (!msg.isEmpty())
                msg[0] = msg.at(0).toUpper();
            setText(tr("Failed · %1").arg(msg));
        }
        m_reply = nullptr;
    });
    m_tick.start();
    refresh();
}

void ReplyStatus::onDelta()
{
    ++m_rateCount;
    if (m_rateClock.elapsed() >= 1000) {
        m_rate = m_rateCount * 1000.0 / double(m_rateClock.elapsed());
        m_rateCount = 0;
        m_rateClock.restart();
    }
}

void ReplyStatus::refresh()
{
    if (!m_reply)
        return;
    PhaseSnapshot s;
    s.phase = m_reply->phase();
    s.phaseElapsedMs = m_reply->phaseElapsedMs();
    s.model = m_reply->request().model;
    s.tokensPerSecond = m_rate;
    s.attempt = m_reply->attempt();
    s.thinking = m_thinking;
    s.silenceShownMs = m_silenceShownMs;
    if (m_retryDelayMs >= 0 && m_retryClock.isValid())
        s.retryInMs = qMax<qint64>(0, m_retryDelayMs - m_retryClock.elapsed());
    const QString t = phaseStatusText(s);
    if (!t.isEmpty())
        setText(t);
}

void ReplyStatus::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    Q_EMIT textChanged(text);
}

} // namespace Sluice
