// The Presets page of the settings dialog: named presets (a system prompt, a model and every
// sampling parameter), the one new chats start from, and import and export of presets as a
// JSON file (core/config/presets.h). Edits a copy; the dialog's OK and Apply save it.
#pragma once

#include "core/config/config.h"

#include <QObject>

#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QWidget;

namespace Sluice {

class SamplingFields;

class PresetsPage final : public QObject
{
    Q_OBJECT
public:
    // Adds the page to `pages`.
    PresetsPage(QTabWidget *pages, QWidget *dialog);
    ~PresetsPage() override;

    void show(const Config &config);
    // Whether the page says something else than `config`.
    bool changed(const Config &config) const;
    // Writes the presets and the default preset into `config`.
    void applyTo(Config *config) const;

    // Where Import and Export ask for their file (tests answer); empty result: cancelled.
    void setFileChoosers(std::function<QString()> importFile, std::function<QString()> exportFile)
    {
        m_chooseImport = std::move(importFile);
        m_chooseExport = std::move(exportFile);
    }

    QWidget *page() const { return m_page; }

private:
    void rebuildList(int select);
    void showPreset(int row);
    void storeShown(); // the form into m_presets[m_current]
    void add();
    void duplicate();
    void remove();
    void importFile();
    void exportFile();
    void updateDefaults();
    void say(const QString &text);
    QString uniqueName(const QString &base) const;

    QWidget *m_dialog;
    QWidget *m_page;
    QListWidget *m_list;
    QPushButton *m_addButton;
    QPushButton *m_duplicateButton;
    QPushButton *m_removeButton;
    QWidget *m_form;
    QLineEdit *m_name;
    QPlainTextEdit *m_system;
    QLineEdit *m_provider;
    QLineEdit *m_model;
    QDoubleSpinBox *m_temperature;
    QSpinBox *m_contextSize;
    QSpinBox *m_maxTokens;
    QComboBox *m_think;
    std::unique_ptr<SamplingFields> m_sampling;
    QComboBox *m_default;
    QLabel *m_status;
    QList<Preset> m_presets;
    int m_current = -1;
    bool m_showing = false;
    std::function<QString()> m_chooseImport;
    std::function<QString()> m_chooseExport;
};

} // namespace Sluice
