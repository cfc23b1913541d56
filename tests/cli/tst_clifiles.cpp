// `sluice run --file FILE` against the loopback test server: the exact text each protocol is
// sent (each file's text in its delimited block, then the prompt), a PDF's text, --save
// keeping the file, and a missing, binary or scanned file refused before anything is sent.
#include "clitest.h"
#include "core/media/documentprep.h"
#include "core/storage/conversationstore.h"
#include "core/storage/datalocation.h"
#include "testfiles.h"
#include "testpdf.h"

#include <QFile>
#include <QGuiApplication>
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

QJsonObject lastUserMessage(const TestServer &server, const QString &type)
{
    return server.lastRequest(chatPath(type)).json().value(u"messages").toArray().last().toObject();
}

} // namespace

class CliFilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!canReadPdfs())
            QSKIP("this build reads no PDFs (built without poppler-qt6)");
    }

    void sendsTheFilesText_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ollama") << QStringLiteral("ollama");
        QTest::newRow("openai") << QStringLiteral("openai");
        QTest::newRow("anthropic") << QStringLiteral("anthropic");
    }
    void sendsTheFilesText()
    {
        QFETCH(QString, type);
        QTemporaryDir dir;
        const QString md = Test::writeTestFile(dir, u"README.md"_s, "# Title\n\nSome *text*.\n");
        const QString pdf =
            Test::writeTestFile(dir, u"spec.pdf"_s, pdfWithPages({u"Section one"_s}));
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, type) << u"--file"_s << md << u"--file"_s << pdf
                                                << u"Summarise"_s);
        QCOMPARE(r.err, QString());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lastUserMessage(server, type),
                 (QJsonObject{{u"role"_s, u"user"_s},
                              {u"content"_s,
                               u"===== file: README.md (text/markdown) =====\n# Title\n\nSome "
                               u"*text*.\n===== end of file: README.md =====\n\n"
                               u"===== file: spec.pdf (application/pdf) =====\nSection one\n"
                               u"===== end of file: spec.pdf =====\n\nSummarise"_s}}));
    }

    void saveKeepsTheFile()
    {
        QTemporaryDir dir;
        const QString log = Test::writeTestFile(dir, u"build.log"_s, "error: x\n");
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const QString data = dir.filePath(u"data"_s);
        const Run r = sluice(base(server, u"ollama"_s) << u"--save"_s << u"--data-dir"_s << data
                                                       << u"--file"_s << log << u"Why?"_s);
        QCOMPARE(r.exitCode, 0);
        ConversationStore store;
        QVERIFY(store.open(historyDatabasePath(data)));
        const QList<Conversation> all = store.conversations();
        QCOMPARE(all.size(), 1);
        const Attachment a = store.messages(all.first().id).first().attachments.value(0);
        QVERIFY(a.isDocument());
        QCOMPARE(a.fileName, u"build.log"_s);
        QCOMPARE(a.text, u"error: x\n"_s);
        QCOMPARE(store.attachmentData(a.id).value_or(QByteArray()), QByteArray("error: x\n"));
    }

    void unusableFilesAreRefusedBeforeSending_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("binary") << u"a.out"_s << QByteArray("\x7f" "ELF\x02\x00\x00", 7)
                                << u"sluice: --file: a.out is not a text file (it holds binary "
                                   u"data); text, source code and PDF files can be attached.\n"_s;
        QTest::newRow("latin-1") << u"old.txt"_s << QByteArray("caf\xe9\n")
                                 << u"sluice: --file: old.txt is not UTF-8 text; save it as "
                                    u"UTF-8 and attach it again.\n"_s;
        QTest::newRow("scan") << u"scan.pdf"_s << pdfOfAScan()
                              << u"sluice: --file: scan.pdf has no text to read (its pages are "
                                 u"images, as in a scan); copy its text into the message "
                                 u"instead.\n"_s;
        QTest::newRow("damaged pdf") << u"cut.pdf"_s << QByteArray("%PDF-1.4\n1 0 obj\n")
                                     << u"sluice: --file: cut.pdf could not be read as a PDF "
                                        u"(the file is damaged).\n"_s;
    }
    void unusableFilesAreRefusedBeforeSending()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString path = Test::writeTestFile(dir, name, bytes);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const Run r = sluice(base(server, u"ollama"_s) << u"--file"_s << path << u"Hi"_s);
        QCOMPARE(r.err, error);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(server.requests().isEmpty());
    }

    void aMissingFileIsNamed()
    {
        QTemporaryDir dir;
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const QString gone = dir.filePath(u"gone.txt"_s);
        const Run r = sluice(base(server, u"ollama"_s) << u"--file"_s << gone << u"Hi"_s);
        QCOMPARE(r.err, u"sluice: --file: %1 does not exist.\n"_s.arg(gone));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(server.requests().isEmpty());
    }
};

// The PDFs are drawn with QPdfWriter, which needs a QGuiApplication (fonts); no display.
int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    CliFilesTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_clifiles.moc"
