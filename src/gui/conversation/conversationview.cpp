#include "gui/conversation/conversationview.h"
#include "gui/tools/toolcards.h"

#include "gui/attachments/imageviewer.h"
#include "gui/attachments/messageimages.h"
#include "gui/conversation/conversationscrollbar.h"
#include "gui/conversation/conversationselection.h"
#include "session/chatmodel.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messageaccessible.h"
#include "gui/conversation/messageactions.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/selectionoverlay.h"
#include "gui/conversation/versionswitcher.h"
#include "gui/conversation/viewactions.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>

namespace Sluice {

namespace {
constexpr int BottomSlack = 8; // pixels from the bottom that still count as "at the bottom"
}

ConversationView::ConversationView(QWidget *parent)
    : QListView(parent), m_delegate(new MessageDelegate(this)),
      m_selection(new ConversationSelection(this, m_delegate)), m_jumpButton(new QToolButton(this)),
      m_actions(std::make_unique<MessageActions>(this)),
      m_accessibility(new MessageAccessibility(this))
{
    setObjectName(QStringLiteral("conversationView"));
    setAccessibleName(tr("Conversation"));
    setItemDelegate(m_delegate);
    new ToolCards(this); // the cards of tool calls, in their messages' rows
    addViewActions(this, m_actions.get()); // versions, branch from here, images
    // Set before anything reads the scroll bar; QAbstractScrollArea moves its own connections
    // to it, QAbstractItemView's are made again here.
    setVerticalScrollBar(new ConversationScrollBar(this));
    connect(verticalScrollBar(), &QScrollBar::actionTriggered, this,
            &ConversationView::verticalScrollbarAction, Qt::UniqueConnection);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ConversationView::verticalScrollbarValueChanged, Qt::UniqueConnection);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalScrollBar()->setSingleStep(24);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUniformItemSizes(false);
    setResizeMode(QListView::Adjust);
    setLayoutMode(QListView::SinglePass);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    setSpacing(0);

    m_jumpButton->setObjectName(QStringLiteral("jumpToLatestButton"));
    m_jumpButton->setText(tr("↓  Jump to latest"));
    m_jumpButton->setAccessibleName(tr("Jump to latest"));
    m_jumpButton->setToolTip(tr("Scroll to the newest message and follow it"));
    m_jumpButton->setCursor(Qt::PointingHandCursor);
    m_jumpButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_jumpButton->hide();
    connect(m_jumpButton, &QToolButton::clicked, this, &ConversationView::jumpToLatest);
    connect(m_selection, &ConversationSelection::dismissed, this, &ConversationView::closeOverlay);

    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &ConversationView::onRangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ConversationView::onValueChanged);
}

ConversationView::~ConversationView()
{
    // ~QWidget still sends focus events, when this is only a QWidget any more: the message
    // accessibility's filter must not see them.
    removeEventFilter(m_accessibility);
}

void ConversationView::setModel(QAbstractItemModel *newModel)
{
    closeOverlay();
    if (model())
        model()->disconnect(this);
    m_delegate->setModel(newModel);
    m_accessibility->setModel(newModel);
    // Scrolling while the rows change hands is not the user reaching the top.
    m_programmaticScroll = true;
    QListView::setModel(newModel);
    if (auto *cards = findChild<ToolCards *>(QString(), Qt::FindDirectChildrenOnly))
        cards->watchModel();
    if (newModel) {
        connect(newModel, &QAbstractItemModel::dataChanged, m_selection,
                &ConversationSelection::rowsChanged);
        connect(newModel, &QAbstractItemModel::modelAboutToBeReset, this,
                &ConversationView::closeOverlay);
        connect(newModel, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                &ConversationView::closeOverlay);
    }
    m_follow = true;
    m_jumpButton->hide();
    scrollToBottom();
    m_programmaticScroll = false;
}

bool ConversationView::isNearBottom() const
{
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum() - BottomSlack;
}

void ConversationView::setFollow(bool follow)
{
    m_follow = follow;
    m_jumpButton->setVisible(!follow && !isNearBottom());
    if (m_jumpButton->isVisible())
        placeJumpButton();
}

