// What the composer has besides the message box and Send: the context meter with its check
// before sending (contextmeter.h) and the presets offered by typing "/" (presetmenu.h). The
// main window makes one and shows it the conversation in front.
#pragma once

#include "core/config/presets.h"
#include "session/conversationsummary.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QBoxLayout;
class QWidget;

namespace Sluice {

class Composer;
class ContextMeter;
class ConversationController;
class ModelPicker;
class PresetMenu;
class MainWindow;

class ComposerTools final : public QObject
{
    Q_OBJECT
public:
    ComposerTools(QBoxLayout *column, Composer *composer, ModelPicker *picker, MainWindow *window);

    void setConversation(ConversationController *conversation);
    bool approveSend(const QString &text);
    bool approveEdit(int row, const QString &text, const QList<Attachment> &attachments);
    // The presets of the config file, and the one new chats start from (empty: none).
    void setPresets(const QList<Preset> &presets, const QString &defaultPreset);

    ContextMeter *meter() const { return m_meter; }
    PresetMenu *presetMenu() const { return m_presets; }
    ConversationSummary *summary() const { return m_summary; } // while one is written

Q_SIGNALS:
    void message(const QString &text); // a sentence for the status bar

private:
    // A new chat that starts from a summary of the one in front (the model writes it).
    void startSummary(qint64 window);

    MainWindow *m_window;
    ModelPicker *m_picker;
    QPointer<ConversationController> m_current;
    QPointer<ConversationSummary> m_summary;
    std::optional<Preset> m_defaultPreset;
    ContextMeter *m_meter;
    PresetMenu *m_presets;
};

} // namespace Sluice
