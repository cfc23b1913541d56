// SettingsDialog's Save: API keys to the keychain (or, when asked, the file), then sluice.json.
#include "settingsdialog.h"

#include "configstore.h"
#include "defaultpicker.h"
#include "envexpand.h"
#include "resolve.h"
#include "ui_settingsdialog.h"
#include "urls.h"

#include <QPushButton>

#include <memory>

namespace Sluice {

void SettingsDialog::apply()
{
    if (m_applying)
        return;
    syncEditor();
    for (int i = 0; i < m_drafts.size(); ++i) {
        const QString problem = baseUrlProblem(m_drafts.at(i).entry.baseUrl);
        if (!problem.isEmpty()) {
            m_ui->providerList->setCurrentRow(i);
            m_ui->pages->setCurrentIndex(0);
            m_ui->providerEditor->focusBaseUrl();
            const QString message = tr("Not saved: the base URL of \"%1\" %2.")
                                        .arg(m_drafts.at(i).entry.displayName(), problem);
            setStatus(message);
            m_closeAfterApply = false;
            Q_EMIT applyFailed(message);
            return;
        }
    }

    m_applying = true;
    m_ui->buttonBox->setEnabled(false);
    m_ui->pages->setEnabled(false);
    struct Pending
    {
        QList<Draft> drafts;
        int remaining = 1; // released after the loop
        QList<int> toKeychain;
        QStringList failures;
    };
    auto pending = std::make_shared<Pending>();
    pending->drafts = m_drafts;
    QList<Draft> &drafts = pending->drafts;
    auto finishKeys = [this, pending] {
        QList<Draft> &drafts = pending->drafts;
        if (--pending->remaining > 0)
            return;
        bool keepInFile = false;
        if (!pending->failures.isEmpty()) {
            keepInFile = ask(Question::KeepKeyInFile,
                             tr("The API key could not be stored in the system keychain: %1\n\n"
                                "Keep it in the settings file instead? Only your user account "
                                "can read that file.")
                                 .arg(pending->failures.first())) == QMessageBox::Yes;
            if (!keepInFile) {
                m_applying = false;
                m_closeAfterApply = false;
                m_ui->buttonBox->setEnabled(true);
                m_ui->pages->setEnabled(true);
                const QString message =
                    tr("Not saved: the API key has no place to be stored. Enter it as an "
                       "environment variable reference ($NAME) or allow the settings file.");
                setStatus(message);
                Q_EMIT applyFailed(message);
                return;
            }
        }
        for (int i : std::as_const(pending->toKeychain)) {
            drafts[i].entry.apiKey = keepInFile ? drafts.at(i).keyText : keychainReference();
        }
        finishApply(drafts);
    };

    for (int i = 0; i < drafts.size(); ++i) {
        Draft &d = drafts[i];
        if (d.keyText == d.savedKeyText) {
            d.entry.apiKey = d.savedApiKey;
        } else if (d.keyText.isEmpty() || isVariableReference(d.keyText)) {
            d.entry.apiKey = d.keyText;
            ProviderEntry before = d.entry;
            before.apiKey = d.savedApiKey;
            if (const QString account = keychainAccount(before); !account.isEmpty())
                m_removedKeychainAccounts.append(account);
        } else if (!m_secrets) {
            pending->failures.append(tr("No keychain is available."));
            pending->toKeychain.append(i);
        } else {
            ++pending->remaining;
            pending->toKeychain.append(i);
            m_secrets->write(d.entry.id, d.keyText, this,
                             [pending, finishKeys](const SecretResult &r) {
                                 if (!r.ok())
                                     pending->failures.append(r.message);
                                 finishKeys();
                             });
        }
    }
    finishKeys();
}

void SettingsDialog::finishApply(QList<Draft> drafts)
{
    Config config = m_store->config();
    config.providers.clear();
    for (const Draft &d : std::as_const(drafts))
        config.providers.append(d.entry);
    config.app = appFromPage();
    config.defaultProvider = m_defaults->providerId();
    config.defaultModel = m_defaults->model();
    if (!config.provider(config.defaultProvider)) {
        config.defaultProvider.clear();
        config.defaultModel.clear();
    }
    m_store->setConfig(config);
    QString error;
    m_applying = false;
    m_ui->buttonBox->setEnabled(true);
    m_ui->pages->setEnabled(true);
    if (!m_store->save(&error)) {
        m_closeAfterApply = false;
        setStatus(error);
        Q_EMIT applyFailed(error);
        return;
    }
    for (Draft &d : drafts) {
        d.savedKeyText = d.keyText;
        d.savedApiKey = d.entry.apiKey;
    }
    // Edits made while the keychain was busy stay edits; the rest is now saved.
    for (int i = 0; i < m_drafts.size() && i < drafts.size(); ++i) {
        const bool untouched = m_drafts.at(i).keyText == drafts.at(i).keyText;
        m_drafts[i].savedKeyText = drafts.at(i).savedKeyText;
        m_drafts[i].savedApiKey = drafts.at(i).savedApiKey;
        if (untouched)
            m_drafts[i].entry.apiKey = drafts.at(i).entry.apiKey;
    }
    // Keys nobody refers to any more leave the keychain too.
    const QStringList stillUsed = keychainAccounts(config);
    for (const QString &account : std::as_const(m_removedKeychainAccounts)) {
        if (m_secrets && !stillUsed.contains(account))
            m_secrets->remove(account, this, [](const SecretResult &) {});
    }
    m_removedKeychainAccounts.clear();
    setStatus(tr("Saved to %1.").arg(m_store->path()));
    Q_EMIT applied();
    if (m_closeAfterApply) {
        m_closeAfterApply = false;
        QDialog::accept();
    }
}

} // namespace Sluice
