// The files waiting to go with the next message (images, text-like files, PDFs): the strip
// above the message box, the "Attach files" button beside it, what a paste or a drop brings
// (a PDF is read off the GUI thread: its chip comes when its text is out, and Send waits for
// it), the notes (an image that will be scaled down for this server; a model that reads no
// images) and the one warning before sending images to such a model (Send again sends
// anyway: servers that do not report capabilities are never stopped).
#pragma once

#include "core/conversation/attachment.h"
#include "core/models/modelcapabilities.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QBoxLayout;
class QToolButton;
class QWidget;

namespace Sluice {

class AttachmentStrip;
class DocumentReader;
class Composer;
class ConversationController;

class ComposerAttachments final : public QObject
{
    Q_OBJECT
public:
    // The strip goes into `column` at `stripIndex`, the button into `row` at `buttonIndex`.
    ComposerAttachments(Composer *composer, QBoxLayout *column, int stripIndex, QBoxLayout *row,
                        int buttonIndex, QObject *parent = nullptr);

    AttachmentStrip *strip() const { return m_strip; }
    QToolButton *attachButton() const { return m_button; }

    // What "Attach files…" asks for files with (a file dialog); tests put their own.
    using FilePicker = std::function<QStringList(QWidget *parent)>;
    static void setFilePicker(FilePicker picker);
    void pickFiles();
    // Attaches these files: images and text at once, PDFs when they have been read.
    void addFiles(const QStringList &paths);
    DocumentReader *reader() const { return m_reader; }

    void setConversation(ConversationController *conversation);
    void setModelCapabilities(const QString &providerId,
                              const QHash<QString, ModelCapabilities> &capabilities);

    QList<Attachment> attachments() const;
    void add(const QList<Attachment> &attachments, const QStringList &errors = {});
    void clear();

    // False while a PDF is still being read (said in the status bar), and the first time
    // images would go to a model that says it reads none: the warning shows under them and
    // in the status bar; the next send goes ahead.
    bool readyToSend();

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    bool modelReadsNoImages() const;
    bool hasImages() const;
    void readPdfs(const QStringList &paths);
    QString modelName() const;
    void updateNotes();
    void updateTabOrder(); // the box, each chip's remove button, "Attach files", Send

    Composer *m_composer;
    AttachmentStrip *m_strip;
    QToolButton *m_button;
    DocumentReader *m_reader;
    QPointer<ConversationController> m_current;
    QHash<QString, QHash<QString, ModelCapabilities>> m_caps; // provider → model → marks
    QString m_warnedFor; // provider/model the warning was shown for, until the strip changes
};

} // namespace Sluice
