// The settings dialog's connection to a provider, driven offscreen: API keys (the keychain,
// no keychain, masking), base URLs (checked, normalised, the type suggested), models fetched
// from the server and the connection test.
#include "core/chat/chatclient.h"
#include "core/config/configstore.h"
#include "gui/settings/settingsdialog.h"
#include "settingsdialogtest.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QToolButton>

using namespace Sluice;
using namespace SluiceTest;
using namespace Qt::StringLiterals;

namespace {

// Answers every request with Ollama's /api/tags listing two models.
class TagsServer final : public QTcpServer
{
public:
    TagsServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [s] {
                    if (!s->readAll().contains("\r\n\r\n"))
                        return;
                    const QByteArray body =
                        R"({"models":[{"name":"llama3.2:3b","model":"llama3.2:3b","size":2019393189,)"
                        R"("details":{"parameter_size":"3.2B","quantization_level":"Q4_K_M"}},)"
                        R"({"name":"qwen3:8b","model":"qwen3:8b","size":5200000000}]})";
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             "Content-Length: " +
                             QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" +
                             body);
                    s->disconnectFromHost();
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }
    QString url() const { return u"http://127.0.0.1:"_s + QString::number(serverPort()); }
};

} // namespace

class TestSettingsConnection final : public SettingsDialogTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void typedKeyGoesToTheKeychain();
    void noKeychainAsksBeforeKeepingKeyInFile();
    void keychainKeyIsShownMaskedWithToggle();
    void invalidUrlBlocksSavingAndSuggestsType();
    void urlWithoutSchemeIsAcceptedAndShownNormalised();
    void refreshFetchesModelsFromTheServer();
    void testConnectionNeedsAClient();
};

