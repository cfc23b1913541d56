// The strip above the message box that holds what will be sent with the message: one chip
// per attachment (an image's thumbnail; a document's name, size and tokens), each with a remove
// button reachable by Tab and named for its file, and below them notes (an image that will
// be scaled down, a model that reads no images). Hidden while empty.
#pragma once

#include "core/conversation/attachment.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace Sluice {

class AttachmentStrip final : public QWidget
{
    Q_OBJECT
public:
    explicit AttachmentStrip(QWidget *parent = nullptr);

    const QList<Attachment> &attachments() const { return m_attachments; }
    bool isEmpty() const { return m_attachments.isEmpty(); }
    void addAttachments(const QList<Attachment> &attachments);
    void removeAt(int index);
    void clear();

    // Sentences under the chips; empty hides them.
    void setNotes(const QStringList &notes);
    QString notesText() const;

    // The remove button of chip `index` (tests, focus).
    QToolButton *removeButton(int index) const;

    static constexpr int kChipThumbnail = 56; // pixels, the longer side

Q_SIGNALS:
    void changed(); // added, removed or cleared
    void emptied(); // the last one was removed by the user (focus goes back to the box)

private:
    void rebuild();

    QList<Attachment> m_attachments;
    QWidget *m_chips;
    QHBoxLayout *m_chipLayout;
    QLabel *m_notes;
    QList<QWidget *> m_chipWidgets;
    QList<QToolButton *> m_removeButtons;
};

} // namespace Sluice