void ConversationView::jumpToLatest()
{
    m_programmaticScroll = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_programmaticScroll = false;
    setFollow(true);
}

void ConversationView::onRangeChanged(int, int max)
{
    if (!m_follow) {
        m_jumpButton->setVisible(!isNearBottom());
        placeJumpButton();
        return;
    }
    m_programmaticScroll = true;
    verticalScrollBar()->setValue(max);
    m_programmaticScroll = false;
}

void ConversationView::onValueChanged(int value)
{
    m_selection->scrolledTo(value);
    if (m_programmaticScroll)
        return;
    setFollow(isNearBottom());
    if (value == verticalScrollBar()->minimum() && model() && model()->rowCount() > 0)
        Q_EMIT topReached();
}

void ConversationView::insertAboveKeepingPlace(const std::function<void()> &insert)
{
    closeOverlay();
    // The first row on screen, and how far from the top of the viewport it starts.
    const QPersistentModelIndex anchor = indexAt(QPoint(viewport()->width() / 2, 0));
    const int offset = anchor.isValid() ? visualRect(anchor).top() : 0;
    insert();
    if (!anchor.isValid())
        return;
    executeDelayedItemsLayout(); // the new rows' heights, and the scroll range with them
    m_programmaticScroll = true;
    verticalScrollBar()->setValue(verticalScrollBar()->value() + visualRect(anchor).top() - offset);
    m_programmaticScroll = false;
    m_selection->scrolledTo(verticalScrollBar()->value());
    setFollow(isNearBottom());
}

void ConversationView::wheelEvent(QWheelEvent *event)
{
    if (event->angleDelta().y() > 0 && verticalScrollBar()->maximum() > 0)
        setFollow(false);
    QListView::wheelEvent(event);
}

void ConversationView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    m_accessibility->paintFocus(); // which message the keyboard acts on
}

void ConversationView::placeJumpButton()
{
    const QSize s = m_jumpButton->sizeHint() + QSize(16, 6);
    m_jumpButton->resize(s);
    const QRect vp = viewport()->geometry();
    m_jumpButton->move(vp.center().x() - s.width() / 2, vp.bottom() - s.height() - 14);
    m_jumpButton->raise();
}

void ConversationView::resizeEvent(QResizeEvent *event)
{
    closeOverlay();
    QListView::resizeEvent(event);
    placeJumpButton();
    if (m_follow)
        QTimer::singleShot(0, this, [this] {
            if (m_follow)
                jumpToLatest();
        });
}

void ConversationView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
        event->type() == QEvent::StyleChange) {
        closeOverlay();
        m_delegate->clearCache();
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

void ConversationView::updateRow(const QModelIndex &index)
{
    if (index.isValid())
        viewport()->update(visualRect(index));
}

void ConversationView::closeOverlay()
{
    m_forwarding = false;
    m_selection->close();
}

QString ConversationView::selectedText() const
{
    return m_selection->selectedText();
}

void ConversationView::copySelection()
{
    m_selection->copy();
}

SelectionOverlay *ConversationView::selectionOverlay() const
{
    return m_selection->overlay();
}

static void forwardMouse(QWidget *from, QWidget *to, QMouseEvent *event)
{
    const QPointF local = to->mapFrom(from, event->position());
    QMouseEvent copy(event->type(), local, event->globalPosition(), event->button(),
                     event->buttons(), event->modifiers());
    QCoreApplication::sendEvent(to, &copy);
}

void ConversationView::mousePressEvent(QMouseEvent *event)
{
    closeOverlay();
    m_delegate->clearSearchHighlight(); // a click ends "here is what you searched for"
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid() || event->button() != Qt::LeftButton) {
        QListView::mousePressEvent(event);
        return;
    }
    const MessageDelegate::Hit hit = m_delegate->hitTest(index, visualRect(index), event->pos());
    if (const int image = imageAt(index, event->pos()); image >= 0) {
        m_pressIndex = index;
        m_pressKind = MessageHit::Image;
        m_pressBlock = image;
        return;
    }
    if (hit.kind == MessageHit::Text) {
        m_selection->open(index, hit.inThinking, hit.chunk, hit.textOrigin);
        if (SelectionOverlay *overlay = m_selection->overlay()) {
            m_forwarding = true;
            forwardMouse(viewport(), overlay->viewport(), event);
        }
        return;
    }
    m_pressIndex = index;
    m_pressKind = hit.kind;
    m_pressBlock = hit.codeBlock;
}

