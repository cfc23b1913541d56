#include "gui/attachments/imageviewer.h"

#include "session/conversationcontroller.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Sluice {

namespace {

ImageViewer::SavePicker &savePicker()
{
    static ImageViewer::SavePicker picker = [](QWidget *parent, const QString &suggested) {
        return QFileDialog::getSaveFileName(parent, ImageViewer::tr("Save Image"), suggested);
    };
    return picker;
}

QToolButton *toolButton(QWidget *parent, const QString &text, const QString &name,
                        const QKeySequence &key)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    // Named as shown ("Fit", "100%": what voice control hears) unless it shows a symbol;
    // what it does is the description then.
    if (std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
        b->setAccessibleDescription(name);
    else
        b->setAccessibleName(name);
    b->setToolTip(QStringLiteral("%1 (%2)").arg(name, key.toString(QKeySequence::NativeText)));
    b->setShortcut(key);
    return b;
}

} // namespace

ImageViewer::ImageViewer(const Attachment &attachment, const QByteArray &bytes, int ordinal,
                         QWidget *parent)
    : QDialog(parent), m_bytes(bytes), m_fileName(attachmentDisplayName(attachment, ordinal)),
      m_image(QImage::fromData(bytes)), m_scroll(new QScrollArea(this)),
      m_picture(new QLabel), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("imageViewer"));
    setWindowTitle(m_fileName);
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    QToolButton *zoomOut = toolButton(this, QStringLiteral("−"), tr("Zoom out"), QKeySequence::ZoomOut);
    QToolButton *zoomIn = toolButton(this, QStringLiteral("+"), tr("Zoom in"), QKeySequence::ZoomIn);
    QToolButton *fit = toolButton(this, tr("Fit"), tr("Fit to window"), QKeySequence(tr("Ctrl+0")));
    QToolButton *actual =
        toolButton(this, tr("100%"), tr("Actual size"), QKeySequence(tr("Ctrl+1")));
    connect(zoomOut, &QToolButton::clicked, this, [this] { setZoom(m_zoom / 1.25); });
    connect(zoomIn, &QToolButton::clicked, this, [this] { setZoom(m_zoom * 1.25); });
    connect(fit, &QToolButton::clicked, this, &ImageViewer::zoomToFit);
    connect(actual, &QToolButton::clicked, this, [this] { setZoom(1); });
    for (QToolButton *b : {zoomOut, zoomIn, fit, actual})
        bar->addWidget(b);
    bar->addStretch(1);
    m_status->setObjectName(QStringLiteral("imageViewerStatus"));
    bar->addWidget(m_status);
    layout->addLayout(bar);
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setAccessibleName(m_fileName);
    m_scroll->setWidget(m_picture);
    // Tab reaches the picture (arrow keys scroll it): named, with what it shows.
    m_scroll->setAccessibleName(tr("Image"));
    m_scroll->setAccessibleDescription(m_fileName);
    m_scroll->setWidgetResizable(false);
    m_scroll->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_scroll, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Save)->setText(tr("Save As…"));
    buttons->button(QDialogButtonBox::Save)->setShortcut(QKeySequence::Save);
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &ImageViewer::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(900, 700);
    if (m_image.isNull())
        m_status->setText(tr("This image cannot be shown; Save As… still writes the file."));
    zoomToFit();
}

void ImageViewer::setSavePicker(SavePicker picker)
{
    savePicker() = std::move(picker);
}

void ImageViewer::setZoom(double zoom)
{
    m_fit = false;
    m_zoom = qBound(0.02, zoom, 16.0);
    showScaled();
}

void ImageViewer::zoomToFit()
{
    m_fit = true;
    if (m_image.isNull())
        return;
    const QSize room = m_scroll->maximumViewportSize() - QSize(4, 4);
    m_zoom = qMin(1.0, qMin(double(room.width()) / m_image.width(),
                            double(room.height()) / m_image.height()));
    showScaled();
}

void ImageViewer::showScaled()
{
    if (m_image.isNull())
        return;
    const QSize size = (QSizeF(m_image.size()) * m_zoom).toSize().expandedTo(QSize(1, 1));
    m_picture->setPixmap(QPixmap::fromImage(
        m_image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    m_picture->resize(size);
    m_status->setText(tr("%1 × %2 · %3%")
                          .arg(m_image.width())
                          .arg(m_image.height())
                          .arg(qRound(m_zoom * 100)));
}

void ImageViewer::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    layout()->activate(); // the room it has now, not the room before it was shown
    if (m_fit)
        zoomToFit();
}

void ImageViewer::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    if (m_fit)
        zoomToFit();
}

bool ImageViewer::saveTo(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_bytes) != m_bytes.size() ||
        !file.flush()) {
        m_status->setText(tr("Could not save %1: %2.").arg(path, file.errorString()));
        return false;
    }
    file.close();
    m_status->setText(tr("Saved %1.").arg(path));
    return true;
}

void ImageViewer::save()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString path = savePicker()(this, dir + u'/' + m_fileName);
    if (!path.isEmpty())
        saveTo(path);
}

void openImageViewer(QWidget *parent, ConversationController *conversation, int row, int image,
                     const std::function<void(const QString &)> &message)
{
    if (!conversation || row < 0 || row >= conversation->model()->rowCount())
        return;
    const QList<Attachment> attachments = conversation->model()->message(row).attachments;
    if (image < 0 || image >= attachments.size())
        return;
    const Attachment &a = attachments.at(image);
    const std::optional<QByteArray> bytes = conversation->attachmentData(a);
    if (!bytes) {
        message(ImageViewer::tr("%1 could not be read from the history.")
                    .arg(attachmentDisplayName(a, image)));
        return;
    }
    auto *viewer = new ImageViewer(a, *bytes, image, parent);
    viewer->show();
}

void addImageActions(QList<MessageAction> &out, int row, const QList<Attachment> &attachments,
                     const std::function<void(int row, int image)> &open)
{
    for (int i = 0; i < attachments.size(); ++i) {
        if (!attachments.at(i).isImage())
            continue; // a document's actions: documentactions.h
        out.append(MessageAction::make(
            QStringLiteral("openImage:%1:%2").arg(row).arg(i),
            ImageViewer::tr("Open %1").arg(attachmentDisplayName(attachments.at(i), i)),
            [open, row, i] { open(row, i); }, MessageHit::None,
            QStringLiteral("openImageAction%1").arg(i)));
    }
}

} // namespace Sluice
