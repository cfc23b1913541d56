// A message's image at full size: opened by clicking its thumbnail (or from the message's
// context menu), with zoom (Ctrl++, Ctrl+-, Ctrl+0 fits, Ctrl+1 actual size) and Save As…
// (the original file's bytes). The full image is decoded when the viewer opens and freed when
// it closes.
#pragma once

#include "gui/conversation/messageactions.h"

#include "core/conversation/attachment.h"

#include <QDialog>
#include <QImage>

#include <functional>

class QLabel;
class QMenu;
class QScrollArea;

namespace Sluice {

class ConversationController;

class ImageViewer final : public QDialog
{
    Q_OBJECT
public:
    ImageViewer(const Attachment &attachment, const QByteArray &bytes, int ordinal,
                QWidget *parent = nullptr);

    double zoom() const { return m_zoom; }
    void setZoom(double zoom); // 1 = actual size
    void zoomToFit();
    bool isFitting() const { return m_fit; }
    // Writes the original bytes to `path`; false with a sentence on the window when it fails.
    bool saveTo(const QString &path);
    const QImage &image() const { return m_image; }

    // Where Save As… asks for a path (a file dialog); tests put their own.
    using SavePicker = std::function<QString(QWidget *parent, const QString &suggested)>;
    static void setSavePicker(SavePicker picker);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void showScaled();
    void save();

    QByteArray m_bytes;
    QString m_fileName;
    QImage m_image;
    QScrollArea *m_scroll;
    QLabel *m_picture;
    QLabel *m_status;
    double m_zoom = 1;
    bool m_fit = true;
};

// Opens image `image` of the message at `row`; says in the status bar of `parent`'s window
// (through `message`) when its bytes cannot be read.
void openImageViewer(QWidget *parent, ConversationController *conversation, int row, int image,
                     const std::function<void(const QString &)> &message);

// "Open photo.png" for each image of a message, as message actions (menu, keyboard, AT-SPI).
void addImageActions(QList<MessageAction> &out, int row, const QList<Attachment> &attachments,
                     const std::function<void(int row, int image)> &open);

} // namespace Sluice
