// The settings dialog, driven offscreen the way a person uses it: adding, editing, copying,
// reordering and removing providers, saving or discarding, the application page, names and
// keyboard. API keys, base URLs and asking the server: tst_settingsconnection.
#include "core/config/configstore.h"
#include "gui/settings/settingsdialog.h"
#include "settingsdialogtest.h"

#include <QAccessible>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace Sluice;
using namespace SluiceTest;
using namespace Qt::StringLiterals;

class TestSettingsDialog final : public SettingsDialogTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void addFromPresetEditAndOkSaves();
    void cancelDiscardsEverything();
    void closingWithUnsavedChangesAsks();
    void closingUnchangedAsksNothing();
    void duplicateReorderRemove();
    void providerIdIsShownCheckedAndRenamed();
    void importOnAFreshMachineReplacesTheBuiltInProvider();
    void applicationPageIsSaved();
    void everyControlHasNames();
    void wheelScrollsTheFormNotTheFieldsUnderIt();
};

void TestSettingsDialog::addFromPresetEditAndOkSaves()
{
    open();
    auto *list = child<QListWidget>("providerList");
    QCOMPARE(list->count(), 1);
    triggerPreset("openrouter");
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->currentItem()->text(), u"OpenRouter");
    QCOMPARE(child<QLineEdit>("baseUrlEdit")->text(), u"https://openrouter.ai/api/v1");
    QCOMPARE(child<QLineEdit>("apiKeyEdit")->text(), u"$OPENROUTER_API_KEY");
    QCOMPARE(child<QComboBox>("typeCombo")->currentText(), u"OpenAI-compatible");

    auto *name = child<QLineEdit>("nameEdit");
    name->selectAll();
    QTest::keyClicks(name, u"My Router"_s);
    QCOMPARE(list->currentItem()->text(), u"My Router"); // the list follows the form
    QTest::mouseClick(child<QCheckBox>("http2Check"), Qt::LeftButton, {},
                      QPoint(5, child<QCheckBox>("http2Check")->height() / 2));
    auto *idle = child<QDoubleSpinBox>("idleSpin");
    idle->selectAll();
    QTest::keyClicks(idle, u"30"_s);
    QTest::mouseClick(child<QPushButton>("addHeaderButton"), Qt::LeftButton);
    auto *headers = child<QTableWidget>("headersTable");
    headers->item(0, 0)->setText(u"X-Title"_s);
    headers->item(0, 1)->setText(u"Sluice"_s);
    QVERIFY(!QFile::exists(path())); // nothing is written before OK

    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));

    const QJsonObject p = providerJson(path(), u"openrouter"_s);
    QCOMPARE(p.value(u"name").toString(), u"My Router");
    QCOMPARE(p.value(u"type").toString(), u"openai");
    QCOMPARE(p.value(u"api_key").toString(), u"$OPENROUTER_API_KEY");
    QCOMPARE(p.value(u"http2").toBool(true), false);
    QCOMPARE(p.value(u"timeouts").toObject().value(u"idle").toDouble(), 30.0);
    QCOMPARE(p.value(u"headers").toObject().value(u"X-Title").toString(), u"Sluice");
    QCOMPARE(readJson(path()).value(u"provider_order").toArray().size(), 0); // ollama < openrouter
    QCOMPARE(m_store->config().providers.size(), 2); // the running app sees it too
    QVERIFY(m_asked.isEmpty());
}

void TestSettingsDialog::cancelDiscardsEverything()
{
    open();
    triggerPreset("vllm");
    child<QListWidget>("providerList")->setCurrentRow(0);
    child<QLineEdit>("baseUrlEdit")->setText(u"http://elsewhere:11434"_s);
    child<QComboBox>("themeCombo")->setCurrentIndex(2);
    const Config before = m_store->config();

    QTest::mouseClick(child<QPushButton>("cancelButton"), Qt::LeftButton);
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(m_dialog->result(), int(QDialog::Rejected));
    QVERIFY(m_asked.isEmpty()); // Cancel means it; no question
    QVERIFY(!QFile::exists(path()));
    QCOMPARE(m_store->config(), before);

    open(); // a new dialog shows the saved state, not the discarded edits
    QCOMPARE(child<QListWidget>("providerList")->count(), 1);
    QCOMPARE(child<QLineEdit>("baseUrlEdit")->text(), u"http://localhost:11434");
}

