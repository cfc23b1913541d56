// API keys: $VAR expansion, keychain references, the plaintext fallback, redaction.
#include "core/config/configstore.h"
#include "core/config/envexpand.h"
#include "core/config/keychainsecretstore.h"
#include "core/config/redact.h"
#include "core/config/resolve.h"
#include "core/config/secretstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Sluice;
using namespace Qt::StringLiterals;

class TestConfigKeys final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expand_data();
    void expand();
    void missingVariableNamesVariableAndProvider();
    void headerValuesExpand();
    void keychainReferenceIsReadFromTheStore();
    void keychainUnavailableFailsTheProviderClearly();
    void keyGoesToKeychainFileKeepsReference();
    void noKeychainUserKeepsKeyInOwnerOnlyFile();
    void callbacksNeverOutliveTheirContext();
    void realKeychainAnswersOrSaysUnavailable();
    void redact_data();
    void redact();

private:
    static ProviderEntry openAi(const QString &key)
    {
        ProviderEntry p;
        p.id = QStringLiteral("openai");
        p.name = QStringLiteral("OpenAI");
        p.type = ProviderType::OpenAI;
        p.baseUrl = QStringLiteral("https://api.openai.com/v1");
        p.apiKey = key;
        return p;
    }
};

void TestConfigKeys::expand_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("missing");
    QTest::addColumn<bool>("malformed");

    QTest::newRow("plain") << u"sk-literal"_s << u"sk-literal"_s << QString() << false;
    QTest::newRow("$VAR") << u"$KEY"_s << u"secret"_s << QString() << false;
    QTest::newRow("${VAR}") << u"${KEY}"_s << u"secret"_s << QString() << false;
    QTest::newRow("embedded") << u"Bearer ${KEY}-x"_s << u"Bearer secret-x"_s << QString() << false;
    QTest::newRow("name ends at non-name char")
        << u"$KEY.suffix"_s << u"secret.suffix"_s << QString() << false;
    QTest::newRow("two") << u"$KEY$EMPTY:$KEY"_s << u"secret:secret"_s << QString() << false;
    QTest::newRow("set but empty") << u"[$EMPTY]"_s << u"[]"_s << QString() << false;
    QTest::newRow("$$ escapes") << u"$$KEY"_s << u"$KEY"_s << QString() << false;
    QTest::newRow("lone $") << u"cost $ 5 $"_s << u"cost $ 5 $"_s << QString() << false;
    QTest::newRow("$digit stays") << u"$5"_s << u"$5"_s << QString() << false;
    QTest::newRow("missing") << u"$NOPE"_s << QString() << u"NOPE"_s << false;
    QTest::newRow("missing in braces") << u"x${NOPE}"_s << QString() << u"NOPE"_s << false;
    QTest::newRow("unclosed brace") << u"${KEY"_s << QString() << QString() << true;
    QTest::newRow("empty braces") << u"${}"_s << QString() << QString() << true;
    QTest::newRow("bad name") << u"${A-B}"_s << QString() << QString() << true;
}

void TestConfigKeys::expand()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QString, missing);
    QFETCH(bool, malformed);

    QProcessEnvironment env;
    env.insert(u"KEY"_s, u"secret"_s);
    env.insert(u"EMPTY"_s, QString());
    const ExpandResult r = expandVariables(text, env);
    QCOMPARE(r.value, expected);
    QCOMPARE(r.missingVariable, missing);
    QCOMPARE(r.malformed, malformed);
}

void TestConfigKeys::missingVariableNamesVariableAndProvider()
{
    const ResolvedProvider r = resolveProvider(openAi(u"${OPENAI_API_KEY}"_s), {});
    QVERIFY(!r.config);
    QCOMPARE(r.error, u"Provider \"OpenAI\": api_key uses the environment variable "
                      "OPENAI_API_KEY, which is not set.");

    QProcessEnvironment env;
    env.insert(u"OPENAI_API_KEY"_s, u"sk-from-env-1234"_s);
    const ResolvedProvider ok = resolveProvider(openAi(u"${OPENAI_API_KEY}"_s), env);
    QVERIFY(ok.config);
    QCOMPARE(ok.config->apiKey, u"sk-from-env-1234");
    // The file keeps the reference: resolving did not change the entry.
    QCOMPARE(openAi(u"${OPENAI_API_KEY}"_s).apiKey, u"${OPENAI_API_KEY}");
}

