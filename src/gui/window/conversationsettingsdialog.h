// Per-conversation settings: system prompt, temperature, context size, max tokens, thinking.
#pragma once

#include "core/conversation/conversation.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConversationSettingsDialog;
}

namespace Sluice {

class ConversationSettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ConversationSettingsDialog(QWidget *parent = nullptr);
    ~ConversationSettingsDialog() override;

    void setOptions(const Conversation &options);
    // The shown options applied onto `base` (provider and model stay as they were).
    Conversation options(const Conversation &base) const;

private:
    void restoreDefaults();

    std::unique_ptr<Ui::ConversationSettingsDialog> m_ui;
};

} // namespace Sluice