void TestSettingsConnection::typedKeyGoesToTheKeychain()
{
    open();
    triggerPreset("openai");
    auto *key = child<QLineEdit>("apiKeyEdit");
    QCOMPARE(key->echoMode(), QLineEdit::Normal); // "$OPENAI_API_KEY" is no secret
    // Nothing is read from anywhere before the provider is saved.
    QVERIFY2(child<QLabel>("apiKeyStatus")
                 ->text()
                 .startsWith(u"Once saved, read from the environment variable OPENAI_API_KEY"_s),
             qPrintable(child<QLabel>("apiKeyStatus")->text()));
    key->selectAll();
    QTest::keyClicks(key, u"sk-typed-in-the-dialog-1234"_s);
    QCOMPARE(key->echoMode(), QLineEdit::Password); // a real key is masked as it is typed
    auto *hint = child<QLabel>("apiKeyStatus");
    QCOMPARE(hint->text(), u"Not saved yet: Save stores it in the system keychain.");
    QVERIFY(m_secrets.secrets.isEmpty());
    QSignalSpy applied(m_dialog.get(), &SettingsDialog::applied);
    QTest::mouseClick(child<QPushButton>("applyButton"), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QVERIFY(m_dialog->isVisible()); // Apply keeps the dialog open
    QCOMPARE(hint->text(), u"Stored in the system keychain."); // now it is

    QCOMPARE(m_secrets.secrets.value(u"openai"_s), u"sk-typed-in-the-dialog-1234");
    QFile f(path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(!bytes.contains("sk-typed"));
    QCOMPARE(providerJson(path(), u"openai"_s).value(u"api_key").toString(), u"keychain:");
    QVERIFY(!m_dialog->hasUnsavedChanges());

    // Removing the provider removes its key from the keychain on the next save.
    child<QListWidget>("providerList")->setCurrentRow(1);
    QTest::mouseClick(child<QToolButton>("removeProviderButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>("applyButton"), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 2);
    QTRY_VERIFY(!m_secrets.secrets.contains(u"openai"_s));
}

void TestSettingsConnection::noKeychainAsksBeforeKeepingKeyInFile()
{
    m_secrets.setAvailable(false);
    open();
    triggerPreset("anthropic");
    auto *key = child<QLineEdit>("apiKeyEdit");
    key->selectAll();
    QTest::keyClicks(key, u"sk-ant-no-keychain-5678"_s);
    auto *hint = child<QLabel>("apiKeyStatus");
    QVERIFY2(!hint->text().contains(u"Stored"_s), qPrintable(hint->text())); // not yet

    QSignalSpy failed(m_dialog.get(), &SettingsDialog::applyFailed);
    m_answers = {QMessageBox::No};
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(m_asked, QList<SettingsDialog::Question>{SettingsDialog::Question::KeepKeyInFile});
    // The question says what would happen and offers a $VAR reference instead.
    QVERIFY2(m_questionTexts.first().contains(u"\"Anthropic\""_s) &&
                 m_questionTexts.first().contains(u"plain text"_s) &&
                 m_questionTexts.first().contains(u"$ANTHROPIC_API_KEY"_s),
             qPrintable(m_questionTexts.first()));
    QVERIFY(m_dialog->isVisible());
    QVERIFY(!QFile::exists(path())); // refused: nothing written
    QVERIFY2(child<QLabel>("applyStatus")->text().startsWith(u"Not saved"_s) &&
                 child<QLabel>("applyStatus")->text().contains(u"$ANTHROPIC_API_KEY"_s),
             qPrintable(child<QLabel>("applyStatus")->text()));
    QCOMPARE(hint->text(), u"Not saved yet: no keychain is available, so Save asks before "
                           "writing it to sluice.json in plain text.");

    m_answers = {QMessageBox::Yes};
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    QCOMPARE(providerJson(path(), u"anthropic"_s).value(u"api_key").toString(),
             u"sk-ant-no-keychain-5678");
#ifdef Q_OS_UNIX
    QVERIFY(!(QFile::permissions(path()) & (QFile::ReadGroup | QFile::ReadOther)));
#endif

    // Opened again, the hint says where the key really is.
    open();
    child<QListWidget>("providerList")->setCurrentRow(1);
    QCOMPARE(child<QLineEdit>("apiKeyEdit")->text(), u"sk-ant-no-keychain-5678");
    QVERIFY2(child<QLabel>("apiKeyStatus")
                 ->text()
                 .startsWith(u"Stored in sluice.json in plain "
                             "text"_s),
             qPrintable(child<QLabel>("apiKeyStatus")->text()));
}

void TestSettingsConnection::keychainKeyIsShownMaskedWithToggle()
{
    Config c = m_store->config();
    c.providers.first().apiKey = u"keychain:"_s;
    m_store->setConfig(c);
    QVERIFY(m_store->save());
    m_secrets.secrets.insert(u"ollama"_s, u"sk-behind-a-proxy-0000"_s);
    {
        // Until the keychain answers (it answers from the event loop), the hint does not
        // claim there is no key.
        SettingsDialog reading(m_store.get(), &m_secrets);
        QCOMPARE(reading.findChild<QLabel *>(u"apiKeyStatus"_s)->text(),
                 u"Reading the key from the system keychain…");
    }
    open();
    auto *key = child<QLineEdit>("apiKeyEdit");
    QTRY_COMPARE(key->text(), u"sk-behind-a-proxy-0000");
    QCOMPARE(child<QLabel>("apiKeyStatus")->text(), u"Stored in the system keychain.");
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QTest::mouseClick(child<QToolButton>("showKeyButton"), Qt::LeftButton);
    QCOMPARE(key->echoMode(), QLineEdit::Normal);
    QTest::mouseClick(child<QToolButton>("showKeyButton"), Qt::LeftButton);
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QVERIFY(!m_dialog->hasUnsavedChanges()); // reading the keychain is not an edit
}

void TestSettingsConnection::invalidUrlBlocksSavingAndSuggestsType()
{
    open();
    triggerPreset("custom");
    auto *url = child<QLineEdit>("baseUrlEdit");
    auto *hint = child<QLabel>("baseUrlHint");
    m_dialog->activateWindow();
    QTRY_VERIFY(url->hasFocus()); // the empty field is the next step
    QVERIFY(hint->text().startsWith(u"\u2717"_s));

    QTest::keyClicks(url, u"ftp://localhost:1234/v1"_s);
    QVERIFY2(hint->text().startsWith(u"\u2717"_s), qPrintable(hint->text()));

    QSignalSpy failed(m_dialog.get(), &SettingsDialog::applyFailed);
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QCOMPARE(failed.count(), 1);
    QVERIFY(m_dialog->isVisible());
    QVERIFY(!QFile::exists(path()));
    QVERIFY2(child<QLabel>("applyStatus")
                 ->text()
                 .startsWith(u"Not saved: the base URL of \"Custom\" must be an http or https "
                             "URL"_s),
             qPrintable(child<QLabel>("applyStatus")->text()));

    url->clear();
    QTest::keyClicks(url, u"http://gpu-box:11434"_s);
    auto *suggest = child<QPushButton>("useSuggestedTypeButton");
    QVERIFY(suggest->isVisibleTo(m_dialog.get()));
    QCOMPARE(suggest->text(), u"Use Ollama (native API)");
    QTest::mouseClick(suggest, Qt::LeftButton);
    QCOMPARE(child<QComboBox>("typeCombo")->currentText(), u"Ollama (native API)");
    QVERIFY(!suggest->isVisibleTo(m_dialog.get()));
    QVERIFY(hint->text().startsWith(u"\u2713"_s));

    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    QCOMPARE(providerJson(path(), u"custom"_s).value(u"type").toString(), u"ollama");
}

// "127.0.0.1:11434" works in the CLI and for the probe; the dialog accepts it too and shows
// (and saves) what it means.
void TestSettingsConnection::urlWithoutSchemeIsAcceptedAndShownNormalised()
{
    open();
    auto *url = child<QLineEdit>("baseUrlEdit");
    auto *hint = child<QLabel>("baseUrlHint");
    m_dialog->activateWindow();
    url->setFocus();
    url->selectAll();
    QTest::keyClicks(url, u"127.0.0.1:11434"_s);
    QCOMPARE(hint->text(), u"\u2713 Valid address: http://127.0.0.1:11434");
    QTest::keyClick(url, Qt::Key_Tab); // leaving the field shows the normalised form
    QCOMPARE(url->text(), u"http://127.0.0.1:11434");
    QCOMPARE(hint->text(), u"\u2713 Valid address.");

    url->setFocus();
    url->selectAll();
    QTest::keyClicks(url, u"localhost:11434/v1"_s);
    QSignalSpy applied(m_dialog.get(), &SettingsDialog::applied);
    QTest::mouseClick(child<QPushButton>("applyButton"), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(providerJson(path(), u"ollama"_s).value(u"base_url").toString(),
             u"http://localhost:11434/v1");
}

void TestSettingsConnection::refreshFetchesModelsFromTheServer()
{
    TagsServer server;
    QVERIFY(server.isListening());
    ChatClient client;
    open();
    QVERIFY(!child<QPushButton>("addModelButton")->text().isEmpty());
    m_dialog->setChatClient(&client);
    child<QLineEdit>("baseUrlEdit")->setText(server.url());
    auto *models = child<QTableWidget>("modelsTable");
    QTest::mouseClick(child<QPushButton>("addModelButton"), Qt::LeftButton);
    models->item(0, 0)->setText(u"qwen3:8b"_s); // already listed by hand
    models->item(0, 2)->setText(u"16384"_s);

    QTest::mouseClick(child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_COMPARE(models->rowCount(), 2);
    QCOMPARE(models->item(1, 0)->text(), u"llama3.2:3b");
    QCOMPARE(models->item(0, 2)->text(), u"16384"); // the manual entry is kept as it was
    QCOMPARE(child<QLabel>("modelsStatus")->text(), u"2 model(s) on the server, 1 new.");

    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    const QJsonArray saved = providerJson(path(), u"ollama"_s).value(u"models").toArray();
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(0).toObject().value(u"context_window").toInt(), 16384);

    // A server that is not there: the reason is shown, nothing is added.
    open();
    m_dialog->setChatClient(&client);
    child<QLineEdit>("baseUrlEdit")->setText(u"http://127.0.0.1:1"_s);
    QTest::mouseClick(child<QPushButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_VERIFY(!child<QLabel>("modelsStatus")->text().startsWith(u"Asking"_s));
    QVERIFY(!child<QLabel>("modelsStatus")->text().isEmpty());
    QCOMPARE(child<QTableWidget>("modelsTable")->rowCount(), 2);
    QVERIFY(!child<QWidget>("serverModelsTree")->isVisibleTo(m_dialog.get()));
}

void TestSettingsConnection::testConnectionNeedsAClient()
{
    open();
    auto *button = child<QPushButton>("testConnectionButton");
    QVERIFY(!button->isEnabled()); // nothing plugged in yet
    QVERIFY(!child<QToolButton>("detectButton")->isEnabled());
    ChatClient client;
    m_dialog->setChatClient(&client);
    QVERIFY(button->isEnabled());
    QVERIFY(child<QToolButton>("detectButton")->isEnabled());
    child<QLineEdit>("baseUrlEdit")->setText(u"ftp://localhost:11434"_s); // not tested
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY2(child<QLabel>("testSummary")->text().startsWith(u"\u2717 The base URL"_s),
             qPrintable(child<QLabel>("testSummary")->text()));
    QVERIFY(!QFile::exists(path()));
    m_dialog.reset(); // before the client goes
}

QTEST_MAIN(TestSettingsConnection)
#include "tst_settingsconnection.moc"
