// PDFs for tests, made with QPdfWriter (a QGuiApplication must exist: fonts): pages of text,
// whose text Poppler reads back, or a page that is only an image, as a scan is (no text).
#pragma once

#include <QBuffer>
#include <QByteArray>
#include <QColor>
#include <QFont>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QStringList>

namespace Sluice::Test {

// One line of text on each page.
inline QByteArray pdfWithPages(const QStringList &pages)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(72);
    QPainter painter(&writer);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(12);
    painter.setFont(font);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0)
            writer.newPage();
        painter.drawText(QPointF(72, 72), pages.at(i));
    }
    painter.end();
    return bytes;
}

// One page holding only a picture: what a scanner makes.
inline QByteArray pdfOfAScan()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(72);
    QPainter painter(&writer);
    QImage scan(200, 100, QImage::Format_RGB32);
    scan.fill(QColor(240, 240, 230));
    painter.drawImage(QRectF(72, 72, 200, 100), scan);
    painter.end();
    return bytes;
}

} // namespace Sluice::Test
