// The messages of one conversation as a list model.
//
// Streaming deltas are buffered and applied by a timer at most ~30 times a second; each
// update emits dataChanged for that row only, naming the roles that changed. Anything that
// ends a reply (a state change) applies the buffered text first, so the final text is exact.
#pragma once

#include "core/conversation/conversation.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPoint>
#include <QTimer>

#include <functional>

namespace Sluice {

class ChatModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        RoleRole = Qt::UserRole, // QString "user" / "assistant"
        ContentRole,             // QString, Markdown
        ThinkingRole,            // QString
        StateRole,               // int (MessageState)
        ErrorTextRole,           // QString
        StatsRole,               // Sluice::ReplyStats
        CreatedRole,             // QDateTime
        UpdatedRole,             // QDateTime
        ModelNameRole,           // QString
        ThinkingDurationRole,    // qint64 ms, -1 while unknown
        ThinkingExpandedRole,    // bool; the only role setData() accepts
        UidRole,                 // quint64, also the index's internalId()
        RevisionRole,            // quint64, grows with every visible change
        AttachmentsRole,         // QList<Sluice::Attachment>: thumbnails (bytes until stored)
        ToolCallsRole,           // QList<Sluice::ToolCallRecord>
        VersionsRole,            // QPoint(version, count) among its siblings; (1, 1): none
    };
    Q_ENUM(Role)

    static constexpr int DefaultUpdateIntervalMs = 33;

    explicit ChatModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column = 0, const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    const ConversationMessage &message(int row) const { return m_messages.at(row); }
    const QList<ConversationMessage> &messages() const { return m_messages; }
    int rowOfUid(quint64 uid) const; // -1 when absent
    quint64 revision(int row) const;

    // Replaces everything (loading a stored conversation). Uids are assigned anew.
    void setMessages(QList<ConversationMessage> messages);
    // Inserts older messages above the first row (loading a long conversation page by page).
    void prependMessages(QList<ConversationMessage> messages);
    // Appends and returns the row; the message gets a uid.
    int appendMessage(ConversationMessage message);
    void removeMessages(int first, int count);
    void setContent(int row, const QString &content);
    // Sets state and error sentence; buffered text is applied first.
    void setState(int row, MessageState state, const QString &errorText = {});
    void setStats(int row, const ReplyStats &stats);
    void setModelName(int row, const QString &model);
    void setToolCalls(int row, const QList<ToolCallRecord> &calls);

    // Buffered: appear at the next update tick (or flush()).
    void appendContent(int row, QStringView delta);
    void appendThinking(int row, QStringView delta);
    void flush();
    bool hasPendingText() const { return !m_pending.isEmpty(); }

    int updateIntervalMs() const { return m_timer.interval(); }

    // Where VersionsRole comes from (the history's tree: BranchNavigator); none: (1, 1).
    void setVersionLookup(std::function<QPoint(int row)> lookup) { m_versions = std::move(lookup); }

private:
    struct Pending
    {
        QString content;
        QString thinking;
        bool thinkingEnded = false; // the answer began: the thinking duration is known
    };
    struct Extra
    {
        quint64 revision = 0;
        bool thinkingExpanded = false;
        qint64 thinkingSince = -1; // on Clock::current(); -1: not thinking
    };

    void schedule();
    void touch(int row);
    void endThinking(int row, QList<int> &roles);
    QModelIndex indexOfRow(int row) const { return index(row, 0); }

    QList<ConversationMessage> m_messages;
    QHash<quint64, Extra> m_extra;
    QHash<quint64, Pending> m_pending;
    QTimer m_timer;
    quint64 m_nextUid = 1;
    std::function<QPoint(int row)> m_versions;
};

} // namespace Sluice
