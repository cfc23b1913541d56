// Images on the wire, checked against the official client libraries: images.mjs has the
// `ollama`, `openai` and `@anthropic-ai/sdk` libraries build a user message with an image
// (typed as their TypeScript types say) and prints what each would send; Sluice's protocol
// encoders must send the same message for the same text and image. Exits 77 (skipped) when
// Node.js or tests/npm/node_modules is missing.
#include "core/protocol/protocol.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

using namespace Sluice;

namespace {

const QString NpmDir = QStringLiteral(SLUICE_NPM_DIR);

QString nodeExecutable()
{
    const QString fromEnv = qEnvironmentVariable("SLUICE_NODE");
    return fromEnv.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("node")) : fromEnv;
}

// The smallest PNG there is: 1×1, one red pixel; and a JPEG's first bytes (the encoders only
// read the signature to name the media type).
const QByteArray Png = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
const QByteArray Jpeg = QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000ffd9");

} // namespace

class NpmImagesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameMessageAsTheOfficialLibraries_data()
    {
        QTest::addColumn<QByteArray>("image");
        QTest::addColumn<QString>("mediaType");
        QTest::newRow("png") << Png << QStringLiteral("image/png");
        QTest::newRow("jpeg") << Jpeg << QStringLiteral("image/jpeg");
    }
    void sameMessageAsTheOfficialLibraries()
    {
        QFETCH(QByteArray, image);
        QFETCH(QString, mediaType);
        const QString text = QStringLiteral("What is <this> \"picture\"?");
        QProcess node;
        node.setWorkingDirectory(NpmDir);
        node.start(nodeExecutable(), {QDir(NpmDir).filePath(QStringLiteral("images.mjs")),
                                      mediaType, QString::fromLatin1(image.toBase64()), text});
        QVERIFY(node.waitForFinished(60000));
        QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
        const QJsonObject libraries = QJsonDocument::fromJson(node.readAllStandardOutput()).object();

        for (const auto &[name, type] : {std::pair{"ollama", ProviderType::Ollama},
                                         std::pair{"openai", ProviderType::OpenAI},
                                         std::pair{"anthropic", ProviderType::Anthropic}}) {
            ChatRequest request;
            request.model = QStringLiteral("m");
            request.messages.append({QStringLiteral("user"), text, {}, {image}});
            const QJsonObject body =
                QJsonDocument::fromJson(createProtocol(type)->chatBody(request)).object();
            const QJsonObject ours = body.value(u"messages").toArray().last().toObject();
            const QJsonObject theirs = libraries.value(QLatin1String(name)).toObject();
            QVERIFY2(!theirs.isEmpty(), name);
            QCOMPARE(ours, theirs);
        }
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (nodeExecutable().isEmpty()) {
        std::printf("SKIP: Node.js (node) is not installed; the npm image proof needs it.\n");
        return 77;
    }
    for (const char *module : {"ollama", "openai", "@anthropic-ai/sdk"}) {
        if (!QFileInfo::exists(
                QDir(NpmDir).filePath(QStringLiteral("node_modules/") + QLatin1String(module)))) {
            std::printf("SKIP: %s/node_modules is missing; run `npm ci` there first.\n",
                        qPrintable(NpmDir));
            return 77;
        }
    }
    NpmImagesTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_npmimages.moc"
