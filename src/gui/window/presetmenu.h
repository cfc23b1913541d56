// Presets in the composer: typing "/" at the start of an empty message box opens a menu of
// the presets (arrow keys and Enter, or the mouse; Esc leaves the "/" as typed). Choosing
// one applies it to the conversation shown (its system prompt, model and every parameter,
// core/config/presets.h) and takes the "/" back out of the box.
#pragma once

#include "core/config/presets.h"

#include <QMenu>
#include <QObject>
#include <QPointer>

namespace Sluice {

class Composer;
class ConversationController;
class ModelPicker;

class PresetMenu final : public QObject
{
    Q_OBJECT
public:
    PresetMenu(Composer *composer, ModelPicker *picker, QObject *parent);

    void setPresets(const QList<Preset> &presets) { m_presets = presets; }
    const QList<Preset> &presets() const { return m_presets; }
    void setConversation(ConversationController *conversation) { m_current = conversation; }

    // The conversation shown asks for what `preset` says; false when there is none shown.
    bool apply(const Preset &preset);

    QMenu *menu() const { return m_menu; } // open while it offers the presets

Q_SIGNALS:
    void applied(const QString &presetName);

private:
    void onTextChanged();
    void offer();

    Composer *m_composer;
    ModelPicker *m_picker;
    QPointer<ConversationController> m_current;
    QList<Preset> m_presets;
    QPointer<QMenu> m_menu;
};

} // namespace Sluice
