// Saves a reply while it streams without stalling the window: deltas are gathered in
// memory and the stored reply is brought up to date at most once per interval (about a
// second, more once writes get slow), then once more at the end. The reply is kept here as
// UTF-8, and each write replaces the stored text with it: SQLite then holds it once more
// while it writes the row (twice the reply's size in all), where appending in the database
// (`content || ?`) would read the stored reply back and hold it three times. A failed
// write is caught up by the next one. If the app dies mid-stream, what was written shows as
// interrupted on the next start.
#pragma once

#include "core/conversation/conversation.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sluice {

class Clock;
class ConversationStore;

class StreamingSaver final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 1000;
    // A write that took t ms is followed by at least kQuietFactor × t ms without one. Each
    // write makes SQLite rewrite the stored reply, so a write costs more as the reply grows;
    // spacing writes by their cost keeps saving a small share of the time, and the total work
    // in proportion to the reply's length rather than its square.
    static constexpr int kQuietFactor = 10;

    // Saves into an already added message (add it with state Streaming first); new text is
    // appended to what the message holds. Time (the interval, how long a write took) is read
    // from Clock::current() as it is now; a test's clock then says when the interval is over.
    StreamingSaver(ConversationStore *store, qint64 messageId, QObject *parent = nullptr);
    ~StreamingSaver() override; // writes what is still unsaved

    void setIntervalMs(int ms) { m_intervalMs = ms; }
    qint64 messageId() const { return m_messageId; }

    void appendContent(QStringView delta);
    void appendThinking(QStringView delta);
    // Replaces everything received so far (e.g. a provider that resends the full text).
    void setText(const QString &content, const QString &thinking);

    bool hasUnsavedText() const { return m_dirty; }
    int writeCount() const { return m_writes; }
    // The interval before the next write: the set one, or longer after a slow write.
    int currentIntervalMs() const;
    // Whether the last write failed (the text stays here and goes with the next one).
    bool isFailing() const { return m_failing; }

    // The final write, at once: the reply's end state, error sentence and statistics.
    // Later deltas are ignored.
    // Statistics and model, and the thinking duration when known (>= 0), are written too.
    bool finish(MessageState state, const QString &errorText = {}, const ReplyStats &stats = {},
                const QString &model = {}, qint64 thinkingMs = -1);

    // Writes pending text now (also called by the timer).
    void flush();

Q_SIGNALS:
    // Once when saving starts to fail (not again on every retry while it keeps failing),
    // and for a failed final write.
    void saveFailed(const QString &error);

private:
    void changed();
    bool write(const std::optional<ReplyEnd> &end);
    // The next write in ms (the timer, or the due time a hand-moved clock reaches).
    void arm(int ms);
    void disarm();
    void clockMoved();

    QPointer<ConversationStore> m_store;
    qint64 m_messageId;
    QByteArray m_content;  // the whole reply so far (UTF-8)
    QByteArray m_thinking; // the whole thinking so far (UTF-8)
    QTimer m_timer;
    Clock *m_clock;
    qint64 m_dueMs = -1; // when the next write is due; -1: none is
    int m_intervalMs = kDefaultIntervalMs;
    qint64 m_lastWriteMs = 0;
    bool m_dirty = false;
    bool m_finished = false;
    bool m_failing = false;
    int m_writes = 0;
};

} // namespace Sluice
