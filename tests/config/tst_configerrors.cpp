// sluice.json that cannot be used as it is: broken files and the one sentence that says where
// and why, unreadable files, broken files moved aside and never overwritten, migrations.
#include "configtestutil.h"
#include "core/config/configjson.h"
#include "core/config/configstore.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Sluice;
using namespace SluiceTest;
using namespace Qt::StringLiterals;

class TestConfigErrors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void brokenFile_data();
    void brokenFile();
    void unreadableFileIsBroken();
    void brokenFileIsMovedAsideNeverOverwritten();
    void migrationRunsSteps();
    void lineAndColumnCountCharacters();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("sluice.json")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfigErrors::brokenFile_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("sentence"); // %1 = the file

    QTest::newRow("missing comma")
        << QByteArray("{\n  \"version\": 1\n  \"providers\": {}\n}") << QString() << 3 << 4
        << u"%1 is not valid JSON at line 3, column 4: unterminated "
           "object."_s;
    QTest::newRow("unterminated string")
        << QByteArray("{\"providers\": {\"a\": {\"type\": \"olla") << QString() << 1 << 35
        << u"%1 is not valid JSON at line 1, column 35: unterminated "
           "string."_s;
    QTest::newRow("multibyte before error")
        << QByteArray("{\"app\": {\"theme\": \"\xc3\xa9t\xc3\xa9\",,}}") << QString() << 1 << 26
        << u"%1 is not valid JSON at line 1, column 26: unterminated object."_s; // characters, not
                                                                                 // bytes
    QTest::newRow("not an object") << QByteArray("[1, 2]") << QString() << 0 << 0
                                   << u"%1 must hold one JSON object { … }, not a list or a "
                                      "value."_s;
    QTest::newRow("wrong bool")
        << QByteArray(R"({"providers": {"ollama": {"type": "ollama",
           "base_url": "http://localhost:11434", "stream": "yes"}}})")
        << u"providers.ollama.stream"_s << 0 << 0
        << u"In %1, providers.ollama.stream must be true or false, not \"yes\"."_s;
    QTest::newRow("unknown type")
        << QByteArray(R"({"providers": {"g": {"type": "gemini", "base_url": "https://x.y"}}})")
        << u"providers.g.type"_s << 0 << 0
        << u"In %1, providers.g.type is \"gemini\", which Sluice does not speak; use \"ollama\", "
           "\"openai\" (any OpenAI-compatible server) or \"anthropic\"."_s;
    QTest::newRow("missing type")
        << QByteArray(R"({"providers": {"g": {"base_url": "https://x.y"}}})")
        << u"providers.g.type"_s << 0 << 0
        << u"In %1, providers.g.type is missing; use \"ollama\", \"openai\" or \"anthropic\"."_s;
    QTest::newRow("url without scheme")
        << QByteArray(R"({"providers": {"o": {"type": "ollama", "base_url": "localhost:11434"}}})")
        << u"providers.o.base_url"_s << 0 << 0
        << u"In %1, providers.o.base_url must start with http:// or https://, not "
           "\"localhost:11434\" (did you mean \"http://localhost:11434\"?)."_s;
    QTest::newRow("url with other scheme")
        << QByteArray(R"({"providers": {"o": {"type": "openai", "base_url": "ftp://h/v1"}}})")
        << u"providers.o.base_url"_s << 0 << 0
        << u"In %1, providers.o.base_url must be an http or https URL, not \"ftp://h/v1\"."_s;
    QTest::newRow("missing url")
        << QByteArray(R"({"providers": {"o": {"type": "anthropic"}}})") << u"providers.o.base_url"_s
        << 0 << 0
        << u"In %1, providers.o.base_url is missing, e.g. \"https://api.anthropic.com\"."_s;
    QTest::newRow("negative timeout")
        << QByteArray(R"({"providers": {"o": {"type": "ollama", "base_url": "http://h:1",
           "timeouts": {"idle": -5}}}})")
        << u"providers.o.timeouts.idle"_s << 0 << 0
        << u"In %1, providers.o.timeouts.idle must be a number from 0 to 604800, not -5."_s;
    QTest::newRow("timeout as text")
        << QByteArray(R"({"providers": {"o": {"type": "ollama", "base_url": "http://h:1",
           "timeouts": {"load": "5m"}}}})")
        << u"providers.o.timeouts.load"_s << 0 << 0
        << u"In %1, providers.o.timeouts.load must be a number from 0 to 604800, not \"5m\"."_s;
    QTest::newRow("models not a list")
        << QByteArray(R"({"providers": {"o": {"type": "ollama", "base_url": "http://h:1",
           "models": {"id": "x"}}}})")
        << u"providers.o.models"_s << 0 << 0
        << u"In %1, providers.o.models must be a list [ … ], not an object."_s;
    QTest::newRow("model without id")
        << QByteArray(R"({"providers": {"o": {"type": "ollama", "base_url": "http://h:1",
           "models": [{"id": "a"}, {"name": "b"}]}}})")
        << u"providers.o.models[1].id"_s << 0 << 0
        << u"In %1, providers.o.models[1].id is missing; every model needs the id the server "
           "knows it by."_s;
    QTest::newRow("fractional context")
        << QByteArray(R"({"providers": {"o": {"type": "ollama", "base_url": "http://h:1",
           "models": [{"id": "a", "context_window": 10.5}]}}})")
        << u"providers.o.models[0].context_window"_s << 0 << 0
        << u"In %1, providers.o.models[0].context_window must be a whole number from 0 to "
           "100000000, not 10.5."_s;
    QTest::newRow("header not text")
        << QByteArray(R"({"providers": {"o": {"type": "ollama", "base_url": "http://h:1",
           "headers": {"X-Retries": 3}}}})")
        << u"providers.o.headers.X-Retries"_s << 0 << 0
        << u"In %1, providers.o.headers.X-Retries must be text in quotes, not 3."_s;
    QTest::newRow("bad provider id")
        << QByteArray(R"({"providers": {"my provider": {"type": "ollama",
           "base_url": "http://h:1"}}})")
        << u"providers.my provider"_s << 0 << 0
        << u"In %1, providers.my provider has an id that is not allowed; use letters, digits, "
           "'-', '_' and '.'."_s;
    QTest::newRow("unknown default provider")
        << QByteArray(R"({"default": {"provider": "nope"}, "providers": {}})")
        << u"default.provider"_s << 0 << 0
        << u"In %1, default.provider names \"nope\", which is not one of the providers."_s;
    QTest::newRow("providers not an object")
        << QByteArray(R"({"providers": []})") << u"providers"_s << 0 << 0
        << u"In %1, providers must be an object { … }, not a list."_s;
    QTest::newRow("bad theme") << QByteArray(R"({"app": {"theme": "solarized"}})") << u"app.theme"_s
                               << 0 << 0
                               << u"In %1, app.theme must be \"system\", \"light\" or \"dark\", "
                                  "not \"solarized\"."_s;
    QTest::newRow("newer version")
        << QByteArray(R"({"version": 7, "providers": {}})") << u"version"_s << 0 << 0
        << u"In %1, version is 7: the file was written by a newer Sluice, and this one reads "
           "versions up to 1."_s;
}

