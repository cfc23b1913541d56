#include "gui/window/conversationsettingsdialog.h"
#include "gui/widgets/wheelguard.h"
#include "gui/window/samplingfields.h"

#include "ui_conversationsettingsdialog.h"

#include <QPushButton>

namespace Sluice {

ConversationSettingsDialog::ConversationSettingsDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConversationSettingsDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("conversationSettingsDialog"));
    m_ui->thinkingCombo->addItem(tr("Model default"), QString());
    m_ui->thinkingCombo->addItem(tr("Off"), QStringLiteral("false"));
    m_ui->thinkingCombo->addItem(tr("On"), QStringLiteral("true"));
    m_ui->thinkingCombo->addItem(tr("Low effort"), QStringLiteral("low"));
    m_ui->thinkingCombo->addItem(tr("Medium effort"), QStringLiteral("medium"));
    m_ui->thinkingCombo->addItem(tr("High effort"), QStringLiteral("high"));
    m_sampling = std::make_unique<SamplingFields>(
        m_ui->formLayout, QHash<SamplingParam, QWidget *>{
                              {SamplingParam::Temperature, m_ui->temperatureSpin},
                              {SamplingParam::ContextSize, m_ui->contextSizeSpin},
                              {SamplingParam::MaxTokens, m_ui->maxTokensSpin}});
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &ConversationSettingsDialog::restoreDefaults);
    guardWheel(this);
}

ConversationSettingsDialog::~ConversationSettingsDialog() = default;

void ConversationSettingsDialog::restoreDefaults()
{
    setOptions({});
}

void ConversationSettingsDialog::setOptions(const Conversation &o)
{
    m_ui->systemPromptEdit->setPlainText(o.systemPrompt);
    m_ui->temperatureSpin->setValue(o.settings.temperature ? *o.settings.temperature
                                                           : m_ui->temperatureSpin->minimum());
    m_ui->contextSizeSpin->setValue(o.settings.contextSize.value_or(0));
    m_ui->maxTokensSpin->setValue(o.settings.maxTokens.value_or(0));
    const int i = m_ui->thinkingCombo->findData(o.settings.think);
    m_ui->thinkingCombo->setCurrentIndex(qMax(0, i));
    m_sampling->setOptions(o.settings);
}

void ConversationSettingsDialog::setProviderType(ProviderType type)
{
    m_sampling->setProviderType(type);
}

Conversation ConversationSettingsDialog::options(const Conversation &base) const
{
    Conversation o = base;
    o.systemPrompt = m_ui->systemPromptEdit->toPlainText();
    const double t = m_ui->temperatureSpin->value();
    o.settings.temperature = t < 0 ? std::nullopt : std::optional<double>(t);
    const int ctx = m_ui->contextSizeSpin->value();
    o.settings.contextSize = ctx > 0 ? std::optional<int>(ctx) : std::nullopt;
    const int max = m_ui->maxTokensSpin->value();
    o.settings.maxTokens = max > 0 ? std::optional<int>(max) : std::nullopt;
    o.settings.think = m_ui->thinkingCombo->currentData().toString();
    m_sampling->apply(&o.settings);
    return o;
}

} // namespace Sluice
