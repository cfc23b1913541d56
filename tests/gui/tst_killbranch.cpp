// kill -9 while a regenerated branch streams, against the real `sluice` window as a process of
// its own (on the Xvfb display run_on_xvfb.sh gives it, keys pressed through the X server with
// xdotool) and the standalone test server (sluice-testserver) streaming slowly: the reply lost
// is at most the last second of it, and on restart the interrupted branch comes back marked,
// as the version shown, beside the reply it was regenerated from.
//
// Time is the test server's: it streams one token every kTokenDelayMs and says on stdout how
// many events it has sent (--tell-tokens), so "a second" is a number of tokens. Every wait
// polls a condition with a generous deadline; nothing waits for a fixed time.
#include "apptest.h"

#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

using namespace Sluice;
using namespace Sluice::GuiTest;

namespace {

constexpr int kTokenDelayMs = 100;
constexpr int kTokenChars = 4; // the test server's tokens: four characters each
constexpr int kDeadlineMs = 60'000;

// Fifty tokens: "r00 r01 … r49 ".
QString slowReply()
{
    QString text;
    for (int i = 0; i < 50; ++i)
        text += QStringLiteral("r%1 ").arg(i, 2, 10, QLatin1Char('0'));
    return text;
}

} // namespace

class TestKillBranch final : public AppTest
{
    Q_OBJECT

    QProcess m_testServer;
    qint64 m_sent = 0; // events the test server has sent, all replies together
    QString m_display;
    QSqlDatabase m_db;

