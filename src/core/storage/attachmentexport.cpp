#include "core/storage/attachmentexport.h"

#include "core/media/documentprep.h"
#include "core/media/imageformat.h"
#include "core/media/imageprep.h"
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"
#include "core/util/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QUrl>

namespace Sluice::AttachmentExport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice::AttachmentExport", text);
}

// A document as exported: its text as the model read it, or (an export without it) read
// again from its bytes.
std::optional<Attachment> documentFromJson(const QJsonObject &o, const QByteArray &bytes,
                                           const QString &name, QString *why)
{
    const QJsonValue text = o.value(QLatin1StringView("text"));
    if (!text.isString())
        return looksLikePdf(bytes) ? pdfDocument(bytes, name, why) : textDocument(bytes, name, why);
    Attachment a;
    a.kind = Attachment::Kind::Document;
    a.fileName = name;
    a.mediaType = o.value(QLatin1StringView("mediaType")).toString(QStringLiteral("text/plain"));
    a.data = bytes;
    a.byteSize = bytes.size();
    a.text = text.toString();
    return a;
}

} // namespace

bool loadData(const ConversationStore &store, QList<ConversationMessage> &messages,
              QString *error)
{
    for (ConversationMessage &m : messages) {
        for (int i = 0; i < m.attachments.size(); ++i) {
            Attachment &a = m.attachments[i];
            if (a.hasData())
                continue;
            const std::optional<QByteArray> bytes = store.attachmentData(a.id);
            if (!bytes) {
                *error = tr("%1 could not be read from the history: %2")
                             .arg(attachmentDisplayName(a, i), store.errorString());
                return false;
            }
            a.data = *bytes;
        }
    }
    return true;
}

QString folderName(const QString &markdownPath)
{
    //: The folder beside an exported "Chat.md" that holds its images: "Chat images"
    return tr("%1 images").arg(QFileInfo(markdownPath).completeBaseName());
}

QString fileName(int number, int ordinal, const Attachment &attachment)
{
    QString name = ConversationExport::safeFileName(attachment.fileName, QString());
    if (name.isEmpty())
        name = attachment.isDocument()
                   ? attachmentDisplayName(attachment, ordinal).replace(u' ', u'-')
                   : QString(QStringLiteral("image.") + imageFileSuffix(attachment.mediaType));
    return QStringLiteral("%1-%2-%3").arg(number).arg(ordinal + 1).arg(name);
}

QString markdownLinks(const ConversationMessage &message, int number, const QString &folder)
{
    QString md;
    for (int i = 0; i < message.attachments.size(); ++i) {
        const Attachment &a = message.attachments.at(i);
        QString alt = attachmentDisplayName(a, i);
        alt.remove(u'[').remove(u']').remove(u'\n');
        if (folder.isEmpty()) {
            md += u"*" + (a.isDocument() ? tr("File: %1") : tr("Image: %1")).arg(alt) + u"*\n\n";
            continue;
        }
        const QString target = QString::fromLatin1(QUrl::toPercentEncoding(folder) + '/' +
                                                   QUrl::toPercentEncoding(fileName(number, i, a)));
        // A document is a link to its file; an image shows.
        md += (a.isDocument() ? QStringLiteral("[") : QStringLiteral("![")) + alt + u"](" + target +
              u")\n\n";
    }
    return md;
}

bool writeFiles(const QList<ConversationMessage> &messages, const QString &markdownPath,
                QString *error)
{
    const QDir dir = QFileInfo(markdownPath).dir();
    const QString folder = folderName(markdownPath);
    bool made = false;
    for (int n = 0; n < messages.size(); ++n) {
        const QList<Attachment> &attachments = messages.at(n).attachments;
        for (int i = 0; i < attachments.size(); ++i) {
            if (!made && !dir.mkpath(folder)) {
                *error = tr("could not create the folder %1")
                             .arg(QDir::toNativeSeparators(dir.filePath(folder)));
                return false;
            }
            made = true;
            const QString path = dir.filePath(folder + u'/' + fileName(n + 1, i, attachments.at(i)));
            QString why;
            if (!writeFileAtomically(path, attachments.at(i).data, &why)) {
                *error = tr("could not write %1: %2").arg(QDir::toNativeSeparators(path), why);
                return false;
            }
        }
    }
    return true;
}

QJsonArray toJson(const QList<Attachment> &attachments)
{
    QJsonArray array;
    for (const Attachment &a : attachments) {
        QJsonObject o;
        o.insert(QLatin1StringView("kind"), attachmentKindName(a.kind));
        if (!a.fileName.isEmpty())
            o.insert(QLatin1StringView("fileName"), a.fileName);
        o.insert(QLatin1StringView("mediaType"), a.mediaType);
        o.insert(QLatin1StringView("width"), a.pixelSize.width());
        o.insert(QLatin1StringView("height"), a.pixelSize.height());
        o.insert(QLatin1StringView("data"), QString::fromLatin1(a.data.toBase64()));
        if (a.isDocument())
            o.insert(QLatin1StringView("text"), a.text); // as the model read it
        array.append(o);
    }
    return array;
}

std::optional<QList<Attachment>> fromJson(const QJsonArray &array, int number, QString *error)
{
    QList<Attachment> result;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        const QString kind = o.value(QLatin1StringView("kind")).toString();
        const auto bytes = QByteArray::fromBase64Encoding(
            o.value(QLatin1StringView("data")).toString().toLatin1(),
            QByteArray::AbortOnBase64DecodingErrors);
        QString why;
        std::optional<Attachment> a;
        const std::optional<Attachment::Kind> known = attachmentKindFromName(kind);
        const QString name = o.value(QLatin1StringView("fileName")).toString();
        if (!known)
            why = tr("its kind \"%1\" is not one this version of Sluice knows").arg(kind);
        else if (!bytes || bytes.decoded.isEmpty())
            why = tr("its data is not base64");
        else if (*known == Attachment::Kind::Image)
            a = imageAttachment(bytes.decoded, name, &why);
        else
            a = documentFromJson(o, bytes.decoded, name, &why);
        if (!a) {
            *error = tr("Attachment %1 of message %2 of the export cannot be read: %3")
                         .arg(result.size() + 1)
                         .arg(number)
                         .arg(why);
            return std::nullopt;
        }
        result.append(*a);
    }
    return result;
}

} // namespace Sluice::AttachmentExport
