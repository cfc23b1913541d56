// The stored conversations as a list: pinned first, then newest first, each in a section
// (Pinned, Today, Yesterday, Previous 7 days, Older). Follows the store's signals with
// row-level inserts, moves and removals, so selection and scrolling survive updates.
#pragma once

#include "storage/conversation.h"

#include <QAbstractListModel>
#include <QPointer>

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

    // For tests: "now", which decides Today/Yesterday.
    void setClock(std::function<QDateTime()> clock);

public Q_SLOTS:
    // Re-reads the store and applies the difference row by row.
    void refresh();

private:
    void apply(const QList<Conversation> &fresh);
    QString sectionFor(const Conversation &conversation) const;

    QPointer<ConversationStore> m_store;
    QList<Conversation> m_rows;
    std::function<QDateTime()> m_clock;
};

} // namespace Sluice
