// Per-conversation settings: system prompt, thinking and every sampling parameter
// (temperature, context size, max tokens here; the others: samplingfields.h).
#pragma once

#include "core/conversation/conversation.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConversationSettingsDialog;
}

namespace Sluice {

class SamplingFields;

class ConversationSettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ConversationSettingsDialog(QWidget *parent = nullptr);
    ~ConversationSettingsDialog() override;

    void setOptions(const Conversation &options);
    // The shown options applied onto `base` (provider and model stay as they were).
    Conversation options(const Conversation &base) const;
    // Parameters the conversation's server cannot take are shown disabled, with the reason.
    void setProviderType(ProviderType type);

private:
    void restoreDefaults();

    std::unique_ptr<Ui::ConversationSettingsDialog> m_ui;
    std::unique_ptr<SamplingFields> m_sampling;
};

} // namespace Sluice
