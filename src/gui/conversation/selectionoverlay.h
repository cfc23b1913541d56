// Real, selectable text laid exactly over one painted message (or one piece of a long one),
// so the mouse selects, double-click picks a word and Ctrl+C copies, as in any text field.
#pragma once

#include <QTextBrowser>

namespace Sluice {

class SelectionOverlay final : public QTextBrowser
{
    Q_OBJECT
public:
    // Shows a copy of `document` (already laid out at `width`) in `color`.
    SelectionOverlay(const QTextDocument *document, qreal width, const QColor &color,
                     QWidget *parent);

    // The right-click menu at `pos`: the text field's own, whose Copy copies what the copy key
    // copies (a selection over several pieces, all of it). The caller owns it.
    QMenu *createContextMenu(const QPoint &pos);

Q_SIGNALS:
    void linkClicked(const QUrl &url);
    void dismissed();
    // The copy key when something listens (a selection over several pieces copies them all);
    // without a listener the overlay copies its own selection.
    void copyRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace Sluice