void TestSettingsDialog::closingWithUnsavedChangesAsks()
{
    open();
    child<QLineEdit>("nameEdit")->setText(u"Renamed"_s);
    Q_EMIT child<QLineEdit>("nameEdit")->textEdited(u"Renamed"_s);

    m_answers = {QMessageBox::Cancel};
    m_dialog->close();
    QCOMPARE(m_asked, QList<SettingsDialog::Question>{SettingsDialog::Question::UnsavedChanges});
    QVERIFY(m_dialog->isVisible()); // Cancel: keep editing

    m_answers = {QMessageBox::Discard};
    QTest::keyClick(m_dialog.get(), Qt::Key_Escape);
    QCOMPARE(m_asked.size(), 2);
    QVERIFY(!m_dialog->isVisible());
    QVERIFY(!QFile::exists(path()));

    open();
    child<QLineEdit>("nameEdit")->setText(u"Renamed"_s);
    Q_EMIT child<QLineEdit>("nameEdit")->textEdited(u"Renamed"_s);
    m_answers = {QMessageBox::Save};
    m_dialog->close();
    QTRY_VERIFY(!m_dialog->isVisible());
    QCOMPARE(providerJson(path(), u"ollama"_s).value(u"name").toString(), u"Renamed");
}

void TestSettingsDialog::closingUnchangedAsksNothing()
{
    open();
    child<QListWidget>("providerList")->setCurrentRow(0); // looking is not editing
    m_dialog->close();
    QVERIFY(!m_dialog->isVisible());
    QVERIFY(m_asked.isEmpty());
}

void TestSettingsDialog::duplicateReorderRemove()
{
    open();
    auto *list = child<QListWidget>("providerList");
    triggerPreset("llamacpp");
    list->setCurrentRow(0);
    QTest::mouseClick(child<QToolButton>("duplicateProviderButton"), Qt::LeftButton);
    QCOMPARE(list->count(), 3);
    QCOMPARE(list->currentRow(), 1);
    QCOMPARE(list->currentItem()->text(), u"Ollama (copy)");
    QTest::mouseClick(child<QToolButton>("moveUpButton"), Qt::LeftButton); // copy goes first
    QCOMPARE(list->currentRow(), 0);
    QVERIFY(!child<QToolButton>("moveUpButton")->isEnabled());
    list->setCurrentRow(2);
    QVERIFY(!child<QToolButton>("moveDownButton")->isEnabled());
    QTest::mouseClick(child<QToolButton>("moveUpButton"), Qt::LeftButton); // llama.cpp up one
    QCOMPARE(list->item(1)->text(), u"llama.cpp");

    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    const QJsonArray order = readJson(path()).value(u"provider_order").toArray();
    QCOMPARE(order, (QJsonArray{u"ollama-2"_s, u"llamacpp"_s, u"ollama"_s}));
    QCOMPARE(providerJson(path(), u"ollama-2"_s).value(u"name").toString(), u"Ollama (copy)");

    open();
    list = child<QListWidget>("providerList");
    QCOMPARE(list->item(0)->text(), u"Ollama (copy)"); // the order survives a reload
    list->setCurrentRow(1);
    QTest::mouseClick(child<QToolButton>("removeProviderButton"), Qt::LeftButton);
    QCOMPARE(list->count(), 2);
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    QVERIFY(!readJson(path()).value(u"providers").toObject().contains(u"llamacpp"));
}