    // The history file as another process reads it (the window writes it meanwhile).
    QVariant value(const QString &sql)
    {
        QSqlQuery query(m_db);
        return query.exec(sql) && query.next() ? query.value(0) : QVariant();
    }
    // What it printed; nullopt when it failed.
    std::optional<QString> xdotool(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), m_display);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("xdotool"), args);
        if (!p.waitForFinished(kDeadlineMs) || p.exitStatus() != QProcess::NormalExit ||
            p.exitCode() != 0)
            return std::nullopt;
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }
    // Right after the kill, Qt's xcb plugin now and then finds no display and the app ends
    // at once ("no Qt platform plugin could be initialized"): that start is tried again.
    bool startWindow(QProcess &app)
    {
        for (int attempt = 0; attempt < 3; ++attempt) {
            if (startWindowOnce(app))
                return true;
            if (app.state() != QProcess::NotRunning)
                return false; // it runs and shows nothing: that is the failure
            qWarning("the window ended before it showed (exit code %d); starting it again",
                     app.exitCode());
        }
        return false;
    }
    bool startWindowOnce(QProcess &app)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), m_display);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("xdg")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir->filePath(QStringLiteral("cache")));
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(SLUICE_BIN), {QStringLiteral("--config"), configPath(),
                                               QStringLiteral("--data-dir"), dataDir()});
        if (!app.waitForStarted(kDeadlineMs))
            return false;
        // xdotool's search fails outright (BadWindow) when a window it lists is destroyed
        // before it asks about it, as Qt's start-up windows are: it is asked again.
        QString window;
        const bool found = QTest::qWaitFor(
            [&] {
                window = xdotool({QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                                  QStringLiteral("--pid"), QString::number(app.processId())})
                             .value_or(QString())
                             .section(u'\n', 0, 0);
                return !window.isEmpty() || app.state() == QProcess::NotRunning;
            },
            kDeadlineMs);
        if (!found || window.isEmpty()) {
            qWarning("the window of process %lld did not show", app.processId());
            return false;
        }
        // Until it is mapped, X refuses it the focus.
        const bool focused = QTest::qWaitFor(
            [&] {
                return xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), window})
                    .has_value();
            },
            kDeadlineMs);
        if (!focused)
            qWarning("the window %s did not take the focus", qPrintable(window));
        return focused;
    }
    bool keys(const QStringList &keys)
    {
        return xdotool(QStringList{QStringLiteral("key"), QStringLiteral("--delay"),
                                   QStringLiteral("40")} +
                       keys)
            .has_value();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_killbranch"))); }
    void init()
    {
        QVERIFY(setUp());
        m_display = qEnvironmentVariable("SLUICE_TEST_DISPLAY");
        if (m_display.isEmpty())
            QSKIP("needs a display for the window: run through run_on_xvfb.sh (gui_killbranch)");
        m_sent = 0;
        connect(&m_testServer, &QProcess::readyReadStandardOutput, this, [this] {
            while (m_testServer.canReadLine()) {
                const QString line = QString::fromUtf8(m_testServer.readLine()).trimmed();
                if (line.startsWith(u"sent "))
                    m_sent = line.mid(5).toLongLong();
                else if (line.startsWith(u"listening on "))
                    m_testServer.setProperty("url", line.mid(13));
            }
        });
        m_testServer.start(QStringLiteral(SLUICE_TESTSERVER_BIN),
                           {QStringLiteral("--reply"), slowReply(), QStringLiteral("--token-delay"),
                            QString::number(kTokenDelayMs), QStringLiteral("--tell-tokens")});
        QTRY_VERIFY_WITH_TIMEOUT(m_testServer.property("url").isValid(), kDeadlineMs);
        writeConfig(QStringLiteral(R"({"version": 1,
  "default": {"provider": "local", "model": "llama3.2:3b"},
  "providers": {"local": {"name": "Test Ollama", "type": "ollama", "base_url": "%1"}}})")
                        .arg(m_testServer.property("url").toString())
                        .toUtf8());
    }
    void cleanup()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("killbranch"));
        m_testServer.disconnect(this);
        m_testServer.kill();
        m_testServer.waitForFinished();
        m_testServer.setProperty("url", QVariant());
        tearDown();
    }

    void aBranchStreamingWhenTheWindowIsKilledComesBackMarked()
    {
        QProcess app;
        auto killApp = qScopeGuard([&app] {
            app.kill();
            app.waitForFinished();
        });
        QVERIFY(startWindow(app));
        QVERIFY(keys({QStringLiteral("ctrl+l")})); // the composer
        QVERIFY(xdotool({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"),
                         QStringLiteral("Name a long river")}));
        QVERIFY(keys({QStringLiteral("Return")}));

        const QString file = dataDir() + QStringLiteral("/history.sqlite");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), kDeadlineMs);
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("killbranch"));
        m_db.setDatabaseName(file);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QVERIFY(m_db.open());
        QTRY_COMPARE_WITH_TIMEOUT(
            value(QStringLiteral("SELECT count(*) FROM messages WHERE"
                                 " role = 'assistant' AND state = 'complete'"))
                .toInt(),
            1, kDeadlineMs);
        const qint64 question =
            value(QStringLiteral("SELECT id FROM messages WHERE role = 'user'")).toLongLong();
        const qint64 first =
            value(QStringLiteral("SELECT id FROM messages WHERE role = 'assistant'")).toLongLong();
        const qint64 sentBefore = m_sent; // the first reply, whole

        // Regenerate, and let the new version stream for 35 tokens (3.5 s of the server's
        // time): the process dies at a point the window's saves do not choose.
        QVERIFY(keys({QStringLiteral("ctrl+r")}));
        // A column of the newest reply other than the first one: the regenerated version.
        const auto ofBranch = [this, first](const char *column) {
            return value(QStringLiteral("SELECT %1 FROM messages WHERE role = 'assistant'"
                                        " AND id != %2 ORDER BY id DESC LIMIT 1")
                             .arg(QString::fromLatin1(column))
                             .arg(first));
        };
        QTRY_VERIFY_WITH_TIMEOUT(m_sent - sentBefore >= 35, kDeadlineMs);
        const qint64 sent = m_sent - sentBefore;
        app.kill();
        QVERIFY(app.waitForFinished(kDeadlineMs));
        QCOMPARE(app.exitStatus(), QProcess::CrashExit);
        const qint64 branch = ofBranch("id").toLongLong();

        // What reached the file: the start of the reply, all but at most the last second.
        const QString saved = ofBranch("content").toString();
        QCOMPARE(ofBranch("state").toString(), QStringLiteral("streaming"));
        QVERIFY2(slowReply().startsWith(saved), qPrintable(saved));
        const qint64 lost = sent - saved.size() / kTokenChars;
        const qint64 aSecond = 1000 / kTokenDelayMs;
        qInfo("sent %lld tokens of the branch, saved %lld, lost %lld (a second: %lld)", sent,
              qint64(saved.size() / kTokenChars), lost, aSecond);
        QVERIFY(saved.size() / kTokenChars >= 1);
        // A second's tokens, and one or two the window had not read yet.
        QVERIFY2(lost <= aSecond + 2, qPrintable(QStringLiteral("lost %1 tokens").arg(lost)));

        // The window again: the branch is marked interrupted as the file opens, and it is
        // still the version shown, beside the reply it was regenerated from.
        app.waitForFinished();
        QVERIFY(startWindow(app));
        QTRY_COMPARE_WITH_TIMEOUT(ofBranch("state").toString(), QStringLiteral("interrupted"),
                                  kDeadlineMs);
        QCOMPARE(ofBranch("content").toString(), saved);
        QCOMPARE(ofBranch("parent_id").toLongLong(), question);
        QCOMPARE(value(QStringLiteral("SELECT selected_message FROM conversations")).toLongLong(),
                 branch);
        QCOMPARE(
            value(
                QStringLiteral("SELECT count(*) FROM messages WHERE parent_id = %1").arg(question))
                .toInt(),
            2);
        app.kill();
        app.waitForFinished();
        m_db.close();

        // What the restarted window shows, opened as the user opens it (the same app shell,
        // offscreen): the interrupted reply, as version 2 of 2.
        QVERIFY(startShell());
        QTRY_COMPARE(historyList()->model()->rowCount(), 1);
        const QRect rect = historyList()->visualRect(historyList()->model()->index(0, 0));
        QTest::mouseClick(historyList()->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->message(0).content, QStringLiteral("Name a long river"));
        QCOMPARE(model()->message(1).content, saved);
        QCOMPARE(model()->message(1).state, MessageState::Interrupted);
        QCOMPARE(model()->index(1).data(ChatModel::VersionsRole).toPoint(), QPoint(2, 2));
    }
};

QTEST_MAIN(TestKillBranch)
#include "tst_killbranch.moc"
