// The status bar's words for a reply: the watchdog phase with seconds while it runs,
// the statistics once it finished, the error sentence when it failed.
#pragma once

#include "core/chat/chatreply.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sluice {

struct PhaseSnapshot
{
    ChatReply::Phase phase = ChatReply::Phase::Connecting;
    qint64 phaseElapsedMs = 0;
    QString model;
    double tokensPerSecond = -1; // measured over the last seconds while streaming
    qint64 retryInMs = -1;       // while waiting to retry
    int attempt = 0;
    bool thinking = false;        // streaming: the newest text was thinking
    qint64 silenceShownMs = 3000; // streaming: silent this long, the seconds are shown
};

QString phaseStatusText(const PhaseSnapshot &s);
QString finishedStatusText(const ReplyStats &stats);

// Watches one reply and says what it is doing, four times a second.
class ReplyStatus final : public QObject
{
    Q_OBJECT
public:
    explicit ReplyStatus(QObject *parent = nullptr);

    void watch(ChatReply *reply);
    QString text() const { return m_text; }
    // How long a streaming reply is silent before the status counts the seconds.
    void setSilenceShownAfterMs(qint64 ms) { m_silenceShownMs = ms; }

Q_SIGNALS:
    void textChanged(const QString &text);

private:
    void refresh();
    void setText(const QString &text);
    void onDelta();

    QPointer<ChatReply> m_reply;
    QTimer m_tick;
    QString m_text;
    QElapsedTimer m_rateClock;
    int m_rateCount = 0;
    double m_rate = -1;
    bool m_thinking = false;
    qint64 m_silenceShownMs = 3000;
    qint64 m_retryDelayMs = -1;
    QElapsedTimer m_retryClock;
};

} // namespace Sluice
