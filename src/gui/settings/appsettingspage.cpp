#include "gui/settings/appsettingspage.h"

#include "ui_settingsdialog.h"

#include <QFileDialog>

namespace Sluice {

AppSettingsPage::AppSettingsPage(Ui::SettingsDialog &ui, QWidget *dialog)
    : QObject(dialog), m_ui(ui), m_dialog(dialog)
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark}) {
        const QString label = t == Theme::System  ? tr("Follow the system")
                              : t == Theme::Light ? tr("Light")
                                                  : tr("Dark");
        m_ui.themeCombo->addItem(label, int(t));
    }
    m_ui.sendKeyCombo->addItem(tr("Enter (Shift+Enter for a new line)"), int(SendKey::Enter));
    m_ui.sendKeyCombo->addItem(tr("Ctrl+Enter"), int(SendKey::CtrlEnter));
    const std::pair<LogLevel, QString> levels[] = {{LogLevel::Off, tr("Off")},
                                                   {LogLevel::Error, tr("Errors")},
                                                   {LogLevel::Warning, tr("Warnings")},
                                                   {LogLevel::Info, tr("Information")},
                                                   {LogLevel::Debug, tr("Debug (verbose)")}};
    for (const auto &[level, label] : levels)
        m_ui.logLevelCombo->addItem(label, int(level));

    connect(m_ui.dataDirBrowseButton, &QAbstractButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(m_dialog, tr("Data folder"),
                                                              m_ui.dataDirEdit->text());
        if (!dir.isEmpty())
            m_ui.dataDirEdit->setText(dir);
    });
    connect(m_ui.logFileBrowseButton, &QAbstractButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(m_dialog, tr("Log file"), m_ui.logFileEdit->text());
        if (!file.isEmpty())
            m_ui.logFileEdit->setText(file);
    });
}

AppSettings AppSettingsPage::settings(const AppSettings &base) const
{
    AppSettings a = base;
    a.theme = Theme(m_ui.themeCombo->currentData().toInt());
    a.fontSize = m_ui.fontSizeSpin->value();
    a.sendKey = SendKey(m_ui.sendKeyCombo->currentData().toInt());
    a.dataDir = m_ui.dataDirEdit->text().trimmed();
    a.logLevel = LogLevel(m_ui.logLevelCombo->currentData().toInt());
    a.logFile = m_ui.logFileEdit->text().trimmed();
    return a;
}

void AppSettingsPage::show(const AppSettings &app)
{
    m_ui.themeCombo->setCurrentIndex(m_ui.themeCombo->findData(int(app.theme)));
    m_ui.fontSizeSpin->setValue(app.fontSize);
    m_ui.sendKeyCombo->setCurrentIndex(m_ui.sendKeyCombo->findData(int(app.sendKey)));
    m_ui.dataDirEdit->setText(app.dataDir);
    m_ui.logLevelCombo->setCurrentIndex(m_ui.logLevelCombo->findData(int(app.logLevel)));
    m_ui.logFileEdit->setText(app.logFile);
}

} // namespace Sluice
