#include "core/media/documentprep.h"

#include "core/media/imageprep.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QLocale>
#include <QMimeDatabase>
#include <QStringDecoder>

#if SLUICE_HAVE_POPPLER
#include <poppler-qt6.h>
#endif

#include <memory>

namespace Sluice {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice", text);
}

QString tooLarge(const QString &name, qint64 size, qint64 limit)
{
    return tr("%1 is %2; documents up to %3 can be attached.")
        .arg(name, QLocale().formattedDataSize(size), QLocale().formattedDataSize(limit));
}

// The media type of a text file, by its name and content ("text/x-python", "text/csv",
// "application/json"); "text/plain" when the database knows it as nothing textual.
QString textMediaType(const QString &fileName, const QByteArray &bytes)
{
    const QMimeType mime = QMimeDatabase().mimeTypeForFileNameAndData(fileName, bytes.left(4096));
    if (mime.isValid() && (mime.name().startsWith(u"text/") || mime.inherits(QStringLiteral("text/plain"))))
        return mime.name();
    return QStringLiteral("text/plain");
}

std::optional<QByteArray> readFile(const QString &path, qint64 limit, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = tr("%1 does not exist.").arg(path);
        return std::nullopt;
    }
    if (info.isDir()) {
        *error = tr("%1 is a folder; attach the files in it.").arg(path);
        return std::nullopt;
    }
    if (info.size() > limit) {
        *error = tooLarge(info.fileName(), info.size(), limit);
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Could not open %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *error = tr("Could not read %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    return bytes;
}

Attachment document(const QByteArray &bytes, const QString &fileName, const QString &mediaType,
                    const QString &text)
{
    Attachment a;
    a.kind = Attachment::Kind::Document;
    a.fileName = fileName;
    a.mediaType = mediaType;
    a.data = bytes;
    a.byteSize = bytes.size();
    a.text = text;
    return a;
}

} // namespace

bool looksLikePdf(const QByteArray &bytes)
{
    return bytes.left(1024).contains("%PDF-");
}

bool isPdfFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && looksLikePdf(file.read(1024));
}

std::optional<Attachment> textDocument(const QByteArray &bytes, const QString &fileName,
                                       QString *error)
{
    const QString name = fileName.isEmpty() ? tr("The file") : fileName;
    if (bytes.size() > kMaxTextFileBytes) {
        *error = tooLarge(name, bytes.size(), kMaxTextFileBytes);
        return std::nullopt;
    }
    QStringConverter::Encoding encoding = QStringConverter::Utf8;
    if (const std::optional<QStringConverter::Encoding> bom =
            QStringConverter::encodingForData(bytes)) {
        encoding = *bom; // a byte order mark says which (UTF-16, UTF-32 or UTF-8)
    } else if (bytes.contains('\0')) {
        *error = tr("%1 is not a text file (it holds binary data); text, source code and PDF "
                    "files can be attached.")
                     .arg(name);
        return std::nullopt;
    }
    QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        *error = tr("%1 is not UTF-8 text; save it as UTF-8 and attach it again.").arg(name);
        return std::nullopt;
    }
    // Text with many control characters (other than tabs, line breaks, form feeds and the
    // escapes of a terminal log) is binary data that happens to decode.
    qsizetype controls = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r' && u != u'\f' && u != 0x1b)
            ++controls;
    }
    if (text.contains(QChar(0)) || controls * 100 > text.size()) {
        *error = tr("%1 is not a text file (it holds binary data); text, source code and PDF "
                    "files can be attached.")
                     .arg(name);
        return std::nullopt;
    }
    if (text.trimmed().isEmpty()) {
        *error = tr("%1 is empty: there is no text to send.").arg(name);
        return std::nullopt;
    }
    return document(bytes, fileName, textMediaType(fileName, bytes), text);
}

bool canReadPdfs()
{
#if SLUICE_HAVE_POPPLER
    return true;
#else
    return false;
#endif
}

std::optional<Attachment> pdfDocument(const QByteArray &bytes, const QString &fileName,
                                      QString *error)
{
    const QString name = fileName.isEmpty() ? tr("The PDF") : fileName;
    if (bytes.size() > kMaxPdfFileBytes) {
        *error = tooLarge(name, bytes.size(), kMaxPdfFileBytes);
        return std::nullopt;
    }
#if SLUICE_HAVE_POPPLER
    // Poppler says what it finds wrong in a damaged file on stderr (qDebug); the sentence
    // below says it once, in words a user can act on.
    static const bool quiet = [] {
        Poppler::setDebugErrorFunction([](const QString &, const QVariant &) {}, QVariant());
        return true;
    }();
    Q_UNUSED(quiet)
    const std::unique_ptr<Poppler::Document> pdf = Poppler::Document::loadFromData(bytes);
    if (!pdf) {
        *error = tr("%1 could not be read as a PDF (the file is damaged).").arg(name);
        return std::nullopt;
    }
    if (pdf->isLocked()) {
        *error = tr("%1 is encrypted with a password; save an unprotected copy to attach it.")
                     .arg(name);
        return std::nullopt;
    }
    QString text;
    const int pages = pdf->numPages();
    for (int i = 0; i < pages; ++i) {
        const std::unique_ptr<Poppler::Page> page = pdf->page(i);
        if (!page)
            continue;
        const QString pageText = page->text(QRectF()).trimmed();
        if (pageText.isEmpty())
            continue;
        if (!text.isEmpty())
            text += QStringLiteral("\n\n");
        text += pageText;
    }
    if (text.trimmed().isEmpty()) {
        *error = tr("%1 has no text to read (its pages are images, as in a scan); copy its text "
                    "into the message instead.")
                     .arg(name);
        return std::nullopt;
    }
    return document(bytes, fileName, QStringLiteral("application/pdf"), text);
#else
    Q_UNUSED(bytes)
    *error = tr("%1 was not read: this build of Sluice cannot read PDFs (it was built without "
                "Poppler). Copy its text into the message instead.")
                 .arg(name);
    return std::nullopt;
#endif
}

std::optional<Attachment> documentFromFile(const QString &path, QString *error)
{
    const bool pdf = isPdfFile(path);
    const std::optional<QByteArray> bytes =
        readFile(path, pdf ? kMaxPdfFileBytes : kMaxTextFileBytes, error);
    if (!bytes)
        return std::nullopt;
    const QString name = QFileInfo(path).fileName();
    return pdf ? pdfDocument(*bytes, name, error) : textDocument(*bytes, name, error);
}

std::optional<Attachment> attachmentFromFile(const QString &path, QString *error)
{
    if (QFileInfo(path).isFile() && !QImageReader::imageFormat(path).isEmpty())
        return imageAttachmentFromFile(path, error);
    return documentFromFile(path, error);
}

} // namespace Sluice
