// Presets in the whole app, from its config file: new chats start from the default preset,
// typing "/" in the composer offers the presets and the chosen one applies all its fields
// (seen in the request the server receives), and Settings → Presets exports them to a file
// that imports again.
#include "apptest.h"

#include "core/config/presets.h"
#include "gui/settings/presetspage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QTimer>

using namespace Sluice;
using namespace Sluice::GuiTest;

namespace {

QByteArray configWithPresets(const QString &baseUrl)
{
    return QStringLiteral(R"({"version": 1,
  "default": {"provider": "local", "model": "llama3.2:3b", "preset": "Terse"},
  "providers": {"local": {"name": "Test Ollama", "type": "ollama", "base_url": "%1",
                          "timeouts": {"idle": 2000}}},
  "presets": [
    {"name": "Terse", "system_prompt": "Answer in one line.",
     "parameters": {"temperature": 0.1}},
    {"name": "Reviewer", "system_prompt": "You review code.", "model": "qwen3:4b",
     "parameters": {"temperature": 0.2, "top_p": 0.7, "top_k": 30, "min_p": 0.05,
                    "repeat_penalty": 1.15, "frequency_penalty": 0.1,
                    "presence_penalty": 0.2, "seed": 7, "stop": ["END"],
                    "max_tokens": 90, "num_ctx": 2048, "keep_alive": "30m"}}]})")
        .arg(baseUrl)
        .toUtf8();
}

} // namespace

class TestPresets final : public AppTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(isolateSettings(QStringLiteral("tst_presets"))); }
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }

    void newChatsStartFromTheDefaultPreset()
    {
        writeConfig(configWithPresets(m_server->baseUrl()));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        const Conversation &o = window()->currentConversation()->options();
        QCOMPARE(o.systemPrompt, QStringLiteral("Answer in one line."));
        QCOMPARE(o.settings.temperature, 0.1);
        QCOMPARE(o.model, QStringLiteral("llama3.2:3b")); // the preset names none
    }

    void slashOffersThePresetsAndOneAppliesAllItsFields()
    {
        writeConfig(configWithPresets(m_server->baseUrl()));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        Composer *composer = window()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("/"));
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = window()->findChild<QMenu *>(QStringLiteral("presetMenu"))) &&
                    menu->isVisible());
        QCOMPARE(menu->actions().size(), 2);
        QCOMPARE(menu->actions().at(1)->text(), QStringLiteral("Reviewer"));
        QTest::keyClick(menu, Qt::Key_Down);
        QTest::keyClick(menu, Qt::Key_Return);
        QTRY_VERIFY(composer->toPlainText().isEmpty()); // the "/" is taken back out
        const Conversation &o = window()->currentConversation()->options();
        QCOMPARE(o.model, QStringLiteral("qwen3:4b"));
        QCOMPARE(o.systemPrompt, QStringLiteral("You review code."));

        typeAndSend(QStringLiteral("Look at this"));
        QTRY_COMPARE(model()->rowCount(), 2);
        QTRY_COMPARE(model()->message(1).state, MessageState::Complete);
        const QJsonObject sent = m_server->chatRequests().constLast();
        QCOMPARE(sent.value(u"model").toString(), QStringLiteral("qwen3:4b"));
        QCOMPARE(sent.value(u"messages").toArray().at(0).toObject().value(u"content").toString(),
                 QStringLiteral("You review code."));
        QCOMPARE(sent.value(u"options").toObject(),
                 QJsonDocument::fromJson(R"({"temperature":0.2,"top_p":0.7,"top_k":30,
                    "min_p":0.05,"repeat_penalty":1.15,"frequency_penalty":0.1,
                    "presence_penalty":0.2,"seed":7,"stop":["END"],"num_predict":90,
                    "num_ctx":2048})")
                     .object());
        QCOMPARE(sent.value(u"keep_alive").toString(), QStringLiteral("30m"));
    }

    // Esc closes the menu and leaves the "/" as typed: a message may start with one.
    void escapeKeepsTheSlash()
    {
        writeConfig(configWithPresets(m_server->baseUrl()));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        Composer *composer = window()->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("/"));
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = window()->findChild<QMenu *>(QStringLiteral("presetMenu"))) &&
                    menu->isVisible());
        QTest::keyClick(menu, Qt::Key_Escape);
        QTRY_VERIFY(!window()->findChild<QMenu *>(QStringLiteral("presetMenu")));
        QCOMPARE(composer->toPlainText(), QStringLiteral("/"));
        QCOMPARE(window()->currentConversation()->options().systemPrompt,
                 QStringLiteral("Answer in one line.")); // unchanged
    }

    void settingsExportsAndImportsPresets()
    {
        writeConfig(configWithPresets(m_server->baseUrl()));
        QVERIFY(startShell());
        QTRY_COMPARE(emptyTitle(), tr("Start a conversation"));
        QTest::keySequence(window(), QKeySequence(QStringLiteral("Ctrl+,")));
        auto *dialog = window()->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *page = dialog->findChild<PresetsPage *>();
        QVERIFY(page);
        const QString file = m_dir->filePath(QStringLiteral("presets.json"));
        page->setFileChoosers([file] { return file; }, [file] { return file; });
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("presetList"));
        QCOMPARE(list->count(), 2);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportPresetsButton")),
                          Qt::LeftButton);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<Preset> exported;
        QString error;
        QVERIFY2(presetsFromExportBytes(f.readAll(), &exported, &error), qPrintable(error));
        QCOMPARE(exported.size(), 2);
        QCOMPARE(exported.at(1).options.repeatPenalty, 1.15);

        // Removed, then imported back: the same presets, saved to the config file.
        list->setCurrentRow(1);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("removePresetButton")),
                          Qt::LeftButton);
        QCOMPARE(list->count(), 1);
        QVERIFY(dialog->hasUnsavedChanges());
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("importPresetsButton")),
                          Qt::LeftButton);
        QCOMPARE(list->count(), 2);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("presetsStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Imported 2 presets")));
        dialog->accept();
        QTRY_VERIFY(!window()->findChild<SettingsDialog *>() ||
                    !window()->findChild<SettingsDialog *>()->isVisible());
        QCOMPARE(m_shell->config()->config().presets, exported);
    }
};

QTEST_MAIN(TestPresets)
#include "tst_presets.moc"