void ConversationView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_forwarding && m_selection->overlay()) {
        forwardMouse(viewport(), m_selection->overlay()->viewport(), event);
        return;
    }
    const QModelIndex index = indexAt(event->pos());
    const MessageDelegate::Hit hit = m_delegate->hitTest(index, visualRect(index), event->pos());
    switch (hit.kind) {
    case MessageHit::Text:
        viewport()->setCursor(Qt::IBeamCursor);
        break;
    case MessageHit::None:
        viewport()->unsetCursor();
        break;
    default:
        viewport()->setCursor(Qt::PointingHandCursor);
        break;
    }
    viewport()->setToolTip(hit.kind == MessageHit::Link ? hit.href
                           : hit.kind == MessageHit::PreviousVersion ||
                                   hit.kind == MessageHit::NextVersion
                               ? VersionSwitcher::toolTip(
                                     hit.kind, index.data(ChatModel::VersionsRole).toPoint())
                               : hit.toolTip);
    if (QPersistentModelIndex(index) != m_hoverIndex)
        updateRow(m_hoverIndex);
    m_hoverIndex = index;
    m_delegate->setHover(index, event->pos());
    updateRow(index);
}

void ConversationView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_forwarding && m_selection->overlay()) {
        forwardMouse(viewport(), m_selection->overlay()->viewport(), event);
        m_forwarding = false;
        return;
    }
    const QModelIndex index = indexAt(event->pos());
    const MessageHit pressed = std::exchange(m_pressKind, MessageHit::None);
    if (pressed == MessageHit::None || event->button() != Qt::LeftButton ||
        QPersistentModelIndex(index) != m_pressIndex) {
        QListView::mouseReleaseEvent(event);
        return;
    }
    if (pressed == MessageHit::Image) { // a thumbnail: open it if released on the same one
        if (imageAt(index, event->pos()) == m_pressBlock)
            activate(index.row(), MessageHit::Image, m_pressBlock);
        return;
    }
    const MessageDelegate::Hit hit = m_delegate->hitTest(index, visualRect(index), event->pos());
    if (hit.kind != pressed)
        return;
    if (hit.kind == MessageHit::Link) {
        Q_EMIT linkActivated(QUrl(hit.href));
        return;
    }
    activate(index.row(), hit.kind, hit.codeBlock);
}

void ConversationView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (SelectionOverlay *overlay = m_selection->overlay()) {
        forwardMouse(viewport(), overlay->viewport(), event);
        return;
    }
    mousePressEvent(event);
}

void ConversationView::leaveEvent(QEvent *event)
{
    updateRow(m_hoverIndex);
    m_hoverIndex = QPersistentModelIndex();
    m_delegate->setHover({}, {});
    QListView::leaveEvent(event);
}

void ConversationView::flash(const QModelIndex &index, MessageHit kind, int codeBlock)
{
    m_delegate->setFlash(index, kind, codeBlock);
    updateRow(index);
    const QPersistentModelIndex keep(index);
    QTimer::singleShot(1500, this, [this, keep, kind, codeBlock] {
        Q_UNUSED(kind)
        Q_UNUSED(codeBlock)
        m_delegate->clearFlash();
        updateRow(keep);
    });
}

void ConversationView::copyMessage(int row, bool markdown)
{
    const QModelIndex index = model() ? model()->index(row, 0) : QModelIndex();
    if (!index.isValid())
        return;
    QString text = index.data(ChatModel::ContentRole).toString();
    if (!markdown) {
        if (const MarkdownLayout *layout = m_delegate->contentLayout(index))
            text = layout->plainText();
    }
    QGuiApplication::clipboard()->setText(text);
    flash(index, MessageHit::Copy, -1);
}

