// app.logging: the log file a user attaches to a bug report. It rotates, stays owner-only,
// honours the level, and never holds a key or an auth header.
#include "core/util/logfile.h"
#include "core/util/logging.h"
#include "core/net/redaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;

namespace {

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestLogFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { applyLogging(LogLevel::Warning, {}); }

    void writesOwnerOnlyAndHonoursTheLevel()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("logs/sluice.log"));
        QCOMPARE(applyLogging(LogLevel::Info, path), QString());
        QCOMPARE(currentLogFile(), path);
        qCDebug(lcNet) << "debug line not wanted";
        qCInfo(lcNet) << "info line wanted";
        qCWarning(lcProvider) << "warning line wanted";
        const QByteArray log = read(path);
        QVERIFY2(log.contains(" info sluice.net: info line wanted\n"), log.constData());
        QVERIFY(log.contains(" warning sluice.provider: warning line wanted\n"));
        QVERIFY(!log.contains("not wanted"));
#ifdef Q_OS_UNIX
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(QFileInfo(path).permissions() & others, QFileDevice::Permissions());
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOwner | QFileDevice::WriteOwner),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
#endif
        QCOMPARE(applyLogging(LogLevel::Off, path), QString());
        qCWarning(lcProvider) << "after off";
        QVERIFY(!read(path).contains("after off"));
    }

    void rotatesWithinItsLimits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sluice.log"));
        QCOMPARE(applyLogging(LogLevel::Warning, path, {300, 2}), QString());
        for (int i = 0; i < 60; ++i)
            qCWarning(lcNet).noquote() << QStringLiteral("line %1 of the log").arg(i);
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + u".1"));
        QVERIFY(QFile::exists(path + u".2"));
        QVERIFY(!QFile::exists(path + u".3"));
        for (const QString &p : QStringList{path, path + u".1", path + u".2"})
            QVERIFY2(QFileInfo(p).size() <= 300, qPrintable(p));
        QVERIFY(read(path).contains("line 59 of the log"));
        QVERIFY(!read(path + u".2").contains("line 0 of"));
    }

    // A provider's key, its auth headers and URL credentials, and anything shaped like a
    // credential, never reach the file.
    void linesAreRedacted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sluice.log"));
        QCOMPARE(applyLogging(LogLevel::Debug, path), QString());
        ProviderConfig c;
        c.apiKey = QStringLiteral("sk-log-secret-1111");
        c.baseUrl = QStringLiteral("http://bob:PWlogsecret@host/v1?token=TQlogsecret");
        c.headers = {{"X-Custom-Token", "ctok-log-secret-2222"}, {"X-Plain", "visible-value"}};
        rememberSecrets(c);
        qCDebug(lcProvider).noquote() << "server said: bad key sk-log-secret-1111, header"
                                      << "ctok-log-secret-2222, PWlogsecret, TQlogsecret,"
                                      << "visible-value";
        qCDebug(lcNet).noquote() << "Authorization: Bearer unknown-bearer-3333"
                                 << "http://eve:unknownpw@h/x?api_key=unknown-key-4444";
        const QByteArray log = read(path);
        for (const char *secret :
             {"sk-log-secret-1111", "ctok-log-secret-2222", "PWlogsecret", "TQlogsecret",
              "unknown-bearer-3333", "unknownpw", "unknown-key-4444"})
            QVERIFY2(!log.contains(secret),
                     qPrintable(QString::fromUtf8(log) + u" has " + QLatin1StringView(secret)));
        QVERIFY(log.contains("visible-value"));
        QVERIFY(log.contains("[REDACTED]"));
    }

    void unwritablePathIsSaid()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString error =
            applyLogging(LogLevel::Warning, dir.filePath(QStringLiteral("file/sluice.log")));
        QVERIFY2(error.startsWith(u"could not open the log file"), qPrintable(error));
        QCOMPARE(currentLogFile(), QString());
    }
};

QTEST_GUILESS_MAIN(TestLogFile)
#include "tst_logfile.moc"
