#include "gui/window/composertools.h"

#include "gui/window/contextmeter.h"
#include "gui/window/modelpicker.h"
#include "gui/window/mainwindow.h"
#include "gui/window/presetmenu.h"
#include "session/conversationcontroller.h"
#include "session/conversationsummary.h"

namespace Sluice {

ComposerTools::ComposerTools(QBoxLayout *column, Composer *composer, ModelPicker *picker,
                             MainWindow *window)
    : QObject(window), m_window(window), m_picker(picker),
      m_meter(new ContextMeter(column, composer, picker, window)),
      m_presets(new PresetMenu(composer, picker, this))
{
    connect(m_meter, &ContextMeter::summaryWanted, this, &ComposerTools::startSummary);
}

void ComposerTools::startSummary(qint64 window)
{
    if (!m_current || m_summary)
        return;
    QPointer<ConversationController> from = m_current;
    const Conversation options = from->options();
    const ProviderConfig provider = from->provider();
    auto *summary = new ConversationSummary(
        m_window->chatClient(), provider, options,
        from->sentMessages(int(from->model()->messages().size())), window, this);
    m_summary = summary;
    connect(summary, &ConversationSummary::progress, this, [this](int part, int parts) {
        Q_EMIT message(parts == 1 ? tr("Writing a summary of this conversation…")
                                  : tr("Writing a summary of this conversation: part %1 of %2…")
                                        .arg(part)
                                        .arg(parts));
    });
    connect(summary, &ConversationSummary::failed, this, [this, summary](const QString &why) {
        summary->deleteLater();
        Q_EMIT message(why);
    });
    connect(summary, &ConversationSummary::finished, this,
            [this, summary, options, provider](const QString &text) {
                summary->deleteLater();
                ConversationController *c = m_window->newConversation();
                Conversation o = newConversationLike(options);
                o.systemPrompt = ConversationSummary::newSystemPrompt(options.systemPrompt, text);
                c->setProvider(provider);
                c->setOptions(o);
                Q_EMIT message(tr("A new chat starts from a summary of “%1”; your message is "
                                  "still in the box.")
                                   .arg(options.title.isEmpty() ? untitledConversationTitle()
                                                                : options.title));
            });
    summary->start();
}

void ComposerTools::setConversation(ConversationController *conversation)
{
    m_current = conversation;
    m_meter->setConversation(conversation);
    m_presets->setConversation(conversation);
}

bool ComposerTools::approveSend(const QString &text)
{
    return m_meter->approveSend(text);
}

bool ComposerTools::approveEdit(int row, const QString &text, const QList<Attachment> &attachments)
{
    return m_meter->approveEdit(row, text, attachments);
}

void ComposerTools::setPresets(const QList<Preset> &presets, const QString &defaultPreset)
{
    m_presets->setPresets(presets);
    const Preset *p = findPreset(presets, defaultPreset);
    const std::optional<Preset> preset = p ? std::optional<Preset>(*p) : std::nullopt;
    if (preset == m_defaultPreset)
        return;
    m_defaultPreset = preset;
    m_picker->setDefaultPreset(preset);
    // The chat in front, not begun yet (the first one at start-up), starts from it too.
    if (preset && m_current && m_current->model()->rowCount() == 0 && !m_current->isBusy())
        m_picker->useDefaults(m_current);
}

// The main window's setPresets(), here beside what it sets.
void MainWindow::setPresets(const QList<Preset> &presets, const QString &defaultPreset)
{
    m_composerTools->setPresets(presets, defaultPreset);
}

} // namespace Sluice
