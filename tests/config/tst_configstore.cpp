// sluice.json: round trips, broken files, first run, paths, permissions, migrations.
#include "core/config/configjson.h"
#include "core/config/configstore.h"
#include "core/config/defaults.h"
#include "core/config/urls.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Sluice;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QProcessEnvironment)

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

QProcessEnvironment envWith(std::initializer_list<std::pair<const char *, const char *>> vars)
{
    QProcessEnvironment env;
    for (const auto &[k, v] : vars)
        env.insert(QString::fromUtf8(k), QString::fromUtf8(v));
    return env;
}

QByteArray fullFile()
{
    return readFile(QStringLiteral(SLUICE_CONFIG_FIXTURES "/sluice-full.json"));
}

} // namespace

class TestConfigStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void readsEveryField();
    void roundTripKeepsUnknownFields();
    void roundTripOfEditedConfig();
    void defaultsAreNotWrittenOut();
    void brokenFile_data();
    void brokenFile();
    void unreadableFileIsBroken();
    void brokenFileIsMovedAsideNeverOverwritten();
    void savedFileIsOwnerOnly();
    void firstRunWritesNothing();
    void firstRunDefaults_data();
    void firstRunDefaults();
    void pathChoice();
    void migrationRunsSteps();
    void lineAndColumnCountCharacters();
    void changedSignal();
    void providerConfigsForTheNetworkLayer();
    void documentedExampleLoads();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("sluice.json")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfigStore::readsEveryField()
{
    writeFile(path(), fullFile());
    ConfigStore store(path());
    QCOMPARE(store.load(), ConfigStore::LoadResult::Loaded);
    const Config &c = store.config();
    QCOMPARE(c.defaultProvider, u"lan");
    QCOMPARE(c.defaultModel, u"qwen3:8b");
    QCOMPARE(c.providers.size(), 2);
    QCOMPARE(c.providers.at(0).id, u"lan"); // provider_order wins over alphabetical order
    const ProviderEntry &lan = c.providers.at(0);
    QCOMPARE(lan.name, u"Ollama on the LAN");
    QCOMPARE(lan.type, ProviderType::Ollama);
    QCOMPARE(lan.baseUrl, u"http://10.0.0.5:11434");
    QCOMPARE(lan.headers.size(), 1);
    QCOMPARE(lan.headers.first().second, u"${TEAM}"); // references are kept unexpanded
    QCOMPARE(lan.models.size(), 2);
    QCOMPARE(lan.models.at(0).contextWindow, 32768);
    QCOMPARE(lan.models.at(0).maxTokens, 2048);
    QCOMPARE(lan.models.at(0).temperature, 0.6);
    QCOMPARE(lan.models.at(1).id, u"llama3.2");
    QVERIFY(!lan.models.at(1).temperature.has_value());
    QCOMPARE(lan.stream, false);
    QCOMPARE(lan.http2, false);
    QCOMPARE(lan.timeouts.connectMs, 2500);
    QCOMPARE(lan.timeouts.firstTokenMs, 30000);
    QCOMPARE(lan.timeouts.loadMs, 600000);
    QCOMPARE(lan.timeouts.idleMs, 0);
    QCOMPARE(lan.timeouts.totalMs, 900000);
    const ProviderEntry &claude = c.providers.at(1);
    QCOMPARE(claude.displayName(), u"claude");
    QCOMPARE(claude.apiKey, u"$ANTHROPIC_API_KEY");
    QCOMPARE(claude.timeouts.idleMs, Timeouts().idleMs); // absent → default
    QCOMPARE(c.app.theme, Theme::Dark);
    QCOMPARE(c.app.fontSize, 13);
    QCOMPARE(c.app.sendKey, SendKey::CtrlEnter);
    QCOMPARE(c.app.logLevel, LogLevel::Debug);
}

void TestConfigStore::roundTripKeepsUnknownFields()
{
    writeFile(path(), fullFile());
    ConfigStore store(path());
    QCOMPARE(store.load(), ConfigStore::LoadResult::Loaded);
    Config c = store.config();
    c.provider(QStringLiteral("lan"))->baseUrl = QStringLiteral("http://10.0.0.6:11434");
    c.provider(QStringLiteral("lan"))->models[0].maxTokens = 4096;
    c.app.theme = Theme::Light;
    store.setConfig(c);
    QVERIFY(store.save());

    const QJsonObject root = readJson(path());
    QCOMPARE(root.value(u"x_future_section").toObject().value(u"keep").toArray().size(), 3);
    QCOMPARE(root.value(u"default").toObject().value(u"x_pin").toBool(), true);
    const QJsonObject providers = root.value(u"providers").toObject();
    QCOMPARE(providers.value(u"claude").toObject().value(u"x_comment").toString(), u"work account");
    const QJsonObject lan = providers.value(u"lan").toObject();
    QCOMPARE(lan.value(u"base_url").toString(), u"http://10.0.0.6:11434");
    const QJsonObject qwen = lan.value(u"models").toArray().at(0).toObject();
    QCOMPARE(qwen.value(u"x_price").toInt(-1), 0);
    QCOMPARE(qwen.value(u"max_tokens").toInt(), 4096);
    QCOMPARE(lan.value(u"timeouts").toObject().value(u"connect").toDouble(), 2.5);
    const QJsonObject app = root.value(u"app").toObject();
    QCOMPARE(app.value(u"theme").toString(), u"light");
    QCOMPARE(app.value(u"logging").toObject().value(u"x_rotate").toInt(), 3);

    ConfigStore again(path());
    QCOMPARE(again.load(), ConfigStore::LoadResult::Loaded);
    QCOMPARE(again.config(), c);
}

