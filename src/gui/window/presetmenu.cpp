#include "gui/window/presetmenu.h"

#include "core/conversation/conversation.h"
#include "gui/window/composer.h"
#include "gui/window/modelpicker.h"
#include "session/conversationcontroller.h"

#include <QMenu>
#include <QTimer>

namespace Sluice {

PresetMenu::PresetMenu(Composer *composer, ModelPicker *picker, QObject *parent)
    : QObject(parent), m_composer(composer), m_picker(picker)
{
    connect(composer, &Composer::textChanged, this, &PresetMenu::onTextChanged);
}

void PresetMenu::onTextChanged()
{
    if (m_menu || m_presets.isEmpty() || m_composer->toPlainText() != u"/")
        return;
    // After the key that typed the "/" has been handled.
    QTimer::singleShot(0, this, &PresetMenu::offer);
}

void PresetMenu::offer()
{
    if (m_menu || m_composer->toPlainText() != u"/")
        return;
    auto *menu = new QMenu(m_composer);
    m_menu = menu;
    menu->setObjectName(QStringLiteral("presetMenu"));
    menu->setTitle(tr("Presets"));
    menu->setAccessibleName(tr("Presets"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (const Preset &p : std::as_const(m_presets)) {
        QAction *a = menu->addAction(p.name);
        QStringList what;
        if (!p.model.isEmpty())
            what.append(p.model);
        if (!p.systemPrompt.isEmpty())
            what.append(p.systemPrompt.simplified().left(80));
        a->setToolTip(what.join(QStringLiteral(" · ")));
        connect(a, &QAction::triggered, this, [this, p] {
            if (apply(p) && m_composer->toPlainText() == u"/")
                m_composer->clear();
        });
    }
    menu->popup(m_composer->viewport()->mapToGlobal(m_composer->cursorRect().bottomLeft()));
    if (!menu->actions().isEmpty())
        menu->setActiveAction(menu->actions().constFirst());
}

bool PresetMenu::apply(const Preset &preset)
{
    if (!m_current)
        return false;
    Conversation o = applyPreset(m_current->options(), preset);
    if (o.providerId != m_current->options().providerId) {
        if (const ProviderConfig *p = m_picker->providerById(o.providerId))
            m_current->setProvider(*p);
        else
            o.providerId = m_current->options().providerId; // a server no longer configured
    }
    m_current->setOptions(o);
    m_picker->populateProviders();
    m_picker->populateModels();
    Q_EMIT applied(preset.name);
    return true;
}

} // namespace Sluice
