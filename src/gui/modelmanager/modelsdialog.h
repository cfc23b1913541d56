// The Models dialog (ui/modelsdialog.ui) of one Ollama provider: the installed models and
// which are loaded, details of the selected one, pull with progress and cancel, delete (asks
// first), load and unload. Everything is asynchronous; errors show as sentences in the
// dialog. Closing it during a pull asks, then cancels the pull.
#pragma once

#include "core/chat/chattypes.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Ui {
class ModelsDialog;
}

class QSortFilterProxyModel;

namespace Sluice {

class ChatClient;
class ModelOpReply;
class ModelTableModel;
class OllamaModels;
class PullReply;
struct PullProgress;

class ModelsDialog final : public QDialog
{
    Q_OBJECT
public:
    ModelsDialog(ChatClient *client, const ProviderConfig &provider, QWidget *parent = nullptr);
    ~ModelsDialog() override;

    // The seam for confirmations (delete, stop a pull): tests answer them, the app shows a
    // QMessageBox. Returns true for "go ahead".
    using ConfirmHandler = std::function<bool(const QString &title, const QString &text)>;
    void setConfirmHandler(ConfirmHandler handler);

    // Fills the pull field and starts pulling.
    void pull(const QString &model);
    bool isPulling() const;

public Q_SLOTS:
    void refresh();
    const ProviderConfig &provider() const { return m_provider; }
    void reject() override;

Q_SIGNALS:
    // The installed models changed (pulled or deleted): model pickers may want to reload.
    void modelsChanged();

private:
    void refreshRunning();
    void onSelectionChanged();
    void showDetails(const QString &name);
    void clearDetails();
    void updateButtons();
    void loadSelected();
    void unloadSelected();
    void deleteSelected();
    void startPull();
    void onPullProgress(const PullProgress &progress);
    void onPullEnded(bool ok);
    void setStatus(const QString &text, bool error = false);
    QString selectedName() const;
    void selectName(const QString &name);
    bool confirm(const QString &title, const QString &text);
    void track(ModelOpReply *reply);

    Ui::ModelsDialog *m_ui;
    ProviderConfig m_provider;
    OllamaModels *m_models;
    ModelTableModel *m_table;
    QSortFilterProxyModel *m_proxy;
    QPointer<PullReply> m_pull;
    QPointer<ModelOpReply> m_details;
    QString m_detailsFor;
    QString m_reselect;
    ConfirmHandler m_confirm;
    QTimer m_refreshTimer;
    int m_busy = 0; // load / unload / delete in flight
};

} // namespace Sluice