// The id `--provider` needs is shown and editable; copies get sensible ids and names; a
// rename keeps the default and the keychain key.
void TestSettingsDialog::providerIdIsShownCheckedAndRenamed()
{
    Config c = m_store->config();
    c.providers.first().apiKey = u"keychain:"_s;
    m_store->setConfig(c);
    QVERIFY(m_store->save());
    m_secrets.secrets.insert(u"ollama"_s, u"sk-proxy-key-0000"_s);
    open();
    auto *list = child<QListWidget>("providerList");
    auto *id = child<QLineEdit>("idEdit");
    auto *hint = child<QLabel>("idHint");
    QCOMPARE(id->text(), u"ollama");
    QCOMPARE(hint->text(), u"Names it on the command line: sluice run --provider ollama");

    auto *duplicate = child<QToolButton>("duplicateProviderButton");
    QTest::mouseClick(duplicate, Qt::LeftButton);
    QCOMPARE(id->text(), u"ollama-2");
    QTest::mouseClick(duplicate, Qt::LeftButton); // a copy of the copy
    QCOMPARE(id->text(), u"ollama-3");            // not "ollama-2-2"
    QCOMPARE(list->currentItem()->text(), u"Ollama (copy 2)");

    list->setCurrentRow(0);
    QTRY_COMPARE(child<QLineEdit>("apiKeyEdit")->text(), u"sk-proxy-key-0000");
    id->setFocus();
    id->selectAll();
    QTest::keyClicks(id, u"my box"_s);
    QVERIFY2(hint->text().startsWith(u"\u2717"_s), qPrintable(hint->text()));
    QSignalSpy failed(m_dialog.get(), &SettingsDialog::applyFailed);
    QTest::mouseClick(child<QPushButton>("applyButton"), Qt::LeftButton);
    QCOMPARE(failed.count(), 1);
    QVERIFY(child<QLabel>("applyStatus")->text().contains(u"identifier"_s));
    id->selectAll();
    QTest::keyClicks(id, u"ollama-2"_s);
    QCOMPARE(hint->text(), u"\u2717 Another provider has the identifier \"ollama-2\".");
    QTest::mouseClick(child<QPushButton>("applyButton"), Qt::LeftButton);
    QCOMPARE(failed.count(), 2);
    QCOMPARE(list->currentRow(), 0); // the one being edited stays in front
    QVERIFY(id->hasFocus());
    QVERIFY(!readJson(path()).value(u"providers").toObject().contains(u"ollama-2"));

    id->selectAll();
    QTest::keyClick(id, Qt::Key_Backspace); // empty on the way: the default stays with it
    QTest::keyClicks(id, u"gpu-box"_s);
    QCOMPARE(child<QComboBox>("defaultProviderCombo")->currentData().toString(), u"gpu-box");
    QSignalSpy renamed(m_dialog.get(), &SettingsDialog::providerIdsRenamed);
    QSignalSpy applied(m_dialog.get(), &SettingsDialog::applied);
    QTest::mouseClick(child<QPushButton>("applyButton"), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(renamed.count(), 1);
    const auto map = renamed.first().first().value<QHash<QString, QString>>();
    QCOMPARE(map.value(u"ollama"_s), u"gpu-box");
    const QJsonObject providers = readJson(path()).value(u"providers").toObject();
    QVERIFY(!providers.contains(u"ollama"));
    QCOMPARE(readJson(path()).value(u"default").toObject().value(u"provider").toString(),
             u"gpu-box");
    // The key stays where it is, and the file still finds it there.
    QCOMPARE(providers.value(u"gpu-box").toObject().value(u"api_key").toString(),
             u"keychain:ollama");
    QTRY_COMPARE(m_secrets.secrets.value(u"ollama"_s), u"sk-proxy-key-0000");
    QCOMPARE(child<QLabel>("apiKeyStatus")->text(), u"Stored in the system keychain.");
}

// Nothing saved yet: the built-in "ollama" is implicit, so crush's "ollama" takes its place
// (not "ollama-2"), and crush's default model becomes the default.
void TestSettingsDialog::importOnAFreshMachineReplacesTheBuiltInProvider()
{
    const QString crush = m_dir->filePath(u"crush.json"_s);
    QFile f(crush);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"providers": {"ollama": {"type": "ollama", "base_url": "http://gpu-box:11434",
              "models": [{"id": "qwen3:8b", "max_tokens": 4096}]}},
              "models": {"large": {"provider": "ollama", "model": "qwen3:8b"}}})");
    f.close();
    open();
    m_dialog->setImportFileChooser([crush] { return crush; });
    QTest::mouseClick(child<QToolButton>("importCrushButton"), Qt::LeftButton);
    auto *list = child<QListWidget>("providerList");
    QCOMPARE(list->count(), 1);
    QCOMPARE(child<QLineEdit>("baseUrlEdit")->text(), u"http://gpu-box:11434");
    QVERIFY2(child<QLabel>("applyStatus")->text().startsWith(u"Imported 1 provider(s)"_s),
             qPrintable(child<QLabel>("applyStatus")->text()));
    QVERIFY(!child<QLabel>("applyStatus")->text().contains(u"ollama-2"_s));
    QVERIFY(child<QLabel>("applyStatus")->text().contains(u"Save keeps them"_s)); // not saved yet
    QCOMPARE(child<QTableWidget>("modelsTable")->item(0, 3)->text(), u"4096");    // max_tokens
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    QCOMPARE(providerJson(path(), u"ollama"_s).value(u"base_url").toString(),
             u"http://gpu-box:11434");
    QCOMPARE(readJson(path()).value(u"providers").toObject().size(), 1);
    const QJsonObject def = readJson(path()).value(u"default").toObject();
    QCOMPARE(def.value(u"provider").toString(), u"ollama");
    QCOMPARE(def.value(u"model").toString(), u"qwen3:8b");

    // Now the file is the user's: importing again adds a renamed copy and says so.
    open();
    m_dialog->setImportFileChooser([crush] { return crush; });
    QTest::mouseClick(child<QToolButton>("importCrushButton"), Qt::LeftButton);
    QCOMPARE(child<QListWidget>("providerList")->count(), 2);
    QVERIFY(child<QLabel>("applyStatus")->text().contains(u"\"ollama-2\""_s));
}

