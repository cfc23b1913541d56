#include "composer.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTextBlock>

namespace Sluice {

Composer::Composer(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("composer"));
    setAccessibleName(tr("Message"));
    setPlaceholderText(tr("Message the model…  (Enter sends, Shift+Enter for a new line)"));
    setTabChangesFocus(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(6);
    connect(this, &QPlainTextEdit::textChanged, this, &Composer::adjustHeight);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &Composer::adjustHeight);
    adjustHeight();
}

void Composer::setMaximumLines(int lines)
{
    m_maxLines = qMax(1, lines);
    adjustHeight();
}

int Composer::heightForLines(int lines) const
{
    const QMargins m = contentsMargins();
    return fontMetrics().lineSpacing() * lines + int(2 * document()->documentMargin()) + m.top() +
           m.bottom() + 2;
}

QSize Composer::sizeHint() const
{
    // Visual lines, wrapped ones included.
    int lines = 0;
    for (QTextBlock b = document()->begin(); b.isValid(); b = b.next())
        lines += qMax(1, b.layout() ? b.layout()->lineCount() : 1);
    lines = qBound(2, lines, m_maxLines);
    return QSize(QPlainTextEdit::sizeHint().width(), heightForLines(lines));
}

QSize Composer::minimumSizeHint() const
{
    return QSize(80, heightForLines(2));
}

void Composer::adjustHeight()
{
    const int h = sizeHint().height();
    if (h != height()) {
        setFixedHeight(h);
        updateGeometry();
    }
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & (Qt::ShiftModifier | Qt::AltModifier))) {
        if (event->modifiers() & Qt::ControlModifier || !toPlainText().trimmed().isEmpty())
            Q_EMIT submitted();
        event->accept();
        return;
    }
    if (enter) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT escapePressed();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace Sluice
