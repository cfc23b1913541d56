// Saves a reply while it streams without stalling the window: deltas are gathered in
// memory and written at most once per interval (about a second), then once more at the end.
// If the app dies mid-stream, what was written shows as interrupted on the next start.
#pragma once

#include "conversation.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Sluice {

class ConversationStore;

class StreamingSaver final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 1000;

    // Saves into an already added message (add it with state Streaming first).
    StreamingSaver(ConversationStore *store, qint64 messageId, QObject *parent = nullptr);
    ~StreamingSaver() override; // writes what is still unsaved

    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    qint64 messageId() const { return m_messageId; }

    void appendContent(QStringView delta);
    void appendThinking(QStringView delta);
    // Replaces everything received so far (e.g. a provider that resends the full text).
    void setText(const QString &content, const QString &thinking);

    QString content() const { return m_content; }
    QString thinking() const { return m_thinking; }
    bool hasUnsavedText() const { return m_dirty; }
    int writeCount() const { return m_writes; }

    // The final write, at once: the reply's end state, error sentence and statistics.
    // Later deltas are ignored.
    // Statistics and model, and the thinking duration when known (>= 0), are written too.
    bool finish(StoredMessage::State state, const QString &errorText = {},
                const ReplyStats &stats = {}, const QString &model = {}, qint64 thinkingMs = -1);

    // Writes pending text now (also called by the timer).
    void flush();

Q_SIGNALS:
    void saveFailed(const QString &error);

private:
    void changed();

    QPointer<ConversationStore> m_store;
    qint64 m_messageId;
    QString m_content;
    QString m_thinking;
    QTimer m_timer;
    bool m_dirty = false;
    bool m_finished = false;
    int m_writes = 0;
};

} // namespace Sluice
