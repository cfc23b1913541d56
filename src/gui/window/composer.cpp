#include "gui/window/composer.h"

#include "gui/attachments/attachmentmime.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QScrollBar>
#include <QTextBlock>

namespace Sluice {

Composer::Composer(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("composer"));
    setAccessibleName(tr("Message"));
    updateHint();
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

void Composer::setSendKey(SendKey key)
{
    m_sendKey = key;
    updateHint();
}

namespace {

// "Enter", "Ctrl+Enter", "Shift+Enter" as this platform writes the modifiers (⌘ on macOS);
// Qt calls the key "Return", people call it Enter.
QString enterWith(Qt::KeyboardModifiers modifiers)
{
    const QString key = QKeySequence(Qt::Key_Return).toString(QKeySequence::NativeText);
    QString text = QKeySequence(QKeyCombination(modifiers, Qt::Key_Return))
                       .toString(QKeySequence::NativeText);
    text.chop(key.size());
    return text + Composer::tr("Enter");
}

} // namespace

QString Composer::sendKeyText() const
{
    return enterWith(m_sendKey == SendKey::CtrlEnter ? Qt::ControlModifier : Qt::NoModifier);
}

void Composer::updateHint()
{
    const QString send = sendKeyText();
    const QString newLine = enterWith(m_sendKey == SendKey::CtrlEnter ? Qt::NoModifier
                                                                      : Qt::ShiftModifier);
    setPlaceholderText(tr("Message the model…  (%1 sends, %2 for a new line)").arg(send, newLine));
    setToolTip(tr("%1 sends the message; %2 starts a new line.").arg(send, newLine));
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
    lines = qBound(2, lines, kMaxLines);
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
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    // Enter mode: Enter and Ctrl+Enter send. Ctrl+Enter mode: only Ctrl+Enter does.
    const bool sends = m_sendKey == SendKey::CtrlEnter
                           ? mods == Qt::ControlModifier
                           : !(mods & (Qt::ShiftModifier | Qt::AltModifier));
    if (enter && sends) {
        if (mods & Qt::ControlModifier || m_hasAttachments || !toPlainText().trimmed().isEmpty())
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

// Ctrl+V and drops: images and files become attachments, not text or a path.
bool Composer::canInsertFromMimeData(const QMimeData *source) const
{
    return offersAttachments(source) || QPlainTextEdit::canInsertFromMimeData(source);
}

void Composer::insertFromMimeData(const QMimeData *source)
{
    if (!offersAttachments(source)) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    QStringList errors;
    QStringList pdfs;
    const QList<Attachment> attachments = attachmentsFromMime(source, &errors, &pdfs);
    Q_EMIT attachmentsPasted(attachments, errors);
    if (!pdfs.isEmpty())
        Q_EMIT pdfsPasted(pdfs);
}

} // namespace Sluice
