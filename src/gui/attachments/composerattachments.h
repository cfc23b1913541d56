// The images waiting to go with the next message: the strip above the message box, the
// "Attach images" button beside it, what a paste or a drop brings, the notes (an image that
// will be scaled down for this server; a model that reads no images) and the one warning
// before sending images to such a model (Send again sends anyway: servers that do not report
// capabilities are never stopped).
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

    // What "Attach images…" asks for files with (a file dialog); tests put their own.
    using FilePicker = std::function<QStringList(QWidget *parent)>;
    static void setFilePicker(FilePicker picker);
    void pickFiles();

    void setConversation(ConversationController *conversation);
    void setModelCapabilities(const QString &providerId,
                              const QHash<QString, ModelCapabilities> &capabilities);

    QList<Attachment> attachments() const;
    void add(const QList<Attachment> &attachments, const QStringList &errors = {});
    void clear();

    // False the first time images would go to a model that says it reads none: the warning
    // shows under them and in the status bar; the next send goes ahead.
    bool readyToSend();

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    bool modelReadsNoImages() const;
    QString modelName() const;
    void updateNotes();
    void updateTabOrder(); // the box, each image's remove button, "Attach images", Send

    Composer *m_composer;
    AttachmentStrip *m_strip;
    QToolButton *m_button;
    QPointer<ConversationController> m_current;
    QHash<QString, QHash<QString, ModelCapabilities>> m_caps; // provider → model → marks
    QString m_warnedFor; // provider/model the warning was shown for, until the strip changes
};

} // namespace Sluice
