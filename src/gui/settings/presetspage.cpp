#include "gui/settings/presetspage.h"

#include "core/util/atomicfile.h"
#include "gui/widgets/wheelguard.h"
#include "gui/window/samplingfields.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Sluice {

namespace {

// Named as shown (voice control finds it by its text); what it does is the description.
QPushButton *button(const QString &text, const QString &name, const QString &description,
                    QLayout *into)
{
    auto *b = new QPushButton(text);
    b->setObjectName(name);
    b->setAccessibleDescription(description);
    b->setAutoDefault(false);
    into->addWidget(b);
    return b;
}

} // namespace

PresetsPage::PresetsPage(QTabWidget *pages, QWidget *dialog)
    : QObject(dialog), m_dialog(dialog), m_page(new QWidget)
{
    m_page->setObjectName(QStringLiteral("presetsPage"));
    auto *outer = new QVBoxLayout(m_page);
    auto *columns = new QHBoxLayout;
    outer->addLayout(columns, 1);

    auto *left = new QVBoxLayout;
    auto *listLabel = new QLabel(tr("Pre&sets"));
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("presetList"));
    m_list->setAccessibleName(tr("Presets"));
    listLabel->setBuddy(m_list);
    left->addWidget(listLabel);
    left->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    m_addButton = button(tr("&Add"), QStringLiteral("addPresetButton"),
                         tr("Add a preset"), buttons);
    m_duplicateButton = button(tr("D&uplicate"), QStringLiteral("duplicatePresetButton"),
                               tr("Add a copy of the selected preset"), buttons);
    m_removeButton = button(tr("Re&move"), QStringLiteral("removePresetButton"),
                            tr("Remove the selected preset"), buttons);
    left->addLayout(buttons);
    auto *files = new QHBoxLayout;
    QPushButton *importButton = button(tr("Import…"), QStringLiteral("importPresetsButton"),
                                        tr("Import presets from a file"), files);
    QPushButton *exportButton = button(tr("Export…"), QStringLiteral("exportPresetsButton"),
                                        tr("Export the presets to a file"), files);
    left->addLayout(files);
    columns->addLayout(left, 1);

    m_form = new QWidget;
    auto *form = new QFormLayout(m_form);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("presetNameEdit"));
    m_name->setAccessibleName(tr("Name"));
    form->addRow(tr("&Name"), m_name);
    m_system = new QPlainTextEdit;
    m_system->setObjectName(QStringLiteral("presetSystemPromptEdit"));
    m_system->setTabChangesFocus(true);
    m_system->setPlaceholderText(tr("You are a helpful assistant."));
    m_system->setAccessibleName(tr("System prompt"));
    form->addRow(tr("S&ystem prompt"), m_system);
    m_provider = new QLineEdit;
    m_provider->setObjectName(QStringLiteral("presetProviderEdit"));
    m_provider->setPlaceholderText(tr("The chat's server"));
    m_provider->setToolTip(tr("The id of a server in Providers; empty keeps the chat's."));
    m_provider->setAccessibleName(tr("Server"));
    form->addRow(tr("Ser&ver"), m_provider);
    m_model = new QLineEdit;
    m_model->setObjectName(QStringLiteral("presetModelEdit"));
    m_model->setPlaceholderText(tr("The chat's model"));
    m_model->setAccessibleName(tr("Model"));
    form->addRow(tr("Mo&del"), m_model);
    m_temperature = new QDoubleSpinBox;
    m_temperature->setRange(-0.05, 2);
    m_temperature->setSingleStep(0.05);
    m_temperature->setSpecialValueText(tr("Server default"));
    m_temperature->setValue(-0.05);
    m_temperature->setAccessibleName(tr("Temperature"));
    m_temperature->setObjectName(QStringLiteral("presetTemperatureSpin"));
    form->addRow(tr("&Temperature"), m_temperature);
    m_contextSize = new QSpinBox;
    m_contextSize->setRange(0, 2097152);
    m_contextSize->setSingleStep(1024);
    m_contextSize->setSpecialValueText(tr("Server default"));
    m_contextSize->setSuffix(tr(" tokens"));
    m_contextSize->setAccessibleName(tr("Context size"));
    m_contextSize->setObjectName(QStringLiteral("presetContextSizeSpin"));
    form->addRow(tr("&Context size"), m_contextSize);
    m_maxTokens = new QSpinBox;
    m_maxTokens->setRange(0, 1048576);
    m_maxTokens->setSingleStep(256);
    m_maxTokens->setSpecialValueText(tr("Server default"));
    m_maxTokens->setSuffix(tr(" tokens"));
    m_maxTokens->setAccessibleName(tr("Max reply tokens"));
    m_maxTokens->setObjectName(QStringLiteral("presetMaxTokensSpin"));
    form->addRow(tr("Ma&x reply tokens"), m_maxTokens);
    m_think = new QComboBox;
    m_think->setAccessibleName(tr("Thinking"));
    m_think->setObjectName(QStringLiteral("presetThinkingCombo"));
    m_think->addItem(tr("Model default"), QString());
    m_think->addItem(tr("Off"), QStringLiteral("false"));
    m_think->addItem(tr("On"), QStringLiteral("true"));
    m_think->addItem(tr("Low effort"), QStringLiteral("low"));
    m_think->addItem(tr("Medium effort"), QStringLiteral("medium"));
    m_think->addItem(tr("High effort"), QStringLiteral("high"));
    form->addRow(tr("T&hinking"), m_think);
    m_sampling = std::make_unique<SamplingFields>(
        form, QHash<SamplingParam, QWidget *>{{SamplingParam::Temperature, m_temperature},
                                              {SamplingParam::ContextSize, m_contextSize},
                                              {SamplingParam::MaxTokens, m_maxTokens}});
    columns->addWidget(m_form, 2);

    auto *defaults = new QHBoxLayout;
    auto *defaultLabel = new QLabel(tr("Ne&w chats use"));
    m_default = new QComboBox;
    m_default->setObjectName(QStringLiteral("defaultPresetCombo"));
    m_default->setAccessibleName(tr("New chats use"));
    defaultLabel->setBuddy(m_default);
    defaults->addWidget(defaultLabel);
    defaults->addWidget(m_default, 1);
    outer->addLayout(defaults);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("presetsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    outer->addWidget(m_status);
    guardWheel(m_page);
    pages->addTab(m_page, tr("Presets"));

    connect(m_list, &QListWidget::currentRowChanged, this, &PresetsPage::showPreset);
    connect(m_addButton, &QPushButton::clicked, this, &PresetsPage::add);
    connect(m_duplicateButton, &QPushButton::clicked, this, &PresetsPage::duplicate);
    connect(m_removeButton, &QPushButton::clicked, this, &PresetsPage::remove);
    connect(importButton, &QPushButton::clicked, this, &PresetsPage::importFile);
    connect(exportButton, &QPushButton::clicked, this, &PresetsPage::exportFile);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        storeShown();
        if (m_current >= 0)
            m_list->item(m_current)->setText(m_presets.at(m_current).name);
        updateDefaults();
    });
}

