// The message box: multi-line, grows with its text. Which key sends follows the settings:
// Enter (Shift+Enter breaks the line) or Ctrl+Enter (Enter breaks the line).
#pragma once

#include "core/config/config.h"
#include "core/conversation/attachment.h"

#include <QPlainTextEdit>

namespace Sluice {

class Composer final : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    void setSendKey(SendKey key);
    SendKey sendKey() const { return m_sendKey; }
    // "Enter" or "Ctrl+Enter" as this platform writes it.
    QString sendKeyText() const;
    // With attachments waiting, the send key sends even when the box is empty.
    void setHasAttachments(bool on) { m_hasAttachments = on; }

Q_SIGNALS:
    void submitted(); // the send key with text in the box
    void escapePressed();
    // Images pasted or dropped into the box (not inserted as text); a sentence for each file
    // that is not one.
    void attachmentsPasted(const QList<Sluice::Attachment> &attachments, const QStringList &errors);
    // PDFs pasted or dropped, to be read (off the GUI thread) and attached.
    void pdfsPasted(const QStringList &paths);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    int heightForLines(int lines) const;
    void adjustHeight();
    void updateHint();

    static constexpr int kMaxLines = 10; // the box grows up to this many lines, then scrolls
    SendKey m_sendKey = SendKey::Enter;
    bool m_hasAttachments = false;
};

} // namespace Sluice
