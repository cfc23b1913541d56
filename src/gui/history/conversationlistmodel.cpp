#include "gui/history/conversationlistmodel.h"

#include "core/storage/conversationstore.h"

#include <QGuiApplication>

namespace Sluice {

namespace {

bool sameData(const Conversation &a, const Conversation &b)
{
    return a.title == b.title && a.updated == b.updated && a.pinned == b.pinned &&
           a.messageCount == b.messageCount && a.model == b.model;
}

} // namespace

ConversationListModel::ConversationListModel(ConversationStore *store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    if (store) {
        connect(store, &ConversationStore::conversationAdded, this,
                &ConversationListModel::refresh);
        connect(store, &ConversationStore::conversationChanged, this,
                &ConversationListModel::refresh);
        connect(store, &ConversationStore::conversationRemoved, this,
                &ConversationListModel::refresh);
    }
    // A single long wait: precise, or a coarse timer could be off by minutes.
    m_dayTimer.setSingleShot(true);
    m_dayTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_dayTimer, &QTimer::timeout, this, &ConversationListModel::checkDay);
    // The timer runs on a monotonic clock that may stand still while the system sleeps.
    if (auto *app = qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        connect(app, &QGuiApplication::applicationStateChanged, this,
                [this](Qt::ApplicationState state) {
                    if (state == Qt::ApplicationActive)
                        checkDay();
                });
    }
    refresh();
    m_day = now().date();
    scheduleDayChange();
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

// "Branched from “Rivers”" for a conversation made with Branch from Here (empty otherwise).
QString ConversationListModel::originLine(qint64 id) const
{
    const auto origin = m_store ? m_store->origin(id) : std::nullopt;
    const auto from = origin ? m_store->conversation(origin->conversationId) : std::nullopt;
    if (!origin)
        return {};
    return u'\n' + (from ? tr("Branched from “%1”")
                               .arg(from->title.isEmpty() ? untitledConversationTitle()
                                                          : from->title)
                         : tr("Branched from a deleted conversation"));
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return c.title.isEmpty() ? untitledConversationTitle() : c.title;
    case Qt::EditRole:
    case TitleRole:
        return c.title;
    case Qt::ToolTipRole:
        return QString(tr("%1\n%n message(s), last on %2", nullptr, c.messageCount)
                           .arg(c.title.isEmpty() ? untitledConversationTitle() : c.title,
                                QLocale().toString(c.updated, QLocale::ShortFormat)) +
                       originLine(c.id));
    case IdRole:
        return c.id;
    case UpdatedRole:
        return c.updated;
    case PinnedRole:
        return c.pinned;
    case SectionRole:
        return sectionFor(c);
    case MessageCountRole:
        return c.messageCount;
    case ModelRole:
        return c.model;
    default:
        return {};
    }
}

bool ConversationListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !m_store ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    // The store's conversationChanged signal brings the new title back through refresh().
    return m_store->renameConversation(m_rows.at(index.row()).id, value.toString());
}

Qt::ItemFlags ConversationListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(TitleRole, "title");
    names.insert(UpdatedRole, "updated");
    names.insert(PinnedRole, "pinned");
    names.insert(SectionRole, "section");
    names.insert(MessageCountRole, "messageCount");
    names.insert(ModelRole, "model");
    return names;
}

qint64 ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int ConversationListModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

QString ConversationListModel::sectionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? sectionFor(m_rows.at(row)) : QString();
}

void ConversationListModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    m_day = now().date();
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {SectionRole});
    scheduleDayChange();
}

QDateTime ConversationListModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTime();
}

void ConversationListModel::checkDay()
{
    const QDate today = now().date();
    if (today != m_day) {
        m_day = today;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {SectionRole});
    }
    scheduleDayChange();
}

void ConversationListModel::scheduleDayChange()
{
    const QDateTime current = now();
    m_nextDayChange = QDateTime(current.date().addDays(1), QTime(0, 0));
    // Woken a little early (the wall clock and the timer's clock drift apart), checkDay()
    // finds the same date and waits the rest.
    const qint64 ms = qBound(qint64(1), current.msecsTo(m_nextDayChange), qint64(48) * 3600'000);
    m_dayTimer.start(std::chrono::milliseconds(ms));
}

QString ConversationListModel::sectionFor(const Conversation &conversation) const
{
    if (conversation.pinned)
        return tr("Pinned");
    const QDate today = now().date();
    const QDate day = conversation.updated.toLocalTime().date();
    if (day >= today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    if (day >= today.addDays(-7))
        return tr("Previous 7 days");
    return tr("Older");
}

void ConversationListModel::refresh()
{
    apply(m_store && m_store->isOpen() ? m_store->conversations() : QList<Conversation>());
}

void ConversationListModel::apply(const QList<Conversation> &fresh)
{
    // Rows that are gone, bottom up.
    QSet<qint64> freshIds;
    for (const Conversation &c : fresh)
        freshIds.insert(c.id);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!freshIds.contains(m_rows.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    // Then walk the new order: keep, move up, or insert each row.
    for (int target = 0; target < fresh.size(); ++target) {
        const Conversation &want = fresh.at(target);
        if (target < m_rows.size() && m_rows.at(target).id == want.id) {
            if (!sameData(m_rows.at(target), want)) {
                m_rows[target] = want;
                Q_EMIT dataChanged(index(target), index(target));
            }
            continue;
        }
        int from = -1;
        for (int row = target + 1; row < m_rows.size(); ++row) {
            if (m_rows.at(row).id == want.id) {
                from = row;
                break;
            }
        }
        if (from >= 0) {
            beginMoveRows({}, from, from, {}, target);
            m_rows.move(from, target);
            endMoveRows();
            m_rows[target] = want;
            Q_EMIT dataChanged(index(target), index(target));
        } else {
            beginInsertRows({}, target, target);
            m_rows.insert(target, want);
            endInsertRows();
        }
    }
    // A section can change for rows whose data did not (a pin elsewhere moves boundaries);
    // the delegate's headers depend on neighbours, so repaint all section roles cheaply.
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {SectionRole});
}

} // namespace Sluice