void TestConfigStore::roundTripOfEditedConfig()
{
    ConfigStore store(path());
    QCOMPARE(store.load(QProcessEnvironment()), ConfigStore::LoadResult::FirstRun);
    Config c = store.config();
    ProviderEntry p;
    p.id = QStringLiteral("zeta");
    p.name = QStringLiteral("Zeta vLLM");
    p.type = ProviderType::OpenAI;
    p.baseUrl = QStringLiteral("http://gpu-box:8000/v1");
    p.apiKey = QStringLiteral("keychain:");
    p.headers = {{QStringLiteral("X-A"), QStringLiteral("1")},
                 {QStringLiteral("X-B"), QStringLiteral("$B")}};
    p.models = {ModelEntry{QStringLiteral("m1"), QString(), 8192, 0, 0.0}};
    p.timeouts.totalMs = 1500;
    p.maxRetries = 0;
    p.retryBaseDelayMs = 250;
    c.providers.prepend(p); // not alphabetical: the order must survive
    c.defaultProvider = p.id;
    c.app.dataDir = QStringLiteral("/data/sluice");
    c.app.logFile = QStringLiteral("/tmp/sluice.log");
    store.setConfig(c);
    QString error;
    QVERIFY2(store.save(&error), qPrintable(error));

    ConfigStore again(path());
    QCOMPARE(again.load(), ConfigStore::LoadResult::Loaded);
    QCOMPARE(again.config(), c);
    QCOMPARE(again.config().providers.first().id, u"zeta");
    QCOMPARE(again.config().providers.first().models.first().temperature, 0.0);
}

void TestConfigStore::defaultsAreNotWrittenOut()
{
    ConfigStore store(path());
    store.load(QProcessEnvironment());
    QVERIFY(store.save());
    const QJsonObject ollama =
        readJson(path()).value(u"providers").toObject().value(u"ollama").toObject();
    QCOMPARE(ollama.value(u"type").toString(), u"ollama");
    QVERIFY(!ollama.contains(u"timeouts"));
    QVERIFY(!ollama.contains(u"stream"));
    QVERIFY(!ollama.contains(u"api_key"));
    QCOMPARE(readJson(path()).value(u"version").toInt(), 1);
}

void TestConfigStore::brokenFile_data()
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

void TestConfigStore::brokenFile()
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

void TestConfigStore::unreadableFileIsBroken()
{
    // A directory where the file should be cannot be opened for reading as a file.
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("sluice.json")));
    ConfigStore store(path());
    QCOMPARE(store.load(), ConfigStore::LoadResult::Broken);
    QVERIFY(store.error().message.startsWith(path() + u" cannot be read: "));
    QVERIFY(QDir(m_dir->path()).rmdir(QStringLiteral("sluice.json")));
}

void TestConfigStore::brokenFileIsMovedAsideNeverOverwritten()
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

void TestConfigStore::savedFileIsOwnerOnly()
{
#ifdef Q_OS_UNIX
    writeFile(path(), "{}");
    QVERIFY(QFile::setPermissions(path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                              QFile::ReadOther));
    ConfigStore store(path());
    QCOMPARE(store.load(), ConfigStore::LoadResult::Loaded);
    Config c = store.config();
    c.providers.append(defaultConfig(QProcessEnvironment()).providers.first());
    c.providers.first().apiKey = QStringLiteral("sk-plaintext-by-choice");
    store.setConfig(c);
    QVERIFY(store.save());
    const QFile::Permissions perms = QFile::permissions(path());
    QVERIFY(perms.testFlag(QFile::ReadOwner) && perms.testFlag(QFile::WriteOwner));
    QVERIFY(!(perms & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther |
                       QFile::ExeOwner)));

    // A new file in a new folder, too.
    ConfigStore fresh(m_dir->filePath(QStringLiteral("sub/dir/sluice.json")));
    fresh.load(QProcessEnvironment());
    QVERIFY(fresh.save());
    QVERIFY(!(QFile::permissions(fresh.path()) & (QFile::ReadGroup | QFile::ReadOther)));