void TestSettingsDialog::applicationPageIsSaved()
{
    open();
    auto *theme = child<QComboBox>("themeCombo");
    theme->setCurrentIndex(theme->findData(int(Theme::Dark)));
    child<QSpinBox>("fontSizeSpin")->setValue(14);
    auto *send = child<QComboBox>("sendKeyCombo");
    send->setCurrentIndex(send->findData(int(SendKey::CtrlEnter)));
    auto *log = child<QComboBox>("logLevelCombo");
    log->setCurrentIndex(log->findData(int(LogLevel::Debug)));
    child<QLineEdit>("dataDirEdit")->setText(u"/srv/sluice"_s);
    QVERIFY(m_dialog->hasUnsavedChanges());
    QTest::mouseClick(child<QPushButton>("okButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog->isVisible());
    const QJsonObject app = readJson(path()).value(u"app").toObject();
    QCOMPARE(app.value(u"theme").toString(), u"dark");
    QCOMPARE(app.value(u"font_size").toInt(), 14);
    QCOMPARE(app.value(u"send_key").toString(), u"ctrl-enter");
    QCOMPARE(app.value(u"data_dir").toString(), u"/srv/sluice");
    QCOMPARE(app.value(u"logging").toObject().value(u"level").toString(), u"debug");
}

void TestSettingsDialog::everyControlHasNames()
{
    open();
    triggerPreset("openai"); // a provider is shown, so its form exists and is visible
    QStringList missing;
    int checked = 0;
    const QList<QWidget *> widgets = m_dialog->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        const bool control =
            qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) ||
            qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w) ||
            (qobject_cast<QAbstractItemView *>(w) && !qobject_cast<QHeaderView *>(w));
        if (!control || w->objectName().startsWith(u"qt_"_s))
            continue;
        bool internal = false; // parts Qt builds inside a control (spin box edits, popups …)
        for (QWidget *p = w->parentWidget(); p && p != m_dialog.get(); p = p->parentWidget())
            internal = internal || qobject_cast<QAbstractSpinBox *>(p) ||
                       qobject_cast<QComboBox *>(p) || qobject_cast<QTabBar *>(p) ||
                       qobject_cast<QAbstractItemView *>(p);
        if (internal || qobject_cast<QTabBar *>(w))
            continue;
        ++checked;
        // The name assistive technology gets: the accessible name, else what it shows.
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        if (w->objectName().isEmpty() || !iface || iface->text(QAccessible::Name).isEmpty())
            missing.append(QString::fromUtf8(w->metaObject()->className()) + u' ' +
                           w->objectName());
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
    QVERIFY2(checked >= 35, qPrintable(QString::number(checked))); // the form was really there
}

// Scrolling the form with the wheel over a watchdog limit must not change it; once the user
// has clicked into the field, the wheel is theirs to use.
void TestSettingsDialog::wheelScrollsTheFormNotTheFieldsUnderIt()
{
    open();
    auto *spin = child<QDoubleSpinBox>("firstTokenSpin");
    QVERIFY(spin);
    const auto wheel = [spin] {
        const QPointF at = QRectF(spin->rect()).center();
        QWheelEvent up(at, spin->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                       Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(spin, &up);
    };
    child<QListWidget>("providerList")->setFocus();
    const double before = spin->value();
    wheel();
    QCOMPARE(spin->value(), before);
    QVERIFY(!spin->hasFocus());
    spin->setFocus();
    wheel();
    QVERIFY(spin->value() > before);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
