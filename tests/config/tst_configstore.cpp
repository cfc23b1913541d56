// sluice.json: reading every field, round trips, first run, paths, permissions, and the
// providers it gives the network layer. Broken files and migrations: tst_configerrors.
#include "configtestutil.h"
#include "core/config/configstore.h"
#include "core/config/defaults.h"
#include "core/config/urls.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Sluice;
using namespace SluiceTest;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QProcessEnvironment)

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
    void savedFileIsOwnerOnly();
    void firstRunWritesNothing();
    void firstRunDefaults_data();
    void firstRunDefaults();
    void pathChoice();
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
