// Attachments in the history (schema version 7): a message keeps its images as their own
// bytes with a thumbnail; reading messages brings the thumbnails, not the bytes; the rows go
// with their message (Retry, editing, purging); a copied message copies them; the message text
// is still what search finds; JSON export embeds them and a damaged one is refused by name.
#include "core/media/imageprep.h"
#include "core/storage/attachmentexport.h"
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"
#include "storagetestutil.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

namespace {

Attachment image(QColor color, const QString &name)
{
    QImage picture(600, 400, QImage::Format_RGB32);
    picture.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter(&buffer, "png").write(picture);
    QString error;
    return imageAttachment(bytes, name, &error).value_or(Attachment());
}

ConversationMessage userMessage(const QString &text, const QList<Attachment> &attachments)
{
    ConversationMessage m;
    m.role = QStringLiteral("user");
    m.content = text;
    m.attachments = attachments;
    return m;
}

} // namespace

class TestAttachmentStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsBytesAndGivesThumbnails()
    {
        QTemporaryDir dir;
        ConversationStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite"))));
        const qint64 c = store.createConversation()->id;
        const Attachment red = image(Qt::red, QStringLiteral("red.png"));
        const Attachment blue = image(Qt::blue, QString()); // pasted: no name
        QVERIFY(!red.data.isEmpty() && !blue.data.isEmpty());
        QCOMPARE(red.pixelSize, QSize(600, 400));
        QCOMPARE(QImage::fromData(red.thumbnail).size(), QSize(256, 170));
        const auto stored = store.addMessage(c, userMessage(QStringLiteral("two colours"),
                                                            {red, blue}));
        QVERIFY2(stored, qPrintable(store.errorString()));

        const QList<ConversationMessage> read = store.messages(c);
        QCOMPARE(read.first().attachments.size(), 2);
        const Attachment a = read.first().attachments.at(0);
        QVERIFY(a.id > 0);
        QVERIFY(!a.hasData()); // the bytes stay in the file until asked for
        QCOMPARE(a.fileName, QStringLiteral("red.png"));
        QCOMPARE(a.mediaType, QStringLiteral("image/png"));
        QCOMPARE(a.byteSize, red.data.size());
        QCOMPARE(a.pixelSize, QSize(600, 400));
        QCOMPARE(a.thumbnail, red.thumbnail);
        QCOMPARE(store.attachmentData(a.id).value_or(QByteArray()), red.data);
        QCOMPARE(attachmentDisplayName(read.first().attachments.at(1), 1),
                 QStringLiteral("image 2.png"));
        QCOMPARE(store.lastMessages(c, 1).first().attachments.size(), 2);

        // Search finds the message by its text, as before.
        QCOMPARE(store.search(QStringLiteral("colours")).size(), 1);

        // A copy of the message (no bytes, the stored ids) copies the rows.
        ConversationMessage copy = read.first();
        copy.content = QStringLiteral("again");
        copy.parentId = read.first().id; // after it, not a second version of it
        const auto again = store.addMessage(c, copy);
        QVERIFY2(again, qPrintable(store.errorString()));
        const Attachment copied = store.messages(c).at(1).attachments.at(0);
        QVERIFY(copied.id != a.id);
        QCOMPARE(store.attachmentData(copied.id).value_or(QByteArray()), red.data);

        // Deleting a message with its replies and undoing it brings the images back.
        const qint64 firstId = read.first().id;
        const auto removed = store.removeSubtree(firstId);
        QVERIFY2(removed, qPrintable(store.errorString()));
        QVERIFY(store.messages(c).isEmpty());
        QVERIFY(store.restoreSubtree(*removed));
        const QList<ConversationMessage> back = store.messages(c);
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.first().attachments.size(), 2);
        QCOMPARE(store.attachmentData(back.first().attachments.at(0).id).value_or(QByteArray()),
                 red.data);
        QCOMPARE(back.at(1).attachments.size(), 2);

        // They go with their message.
        QVERIFY(store.removeMessagesFrom(c, 0));
        QCOMPARE(queryValue(store.filePath(), QStringLiteral("SELECT count(*) FROM attachments"))
                     .toInt(),
                 0);
        QVERIFY(!store.attachmentData(a.id));
    }

    void purgedConversationsTakeTheirImages()
    {
        QTemporaryDir dir;
        ConversationStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite"))));
        const qint64 c = store.createConversation()->id;
        QVERIFY(store.addMessage(c, userMessage(QStringLiteral("x"), {image(Qt::red, {})})));
        QVERIFY(store.deleteConversation(c));
        QCOMPARE(store.purgeDeleted(), 1);
        QCOMPARE(queryValue(store.filePath(), QStringLiteral("SELECT count(*) FROM attachments"))
                     .toInt(),
                 0);
    }

    void jsonExportEmbedsAndImportChecks()
    {
        const Attachment red = image(Qt::red, QStringLiteral("red.png"));
        Conversation conversation;
        conversation.title = QStringLiteral("Colours");
        const QByteArray json = ConversationExport::toJson(
            conversation, {userMessage(QStringLiteral("look"), {red})});
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root.value(u"version").toInt(), 2); // an older Sluice refuses, not drops
        const QJsonObject a = root.value(u"messages").toArray().at(0).toObject()
                                  .value(u"attachments").toArray().at(0).toObject();
        QCOMPARE(a.value(u"data").toString(), QString::fromLatin1(red.data.toBase64()));
        QCOMPARE(a.value(u"mediaType").toString(), QStringLiteral("image/png"));
        QString error;
        const auto back = ConversationExport::fromJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->messages.first().attachments.first().data, red.data);
        QCOMPARE(back->messages.first().attachments.first().thumbnail, red.thumbnail);

        QByteArray damaged = json;
        damaged.replace(red.data.toBase64().left(40), "bm90IGFuIGltYWdl"); // "not an image"
        QVERIFY(!ConversationExport::fromJson(damaged, &error));
        QVERIFY2(error.startsWith(u"Attachment 1 of message 1 of the export cannot be read"),
                 qPrintable(error));
    }

    void markdownLinksRelativeFiles()
    {
        const Attachment red = image(Qt::red, QStringLiteral("my red.png"));
        const ConversationMessage m = userMessage(QStringLiteral("look"), {red});
        QCOMPARE(AttachmentExport::folderName(QStringLiteral("/tmp/Chat one.md")),
                 QStringLiteral("Chat one images"));
        QCOMPARE(AttachmentExport::markdownLinks(m, 3, QStringLiteral("Chat one images")),
                 QStringLiteral("![my red.png](Chat%20one%20images/3-1-my%20red.png)\n\n"));
        QCOMPARE(AttachmentExport::markdownLinks(m, 3, QString()),
                 QStringLiteral("*Image: my red.png*\n\n"));
    }
};

QTEST_GUILESS_MAIN(TestAttachmentStore)
#include "tst_attachmentstore.moc"