PresetsPage::~PresetsPage() = default;

void PresetsPage::show(const Config &config)
{
    m_presets = config.presets;
    m_current = -1;
    rebuildList(m_presets.isEmpty() ? -1 : 0);
    const int i = m_default->findText(config.defaultPreset);
    m_default->setCurrentIndex(qMax(0, i));
    m_status->clear();
}

bool PresetsPage::changed(const Config &config) const
{
    Config mine = config;
    applyTo(&mine);
    return mine.presets != config.presets || mine.defaultPreset != config.defaultPreset;
}

void PresetsPage::applyTo(Config *config) const
{
    QList<Preset> presets = m_presets;
    if (m_current >= 0 && m_current < presets.size()) { // the form as it is now
        Preset &p = presets[m_current];
        // Names stay unique (case aside) and not empty: the file would not read otherwise.
        const QString base = m_name->text().trimmed().isEmpty() ? p.name : m_name->text().trimmed();
        const auto clash = [&presets, this](const QString &name) {
            for (int i = 0; i < presets.size(); ++i) {
                if (i != m_current && presets.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
                    return true;
            }
            return false;
        };
        p.name = base;
        for (int n = 2; clash(p.name); ++n)
            p.name = QStringLiteral("%1 %2").arg(base).arg(n);
        p.systemPrompt = m_system->toPlainText();
        p.providerId = m_provider->text().trimmed();
        p.model = m_model->text().trimmed();
        const double t = m_temperature->value();
        p.options.temperature = t < 0 ? std::nullopt : std::optional<double>(t);
        p.options.contextSize = m_contextSize->value() > 0
                                    ? std::optional<int>(m_contextSize->value())
                                    : std::nullopt;
        p.options.maxTokens =
            m_maxTokens->value() > 0 ? std::optional<int>(m_maxTokens->value()) : std::nullopt;
        p.options.think = m_think->currentData().toString();
        m_sampling->apply(&p.options);
    }
    config->presets = presets;
    config->defaultPreset = m_default->currentIndex() > 0 ? m_default->currentText() : QString();
}

void PresetsPage::storeShown()
{
    if (m_showing || m_current < 0 || m_current >= m_presets.size())
        return;
    Config c;
    applyTo(&c);
    m_presets[m_current] = c.presets.at(m_current);
}

void PresetsPage::rebuildList(int select)
{
    m_showing = true;
    m_list->clear();
    for (const Preset &p : std::as_const(m_presets))
        m_list->addItem(p.name);
    m_showing = false;
    m_current = -1;
    updateDefaults();
    if (select >= 0)
        m_list->setCurrentRow(select);
    else
        showPreset(-1);
}

void PresetsPage::showPreset(int row)
{
    storeShown();
    m_current = row;
    const bool valid = row >= 0 && row < m_presets.size();
    m_form->setEnabled(valid);
    m_duplicateButton->setEnabled(valid);
    m_removeButton->setEnabled(valid);
    const Preset p = valid ? m_presets.at(row) : Preset();
    m_showing = true;
    m_name->setText(p.name);
    m_system->setPlainText(p.systemPrompt);
    m_provider->setText(p.providerId);
    m_model->setText(p.model);
    m_temperature->setValue(p.options.temperature.value_or(m_temperature->minimum()));
    m_contextSize->setValue(p.options.contextSize.value_or(0));
    m_maxTokens->setValue(p.options.maxTokens.value_or(0));
    m_think->setCurrentIndex(qMax(0, m_think->findData(p.options.think)));
    m_sampling->setOptions(p.options);
    m_showing = false;
}

QString PresetsPage::uniqueName(const QString &base) const
{
    QString name = base;
    for (int n = 2; findPreset(m_presets, name); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

void PresetsPage::add()
{
    storeShown();
    Preset p;
    p.name = uniqueName(tr("New preset"));
    m_presets.append(p);
    rebuildList(int(m_presets.size()) - 1);
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void PresetsPage::duplicate()
{
    storeShown();
    if (m_current < 0)
        return;
    Preset p = m_presets.at(m_current);
    p.name = uniqueName(tr("%1 (copy)").arg(p.name));
    m_presets.insert(m_current + 1, p);
    rebuildList(m_current + 1);
}

void PresetsPage::remove()
{
    if (m_current < 0)
        return;
    const int row = m_current;
    m_current = -1; // what the form shows goes with it
    const QString removed = m_presets.takeAt(row).name;
    const QString keep = m_default->currentText();
    rebuildList(qMin(row, int(m_presets.size()) - 1));
    m_default->setCurrentIndex(qMax(0, m_default->findText(keep)));
    say(tr("Removed the preset \"%1\".").arg(removed));
}

void PresetsPage::updateDefaults()
{
    const QString keep = m_default->currentText();
    m_default->clear();
    m_default->addItem(tr("No preset"));
    for (const Preset &p : std::as_const(m_presets))
        m_default->addItem(p.name);
    m_default->setCurrentIndex(qMax(0, m_default->findText(keep)));
}

void PresetsPage::importFile()
{
    const QString path =
        m_chooseImport ? m_chooseImport()
                       : QFileDialog::getOpenFileName(m_dialog, tr("Import presets"), QString(),
                                                      tr("Presets (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        say(tr("Could not read %1: %2").arg(path, f.errorString()));
        return;
    }
    QList<Preset> read;
    QString error;
    if (!presetsFromExportBytes(f.readAll(), &read, &error)) {
        say(tr("Nothing was imported from %1. %2").arg(path, error));
        return;
    }
    storeShown();
    int replaced = 0;
    for (const Preset &p : std::as_const(read)) {
        bool found = false;
        for (Preset &mine : m_presets) {
            if (mine.name.compare(p.name, Qt::CaseInsensitive) == 0) {
                mine = p; // a preset of the same name is replaced
                found = true;
                ++replaced;
            }
        }
        if (!found)
            m_presets.append(p);
    }
    rebuildList(m_presets.isEmpty() ? -1 : 0);
    QString text = read.size() == 1 ? tr("Imported 1 preset from %1.").arg(path)
                                    : tr("Imported %1 presets from %2.").arg(read.size()).arg(path);
    if (replaced > 0)
        text += u' ' + tr("Presets of the same name were replaced: %1.").arg(replaced);
    say(text);
}

void PresetsPage::exportFile()
{
    storeShown();
    const QString path =
        m_chooseExport ? m_chooseExport()
                       : QFileDialog::getSaveFileName(m_dialog, tr("Export presets"),
                                                      QStringLiteral("sluice-presets.json"),
                                                      tr("Presets (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!writeFileAtomically(path, presetsExportBytes(m_presets), &error)) {
        say(tr("Could not write %1: %2").arg(path, error));
        return;
    }
    say(m_presets.size() == 1 ? tr("Exported 1 preset to %1.").arg(path)
                              : tr("Exported %1 presets to %2.").arg(m_presets.size()).arg(path));
}

void PresetsPage::say(const QString &text)
{
    m_status->setText(text);
}

} // namespace Sluice
