#include "gui/attachments/composerattachments.h"

#include "core/media/documentreader.h"
#include "gui/attachments/attachmentmime.h"
#include "gui/attachments/attachmentstrip.h"
#include "gui/window/composer.h"
#include "session/conversationcontroller.h"
#include "session/imagerequest.h"

#include <QBoxLayout>
#include <QFileDialog>
#include <QStandardPaths>
#include <QToolButton>

#include <algorithm>

namespace Sluice {

namespace {

ComposerAttachments::FilePicker &filePicker()
{
    static ComposerAttachments::FilePicker picker = [](QWidget *parent) {
        return QFileDialog::getOpenFileNames(
            parent, ComposerAttachments::tr("Attach Files"),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
            ComposerAttachments::tr(
                "Images and documents (*.png *.jpg *.jpeg *.webp *.gif *.pdf *.txt *.md "
                "*.markdown *.rst *.csv *.tsv *.json *.jsonl *.xml *.yaml *.yml *.toml *.ini "
                "*.log *.py *.c *.h *.cc *.cpp *.hpp *.cs *.java *.kt *.go *.rs *.rb *.php *.js "
                "*.ts *.tsx *.jsx *.html *.css *.sh *.sql *.swift *.lua *.pl *.r *.tex *.diff "
                "*.patch);;Images (*.png *.jpg *.jpeg *.webp *.gif);;PDF documents (*.pdf);;"
                "All files (*)"));
    };
    return picker;
}

} // namespace

ComposerAttachments::ComposerAttachments(Composer *composer, QBoxLayout *column, int stripIndex,
                                         QBoxLayout *row, int buttonIndex, QObject *parent)
    : QObject(parent), m_composer(composer), m_strip(new AttachmentStrip),
      m_button(new QToolButton), m_reader(new DocumentReader(this))
{
    column->insertWidget(stripIndex, m_strip);
    m_button->setObjectName(QStringLiteral("attachButton"));
    m_button->setText(QStringLiteral("+"));
    m_button->setAccessibleName(tr("Attach files"));
    m_button->setToolTip(tr("Attach files: images (PNG, JPEG, WebP, GIF), text files (source "
                            "code, Markdown, CSV, JSON, logs …) and PDFs; you can also paste or "
                            "drop them into the message box"));
    m_button->setAutoRaise(true);
    m_button->setFocusPolicy(Qt::StrongFocus);
    row->insertWidget(buttonIndex, m_button, 0, Qt::AlignBottom);
    connect(m_button, &QToolButton::clicked, this, &ComposerAttachments::pickFiles);
    connect(composer, &Composer::attachmentsPasted, this, &ComposerAttachments::add);
    connect(composer, &Composer::pdfsPasted, this, &ComposerAttachments::readPdfs);
    connect(m_reader, &DocumentReader::done, this,
            [this](const QString &, const Attachment &a, const QString &error) {
                if (!error.isEmpty()) {
                    Q_EMIT message(error);
                    return;
                }
                add({a});
                // In place of "Reading report.pdf…", unless another is still being read.
                if (!m_reader->isBusy())
                    Q_EMIT message(tr("Attached %1.").arg(attachmentDisplayName(a, 0)));
            });
    connect(m_reader, &DocumentReader::idle, this, [this] { updateNotes(); });
    connect(m_strip, &AttachmentStrip::changed, this, [this] {
        m_warnedFor.clear();
        m_composer->setHasAttachments(!m_strip->isEmpty());
        updateNotes();
        updateTabOrder();
    });
    updateTabOrder();
    connect(m_strip, &AttachmentStrip::emptied, this,
            [this] { m_composer->setFocus(Qt::OtherFocusReason); });
}

void ComposerAttachments::updateTabOrder()
{
    QWidget *previous = m_composer;
    for (int i = 0; QToolButton *remove = m_strip->removeButton(i); ++i) {
        QWidget::setTabOrder(previous, remove);
        previous = remove;
    }
    QWidget::setTabOrder(previous, m_button);
}

void ComposerAttachments::setFilePicker(FilePicker picker)
{
    filePicker() = std::move(picker);
}

void ComposerAttachments::pickFiles()
{
    const QStringList paths = filePicker()(m_composer->window());
    addFiles(paths);
    if (!paths.isEmpty()) // cancelled: the focus stays on the button, where it was
        m_composer->setFocus(Qt::OtherFocusReason);
}

void ComposerAttachments::addFiles(const QStringList &paths)
{
    QStringList errors;
    QStringList pdfs;
    const QList<Attachment> attachments = attachmentsFromFiles(paths, &errors, &pdfs);
    add(attachments, errors);
    readPdfs(pdfs);
}

void ComposerAttachments::readPdfs(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    m_reader->read(paths);
    updateNotes();
    Q_EMIT message(tr("Reading %1…").arg(m_reader->pendingNames().join(QStringLiteral(", "))));
}

void ComposerAttachments::setConversation(ConversationController *conversation)
{
    if (m_current)
        disconnect(m_current, nullptr, this, nullptr);
    m_current = conversation;
    if (m_current)
        connect(m_current, &ConversationController::optionsChanged, this, [this] {
            m_warnedFor.clear();
            updateNotes();
        });
    updateNotes();
}

void ComposerAttachments::setModelCapabilities(const QString &providerId,
                                               const QHash<QString, ModelCapabilities> &capabilities)
{
    m_caps[providerId].insert(capabilities);
    updateNotes();
}

QList<Attachment> ComposerAttachments::attachments() const
{
    return m_strip->attachments();
}

void ComposerAttachments::add(const QList<Attachment> &attachments, const QStringList &errors)
{
    m_strip->addAttachments(attachments);
    if (!errors.isEmpty())
        Q_EMIT message(errors.join(u' '));
}

void ComposerAttachments::clear()
{
    m_strip->clear();
}

QString ComposerAttachments::modelName() const
{
    return m_current ? m_current->options().model : QString();
}

bool ComposerAttachments::modelReadsNoImages() const
{
    if (!m_current)
        return false;
    const ModelCapabilities caps =
        capabilitiesOf(m_caps.value(m_current->provider().id), m_current->options().model);
    return caps.known && !caps.vision; // a server that says nothing is not second-guessed
}

bool ComposerAttachments::hasImages() const
{
    const QList<Attachment> &all = m_strip->attachments();
    return std::any_of(all.cbegin(), all.cend(), [](const Attachment &a) { return a.isImage(); });
}

bool ComposerAttachments::readyToSend()
{
    if (m_reader->isBusy()) {
        Q_EMIT message(tr("%1 is still being read; send when its text is attached.")
                           .arg(m_reader->pendingNames().join(QStringLiteral(", "))));
        return false;
    }
    if (!hasImages() || !modelReadsNoImages())
        return true;
    const QString key = m_current->provider().id + u'/' + modelName();
    if (m_warnedFor == key)
        return true; // warned once: the user sends anyway
    m_warnedFor = key;
    updateNotes();
    Q_EMIT message(tr("%1 does not read images. Send again to send them anyway, or choose a "
                      "vision model.")
                       .arg(modelName()));
    return false;
}

void ComposerAttachments::updateNotes()
{
    QStringList notes;
    if (m_current && !m_strip->isEmpty()) {
        if (hasImages() && modelReadsNoImages())
            notes.append(m_warnedFor.isEmpty()
                             ? tr("%1 does not read images (the server says it has no vision).")
                                   .arg(modelName())
                             : tr("%1 does not read images. Send again to send them anyway, or "
                                  "choose a vision model.")
                                   .arg(modelName()));
        const QList<ConversationMessage> &earlier = m_current->model()->messages();
        const int images = imagesBefore(earlier, int(earlier.size())) +
                           int(m_strip->attachments().size());
        notes.append(scaledImageNotes(m_strip->attachments(), m_current->provider().type, images));
    }
    m_strip->setNotes(notes);
}

} // namespace Sluice
