// The form for one provider (ui/providereditor.ui): name, type, base URL with live
// validation and a type suggestion, API key, headers, options, watchdog limits and models.
// It edits values only; the dialog owns the list, the keychain and the network.
#pragma once

#include "core/config/config.h"
#include "core/models/modeltypes.h"

#include <QWidget>

#include <memory>

namespace Ui {
class ProviderEditor;
}

class QLabel;
class QLineEdit;

namespace Sluice {

class ConnectionTestPanel;
class ModelListEditor;

class ProviderEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit ProviderEditor(QWidget *parent = nullptr);
    ~ProviderEditor() override;

    // Fills the form without emitting edited(). `keyText` is what the key field shows: the
    // key itself, a $VAR reference, or empty.
    void setEntry(const ProviderEntry &entry, const QString &keyText);
    // The form's values on top of the entry last set (the api_key field is left to the
    // dialog, which decides between keychain, reference and file).
    ProviderEntry entry() const;
    QString keyText() const;
    void setKeyText(const QString &keyText); // e.g. when the keychain answers; no edited()
    void setKeyStatus(const QString &text);
    // Where the key last saved for this provider is, and the text the field showed for it:
    // the hint says where the key is while the field shows it, and what Save would do with
    // anything else. `keychainUsable` false: the keychain failed, Save will ask about the file.
    enum class KeyPlace { Nowhere, Keychain, File };
    void setSavedKey(const QString &keyText, KeyPlace place, bool keychainUsable);

    // Empty, or why the base URL cannot be used (also shown under the field).
    QString baseUrlProblemText() const;
    // The ids of the other providers: the id field refuses them. Empty, or why the id cannot
    // be used (also shown under the field).
    void setIdsInUse(const QStringList &ids);
    QString idProblemText() const;
    void focusBaseUrl();
    void focusId();

    // The models table, and what a Refresh found on the server.
    ModelListEditor *modelList() const { return m_models; }
    void setRefreshEnabled(bool enabled);

    ConnectionTestPanel *testPanel() const;
    void setTestEnabled(bool enabled, const QString &whyNot = QString());

    // The server probe (ServerKindProbe) reports here; the hint is shown while the base URL
    // is still the one probed and the type does not match.
    void setDetectEnabled(bool enabled);
    void showProbing(const QString &baseUrl);
    void showOllamaFound(const QString &baseUrl, const QString &version, const QString &nativeUrl);
    void showOtherServer(const QString &baseUrl, int httpStatus, const QString &openAiUrl);
    void clearServerHint();

Q_SIGNALS:
    void edited();
    void baseUrlEdited(const QString &baseUrl); // by the user (not by setEntry)
    void detectRequested();
    void refreshModelsRequested();
    void testConnectionRequested();

private:
    void makeIdRow();
    void updateIdHint();
    void updateUrlHint();
    void updateKeyHint();
    void updateServerHint();
    void addHeaderRow(const QString &name, const QString &value);
    void setTimeouts(const Timeouts &t);
    void changed();

    std::unique_ptr<Ui::ProviderEditor> m_ui;
    QLineEdit *m_idEdit = nullptr;
    QLabel *m_idHint = nullptr;
    ModelListEditor *m_models = nullptr; // the models table and the server's list
    QStringList m_idsInUse;
    ProviderEntry m_entry;
    bool m_loading = false;
    QString m_probedUrl;     // the base URL the probe answered for …
    QString m_ollamaVersion; // … with this Ollama version, or
    int m_otherStatus = 0;   // … with this HTTP status from a server that is not Ollama
    QString m_suggestedUrl;  // Ollama's native base URL, or where /v1 would be
    QString m_editedUrl;     // the base URL last reported by baseUrlEdited(), normalised
    QString m_savedKeyText;  // see setSavedKey()
    KeyPlace m_savedKeyPlace = KeyPlace::Nowhere;
    bool m_keychainUsable = true;
};

} // namespace Sluice