void TestConfigKeys::headerValuesExpand()
{
    ProviderEntry p = openAi(QString());
    p.headers = {{u"HTTP-Referer"_s, u"https://example.org"_s}, {u"X-Org"_s, u"org-$ORG"_s}};
    QProcessEnvironment env;
    env.insert(u"ORG"_s, u"42"_s);
    const ResolvedProvider r = resolveProvider(p, env);
    QVERIFY(r.config);
    QVERIFY(r.config->apiKey.isEmpty());
    QCOMPARE(r.config->headers.size(), 2);
    QCOMPARE(r.config->headers.at(1).second, QByteArray("org-42"));

    const ResolvedProvider missing = resolveProvider(p, {});
    QCOMPARE(missing.error, u"Provider \"OpenAI\": header X-Org uses the environment variable "
                            "ORG, which is not set.");
}

void TestConfigKeys::keychainReferenceIsReadFromTheStore()
{
    MemorySecretStore store;
    store.secrets.insert(u"openai"_s, u"sk-in-keychain-9876"_s);
    store.secrets.insert(u"shared"_s, u"sk-shared-5555"_s);
    Config c;
    c.providers = {openAi(keychainReference()), openAi(u"keychain:shared"_s)};
    c.providers[1].id = u"openai-2"_s;
    QCOMPARE(keychainAccounts(c), (QStringList{u"openai"_s, u"shared"_s}));

    std::optional<QHash<QString, SecretResult>> secrets;
    readSecrets(store, keychainAccounts(c), this,
                [&secrets](const QHash<QString, SecretResult> &s) { secrets = s; });
    QVERIFY(!secrets); // asynchronous, like a real keychain
    QTRY_VERIFY(secrets.has_value());
    QCOMPARE(resolveProvider(c.providers[0], {}, *secrets).config->apiKey, u"sk-in-keychain-9876");
    QCOMPARE(resolveProvider(c.providers[1], {}, *secrets).config->apiKey, u"sk-shared-5555");

    store.secrets.remove(u"openai"_s);
    secrets.reset();
    readSecrets(store, keychainAccounts(c), this,
                [&secrets](const QHash<QString, SecretResult> &s) { secrets = s; });
    QTRY_VERIFY(secrets.has_value());
    const ResolvedProvider gone = resolveProvider(c.providers[0], {}, *secrets);
    QVERIFY(!gone.config);
    QCOMPARE(gone.error, u"Provider \"OpenAI\": the API key could not be read from the keychain. "
                         "The keychain has no key for \"openai\".");
}

void TestConfigKeys::keychainUnavailableFailsTheProviderClearly()
{
    MemorySecretStore store;
    store.setAvailable(false);
    std::optional<QHash<QString, SecretResult>> secrets;
    readSecrets(store, {u"openai"_s}, this,
                [&secrets](const QHash<QString, SecretResult> &s) { secrets = s; });
    QTRY_VERIFY(secrets.has_value());
    QCOMPARE(secrets->value(u"openai"_s).status, SecretResult::Status::Unavailable);
    const ResolvedProvider r = resolveProvider(openAi(u"keychain:"_s), {}, *secrets);
    QVERIFY(!r.config);
    QVERIFY(r.error.contains(u"No keychain is available"));
}

void TestConfigKeys::keyGoesToKeychainFileKeepsReference()
{
    QTemporaryDir dir;
    ConfigStore config(dir.filePath(u"sluice.json"_s));
    config.load(QProcessEnvironment());
    MemorySecretStore store;
    const QString typed = u"sk-typed-into-the-dialog-4321"_s;

    std::optional<SecretResult> written;
    store.write(u"openai"_s, typed, this, [&written](const SecretResult &r) { written = r; });
    QTRY_VERIFY(written.has_value());
    QVERIFY(written->ok());
    Config c = config.config();
    c.providers.append(openAi(keychainReference()));
    config.setConfig(c);
    QVERIFY(config.save());

    QFile file(config.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains(typed.toUtf8()));
    QVERIFY(bytes.contains("\"api_key\": \"keychain:\""));

    std::optional<QHash<QString, SecretResult>> secrets;
    readSecrets(store, keychainAccounts(config.config()), this,
                [&secrets](const QHash<QString, SecretResult> &s) { secrets = s; });
    QTRY_VERIFY(secrets.has_value());
    QCOMPARE(config.providerConfig(u"openai"_s, *secrets).config->apiKey, typed);
}

