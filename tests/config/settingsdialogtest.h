// The settings dialog opened on a first-run sluice.json in a temporary folder, with an
// in-memory keychain and scripted answers to the questions it asks; shared by the settings
// dialog tests (tst_settingsdialog, tst_settingsconnection).
#pragma once

#include "core/config/configstore.h"
#include "core/config/secretstore.h"
#include "gui/settings/settingsdialog.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace SluiceTest {

inline QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

inline QJsonObject providerJson(const QString &path, const QString &id)
{
    return readJson(path).value(u"providers").toObject().value(id).toObject();
}

// A test class derives from this and calls setUp() from init(), tearDown() from cleanup().
class SettingsDialogTest : public QObject
{
protected:
    void setUp()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<Sluice::ConfigStore>(path());
        m_store->load(QProcessEnvironment()); // first run: one Ollama provider
        m_secrets = Sluice::MemorySecretStore();
        m_asked.clear();
        m_questionTexts.clear();
        m_answers.clear();
    }

    void tearDown() { m_dialog.reset(); }

    void open()
    {
        m_dialog = std::make_unique<Sluice::SettingsDialog>(m_store.get(), &m_secrets);
        m_dialog->setQuestionHandler(
            [this](Sluice::SettingsDialog::Question q, const QString &text) {
                m_asked.append(q);
                m_questionTexts.append(text);
                return m_answers.isEmpty() ? QMessageBox::Cancel : m_answers.takeFirst();
            });
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    template <typename T> T *child(const char *name) const
    {
        T *w = m_dialog->findChild<T *>(QString::fromUtf8(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }

    void triggerPreset(const char *id)
    {
        auto *menu = child<QMenu>("presetMenu");
        QVERIFY(menu);
        auto *action =
            menu->findChild<QAction *>(QStringLiteral("preset_") + QString::fromUtf8(id));
        QVERIFY(action);
        action->trigger();
    }

    QString path() const { return m_dir->filePath(QStringLiteral("sluice.json")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Sluice::ConfigStore> m_store;
    Sluice::MemorySecretStore m_secrets;
    std::unique_ptr<Sluice::SettingsDialog> m_dialog;
    QList<Sluice::SettingsDialog::Question> m_asked;
    QStringList m_questionTexts;
    QList<QMessageBox::StandardButton> m_answers;
};

} // namespace SluiceTest
