// The form for one provider (ui/providereditor.ui): name, type, base URL with live
// validation and a type suggestion, API key, headers, options, watchdog limits and models.
// It edits values only; the dialog owns the list, the keychain and the network.
#pragma once

#include "config.h"

#include <QWidget>

#include <memory>

namespace Ui {
class ProviderEditor;
}

namespace Sluice {

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

    // Empty, or why the base URL cannot be used (also shown under the field).
    QString baseUrlProblemText() const;
    void focusBaseUrl();

    // Adds fetched models that are not listed yet; returns how many were new.
    int mergeModels(const QList<ModelEntry> &models);
    void setModelsStatus(const QString &text);
    void setRefreshEnabled(bool enabled);

    void setTestResult(const QString &text);
    void setTestEnabled(bool enabled, const QString &whyNot = QString());

Q_SIGNALS:
    void edited();
    void refreshModelsRequested();
    void testConnectionRequested();

private:
    void updateUrlHint();
    void updateKeyHint();
    void addHeaderRow(const QString &name, const QString &value);
    void addModelRow(const ModelEntry &model);
    ModelEntry modelAt(int row) const;
    void setTimeouts(const Timeouts &t);
    void changed();

    std::unique_ptr<Ui::ProviderEditor> m_ui;
    ProviderEntry m_entry;
    bool m_loading = false;
};

} // namespace Sluice
