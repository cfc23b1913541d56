// The stored conversations as a list: pinned first, then newest first, each in a section
// (Pinned, Today, Yesterday, Previous 7 days, Older). Follows the store's signals with
// row-level inserts, moves and removals, so selection and scrolling survive updates.
// The day sections move on by themselves at local midnight (a timer to the next one, and a
// check whenever the application becomes active again, e.g. after a suspend).
#pragma once

#include "core/conversation/conversation.h"

#include <QAbstractListModel>
#include <QDate>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Sluice {

class ConversationStore;

class ConversationListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,        // the stored title ("" when none yet); DisplayRole shows a fallback
        UpdatedRole,      // QDateTime
        PinnedRole,       // bool
        SectionRole,      // translated section name
        MessageCountRole, // int
        ModelRole,        // the conversation's model name
    };

    explicit ConversationListModel(ConversationStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 idAt(int row) const;
    int rowOf(qint64 id) const; // -1 when not listed
    QString sectionAt(int row) const;

    // For tests: "now", which decides Today/Yesterday (and when the next midnight is).
    void setClock(std::function<QDateTime()> clock);
    // When the sections are next looked at again: the coming local midnight by the clock.
    QDateTime nextDayChange() const { return m_nextDayChange; }

public Q_SLOTS:
    // Re-reads the store and applies the difference row by row.
    void refresh();
    // If the date moved on since the sections were last worked out, they change (every
    // row's SectionRole); then the timer is set to the next midnight.
    void checkDay();

private:
    QString originLine(qint64 id) const;
    QDateTime now() const;
    void scheduleDayChange();

    void apply(const QList<Conversation> &fresh);
    QString sectionFor(const Conversation &conversation) const;

    QPointer<ConversationStore> m_store;
    QList<Conversation> m_rows;
    std::function<QDateTime()> m_clock;
    QTimer m_dayTimer;
    QDate m_day;
    QDateTime m_nextDayChange;
};

} // namespace Sluice
