// One model pull started from the chat window's model picker, shown in the status bar: what
// is being pulled, a progress bar and Cancel. Hidden while nothing is pulled. Uses the same
// OllamaModels / PullReply machinery as the Models dialog.
#pragma once

#include "core/chat/chattypes.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace Sluice {

class ChatClient;
class OllamaModels;
class PullReply;
struct PullProgress;

class ModelPullBar final : public QWidget
{
    Q_OBJECT
public:
    explicit ModelPullBar(ChatClient *client, QWidget *parent = nullptr);
    ~ModelPullBar() override;

    // Starts pulling `model` onto `provider` (an Ollama server). False while a pull runs.
    bool start(const ProviderConfig &provider, const QString &model);
    void cancel();
    bool isPulling() const;
    QString providerId() const { return m_providerId; }
    QString model() const { return m_model; }

Q_SIGNALS:
    void pulled(const QString &providerId, const QString &model);
    void pullFailed(const QString &providerId, const QString &model, const QString &sentence);

private:
    void onProgress(const PullProgress &progress);
    void onEnded(bool ok);

    ChatClient *m_client;
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
    QPointer<OllamaModels> m_models;
    QPointer<PullReply> m_reply;
    QString m_providerId;
    QString m_model;
};

} // namespace Sluice
