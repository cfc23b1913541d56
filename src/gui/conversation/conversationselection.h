// A mouse selection in the conversation view, over the pieces a long message is laid out in.
//
// The overlay under the press shows one piece as real text. When the drag leaves that piece,
// the pieces between it and the mouse get overlays of their own (transparent to the mouse,
// never focused) and the selection is set across all of them by hand: from the anchor to the
// end (or start) of the first piece, the pieces in between whole, and the piece under the
// mouse up to the mouse. The first overlay keeps the focus, so Ctrl+C copies everything.
// Held above or below the view, the drag scrolls it and the selection follows.
#pragma once

#include "gui/conversation/selectionoverlay.h"

#include <QMap>
#include <QObject>
#include <QPersistentModelIndex>
#include <QPoint>
#include <QPointer>

class QTimer;

namespace Sluice {

class ConversationView;
class MessageDelegate;

class ConversationSelection final : public QObject
{
    Q_OBJECT
public:
    ConversationSelection(ConversationView *view, MessageDelegate *delegate);

    // Lays piece `chunk` of a message's text (or thinking) over the view, at `origin` (the
    // layout's top left in viewport coordinates), and gives it the focus. Closes any other.
    void open(const QModelIndex &index, bool thinking, int chunk, const QPointF &origin);
    void close();
    SelectionOverlay *overlay() const { return m_overlay; }

    // The selected text over every piece a drag crossed; copy() puts it on the clipboard.
    QString selectedText() const;
    void copy();

    // The view scrolled to `value`: the overlays move with the text.
    void scrolledTo(int value);
    // Rows changed: an overlay whose text changed under it closes.
    void rowsChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

Q_SIGNALS:
    // The overlay was dismissed (Esc, focus lost): the view closes it.
    void dismissed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // A drag that leaves the piece it started in.
    bool extend(const QPoint &pos);
    void clearPieces();
    void hidePaintedPieces();
    void autoScroll(); // the drag is above or below the view: scroll and select on
    void updateRow(const QModelIndex &index);

    ConversationView *m_view;
    MessageDelegate *m_delegate;
    QPointer<SelectionOverlay> m_overlay;
    QPersistentModelIndex m_overlayIndex;
    QString m_overlaySource;
    bool m_overlayThinking = false;
    int m_overlayChunk = -1;
    // Overlays of further pieces of the same message while a drag selection crosses them
    // (mouse-transparent; the first overlay keeps focus and the anchor).
    QMap<int, QPointer<SelectionOverlay>> m_pieces;
    int m_anchorPos = -1;        // the drag's anchor in the first overlay; -1 before a drag
    bool m_acrossPieces = false; // the current drag has left its piece
    QTimer *m_dragScroll = nullptr;
    QPoint m_dragPos; // the drag's mouse position, in viewport coordinates
    int m_lastScroll = 0;
};

} // namespace Sluice