#else
    QSKIP("Owner-only permissions are a POSIX notion.");
#endif
}

void TestConfigStore::firstRunWritesNothing()
{
    ConfigStore store(path());
    QCOMPARE(store.load(QProcessEnvironment()), ConfigStore::LoadResult::FirstRun);
    QVERIFY(!QFile::exists(path()));
    QCOMPARE(store.defaultProviderId(), u"ollama");
}

void TestConfigStore::firstRunDefaults_data()
{
    QTest::addColumn<QProcessEnvironment>("env");
    QTest::addColumn<QString>("ollamaUrl");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QString>("openAiUrl");

    const QStringList onlyOllama{QStringLiteral("ollama")};
    QTest::newRow("empty") << QProcessEnvironment() << u"http://localhost:11434"_s << onlyOllama
                           << QStringList{QString()} << QString();
    QTest::newRow("0.0.0.0") << envWith({{"OLLAMA_HOST", "0.0.0.0"}}) << u"http://127.0.0.1:11434"_s
                             << onlyOllama << QStringList{QString()} << QString();
    QTest::newRow("0.0.0.0:port") << envWith({{"OLLAMA_HOST", "0.0.0.0:8081"}})
                                  << u"http://127.0.0.1:8081"_s << onlyOllama
                                  << QStringList{QString()} << QString();
    QTest::newRow(":port") << envWith({{"OLLAMA_HOST", ":9999"}}) << u"http://127.0.0.1:9999"_s
                           << onlyOllama << QStringList{QString()} << QString();
    QTest::newRow("host") << envWith({{"OLLAMA_HOST", "gpu-box"}}) << u"http://gpu-box:11434"_s
                          << onlyOllama << QStringList{QString()} << QString();
    QTest::newRow("ipv6") << envWith({{"OLLAMA_HOST", "[::1]:11500"}}) << u"http://[::1]:11500"_s
                          << onlyOllama << QStringList{QString()} << QString();
    QTest::newRow("ipv6 any") << envWith({{"OLLAMA_HOST", "[::]"}}) << u"http://127.0.0.1:11434"_s
                              << onlyOllama << QStringList{QString()} << QString();
    QTest::newRow("https url") << envWith({{"OLLAMA_HOST", "https://ollama.example.com/"}})
                               << u"https://ollama.example.com"_s << onlyOllama
                               << QStringList{QString()} << QString();
    QTest::newRow("http url with port and path")
        << envWith({{"OLLAMA_HOST", "http://10.1.2.3:8000/ollama/"}})
        << u"http://10.1.2.3:8000/ollama"_s << onlyOllama << QStringList{QString()} << QString();
    QTest::newRow("openai key") << envWith({{"OPENAI_API_KEY", "sk-secret"}})
                                << u"http://localhost:11434"_s
                                << QStringList{u"ollama"_s, u"openai"_s}
                                << QStringList{QString(), u"$OPENAI_API_KEY"_s}
                                << u"https://api.openai.com/v1"_s;
    QTest::newRow("openai base url only")
        << envWith({{"OPENAI_BASE_URL", "http://vllm:8000/v1"}}) << u"http://localhost:11434"_s
        << QStringList{u"ollama"_s, u"openai"_s} << QStringList{QString(), QString()}
        << u"http://vllm:8000/v1"_s;
    QTest::newRow("everything") << envWith({{"OLLAMA_HOST", "127.0.0.1:11434"},
                                            {"OPENAI_API_KEY", "sk-a"},
                                            {"OPENAI_BASE_URL", "https://openrouter.ai/api/v1"},
                                            {"ANTHROPIC_API_KEY", "sk-ant"}})
                                << u"http://127.0.0.1:11434"_s
                                << QStringList{u"ollama"_s, u"openai"_s, u"anthropic"_s}
                                << QStringList{QString(), u"$OPENAI_API_KEY"_s,
                                               u"$ANTHROPIC_API_KEY"_s}
                                << u"https://openrouter.ai/api/v1"_s;
}

void TestConfigStore::firstRunDefaults()
{
    QFETCH(QProcessEnvironment, env);
    QFETCH(QString, ollamaUrl);
    QFETCH(QStringList, ids);
    QFETCH(QStringList, keys);
    QFETCH(QString, openAiUrl);

    ConfigStore store(path());
    QCOMPARE(store.load(env), ConfigStore::LoadResult::FirstRun);
    const Config &c = store.config();
    QStringList actualIds, actualKeys;
    for (const ProviderEntry &p : c.providers) {
        actualIds.append(p.id);
        actualKeys.append(p.apiKey);
        QVERIFY2(baseUrlProblem(p.baseUrl).isEmpty(), qPrintable(p.baseUrl));
    }
    QCOMPARE(actualIds, ids);
    QCOMPARE(actualKeys, keys);
    QCOMPARE(c.provider(QStringLiteral("ollama"))->baseUrl, ollamaUrl);
    if (!openAiUrl.isEmpty())
        QCOMPARE(c.provider(QStringLiteral("openai"))->baseUrl, openAiUrl);
    QCOMPARE(c.defaultProvider, u"ollama");

    // The defaults are a valid file; keys stay references in it.
    QVERIFY(store.save());
    QVERIFY(!readFile(path()).contains("sk-"));
    ConfigStore again(path());
    QCOMPARE(again.load(), ConfigStore::LoadResult::Loaded);
    QCOMPARE(again.config(), c);
}