void TestConfigKeys::noKeychainUserKeepsKeyInOwnerOnlyFile()
{
    QTemporaryDir dir;
    ConfigStore config(dir.filePath(u"sluice.json"_s));
    config.load(QProcessEnvironment());
    MemorySecretStore store;
    store.setAvailable(false);
    const QString typed = u"sk-no-keychain-here-7777"_s;

    std::optional<SecretResult> written;
    store.write(u"openai"_s, typed, this, [&written](const SecretResult &r) { written = r; });
    QTRY_VERIFY(written.has_value());
    QCOMPARE(written->status, SecretResult::Status::Unavailable); // the caller is told …
    QVERIFY(!written->message.contains(typed));

    Config c = config.config(); // … and the user chose to keep the key in the file.
    c.providers.append(openAi(typed));
    config.setConfig(c);
    QVERIFY(config.save());
#ifdef Q_OS_UNIX
    QVERIFY(!(QFile::permissions(config.path()) &
              (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)));
#endif
    ConfigStore again(config.path());
    QCOMPARE(again.load(), ConfigStore::LoadResult::Loaded);
    QCOMPARE(again.providerConfig(u"openai"_s).config->apiKey, typed);
}

void TestConfigKeys::callbacksNeverOutliveTheirContext()
{
    MemorySecretStore store;
    store.secrets.insert(u"a"_s, u"x"_s);
    bool called = false;
    bool control = false; // the same read with a context that lives: answered by now
    QObject living;
    {
        QObject context;
        store.read(u"a"_s, &context, [&called](const SecretResult &) { called = true; });
    }
    store.read(u"a"_s, &living, [&control](const SecretResult &) { control = true; });
    for (int i = 0; i < 3; ++i) { // deliver everything already queued; no waiting
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    QVERIFY(control);
    QVERIFY(!called);
}

void TestConfigKeys::realKeychainAnswersOrSaysUnavailable()
{
    // ctest runs this without a session bus, so no keychain is reachable: the store must say
    // so (Unavailable, which is what lets the dialog offer the file) instead of hanging or
    // claiming success. Where a keychain is reachable the same test makes a full round trip.
    KeychainSecretStore store(u"Sluice-test"_s);
    const QString account = u"tst-configkeys"_s;
    std::optional<SecretResult> written;
    store.write(account, u"sk-round-trip-2468"_s, this,
                [&written](const SecretResult &r) { written = r; });
    QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 30000);
    if (!written->ok()) {
        QVERIFY2(written->status == SecretResult::Status::Unavailable,
                 qPrintable(written->message));
        return;
    }
    std::optional<SecretResult> read;
    store.read(account, this, [&read](const SecretResult &r) { read = r; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30000);
    QVERIFY(read->ok());
    QCOMPARE(read->secret, u"sk-round-trip-2468");
    std::optional<SecretResult> removed;
    store.remove(account, this, [&removed](const SecretResult &r) { removed = r; });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 30000);
    read.reset();
    store.read(account, this, [&read](const SecretResult &r) { read = r; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30000);
    QCOMPARE(read->status, SecretResult::Status::NotFound);
}

void TestConfigKeys::redact_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("short shows nothing") << u"abcdefgh"_s << u"\u2022\u2022\u2022\u2022"_s;
    QTest::newRow("11 chars shows nothing") << u"sk-12345678"_s << u"\u2022\u2022\u2022\u2022"_s;
    QTest::newRow("long shows last 4")
        << u"sk-proj-abcdefghijklmnop1234"_s << u"\u2022\u2022\u2022\u20221234"_s;
}

void TestConfigKeys::redact()
{
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    QCOMPARE(redactSecret(secret), expected);
}

QTEST_GUILESS_MAIN(TestConfigKeys)
#include "tst_configkeys.moc"
