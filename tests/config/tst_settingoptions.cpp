// The command-line options made from the settings table (cli/settingoptions.h): their help
// states the table's defaults, and they check and apply values as the configuration file does.
#include "cli/settingoptions.h"
#include "core/config/config.h"
#include "core/config/settingstable.h"

#include <QCommandLineParser>
#include <QTest>

using namespace Sluice;
using namespace Qt::StringLiterals;

class TestSettingOptions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolvedProviderStartsFromTheSameDefaults();
    void optionHelpStatesTheTablesDefaults();
    void optionsOverrideTheProvider();
    void optionValuesOutOfRangeAreRefused_data();
    void optionValuesOutOfRangeAreRefused();
};

// A provider given only on the command line starts where a configured one does.
void TestSettingOptions::resolvedProviderStartsFromTheSameDefaults()
{
    ProviderEntry entry;
    ProviderConfig fromEntry;
    fromEntry.maxRetries = 99;
    carrySettings(entry, fromEntry);
    QCOMPARE(fromEntry.maxRetries, entry.maxRetries);
    for (const Setting &s : settings()) {
        if (s.inResolved)
            QVERIFY2(valueOf(s, ProviderConfig()) == valueOf(s, entry), qPrintable(s.key));
    }
}

void TestSettingOptions::optionHelpStatesTheTablesDefaults()
{
    QCommandLineParser parser;
    Cli::addSettingOptions(parser);
    const QString help = parser.helpText().simplified();
    QVERIFY(
        help.contains(u"--idle-timeout <S> Seconds allowed between tokens (default 60, 0 = off)."));
    QVERIFY(help.contains(u"--timeout <S> Seconds for the whole reply (default 0 = off)."));
    QVERIFY(help.contains(u"--retries <N> Retries before anything arrived, on retryable errors "
                          "(default 2)."));
    QVERIFY(help.contains(u"--http1 Use HTTP/1.1 even where HTTP/2 is offered."));
    for (const Setting &s : settings()) {
        if (s.inResolved && !s.option.isEmpty())
            QVERIFY2(help.contains(optionHelpText(s)), qPrintable(s.option));
    }
}

void TestSettingOptions::optionsOverrideTheProvider()
{
    QCommandLineParser parser;
    Cli::addSettingOptions(parser);
    QVERIFY(parser.parse({u"sluice"_s, u"--idle-timeout"_s, u"2.5"_s, u"--timeout"_s, u"0"_s,
                          u"--retries"_s, u"0"_s, u"--http1"_s}));
    ProviderConfig c;
    c.timeouts.totalMs = 1000;
    QString error;
    QVERIFY2(Cli::applySettingOptions(parser, c, &error), qPrintable(error));
    QCOMPARE(c.timeouts.idleMs, qint64(2500));
    QCOMPARE(c.timeouts.totalMs, qint64(0));
    QCOMPARE(c.timeouts.connectMs, ProviderConfig().timeouts.connectMs); // not given: kept
    QCOMPARE(c.maxRetries, 0);
    QCOMPARE(c.http2, false);
}

void TestSettingOptions::optionValuesOutOfRangeAreRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("seconds as text")
        << QStringList{u"--load-timeout"_s, u"5m"_s}
        << u"--load-timeout takes a number of seconds from 0 to 604800 (0 = off), not \"5m\""_s;
    QTest::newRow("negative seconds")
        << QStringList{u"--idle-timeout"_s, u"-1"_s}
        << u"--idle-timeout takes a number of seconds from 0 to 604800 (0 = off), not \"-1\""_s;
    QTest::newRow("too many retries")
        << QStringList{u"--retries"_s, u"11"_s}
        << u"--retries takes a whole number from 0 to 10, not \"11\""_s;
    QTest::newRow("half a retry") << QStringList{u"--retries"_s, u"1.5"_s}
                                  << u"--retries takes a whole number from 0 to 10, not \"1.5\""_s;
}

void TestSettingOptions::optionValuesOutOfRangeAreRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    QCommandLineParser parser;
    Cli::addSettingOptions(parser);
    QVERIFY(parser.parse(QStringList{u"sluice"_s} + args));
    ProviderConfig c;
    const ProviderConfig before = c;
    QString message;
    QVERIFY(!Cli::applySettingOptions(parser, c, &message));
    QCOMPARE(message, error);
    QCOMPARE(c.timeouts.idleMs, before.timeouts.idleMs);
    QCOMPARE(c.maxRetries, before.maxRetries);
}

QTEST_GUILESS_MAIN(TestSettingOptions)
#include "tst_settingoptions.moc"
