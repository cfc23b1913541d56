#include "gui/conversation/conversationselection.h"

#include "gui/conversation/conversationview.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/richmarkdown.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTimer>

namespace Sluice {

ConversationSelection::ConversationSelection(ConversationView *view, MessageDelegate *delegate)
    : QObject(view), m_view(view), m_delegate(delegate)
{}

void ConversationSelection::open(const QModelIndex &index, bool thinking, int chunk,
                                 const QPointF &origin)
{
    close();
    const MarkdownLayout *layout = m_delegate->contentLayout(index, thinking);
    if (!layout || chunk < 0 || chunk >= layout->chunkCount())
        return;
    const MessageTheme &t = m_delegate->theme();
    auto *overlay = new SelectionOverlay(layout->chunkDocument(chunk), layout->width(),
                                         thinking ? t.muted : t.text, m_view->viewport());
    overlay->setFont(m_view->font());
    overlay->move((origin + QPointF(0, layout->chunkTop(chunk))).toPoint());
    m_overlay = overlay;
    m_overlayIndex = index;
    m_overlayThinking = thinking;
    m_overlayChunk = chunk;
    m_overlaySource = layout->chunkSource(chunk);
    m_lastScroll = m_view->verticalScrollBar()->value();
    connect(overlay, &SelectionOverlay::linkClicked, m_view, &ConversationView::linkActivated);
    connect(overlay, &SelectionOverlay::dismissed, this, &ConversationSelection::dismissed);
    connect(overlay, &SelectionOverlay::copyRequested, this, &ConversationSelection::copy);
    overlay->viewport()->installEventFilter(this);
    m_anchorPos = -1;
    m_acrossPieces = false;
    m_delegate->setHiddenChunk(index, thinking, chunk);
    overlay->show();
    overlay->setFocus(Qt::MouseFocusReason);
    updateRow(index);
}

void ConversationSelection::close()
{
    clearPieces();
    if (!m_overlay)
        return;
    const QModelIndex index = m_overlayIndex;
    m_delegate->setHiddenChunk({}, false, -1);
    m_overlay->hide();
    m_overlay->deleteLater();
    m_overlay = nullptr;
    m_overlayIndex = QPersistentModelIndex();
    updateRow(index);
}

void ConversationSelection::rowsChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!m_overlay || !m_overlayIndex.isValid())
        return;
    const int row = m_overlayIndex.row();
    if (row < topLeft.row() || row > bottomRight.row())
        return;
    const MarkdownLayout *layout = m_delegate->contentLayout(m_overlayIndex, m_overlayThinking);
    if (!layout || m_overlayChunk >= layout->chunkCount() ||
        layout->chunkSource(m_overlayChunk) != m_overlaySource)
        close();
}

void ConversationSelection::scrolledTo(int value)
{
    if (m_overlay)
        m_overlay->move(m_overlay->pos() + QPoint(0, m_lastScroll - value));
    for (SelectionOverlay *piece : std::as_const(m_pieces)) {
        if (piece)
            piece->move(piece->pos() + QPoint(0, m_lastScroll - value));
    }
    m_lastScroll = value;
}

void ConversationSelection::updateRow(const QModelIndex &index)
{
    if (index.isValid())
        m_view->viewport()->update(m_view->visualRect(index));
}

bool ConversationSelection::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_overlay || watched != m_overlay->viewport())
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
        if (static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
            clearPieces(); // a new selection starts in the first piece
            m_anchorPos = -1;
        }
        break;
    case QEvent::MouseMove: {
        const auto *move = static_cast<QMouseEvent *>(event);
        if (!(move->buttons() & Qt::LeftButton))
            break;
        if (m_anchorPos < 0)
            m_anchorPos = m_overlay->textCursor().anchor(); // where the press put it
        const QPoint pos =
            m_overlay->viewport()->mapTo(m_view->viewport(), move->position().toPoint());
        m_dragPos = pos;
        const bool outside = pos.y() < 0 || pos.y() >= m_view->viewport()->height();
        if (outside && !m_dragScroll) {
            m_dragScroll = new QTimer(this);
            m_dragScroll->setInterval(30);
            connect(m_dragScroll, &QTimer::timeout, this, &ConversationSelection::autoScroll);
        }
        if (m_dragScroll && outside != m_dragScroll->isActive())
            outside ? m_dragScroll->start() : m_dragScroll->stop();
        if (extend(pos))
            return true;
        break;
    }
    case QEvent::MouseButtonRelease:
        if (m_dragScroll)
            m_dragScroll->stop();
        m_anchorPos = -1;
        if (std::exchange(m_acrossPieces, false))
            return true; // the overlay did not see this drag: nothing of its own to finish
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