void TestConfigErrors::brokenFile()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, sentence);

    writeFile(path(), json);
    ConfigStore store(path());
    QCOMPARE(store.load(), ConfigStore::LoadResult::Broken);
    QCOMPARE(store.error().message, sentence.arg(path()));
    QCOMPARE(store.error().file, path());
    QCOMPARE(store.error().field, field);
    QCOMPARE(store.error().line, line);
    QCOMPARE(store.error().column, column);
    QVERIFY(store.config().providers.isEmpty());
}

void TestConfigErrors::unreadableFileIsBroken()
{
    // A directory where the file should be cannot be opened for reading as a file.
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("sluice.json")));
    ConfigStore store(path());
    QCOMPARE(store.load(), ConfigStore::LoadResult::Broken);
    QVERIFY(store.error().message.startsWith(path() + u" cannot be read: "));
    QVERIFY(QDir(m_dir->path()).rmdir(QStringLiteral("sluice.json")));
}

void TestConfigErrors::brokenFileIsMovedAsideNeverOverwritten()
{
    const QByteArray broken("{\"providers\": {\"x\": {\"type\": \"ollama\"}}, }");
    writeFile(path(), broken);
    ConfigStore store(path());
    QCOMPARE(store.load(), ConfigStore::LoadResult::Broken);

    QString error;
    QVERIFY(!store.save(&error));
    QVERIFY(error.contains(u"was not overwritten"));
    QCOMPARE(readFile(path()), broken);

    QVERIFY(store.startFromDefaults(QProcessEnvironment(), &error));
    const QString backup = store.brokenFileBackup();
    QVERIFY(QRegularExpression(QStringLiteral("/sluice\\.json\\.broken-\\d{8}-\\d{6}$"))
                .match(backup)
                .hasMatch());
    QCOMPARE(readFile(backup), broken);
    QVERIFY(!QFile::exists(path()));
    QCOMPARE(store.config().providers.size(), 1);
    QVERIFY(store.save(&error));
    QCOMPARE(store.load(), ConfigStore::LoadResult::Loaded);

    // A second broken file in the same second gets its own name; the first stays intact.
    writeFile(path(), "nonsense");
    QCOMPARE(store.load(), ConfigStore::LoadResult::Broken);
    QVERIFY(store.startFromDefaults(QProcessEnvironment(), &error));
    const QString second = store.brokenFileBackup();
    QVERIFY(second != backup);
    QCOMPARE(readFile(second), QByteArray("nonsense"));
    QCOMPARE(readFile(backup), broken);
}