void TestConfigStore::pathChoice()
{
    const QProcessEnvironment env = envWith({{"SLUICE_CONFIG", "/etc/sluice/team.json"}});
    QCOMPARE(ConfigStore::choosePath(u"/tmp/cli.json"_s, env), u"/tmp/cli.json");
    QCOMPARE(ConfigStore::choosePath(QString(), env), u"/etc/sluice/team.json");
    const QString standard = ConfigStore::choosePath(QString(), QProcessEnvironment());
    QCOMPARE(standard, ConfigStore::standardPath());
    QVERIFY(standard.endsWith(u"/sluice.json"));
    QVERIFY(
        standard.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)));
}

void TestConfigStore::migrationRunsSteps()
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

void TestConfigStore::lineAndColumnCountCharacters()
{
    const QByteArray text("ab\n\xc3\xa9\xc3\xa9x\nz");
    QCOMPARE(lineAndColumn(text, 0), qMakePair(1, 1));
    QCOMPARE(lineAndColumn(text, 3), qMakePair(2, 1));
    QCOMPARE(lineAndColumn(text, 7), qMakePair(2, 3)); // two 2-byte characters before 'x'
    QCOMPARE(lineAndColumn(text, 9), qMakePair(3, 1));
}

void TestConfigStore::changedSignal()
{
    ConfigStore store(path());
    QSignalSpy spy(&store, &ConfigStore::changed);
    store.load(QProcessEnvironment());
    QCOMPARE(spy.count(), 1);
    Config c = store.config();
    store.setConfig(c);
    QCOMPARE(spy.count(), 1);
    c.providers.first().stream = false;
    store.setConfig(c);
    QCOMPARE(spy.count(), 2);
}

void TestConfigStore::providerConfigsForTheNetworkLayer()
{
    writeFile(path(), fullFile());
    ConfigStore store(path());
    QCOMPARE(store.load(), ConfigStore::LoadResult::Loaded);
    const QProcessEnvironment env =
        envWith({{"TEAM", "blue"}, {"ANTHROPIC_API_KEY", "sk-ant-0123456789"}});
    QStringList errors;
    const QList<ProviderConfig> list = store.providerConfigs({}, &errors, env);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(list.size(), 2);
    const ProviderConfig &lan = list.at(0);
    QCOMPARE(lan.id, u"lan");
    QCOMPARE(lan.name, u"Ollama on the LAN");
    QCOMPARE(lan.headers.first().first, QByteArray("X-Team"));
    QCOMPARE(lan.headers.first().second, QByteArray("blue"));
    QCOMPARE(lan.stream, false);
    QCOMPARE(lan.http2, false);
    QCOMPARE(lan.timeouts.connectMs, 2500);
    QCOMPARE(lan.timeouts.idleMs, 0);
    QCOMPARE(list.at(1).apiKey, u"sk-ant-0123456789");
    QCOMPARE(list.at(1).type, ProviderType::Anthropic);
    QCOMPARE(store.defaultProviderId(), u"lan");
    QCOMPARE(store.defaultModel(), u"qwen3:8b");

    // Without the variable the provider is left out and the reason names it.
    const QList<ProviderConfig> partial =
        store.providerConfigs({}, &errors, envWith({{"TEAM", "x"}}));
    QCOMPARE(partial.size(), 1);
    QCOMPARE(errors, QStringList{u"Provider \"claude\": api_key uses the environment variable "
                                 "ANTHROPIC_API_KEY, which is not set."_s});
    QVERIFY(!store.providerConfig(u"nope"_s).config);
}

void TestConfigStore::documentedExampleLoads()
{
    const QString example = QStringLiteral(SLUICE_DOCS_DIR "/examples/sluice.json");
    ConfigStore store(example);
    QCOMPARE(store.load(), ConfigStore::LoadResult::Loaded);
    QCOMPARE(store.config().providers.size(), 5);
    QCOMPARE(store.config().providers.at(3).id, u"openrouter");
    QCOMPARE(store.config().provider(u"lan-vllm"_s)->timeouts.idleMs, 30000);
}

QTEST_GUILESS_MAIN(TestConfigStore)
#include "tst_configstore.moc"