void ConversationView::copyCodeBlock(int row, int codeBlock)
{
    const QModelIndex index = model() ? model()->index(row, 0) : QModelIndex();
    if (!index.isValid())
        return;
    QGuiApplication::clipboard()->setText(m_delegate->codeBlockText(index, codeBlock));
    flash(index, MessageHit::CopyCode, codeBlock);
}

void ConversationView::activate(int row, MessageHit kind, int codeBlock)
{
    const QModelIndex index = model() ? model()->index(row, 0) : QModelIndex();
    if (!index.isValid())
        return;
    switch (kind) {
    case MessageHit::Retry:
        Q_EMIT retryRequested(row);
        break;
    case MessageHit::Continue:
        Q_EMIT continueRequested(row);
        break;
    case MessageHit::Regenerate:
        Q_EMIT regenerateRequested(row);
        break;
    case MessageHit::Edit:
        Q_EMIT editRequested(row);
        break;
    case MessageHit::Copy:
        copyMessage(row, false);
        break;
    case MessageHit::CopyCode:
        copyCodeBlock(row, codeBlock);
        break;
    case MessageHit::ThinkingToggle:
        model()->setData(index, !index.data(ChatModel::ThinkingExpandedRole).toBool(),
                         ChatModel::ThinkingExpandedRole);
        break;
    case MessageHit::Image: // codeBlock: which image
        Q_EMIT imageRequested(row, codeBlock);
        break;
    case MessageHit::PreviousVersion:
        Q_EMIT versionRequested(row, -1);
        break;
    case MessageHit::NextVersion:
        Q_EMIT versionRequested(row, 1);
        break;
    case MessageHit::None:
    case MessageHit::Text:
    case MessageHit::Link:
        break;
    }
}

int ConversationView::imageAt(const QModelIndex &index, const QPoint &pos) const
{
    return messageImageAt(index, m_delegate->theme(), viewport()->width(),
                          QPointF(pos - visualRect(index).topLeft()));
}

int ConversationView::contextRow() const
{
    // The keyboard acts on the message that has the focus mark; without one, on the last.
    if (currentIndex().isValid())
        return currentIndex().row();
    return model() ? model()->rowCount() - 1 : -1;
}

void ConversationView::showMessageMenu(const QModelIndex &index, const QPoint &globalPos,
                                       const QString &link)
{
    if (!index.isValid())
        return;
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("messageMenu"));
    menu.setAccessibleName(tr("Message actions"));
    if (!link.isEmpty()) {
        menu.addAction(tr("Copy Link Address"), this,
                       [link] { QGuiApplication::clipboard()->setText(link); })
            ->setObjectName(QStringLiteral("copyLinkAction"));
        menu.addSeparator();
    }
    MessageActions::fillMenu(&menu, m_actions->actionsFor(index));
    menu.exec(globalPos);
}

void ConversationView::contextMenuEvent(QContextMenuEvent *event)
{
    if (event->reason() == QContextMenuEvent::Keyboard && model()) {
        const QModelIndex index = model()->index(contextRow(), 0);
        const QRect rect = visualRect(index).intersected(viewport()->rect());
        showMessageMenu(index, viewport()->mapToGlobal(rect.isEmpty() ? QPoint() : rect.topLeft()));
        return;
    }
    const QModelIndex index = indexAt(event->pos());
    const MessageDelegate::Hit hit = m_delegate->hitTest(index, visualRect(index), event->pos());
    showMessageMenu(index, event->globalPos(), hit.kind == MessageHit::Link ? hit.href : QString());
}

void ConversationView::keyPressEvent(QKeyEvent *event)
{
    // Alt+Left / Alt+Right: the previous or next version of the selected message.
    const bool alt = event->modifiers() == Qt::AltModifier;
    if (alt && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right) &&
        currentIndex().isValid()) {
        Q_EMIT versionRequested(currentIndex().row(), event->key() == Qt::Key_Left ? -1 : 1);
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

} // namespace Sluice
