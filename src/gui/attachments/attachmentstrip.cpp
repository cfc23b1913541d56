#include "gui/attachments/attachmentstrip.h"

#include "core/conversation/attachedtext.h"
#include "core/conversation/contextbudget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sluice {

namespace {

// "1.2 KB · about 310 tokens": what a document's tooltip and accessible name say; its chip
// says "1.2 KB · ~310 tokens" under its name (chips are narrow).
QString documentFacts(const Attachment &a, bool brief = false)
{
    const qint64 tokens = documentTokens({a});
    return QLocale().formattedDataSize(a.byteSize) + u" · " +
           (brief ? AttachmentStrip::tr("~%1 tokens") : AttachmentStrip::tr("about %1 tokens"))
               .arg(shortTokenCount(tokens));
}

QString chipTooltip(const Attachment &a, int index)
{
    QString text = attachmentDisplayName(a, index);
    if (a.isDocument())
        return text + u" · " + a.mediaType + u" · " + documentFacts(a);
    if (a.pixelSize.isValid())
        text += QStringLiteral(" · %1 × %2").arg(a.pixelSize.width()).arg(a.pixelSize.height());
    if (a.byteSize > 0)
        text += u" · " + QLocale().formattedDataSize(a.byteSize);
    return text;
}

} // namespace

AttachmentStrip::AttachmentStrip(QWidget *parent)
    : QWidget(parent), m_chips(new QWidget(this)), m_chipLayout(new QHBoxLayout(m_chips)),
      m_notes(new QLabel(this))
{
    setObjectName(QStringLiteral("attachmentStrip"));
    setAccessibleName(tr("Attachments"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 4, 10, 0);
    layout->setSpacing(4);
    m_chipLayout->setContentsMargins(0, 0, 0, 0);
    m_chipLayout->setSpacing(6);
    m_chipLayout->addStretch(1);
    layout->addWidget(m_chips);
    m_notes->setObjectName(QStringLiteral("attachmentNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->hide();
    layout->addWidget(m_notes);
    hide();
}

void AttachmentStrip::addAttachments(const QList<Attachment> &attachments)
{
    if (attachments.isEmpty())
        return;
    m_attachments.append(attachments);
    rebuild();
    Q_EMIT changed();
}

void AttachmentStrip::removeAt(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    m_attachments.removeAt(index);
    rebuild();
    Q_EMIT changed();
    if (m_attachments.isEmpty())
        Q_EMIT emptied();
    else
        m_removeButtons.at(qMin(index, m_removeButtons.size() - 1))->setFocus(Qt::TabFocusReason);
}

void AttachmentStrip::clear()
{
    if (m_attachments.isEmpty())
        return;
    m_attachments.clear();
    rebuild();
    Q_EMIT changed();
}

void AttachmentStrip::setNotes(const QStringList &notes)
{
    m_notes->setText(notes.join(u'\n'));
    m_notes->setVisible(!notes.isEmpty() && !m_attachments.isEmpty());
}

QString AttachmentStrip::notesText() const
{
    return m_notes->isVisible() ? m_notes->text() : QString();
}

QToolButton *AttachmentStrip::removeButton(int index) const
{
    return m_removeButtons.value(index);
}

void AttachmentStrip::rebuild()
{
    // A chip's own button may be what removes it: the chips go when control returns.
    for (QWidget *chip : std::as_const(m_chipWidgets)) {
        chip->hide();
        chip->deleteLater();
    }
    m_chipWidgets.clear();
    m_removeButtons.clear();
    for (int i = 0; i < m_attachments.size(); ++i) {
        const Attachment &a = m_attachments.at(i);
        const QString name = attachmentDisplayName(a, i);
        auto *chip = new QFrame(m_chips);
        chip->setObjectName(QStringLiteral("attachmentChip"));
        chip->setFrameShape(QFrame::StyledPanel);
        chip->setToolTip(chipTooltip(a, i));
        auto *row = new QHBoxLayout(chip);
        row->setContentsMargins(4, 4, 2, 4);
        row->setSpacing(2);
        auto *preview = new QLabel(chip);
        QPixmap thumb;
        if (a.isDocument()) {
            // A document: its name, and its size and tokens below (what the meter counts).
            preview->setText(name + u'\n' + documentFacts(a, true));
            preview->setTextFormat(Qt::PlainText);
            preview->setObjectName(QStringLiteral("documentChipLabel"));
        } else if (thumb.loadFromData(a.thumbnail)) {
            preview->setPixmap(thumb.scaled(kChipThumbnail, kChipThumbnail, Qt::KeepAspectRatio,
                                            Qt::SmoothTransformation));
        } else {
            preview->setText(name);
        }
        preview->setAccessibleName(a.isDocument() ? QString(name + u", " + documentFacts(a)) : name);
        row->addWidget(preview);
        auto *remove = new QToolButton(chip);
        remove->setObjectName(QStringLiteral("removeAttachmentButton"));
        remove->setText(QStringLiteral("×"));
        remove->setAutoRaise(true);
        remove->setFocusPolicy(Qt::StrongFocus);
        remove->setAccessibleName(tr("Remove %1").arg(name));
        remove->setToolTip(tr("Remove %1").arg(name));
        row->addWidget(remove, 0, Qt::AlignTop);
        connect(remove, &QToolButton::clicked, this, [this, i] { removeAt(i); });
        m_chipLayout->insertWidget(m_chipLayout->count() - 1, chip); // before the stretch
        m_chipWidgets.append(chip);
        chip->show(); // now, not when the layout gets to it: Tab must reach its button at once
        m_removeButtons.append(remove);
    }
    if (m_attachments.isEmpty())
        m_notes->hide();
    setVisible(!m_attachments.isEmpty());
}

} // namespace Sluice
