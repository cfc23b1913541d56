// `sluice run --image FILE` against the loopback test server: the exact JSON each protocol
// is sent (the file's own bytes in base64, its media type), a GIF's first frame, an image
// larger than Anthropic accepts scaled down with a note, --save keeping the original, and a
// file that is no image refused before anything is sent.
#include "clitest.h"
#include "core/storage/conversationstore.h"
#include "core/storage/datalocation.h"
#include "testfiles.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;
using namespace Sluice::Test;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray chatPath(const QString &type)
{
    return type == u"ollama"   ? "/api/chat"
           : type == u"openai" ? "/v1/chat/completions"
                               : "/v1/messages";
}

// The user message as each protocol must carry it (the shapes of the official SDKs' types:
// ollama `Message.images`, openai `ChatCompletionContentPartImage`, @anthropic-ai/sdk
// `ImageBlockParam` with a `Base64ImageSource`).
QJsonObject expectedMessage(const QString &type, const QString &text,
                            const QList<QPair<QString, QByteArray>> &images)
{
    if (type == u"ollama") {
        QJsonArray b64;
        for (const auto &[mediaType, bytes] : images)
            b64.append(QString::fromLatin1(bytes.toBase64()));
        return {{u"role"_s, u"user"_s}, {u"content"_s, text}, {u"images"_s, b64}};
    }
    QJsonArray parts;
    if (type == u"openai") {
        parts.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}});
        for (const auto &[mediaType, bytes] : images)
            parts.append(QJsonObject{
                {u"type"_s, u"image_url"_s},
                {u"image_url"_s,
                 QJsonObject{{u"url"_s, QString(u"data:" + mediaType + u";base64," +
                                                 QString::fromLatin1(bytes.toBase64()))}}}});
        return {{u"role"_s, u"user"_s}, {u"content"_s, parts}};
    }
    for (const auto &[mediaType, bytes] : images)
        parts.append(QJsonObject{{u"type"_s, u"image"_s},
                                 {u"source"_s, QJsonObject{{u"type"_s, u"base64"_s},
                                                        {u"media_type"_s, mediaType},
                                                        {u"data"_s, QString::fromLatin1(
                                                                     bytes.toBase64())}}}});
    parts.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}});
    return {{u"role"_s, u"user"_s}, {u"content"_s, parts}};
}

QJsonObject lastUserMessage(const TestServer &server, const QString &type)
{
    return server.lastRequest(chatPath(type)).json().value(u"messages").toArray().last().toObject();
}

} // namespace

class CliImagesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsTheFilesBytes_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ollama") << QStringLiteral("ollama");
        QTest::newRow("openai") << QStringLiteral("openai");
        QTest::newRow("anthropic") << QStringLiteral("anthropic");
    }
    void sendsTheFilesBytes()
    {
        QFETCH(QString, type);
        QTemporaryDir dir;
        const QByteArray png = Test::encodedImage(Test::filledImage(30, 20, Qt::red), "png");
        const QByteArray jpeg = Test::encodedImage(Test::filledImage(40, 10, Qt::blue), "jpeg");
        const QString pngPath = Test::writeTestFile(dir, QStringLiteral("photo.png"), png);
        const QString jpegPath = Test::writeTestFile(dir, QStringLiteral("scan.jpg"), jpeg);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, type) << QStringLiteral("--image") << pngPath
                                                << QStringLiteral("--image") << jpegPath
                                                << QStringLiteral("What is this?"));
        QCOMPARE(r.err, QString());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lastUserMessage(server, type),
                 expectedMessage(type, QStringLiteral("What is this?"),
                                 {{QStringLiteral("image/png"), png},
                                  {QStringLiteral("image/jpeg"), jpeg}}));
    }

    void gifSendsItsFirstFrameAsPng()
    {
        // Qt writes no GIF: two frames of 2×1, red then blue (ImageMagick:
        // convert -size 2x1 xc:red xc:blue -loop 0 two-frames.gif).
        const QByteArray gif = QByteArray::fromHex(
            "47494638396102000100f00000ff000000000021f904000000000021ff0b4e45545343415045322e"
            "3003010000002c0000000002000100000202040a0021f90400000000002c00000000020001008000"
            "00ff0000000202040a003b");
        QTemporaryDir dir;
        const QString path = Test::writeTestFile(dir, QStringLiteral("anim.gif"), gif);
        QVERIFY(!QImage::fromData(gif).isNull());
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, QStringLiteral("openai"))
                             << QStringLiteral("--image") << path << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 0);
        const QString url = lastUserMessage(server, QStringLiteral("openai"))
                                .value(u"content").toArray().at(1).toObject()
                                .value(u"image_url").toObject().value(u"url").toString();
        QVERIFY2(url.startsWith(u"data:image/png;base64,"), qPrintable(url.left(40)));
        const QImage sent = QImage::fromData(QByteArray::fromBase64(url.section(u',', 1).toLatin1()));
        QCOMPARE(sent.size(), QSize(2, 1));
        QCOMPARE(sent.pixelColor(0, 0), QColor(Qt::red));
    }

    void webpGoesAsItIsToAnthropicAndAsPngToOllama()
    {
        // A 3×2 orange WebP (convert -size 3x2 xc:orange orange.webp).
        const QByteArray webp = QByteArray::fromHex(
            "524946463c000000574542505650382030000000d001009d012a0300020002003425a00274ba01f8"
            "0003b000feef6497feef37ede6fdbcdff0d1ffcf4cd7983fa6800000");
        QTemporaryDir dir;
        const QString path = Test::writeTestFile(dir, QStringLiteral("orange.webp"), webp);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QCOMPARE(sluice(base(server, QStringLiteral("anthropic"))
                        << QStringLiteral("--image") << path << QStringLiteral("Hi"))
                     .exitCode,
                 0);
        QCOMPARE(lastUserMessage(server, QStringLiteral("anthropic")),
                 expectedMessage(QStringLiteral("anthropic"), QStringLiteral("Hi"),
                                 {{QStringLiteral("image/webp"), webp}}));
        QCOMPARE(sluice(base(server, QStringLiteral("ollama"))
                        << QStringLiteral("--image") << path << QStringLiteral("Hi"))
                     .exitCode,
                 0);
        const QByteArray sent = QByteArray::fromBase64(lastUserMessage(server, QStringLiteral("ollama"))
                                                           .value(u"images").toArray().at(0)
                                                           .toString().toLatin1());
        QVERIFY(sent.startsWith("\x89PNG"));
        QCOMPARE(QImage::fromData(sent).size(), QSize(3, 2));
    }

    void largerThanAnthropicAcceptsIsScaledDown()
    {
        QTemporaryDir dir;
        const QString path =
            Test::writeTestFile(dir, QStringLiteral("wide.png"),
                                Test::encodedImage(Test::filledImage(8200, 41, Qt::green), "png"));
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, QStringLiteral("anthropic"))
                             << QStringLiteral("--image") << path << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(u"wide.png (8200 × 41) is larger than Anthropic accepts: it is "
                                u"sent as 8000 × 40"),
                 qPrintable(r.err));
        const QJsonObject source = lastUserMessage(server, QStringLiteral("anthropic"))
                                       .value(u"content").toArray().at(0).toObject()
                                       .value(u"source").toObject();
        QCOMPARE(source.value(u"media_type").toString(), QStringLiteral("image/png"));
        const QImage sent =
            QImage::fromData(QByteArray::fromBase64(source.value(u"data").toString().toLatin1()));
        QCOMPARE(sent.size(), QSize(8000, 40));
    }

    void moreThanTwentyForAnthropicAreAtMost2000Pixels()
    {
        QTemporaryDir dir;
        const QString path =
            Test::writeTestFile(dir, QStringLiteral("strip.png"),
                                Test::encodedImage(Test::filledImage(4000, 20, Qt::red), "png"));
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QStringList args = base(server, QStringLiteral("anthropic"));
        for (int i = 0; i < 21; ++i)
            args << QStringLiteral("--image") << path;
        const Run r = sluice(args << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 0);
        const QJsonArray parts =
            lastUserMessage(server, QStringLiteral("anthropic")).value(u"content").toArray();
        QCOMPARE(parts.size(), 22);
        const QImage sent = QImage::fromData(QByteArray::fromBase64(
            parts.at(20).toObject().value(u"source").toObject().value(u"data").toString().toLatin1()));
        QCOMPARE(sent.size(), QSize(2000, 10));
    }

    void saveKeepsTheOriginal()
    {
        QTemporaryDir dir;
        const QByteArray png = Test::encodedImage(Test::filledImage(8200, 41, Qt::green), "png");
        const QString path = Test::writeTestFile(dir, QStringLiteral("wide.png"), png);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const QString data = dir.filePath(QStringLiteral("data"));
        const Run r = sluice(base(server, QStringLiteral("anthropic"))
                             << QStringLiteral("--save") << QStringLiteral("--data-dir") << data
                             << QStringLiteral("--image") << path << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 0);
        ConversationStore store;
        QVERIFY(store.open(historyDatabasePath(data)));
        const QList<Conversation> all = store.conversations();
        QCOMPARE(all.size(), 1);
        const QList<ConversationMessage> messages = store.messages(all.first().id);
        QCOMPARE(messages.first().attachments.size(), 1);
        const Attachment a = messages.first().attachments.first();
        QCOMPARE(a.fileName, QStringLiteral("wide.png"));
        QCOMPARE(a.mediaType, QStringLiteral("image/png"));
        QCOMPARE(a.pixelSize, QSize(8200, 41));
        QCOMPARE(store.attachmentData(a.id).value_or(QByteArray()), png);
    }

    void notAnImageIsRefusedBeforeSending()
    {
        QTemporaryDir dir;
        const QString path = Test::writeTestFile(dir, QStringLiteral("notes.txt"), "just text\n");
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, QStringLiteral("ollama"))
                             << QStringLiteral("--image") << path << QStringLiteral("Hi"));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("sluice: notes.txt is not a PNG, JPEG, WebP or GIF image.\n"));
        QVERIFY(server.requests().isEmpty());
        const Run missing = sluice(base(server, QStringLiteral("ollama"))
                                   << QStringLiteral("--image") << dir.filePath(QStringLiteral("gone.png"))
                                   << QStringLiteral("Hi"));
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(u"Could not open"), qPrintable(missing.err));
    }
};

QTEST_GUILESS_MAIN(CliImagesTest)
#include "tst_cliimages.moc"
