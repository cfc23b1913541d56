#include "gui/window/sessionsidebar.h"

#include "session/conversationcontroller.h"
#include "gui/widgets/focushonestview.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sluice {

namespace {
constexpr int ControllerRole = Qt::UserRole;
}

SessionSidebar::SessionSidebar(QWidget *parent)
    : QWidget(parent), m_list(new FocusHonestView<QListWidget>(this)), m_newChat(new QPushButton(this))
{
    setObjectName(QStringLiteral("sessionSidebar"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 10, 8, 8);
    layout->setSpacing(8);
    m_newChat->setObjectName(QStringLiteral("newChatButton"));
    m_newChat->setText(tr("＋  New Chat"));
    m_newChat->setAccessibleName(tr("New chat"));
    m_newChat->setToolTip(tr("Start a new conversation (Ctrl+N)"));
    layout->addWidget(m_newChat);
    auto *heading = new QLabel(tr("This session"), this);
    heading->setObjectName(QStringLiteral("sidebarHeading"));
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    f.setWeight(QFont::DemiBold);
    heading->setFont(f);
    heading->setForegroundRole(QPalette::PlaceholderText);
    heading->setContentsMargins(6, 6, 0, 0);
    layout->addWidget(heading);
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setAccessibleName(tr("Conversations"));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSpacing(1);
    m_list->viewport()->setAutoFillBackground(false);
    layout->addWidget(m_list, 1);
    connect(m_newChat, &QPushButton::clicked, this, &SessionSidebar::newChatRequested);
    // A conversation opens when it is clicked or activated (Enter), not when the focus or the
    // arrow keys pass over it.
    const auto open = [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT activated(item->data(ControllerRole).value<ConversationController *>());
    };
    connect(m_list, &QListWidget::itemClicked, this, open);
    connect(m_list, &QListWidget::itemActivated, this, open);
}

QListWidgetItem *SessionSidebar::itemFor(ConversationController *conversation) const
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(ControllerRole).value<ConversationController *>() == conversation)
            return m_list->item(i);
    }
    return nullptr;
}

void SessionSidebar::addConversation(ConversationController *conversation)
{
    auto *item = new QListWidgetItem;
    item->setData(ControllerRole, QVariant::fromValue(conversation));
    item->setSizeHint(QSize(0, fontMetrics().height() + 14));
    m_list->insertItem(0, item);
    updateTitle(conversation);
    connect(conversation, &ConversationController::titleChanged, this,
            [this, conversation] { updateTitle(conversation); });
    connect(conversation, &QObject::destroyed, this, [this, conversation] {
        const QSignalBlocker block(m_list); // the list's current item changes silently
        delete itemFor(conversation);
    });
}

void SessionSidebar::updateTitle(ConversationController *conversation)
{
    QListWidgetItem *item = itemFor(conversation);
    if (!item)
        return;
    const QString title = conversation->title();
    item->setText(title.isEmpty() ? tr("New chat") : title);
    item->setToolTip(title);
}

void SessionSidebar::activateRelative(int step)
{
    const int count = m_list->count();
    if (count == 0)
        return;
    const QListWidgetItem *open = itemFor(m_open);
    const int from = open ? m_list->row(open) : (step > 0 ? -1 : count);
    QListWidgetItem *item = m_list->item(((from + step) % count + count) % count);
    Q_EMIT activated(item->data(ControllerRole).value<ConversationController *>());
}

void SessionSidebar::setCurrent(ConversationController *conversation)
{
    m_open = conversation;
    QListWidgetItem *item = itemFor(conversation);
    if (item && m_list->currentItem() != item) {
        const QSignalBlocker block(m_list);
        m_list->setCurrentItem(item);
    }
}

} // namespace Sluice
