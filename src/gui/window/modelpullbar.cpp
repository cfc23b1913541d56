#include "gui/window/modelpullbar.h"

#include "session/conversationcontroller.h" // errorSentence()
#include "core/models/ollamamodels.h"
#include "core/models/pullprogress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace Sluice {

ModelPullBar::ModelPullBar(ChatClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_label(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("modelPullBar"));
    m_label->setObjectName(QStringLiteral("modelPullLabel"));
    m_label->setAccessibleDescription(tr("Model download"));
    m_bar->setObjectName(QStringLiteral("modelPullProgress"));
    m_bar->setAccessibleName(tr("Model download progress"));
    m_bar->setRange(0, 1000); // tenths of a percent
    m_bar->setMaximumWidth(160);
    m_bar->setTextVisible(false);
    m_cancel->setObjectName(QStringLiteral("modelPullCancelButton"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleDescription(tr("Cancel the model download"));
    m_cancel->setToolTip(tr("Stop the download; pulling the model again resumes it"));
    m_cancel->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &ModelPullBar::cancel);
    hide();
}

ModelPullBar::~ModelPullBar() = default; // a running pull closes its connection silently

bool ModelPullBar::isPulling() const
{
    return m_reply && m_reply->isRunning();
}

bool ModelPullBar::start(const ProviderConfig &provider, const QString &model)
{
    if (isPulling() || provider.type != ProviderType::Ollama || model.trimmed().isEmpty())
        return false;
    // The provider as configured now (its address or limits may have changed since the last
    // pull); the previous, finished reply goes with the old one.
    delete m_models;
    m_models = new OllamaModels(m_client, provider, this);
    m_providerId = provider.id;
    m_model = model.trimmed();
    m_bar->setRange(0, 0); // busy until sizes are known
    m_label->setText(tr("Pulling %1…").arg(m_model));
    m_reply = m_models->pull(m_model);
    connect(m_reply, &PullReply::progressChanged, this, &ModelPullBar::onProgress);
    connect(m_reply, &PullReply::finished, this, [this] { onEnded(true); });
    connect(m_reply, &PullReply::failed, this, [this] { onEnded(false); });
    show();
    return true;
}

void ModelPullBar::cancel()
{
    if (m_reply)
        m_reply->cancel();
}

void ModelPullBar::onProgress(const PullProgress &p)
{
    if (p.percent >= 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(p.percent * 10));
    }
    const QString line = formatPullLine(p);
    m_label->setText(line.isEmpty() ? tr("Pulling %1…").arg(m_model)
                                    : tr("Pulling %1: %2").arg(m_model, line));
}

void ModelPullBar::onEnded(bool ok)
{
    PullReply *reply = m_reply;
    if (!reply)
        return;
    hide();
    if (ok) {
        Q_EMIT pulled(m_providerId, m_model);
        return;
    }
    const ChatError &error = reply->error();
    Q_EMIT pullFailed(m_providerId, m_model,
                      error.kind == ChatError::Kind::Cancelled
                          ? tr("Stopped pulling %1. Pull it again to resume.").arg(m_model)
                          : errorSentence(error.message));
}

} // namespace Sluice
