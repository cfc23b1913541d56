// SettingsDialog's Save: API keys to the keychain (or, when asked, the file), then sluice.json.
#include "gui/settings/settingsdialog.h"

#include "core/config/configstore.h"
#include "gui/settings/defaultpicker.h"
#include "core/config/envexpand.h"
#include "core/config/resolve.h"
#include "ui_settingsdialog.h"
#include "core/config/urls.h"

#include <QPushButton>

#include <memory>

namespace Sluice {

namespace {

// The environment variable to suggest for a provider's key: "openai" → OPENAI_API_KEY.
QString suggestedKeyVariable(const QString &providerId)
{
    QString name;
    for (QChar c : providerId.toUpper())
        name.append(c.isLetterOrNumber() && c.unicode() < 128 ? c : u'_');
    return name + QStringLiteral("_API_KEY");
}

} // namespace

void SettingsDialog::apply()
{
    if (m_applying)
        return;
    syncEditor();
    QStringList ids;
    for (int i = 0; i < m_drafts.size(); ++i) {
        const ProviderEntry &e = m_drafts.at(i).entry;
        QString message;
        bool idProblem = true;
        if (!isValidProviderId(e.id)) {
            message = tr("Not saved: the identifier of \"%1\" may hold only letters, digits, "
                         "\"-\", \"_\" and \".\", starting with a letter or digit.")
                          .arg(e.displayName());
        } else if (ids.contains(e.id)) {
            message = tr("Not saved: two providers have the identifier \"%1\".").arg(e.id);
        } else if (const QString problem = baseUrlProblem(e.baseUrl); !problem.isEmpty()) {
            message = tr("Not saved: the base URL of \"%1\" %2.").arg(e.displayName(), problem);
            idProblem = false;
        }
        ids.append(e.id);
        if (message.isEmpty())
            continue;
        // Two with one id: the one being edited is the one to fix.
        const bool editing = m_current >= 0 && m_drafts.at(m_current).entry.id == e.id;
        m_ui->providerList->setCurrentRow(idProblem && editing ? m_current : i);
        m_ui->pages->setCurrentIndex(0);
        if (idProblem)
            m_ui->providerEditor->focusId();
        else
            m_ui->providerEditor->focusBaseUrl();
        setStatus(message);
        m_closeAfterApply = false;
        Q_EMIT applyFailed(message);
        return;
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
        int firstFailed = -1; // the draft whose key the keychain refused first
    };
    auto pending = std::make_shared<Pending>();
    pending->drafts = m_drafts;
    QList<Draft> &drafts = pending->drafts;
    auto finishKeys = [this, pending] {
        QList<Draft> &pendingDrafts = pending->drafts;
        if (--pending->remaining > 0)
            return;
        bool keepInFile = false;
        if (!pending->failures.isEmpty()) {
            m_keychainUsable = false;
            const ProviderEntry &failed = pendingDrafts.at(pending->firstFailed).entry;
            const QString variable = suggestedKeyVariable(failed.id);
            //: %1 a provider's name, %2 why the keychain failed, %3 an environment variable
            keepInFile = ask(Question::KeepKeyInFile,
                             tr("The API key of \"%1\" cannot be stored in the system keychain: "
                                "%2\n\nWrite it into sluice.json in plain text? Only your user "
                                "account can read that file.\n\nOr put the key in an environment "
                                "variable and enter $%3 as the key instead.")
                                 .arg(failed.displayName(), pending->failures.first(), variable)) ==
                         QMessageBox::Yes;
            if (!keepInFile) {
                m_applying = false;
                m_closeAfterApply = false;
                m_ui->buttonBox->setEnabled(true);
                m_ui->pages->setEnabled(true);
                showSavedKey();
                const QString message =
                    tr("Not saved: no keychain can store the API key of \"%1\". Enter $%2 as "
                       "the key (and set that environment variable), or allow sluice.json.")
                        .arg(failed.displayName(), variable);
                setStatus(message);
                Q_EMIT applyFailed(message);
                return;
            }
        }
        for (int i : std::as_const(pending->toKeychain)) {
            pendingDrafts[i].entry.apiKey = keepInFile ? pendingDrafts.at(i).keyText : keychainReference();
        }
        finishApply(pendingDrafts);
    };

    for (int i = 0; i < drafts.size(); ++i) {
        Draft &d = drafts[i];
        ProviderEntry before = d.entry; // as saved: its key's keychain account
        before.apiKey = d.savedApiKey;
        if (!d.savedId.isEmpty())
            before.id = d.savedId;
        const QString savedAccount = keychainAccount(before);
        if (d.keyText == d.savedKeyText) {
            d.entry.apiKey = d.savedApiKey;
            // "keychain:" means the account named like the provider: a new id names the old
            // account explicitly, so the key is still found.
            if (d.savedApiKey == keychainReference() && before.id != d.entry.id)
                d.entry.apiKey = keychainReference(before.id);
        } else if (d.keyText.isEmpty() || isVariableReference(d.keyText)) {
            d.entry.apiKey = d.keyText;
            if (!savedAccount.isEmpty())
                m_removedKeychainAccounts.append(savedAccount);
        } else if (!m_secrets) {
            pending->failures.append(tr("No keychain is available."));
            pending->toKeychain.append(i);
            if (pending->firstFailed < 0)
                pending->firstFailed = i;
        } else {
            if (!savedAccount.isEmpty() && savedAccount != d.entry.id)
                m_removedKeychainAccounts.append(savedAccount); // unless another uses it
            ++pending->remaining;
            pending->toKeychain.append(i);
            m_secrets->write(d.entry.id, d.keyText, this,
                             [pending, finishKeys, i](const SecretResult &r) {
                                 if (!r.ok()) {
                                     pending->failures.append(r.message);
                                     if (pending->firstFailed < 0)
                                         pending->firstFailed = i;
                                 }
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
    QHash<QString, QString> renamed;
    for (Draft &d : drafts) {
        d.savedKeyText = d.keyText;
        d.savedApiKey = d.entry.apiKey;
        if (!d.savedId.isEmpty() && d.savedId != d.entry.id)
            renamed.insert(d.savedId, d.entry.id);
        d.savedId = d.entry.id;
    }
    // Edits made while the keychain was busy stay edits; the rest is now saved.
    for (int i = 0; i < m_drafts.size() && i < drafts.size(); ++i) {
        const bool untouched = m_drafts.at(i).keyText == drafts.at(i).keyText;
        m_drafts[i].savedKeyText = drafts.at(i).savedKeyText;
        m_drafts[i].savedApiKey = drafts.at(i).savedApiKey;
        m_drafts[i].savedId = drafts.at(i).savedId;
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
    showSavedKey(); // the hint says where the key is now
    setStatus(tr("Saved to %1.").arg(m_store->path()));
    if (!renamed.isEmpty())
        Q_EMIT providerIdsRenamed(renamed);
    Q_EMIT applied();
    if (m_closeAfterApply) {
        m_closeAfterApply = false;
        QDialog::accept();
    }
}

} // namespace Sluice
