// The settings dialog against a real (loopback) server: the server kind found by a probe,
// the default provider and model, the model details of a Refresh, and Test connection's
// live list of diagnostic steps. Offscreen, with the FakeLlm persona of tests/support.
#include "core/chat/chatclient.h"
#include "core/config/configstore.h"
#include "gui/settings/connectiontestpanel.h"
#include "core/diagnostics/diagnostics.h"
#include "fakellm.h"
#include "core/models/modeltypes.h"
#include "core/config/secretstore.h"
#include "gui/settings/settingsdialog.h"
#include "testserver.h"

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <memory>

using namespace Sluice;
using namespace Sluice::Test;
using namespace Qt::StringLiterals;
using Status = Diagnostics::Step::Status;

namespace {

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestSettingsServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void probeFindsOllamaBehindV1AndOffersTheNativeApi();
    void detectButtonProbesAtOnce();
    void probeOverridesTheGuessFromTheUrl();
    void probeInFlightIsCancelledByEditsAndClosing();
    void defaultProviderAndModelRoundTrip();
    void refreshShowsOllamaModelDetails();
    void refreshAsksForDetailsABoundedNumberAtATime();
    void testConnectionListsEachStep();
    void failedStepShowsItsFix();
    void runningTestUpdatesLiveAndCancels();
    void testConnectionUsesTheFormsKeyExpanded();

private:
    void open();
    template <typename T> T *child(const char *name) const
    {
        T *w = m_dialog->findChild<T *>(QString::fromUtf8(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }
    QString path() const { return m_dir->filePath(u"sluice.json"_s); }
    void pointAt(const QString &url, ProviderType type);
    QTreeWidget *steps() const { return child<QTreeWidget>("testSteps"); }
    Status stepStatus(int row) const
    {
        return Status(steps()->topLevelItem(row)->data(0, ConnectionTestPanel::StatusRole).toInt());
    }
    int stepRow(const char *title) const
    {
        for (int i = 0; i < steps()->topLevelItemCount(); ++i)
            if (steps()->topLevelItem(i)->text(0) == QLatin1String(title))
                return i;
        return -1;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConfigStore> m_store;
    std::unique_ptr<TestServer> m_server;
    FakeLlm *m_llm = nullptr;
    std::unique_ptr<ChatClient> m_client;
    MemorySecretStore m_secrets;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void TestSettingsServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<ConfigStore>(path());
    m_store->load(QProcessEnvironment()); // first run: one Ollama provider
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->listen());
    m_llm = FakeLlm::install(*m_server);
    m_client = std::make_unique<ChatClient>();
    m_secrets = MemorySecretStore();
}

void TestSettingsServer::cleanup()
{
    m_dialog.reset();
    m_client.reset();
    m_server.reset();
}

void TestSettingsServer::open()
{
    m_dialog = std::make_unique<SettingsDialog>(m_store.get(), &m_secrets);
    m_dialog->setQuestionHandler(
        [](SettingsDialog::Question, const QString &) { return QMessageBox::Discard; });
    m_dialog->setChatClient(m_client.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestSettingsServer::pointAt(const QString &url, ProviderType type)
{
    auto *typeCombo = child<QComboBox>("typeCombo");
    typeCombo->setCurrentIndex(typeCombo->findData(int(type)));
    auto *edit = child<QLineEdit>("baseUrlEdit");
    edit->clear();
    QTest::keyClicks(edit, url);
}

void TestSettingsServer::probeFindsOllamaBehindV1AndOffersTheNativeApi()
{
    open();
    auto *key = child<QLineEdit>("apiKeyEdit");
    QTest::keyClicks(key, u"sk-never-sent-to-a-probe-9876"_s);
    const QString native = m_server->url().toString();
    pointAt(native + u"/v1"_s, ProviderType::OpenAI); // Ollama's OpenAI-compatible API

    auto *hint = child<QLabel>("serverHint");
    auto *use = child<QPushButton>("useServerTypeButton");
    // Debounced: the probe runs once typing has stopped, not once per key.
    QTRY_VERIFY(use->isVisibleTo(m_dialog.get()));
    QCOMPARE(m_server->requestCount("/api/version"), 1);
    QVERIFY2(hint->text().startsWith(u"This is Ollama 0.12.3"_s), qPrintable(hint->text()));
    QVERIFY(hint->text().contains(native));
    const RecordedRequest probe = m_server->lastRequest("/api/version");
    QVERIFY(!probe.hasHeader("Authorization"));
    QVERIFY(!probe.hasHeader("x-api-key"));

    QTest::mouseClick(use, Qt::LeftButton);
    QCOMPARE(child<QComboBox>("typeCombo")->currentData().toInt(), int(ProviderType::Ollama));
    QCOMPARE(child<QLineEdit>("baseUrlEdit")->text(), native);
    QVERIFY(!use->isVisibleTo(m_dialog.get()));
    // The new URL is probed as well, and now the type matches.
    QTRY_VERIFY(hint->text().contains(u"Ollama 0.12.3 answers here"_s));
    QVERIFY(!use->isVisibleTo(m_dialog.get()));

    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    const QJsonObject saved =
        readJson(path()).value(u"providers").toObject().value(u"ollama").toObject();
    QCOMPARE(saved.value(u"type").toString(), u"ollama");
    QCOMPARE(saved.value(u"base_url").toString(), native);
    for (const RecordedRequest &r : m_server->requests())
        QVERIFY(!r.header("Authorization").contains("sk-never-sent"));
}

void TestSettingsServer::detectButtonProbesAtOnce()
{
    open();
    auto *edit = child<QLineEdit>("baseUrlEdit");
    auto *typeCombo = child<QComboBox>("typeCombo");
    typeCombo->setCurrentIndex(typeCombo->findData(int(ProviderType::Anthropic)));
    edit->setText(m_server->url().toString());
    QTest::mouseClick(child<QToolButton>("detectButton"), Qt::LeftButton);
    QCOMPARE(child<QLabel>("serverHint")->text(), u"Asking the server what it is…");
    QTRY_VERIFY(child<QPushButton>("useServerTypeButton")->isVisibleTo(m_dialog.get()));
    QCOMPARE(m_server->requestCount("/api/version"), 1); // the scheduled probe gave way

    // A server that is not Ollama: no hint.
    TestServer other;
    QVERIFY(other.listen());
    other.on("GET", "/api/version").status(404).body("404 page not found");
    edit->setText(other.url(u"/v1").toString());
    QTest::mouseClick(child<QToolButton>("detectButton"), Qt::LeftButton);
    QTRY_COMPARE(other.requestCount("/api/version"), 1);
    QTRY_VERIFY(!child<QLabel>("serverHint")->isVisibleTo(m_dialog.get()));
    QVERIFY(!child<QPushButton>("useServerTypeButton")->isVisibleTo(m_dialog.get()));

    // … unless the type says Ollama: then the OpenAI-compatible API is suggested.
    typeCombo->setCurrentIndex(typeCombo->findData(int(ProviderType::Ollama)));
    edit->setText(other.url().toString());
    QTest::mouseClick(child<QToolButton>("detectButton"), Qt::LeftButton);
    auto *use = child<QPushButton>("useServerTypeButton");
    QTRY_VERIFY(use->isVisibleTo(m_dialog.get()));
    QCOMPARE(child<QLabel>("serverHint")->text(),
             u"No Ollama API answers here (GET /api/version: HTTP 404). If this is an "
             "OpenAI-compatible server, use "_s +
                 other.url(u"/v1").toString() + u"."_s);
    QCOMPARE(use->text(), u"Use OpenAI-compatible");
    QTest::mouseClick(use, Qt::LeftButton);
    QCOMPARE(typeCombo->currentData().toInt(), int(ProviderType::OpenAI));
    QCOMPARE(edit->text(), other.url(u"/v1").toString());
}

void TestSettingsServer::probeOverridesTheGuessFromTheUrl()
{
    open();
    // Type Ollama with a …/v1 URL: from its shape the URL looks OpenAI-compatible …
    child<QLineEdit>("baseUrlEdit")->setText(m_server->url(u"/v1").toString());
    auto *guess = child<QPushButton>("useSuggestedTypeButton");
    QVERIFY(guess->isVisibleTo(m_dialog.get()));
    // … but the server says it is Ollama, which the type already is: no suggestion is left.
    QTest::mouseClick(child<QToolButton>("detectButton"), Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>("serverHint")->text(), u"\u2713 Ollama 0.12.3 answers here.");
    QVERIFY(!guess->isVisibleTo(m_dialog.get()));
    QVERIFY(!child<QPushButton>("useServerTypeButton")->isVisibleTo(m_dialog.get()));
    QCOMPARE(child<QLabel>("baseUrlHint")->text(), u"\u2713 Valid address.");
}

void TestSettingsServer::probeInFlightIsCancelledByEditsAndClosing()
{
    m_server->on("GET", "/api/version").stallBeforeHeaders();
    open();
    auto *edit = child<QLineEdit>("baseUrlEdit");
    edit->setText(m_server->url().toString());
    QTest::mouseClick(child<QToolButton>("detectButton"), Qt::LeftButton);
    QTRY_COMPARE(m_server->requestCount("/api/version"), 1);
    QVERIFY(child<QPushButton>("cancelButton")->isEnabled()); // the UI is not blocked

    edit->setText(QString()); // a URL change cancels the probe in flight
    QTRY_COMPARE(m_server->interruptedCount("/api/version"), 1);
    QVERIFY(!child<QLabel>("serverHint")->isVisibleTo(m_dialog.get()));

    edit->setText(m_server->url().toString());
    QTest::mouseClick(child<QToolButton>("detectButton"), Qt::LeftButton);
    QTRY_COMPARE(m_server->requestCount("/api/version"), 2);
    QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton); // closing
    QVERIFY(!m_dialog->isVisible());
    QTRY_COMPARE(m_server->interruptedCount("/api/version"), 2);
    QTRY_COMPARE(m_server->openConnections(), 0);
}

void TestSettingsServer::defaultProviderAndModelRoundTrip()
{
    open();
    auto *providers = child<QComboBox>("defaultProviderCombo");
    auto *models = child<QComboBox>("defaultModelCombo");
    // What the file says (the first run names its Ollama provider).
    QCOMPARE(providers->currentData().toString(), m_store->config().defaultProvider);
    QCOMPARE(providers->count(), 2); // "the first provider" and Ollama

    child<QLineEdit>("baseUrlEdit")->setText(m_server->url().toString());
    QTest::mouseClick(child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_COMPARE(child<QTableWidget>("modelsTable")->rowCount(), 2);

    providers->setCurrentIndex(providers->findData(u"ollama"_s));
    QVERIFY(models->isEnabled());
    QCOMPARE(models->count(), 2); // the provider's models, fetched by Refresh
    QVERIFY(models->findText(u"qwen3:4b"_s) >= 0);
    models->setCurrentIndex(models->findText(u"qwen3:4b"_s));
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    const QJsonObject def = readJson(path()).value(u"default").toObject();
    QCOMPARE(def.value(u"provider").toString(), u"ollama");
    QCOMPARE(def.value(u"model").toString(), u"qwen3:4b");
    QCOMPARE(m_store->config().defaultModel, u"qwen3:4b");

    // Reopened from the file: the same choice, and looking is not editing.
    ConfigStore reloaded(path());
    QCOMPARE(reloaded.load(QProcessEnvironment()), ConfigStore::LoadResult::Loaded);
    m_store = std::make_unique<ConfigStore>(path());
    m_store->load(QProcessEnvironment());
    open();
    providers = child<QComboBox>("defaultProviderCombo");
    models = child<QComboBox>("defaultModelCombo");
    QCOMPARE(providers->currentData().toString(), u"ollama");
    QCOMPARE(models->currentText(), u"qwen3:4b");
    QVERIFY(!m_dialog->hasUnsavedChanges());

    // A model typed by hand, not listed anywhere, is kept as typed.
    models->setEditText(u"llama3.3:70b"_s);
    QVERIFY(m_dialog->hasUnsavedChanges());
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    QCOMPARE(readJson(path()).value(u"default").toObject().value(u"model").toString(),
             u"llama3.3:70b");

    // Back to "the first provider": the default is cleared.
    open();
    providers = child<QComboBox>("defaultProviderCombo");
    providers->setCurrentIndex(0);
    QVERIFY(!child<QComboBox>("defaultModelCombo")->isEnabled());
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    QCOMPARE(m_store->config().defaultProvider, QString());
    QCOMPARE(m_store->config().defaultModel, QString());
}

void TestSettingsServer::refreshShowsOllamaModelDetails()
{
    m_llm->options().models = {"llama3.2:3b", "qwen3:4b", "llava:7b"};
    m_llm->options().thinking = "Hmm.";
    open();
    child<QLineEdit>("baseUrlEdit")->setText(m_server->url().toString());
    auto *tree = child<QTreeWidget>("serverModelsTree");
    QVERIFY(!tree->isVisibleTo(m_dialog.get()));
    QTest::mouseClick(child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_COMPARE(tree->topLevelItemCount(), 3);
    QVERIFY(tree->isVisibleTo(m_dialog.get()));
    auto row = [tree](const QString &id) {
        return tree->findItems(id, Qt::MatchExactly, 0).value(0);
    };
    QTreeWidgetItem *llava = row(u"llava:7b"_s);
    QVERIFY(llava);
    QCOMPARE(llava->text(1), formatBytes(2019393189));
    QCOMPARE(llava->text(2), u"3.2B");
    QCOMPARE(llava->text(3), u"Q4_K_M");
    QTRY_COMPARE(llava->text(4), QLocale().toString(131072)); // from /api/show
    QTRY_COMPARE(llava->text(5), u"vision, tools, thinking");
    QTRY_COMPARE(row(u"qwen3:4b"_s)->text(5), u"tools, thinking");
    QCOMPARE(row(u"qwen3:4b"_s)->text(2), u"4.0B");
    QTRY_COMPARE(m_server->requestCount("/api/show"), 3);
    QCOMPARE(child<QTableWidget>("modelsTable")->rowCount(), 3);
    QTRY_VERIFY(child<QPushButton>("refreshModelsButton")->isEnabled());

    // An OpenAI-compatible server lists ids only.
    child<QComboBox>("typeCombo")
        ->setCurrentIndex(child<QComboBox>("typeCombo")->findData(int(ProviderType::OpenAI)));
    child<QLineEdit>("baseUrlEdit")->setText(m_server->url(u"/v1").toString());
    QTest::mouseClick(child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_VERIFY(tree->isColumnHidden(4));
    QTRY_VERIFY(child<QPushButton>("refreshModelsButton")->isEnabled());
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(m_server->requestCount("/api/show"), 3); // no details asked for

    // A refresh that fails leaves nothing from the earlier address on show.
    child<QLineEdit>("baseUrlEdit")->setText(u"http://127.0.0.1:1/v1"_s);
    QTest::mouseClick(child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_VERIFY(!tree->isVisibleTo(m_dialog.get()));
    QVERIFY(!child<QLabel>("modelsStatus")->text().startsWith(u"Asking"_s));
}

void TestSettingsServer::refreshAsksForDetailsABoundedNumberAtATime()
{
    m_llm->options().models = {"a:1b", "b:1b", "c:1b", "d:1b", "e:1b", "f:1b"};
    // Each details request waits for the test's word; the most the server ever held at once
    // is the number the window had going at once.
    QList<Test::Response::Resume> waiting;
    qsizetype mostAtOnce = 0;
    m_server->on("POST", "/api/show")
        .waitFor([&](Test::Response::Resume answer) {
            waiting.append(answer);
            mostAtOnce = std::max(mostAtOnce, waiting.size());
        })
        .status(404);
    open();
    child<QLineEdit>("baseUrlEdit")->setText(m_server->url().toString());
    QTest::mouseClick(child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_COMPARE(child<QTreeWidget>("serverModelsTree")->topLevelItemCount(), 6);
    QTRY_COMPARE(waiting.size(), 3);
    // One answer lets exactly one more go out: it arrives after the answer, never before.
    waiting.takeFirst()();
    QTRY_COMPARE(m_server->requestCount("/api/show"), 4);
    QTRY_COMPARE(waiting.size(), 3);
    QCOMPARE(mostAtOnce, 3);
    QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
    QTRY_COMPARE(m_server->interruptedCount("/api/show"), 3); // closing stops them
    QCOMPARE(m_server->requestCount("/api/show"), 4);
}

void TestSettingsServer::testConnectionListsEachStep()
{
    open();
    child<QLineEdit>("baseUrlEdit")->setText(m_server->url().toString());
    QVERIFY(!steps()->isVisibleTo(m_dialog.get()));
    QTest::mouseClick(child<QPushButton>("testConnectionButton"), Qt::LeftButton);
    QVERIFY(steps()->isVisibleTo(m_dialog.get()));
    QCOMPARE(steps()->topLevelItemCount(), 11);
    auto *summary = child<QLabel>("testSummary");
    QTRY_COMPARE(summary->text(), u"All checks passed.");
    const int dns = stepRow("DNS");
    QVERIFY(dns >= 0);
    QCOMPARE(stepStatus(dns), Status::Passed);
    QVERIFY(steps()->topLevelItem(dns)->text(2).endsWith(u" ms"_s));
    QVERIFY(!steps()->topLevelItem(dns)->icon(0).isNull());
    QCOMPARE(steps()->topLevelItem(dns)->data(0, Qt::AccessibleTextRole).toString(),
             u"DNS: passed");
    QCOMPARE(stepStatus(stepRow("TLS")), Status::Skipped);
    QCOMPARE(steps()->topLevelItem(stepRow("TLS"))->text(2), QString());
    QVERIFY(steps()->topLevelItem(stepRow("Server"))->text(1).contains(u"Ollama 0.12.3"_s));
    QCOMPARE(stepStatus(stepRow("Chat")), Status::Passed);
    QVERIFY(!child<QPushButton>("cancelTestButton")->isVisibleTo(m_dialog.get()));
    // The first listed model was used: the server saw a chat for it.
    QCOMPARE(m_server->lastRequest("/api/chat").json().value(u"model").toString(), u"llama3.2:3b");
}

void TestSettingsServer::failedStepShowsItsFix()
{
    open();
    child<QLineEdit>("baseUrlEdit")->setText(m_server->url().toString());
    QTest::mouseClick(child<QPushButton>("addModelButton"), Qt::LeftButton);
    child<QTableWidget>("modelsTable")->item(0, 0)->setText(u"mistral:7b"_s); // not installed
    QTest::mouseClick(child<QPushButton>("testConnectionButton"), Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>("testSummary")->text(), u"Some checks failed.");
    const int model = stepRow("Model");
    QCOMPARE(stepStatus(model), Status::Failed);
    QTreeWidgetItem *item = steps()->topLevelItem(model);
    QVERIFY(item->text(1).contains(u"mistral:7b"_s));
    QCOMPARE(item->childCount(), 1);
    QCOMPARE(item->child(0)->text(0), u"Fix: try: ollama pull mistral:7b");
    QVERIFY(item->isExpanded());
    QCOMPARE(stepStatus(stepRow("Chat")), Status::Skipped);
    QCOMPARE(stepStatus(stepRow("Stream")), Status::Skipped);
    QCOMPARE(steps()->topLevelItem(stepRow("DNS"))->childCount(), 0);
}

void TestSettingsServer::runningTestUpdatesLiveAndCancels()
{
    m_server->on("POST", "/api/chat").stallBeforeHeaders();
    open();
    child<QLineEdit>("baseUrlEdit")->setText(m_server->url().toString());
    QTest::mouseClick(child<QPushButton>("testConnectionButton"), Qt::LeftButton);
    const int chat = stepRow("Chat");
    QTRY_COMPARE(stepStatus(chat), Status::Running);
    QCOMPARE(steps()->topLevelItem(chat)->text(1), u"checking…");
    QCOMPARE(stepStatus(stepRow("Model")), Status::Passed);
    QCOMPARE(stepStatus(stepRow("Stream")), Status::Pending);
    auto *cancel = child<QPushButton>("cancelTestButton");
    QVERIFY(cancel->isVisibleTo(m_dialog.get()));
    QCOMPARE(cancel->accessibleDescription(), u"Cancel the running connection test");
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>("testSummary")->text(), u"Test cancelled.");
    QCOMPARE(stepStatus(chat), Status::Failed);
    QCOMPARE(stepStatus(stepRow("Stream")), Status::Skipped);
    QTRY_COMPARE(m_server->interruptedCount("/api/chat"), 1);
    QVERIFY(!cancel->isVisibleTo(m_dialog.get()));

    // A test still running when the dialog closes is stopped too.
    QTest::mouseClick(child<QPushButton>("testConnectionButton"), Qt::LeftButton);
    QTRY_COMPARE(m_server->requestCount("/api/chat"), 2);
    QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
    QTRY_COMPARE(m_server->interruptedCount("/api/chat"), 2);
}

void TestSettingsServer::testConnectionUsesTheFormsKeyExpanded()
{
    m_llm->options().apiKey = "tok-42";
    open();
    QProcessEnvironment env;
    env.insert(u"PROXY_TOKEN"_s, u"tok-42"_s);
    m_dialog->setEnvironment(env);
    auto *typeCombo = child<QComboBox>("typeCombo");
    typeCombo->setCurrentIndex(typeCombo->findData(int(ProviderType::OpenAI)));
    child<QLineEdit>("baseUrlEdit")->setText(m_server->url(u"/v1").toString());
    QTest::keyClicks(child<QLineEdit>("apiKeyEdit"), u"$PROXY_TOKEN"_s);
    QTest::mouseClick(child<QPushButton>("testConnectionButton"), Qt::LeftButton);
    QTRY_VERIFY(!child<QLabel>("testSummary")->text().startsWith(u"Testing"_s));
    QCOMPARE(stepStatus(stepRow("Auth")), Status::Passed);
    QCOMPARE(m_server->lastRequest("/v1/models").header("Authorization"), "Bearer tok-42");
    // Ollama behind /v1: the Server step says so and how to do better.
    QCOMPARE(stepStatus(stepRow("Server")), Status::Warning);
    QVERIFY(steps()
                ->topLevelItem(stepRow("Server"))
                ->child(0)
                ->text(0)
                .startsWith(u"Fix: native API available"_s));
    QVERIFY(!QFile::exists(path())); // testing saves nothing
}

QTEST_MAIN(TestSettingsServer)
#include "tst_settingsserver.moc"