bool ConversationSelection::extend(const QPoint &pos)
{
    const MarkdownLayout *layout =
        m_overlayIndex.isValid() ? m_delegate->contentLayout(m_overlayIndex, m_overlayThinking)
                                 : nullptr;
    if (!m_overlay || !layout || m_anchorPos < 0 || m_overlayChunk >= layout->chunkCount())
        return false;
    const int first = m_overlayChunk;
    const QPointF origin = QPointF(m_overlay->pos()) - QPointF(0, layout->chunkTop(first));
    const int target = layout->chunkAt(QPointF(pos) - origin);
    if (target < 0 || (target == first && !m_acrossPieces))
        return false; // still inside its piece: the overlay selects as usual
    m_acrossPieces = true;
    const int lo = qMin(first, target);
    const int hi = qMax(first, target);
    const MessageTheme &t = m_delegate->theme();
    for (int i = lo; i <= hi; ++i) {
        if (i == first || m_pieces.value(i))
            continue;
        auto *piece =
            new SelectionOverlay(layout->chunkDocument(i), layout->width(),
                                 m_overlayThinking ? t.muted : t.text, m_view->viewport());
        piece->setFont(m_view->font());
        piece->setFocusPolicy(Qt::NoFocus);
        piece->setAttribute(Qt::WA_TransparentForMouseEvents);
        piece->move((origin + QPointF(0, layout->chunkTop(i))).toPoint());
        piece->show();
        m_pieces.insert(i, piece);
    }
    hidePaintedPieces();

    auto select = [&](SelectionOverlay *overlay, int chunk) {
        QTextDocument *doc = overlay->document();
        const int end = qMax(0, doc->characterCount() - 1);
        const int under =
            overlay->cursorForPosition(overlay->viewport()->mapFrom(m_view->viewport(), pos))
                .position();
        int anchor = 0;
        int position = end; // a piece in between: all of it
        if (chunk < lo || chunk > hi) {
            position = 0; // left behind when the mouse came back
        } else if (chunk == first) {
            anchor = m_anchorPos;
            position = target > first ? end : target < first ? 0 : under;
        } else if (chunk == target) {
            anchor = target > first ? 0 : end;
            position = under;
        }
        QTextCursor cursor(doc);
        cursor.setPosition(qBound(0, anchor, end));
        cursor.setPosition(qBound(0, position, end), QTextCursor::KeepAnchor);
        overlay->setTextCursor(cursor);
    };
    select(m_overlay, first);
    for (auto it = m_pieces.cbegin(); it != m_pieces.cend(); ++it) {
        if (it.value())
            select(it.value(), it.key());
    }
    return true;
}

void ConversationSelection::autoScroll()
{
    const int over =
        m_dragPos.y() < 0 ? m_dragPos.y() : m_dragPos.y() - m_view->viewport()->height();
    if (!m_overlay || m_anchorPos < 0) {
        m_dragScroll->stop();
        return;
    }
    QScrollBar *bar = m_view->verticalScrollBar();
    const int before = bar->value();
    bar->setValue(before + qBound(-80, over < 0 ? over - 8 : over + 8, 80));
    if (bar->value() == before)
        return;
    // The text moved under a still mouse: select on as if it had moved.
    const QPoint local = m_overlay->viewport()->mapFrom(m_view->viewport(), m_dragPos);
    QMouseEvent move(QEvent::MouseMove, local, m_overlay->viewport()->mapToGlobal(local),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_overlay->viewport(), &move);
}

void ConversationSelection::hidePaintedPieces()
{
    if (!m_overlay)
        return;
    int first = m_overlayChunk;
    int last = m_overlayChunk;
    if (!m_pieces.isEmpty()) {
        first = qMin(first, m_pieces.firstKey());
        last = qMax(last, m_pieces.lastKey());
    }
    m_delegate->setHiddenChunks(m_overlayIndex, m_overlayThinking, first, last);
    updateRow(m_overlayIndex);
}

void ConversationSelection::clearPieces()
{
    m_acrossPieces = false;
    if (m_dragScroll)
        m_dragScroll->stop();
    if (m_pieces.isEmpty())
        return;
    for (SelectionOverlay *piece : std::as_const(m_pieces)) {
        if (piece) {
            piece->hide();
            piece->deleteLater();
        }
    }
    m_pieces.clear();
    hidePaintedPieces();
}

QString ConversationSelection::selectedText() const
{
    if (!m_overlay)
        return {};
    QMap<int, SelectionOverlay *> all;
    all.insert(m_overlayChunk, m_overlay);
    for (auto it = m_pieces.cbegin(); it != m_pieces.cend(); ++it) {
        if (it.value())
            all.insert(it.key(), it.value());
    }
    QStringList parts;
    for (SelectionOverlay *overlay : std::as_const(all)) {
        const QString text = plainTextWithTex(overlay->textCursor().selection());
        if (!text.isEmpty())
            parts.append(text);
    }
    return parts.join(QStringLiteral("\n\n")); // as MarkdownLayout::plainText() joins pieces
}

void ConversationSelection::copy()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

} // namespace Sluice