void TestConfigErrors::migrationRunsSteps()
{
    QMap<int, ConfigMigration> steps;
    steps.insert(0, [](QJsonObject &root) { // e.g. "servers" was renamed "providers"
        root.insert(QStringLiteral("providers"), root.take(QStringLiteral("servers")));
    });
    const QByteArray old(
        R"({"version": 0, "servers": {"o": {"type": "ollama", "base_url": "http://h:1"}}})");
    const ConfigParseResult migrated = parseConfig(old, u"f.json"_s, steps);
    QVERIFY(migrated.config);
    QVERIFY(migrated.migrated);
    QCOMPARE(migrated.config->providers.size(), 1);
    QCOMPARE(configToJson(*migrated.config).value(u"version").toInt(), 1);
    QVERIFY(!configToJson(*migrated.config).contains(u"servers"));

    const ConfigParseResult gap = parseConfig(old, u"f.json"_s, {});
    QVERIFY(!gap.config);
    QCOMPARE(gap.error.message, u"In f.json, version is 0, which this Sluice cannot upgrade.");

    const ConfigParseResult current = parseConfig(R"({"providers": {}})", u"f.json"_s, steps);
    QVERIFY(current.config);
    QVERIFY(!current.migrated);
}

void TestConfigErrors::lineAndColumnCountCharacters()
{
    const QByteArray text("ab\n\xc3\xa9\xc3\xa9x\nz");
    QCOMPARE(lineAndColumn(text, 0), qMakePair(1, 1));
    QCOMPARE(lineAndColumn(text, 3), qMakePair(2, 1));
    QCOMPARE(lineAndColumn(text, 7), qMakePair(2, 3)); // two 2-byte characters before 'x'
    QCOMPARE(lineAndColumn(text, 9), qMakePair(3, 1));
}

QTEST_GUILESS_MAIN(TestConfigErrors)
#include "tst_configerrors.moc"
