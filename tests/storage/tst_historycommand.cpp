// `sluice history` and `sluice export`, driven through the library functions.
#include "cli/historycommand.h"
#include "core/storage/conversationstore.h"
#include "core/storage/datalocation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Sluice;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run run(int (*command)(const QStringList &, QTextStream &, QTextStream &), const QStringList &args)
{
    Run result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.code = command(args, out, err);
    out.flush();
    err.flush();
    return result;
}

} // namespace

class TestHistoryCommand final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    qint64 m_otters = 0;
    qint64 m_empty = 0;

    QStringList withDir(QStringList args) const
    {
        return args << QStringLiteral("--data-dir") << m_dir.path();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ConversationStore store;
        QVERIFY(store.open(historyDatabasePath(m_dir.path())));
        m_empty = store.createConversation()->id;
        m_otters = store.createConversation()->id;
        ConversationMessage user;
        user.role = QStringLiteral("user");
        user.content = QStringLiteral("Tell me about otters");
        QVERIFY(store.addMessage(m_otters, user));
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.content = QStringLiteral("Otters are mustelids.");
        reply.thinking = QStringLiteral("PRIVATE-THOUGHT");
        QVERIFY(store.addMessage(m_otters, reply));
    }

    void historyListsConversationsNewestFirst()
    {
        const Run r = run(&Cli::historyCommandOn, withDir({}));
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // header + 2
        QVERIFY(lines.at(0).startsWith(QStringLiteral("ID")));
        QVERIFY(lines.at(1).contains(QStringLiteral("Tell me about otters")));
        QVERIFY(lines.at(1).trimmed().startsWith(QString::number(m_otters)));
        QVERIFY(lines.at(1).contains(QStringLiteral("    2  "))); // message count
        QVERIFY(lines.at(2).contains(QStringLiteral("New conversation")));
    }

    void historyAsJson()
    {
        const Run r = run(&Cli::historyCommandOn, withDir({QStringLiteral("--json")}));
        QCOMPARE(r.code, 0);
        const QJsonArray array = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(array.size(), 2);
        const QJsonObject first = array.at(0).toObject();
        QCOMPARE(first.value(QLatin1StringView("id")).toInteger(), m_otters);
        QCOMPARE(first.value(QLatin1StringView("title")).toString(),
                 QStringLiteral("Tell me about otters"));
        QCOMPARE(first.value(QLatin1StringView("messageCount")).toInt(), 2);
        QVERIFY(!first.value(QLatin1StringView("updated")).toString().isEmpty());
    }

    void historyOfAnEmptyFolderCreatesNothing()
    {
        QTemporaryDir empty;
        const Run r = run(&Cli::historyCommandOn,
                          {QStringLiteral("--data-dir"), empty.path(), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 0);
        QVERIFY(!QFile::exists(historyDatabasePath(empty.path())));
    }

    void historyFollowsTheEnvironmentVariable()
    {
        qputenv("SLUICE_DATA_DIR", m_dir.path().toUtf8());
        const Run r = run(&Cli::historyCommandOn, {QStringLiteral("--json")});
        qunsetenv("SLUICE_DATA_DIR");
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 2);
    }

    void historyRejectsUnknownArguments()
    {
        const Run r = run(&Cli::historyCommandOn, withDir({QStringLiteral("--bogus")}));
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.startsWith(QStringLiteral("sluice: ")));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY(r.out.isEmpty());
    }

    void exportMarkdownToStdout()
    {
        const Run r = run(&Cli::exportCommandOn, withDir({QString::number(m_otters)}));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("# Tell me about otters")));
        QVERIFY(r.out.contains(QStringLiteral("Otters are mustelids.")));
        QVERIFY(r.out.contains(QStringLiteral("PRIVATE-THOUGHT")));
    }

    void exportJsonWithoutThinkingToAFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("out.json"));
        const Run r = run(
            &Cli::exportCommandOn,
            withDir({QString::number(m_otters), QStringLiteral("--format"), QStringLiteral("json"),
                     QStringLiteral("--no-thinking"), QStringLiteral("-o"), file}));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty());
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray json = written.readAll();
        QCOMPARE(QJsonDocument::fromJson(json)
                     .object()
                     .value(QLatin1StringView("messages"))
                     .toArray()
                     .size(),
                 2);
        QVERIFY(!json.contains("PRIVATE-THOUGHT"));
    }

    void exportErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("no id") << QStringList() << 2 << QStringLiteral("needs one");
        QTest::newRow("not a number")
            << QStringList{QStringLiteral("abc")} << 2 << QStringLiteral("not a conversation id");
        QTest::newRow("unknown id")
            << QStringList{QStringLiteral("999")} << 2 << QStringLiteral("no conversation 999");
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("1"), QStringLiteral("--format"), QStringLiteral("pdf")}
            << 2 << QStringLiteral("unknown format");
        QTest::newRow("unwritable output")
            << QStringList{QStringLiteral("1"), QStringLiteral("-o"),
                           QStringLiteral("/nonexistent-dir/x/out.md")}
            << 5 << QStringLiteral("could not write");
    }

    void exportErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run r = run(&Cli::exportCommandOn, withDir(args));
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.startsWith(QStringLiteral("sluice: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
    }

    void helpIsNotAnError()
    {
        const Run r = run(&Cli::exportCommandOn, {QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("--no-thinking")));
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: sluice export [options] id")),
                 qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestHistoryCommand)
#include "tst_historycommand.moc"
