#include "gui/conversation/selectionoverlay.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMetaMethod>
#include <QScrollBar>
#include <QTextDocument>

namespace Sluice {

SelectionOverlay::SelectionOverlay(const QTextDocument *document, qreal width, const QColor &color,
                                   QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("selectionOverlay"));
    setAccessibleName(tr("Message text"));
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard |
                            Qt::LinksAccessibleByMouse);
    setAutoFillBackground(false);
    viewport()->setAutoFillBackground(false);
    QPalette pal = palette();
    pal.setColor(QPalette::Text, color);
    pal.setColor(QPalette::Base, Qt::transparent);
    setPalette(pal);
    QTextDocument *copy = document->clone(this);
    copy->setDocumentMargin(0);
    setDocument(copy);
    setLineWrapMode(QTextEdit::FixedPixelWidth);
    setLineWrapColumnOrWidth(int(std::ceil(width)));
    copy->setTextWidth(width);
    resize(int(std::ceil(width)), int(std::ceil(copy->size().height())));
    connect(this, &QTextBrowser::anchorClicked, this, &SelectionOverlay::linkClicked);
}

void SelectionOverlay::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT dismissed();
        return;
    }
    if (event == QKeySequence::Copy &&
        isSignalConnected(QMetaMethod::fromSignal(&SelectionOverlay::copyRequested))) {
        Q_EMIT copyRequested();
        return;
    }
    QTextBrowser::keyPressEvent(event);
}

QMenu *SelectionOverlay::createContextMenu(const QPoint &pos)
{
    QMenu *menu = createStandardContextMenu(pos);
    if (!isSignalConnected(QMetaMethod::fromSignal(&SelectionOverlay::copyRequested)))
        return menu;
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->objectName() != u"edit-copy")
            continue;
        QObject::disconnect(action, &QAction::triggered, nullptr, nullptr);
        connect(action, &QAction::triggered, this, &SelectionOverlay::copyRequested);
    }
    return menu;
}

void SelectionOverlay::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createContextMenu(event->pos());
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

QVariant SelectionOverlay::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type)
    Q_UNUSED(name)
    return {}; // never fetch anything
}

} // namespace Sluice
