#include "selectionoverlay.h"

#include <QKeyEvent>
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

QVariant SelectionOverlay::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type)
    Q_UNUSED(name)
    return {}; // never fetch anything
}

} // namespace Sluice
