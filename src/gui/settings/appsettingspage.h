// The application page of the settings dialog: theme, text size, the send key, the data
// folder, the log level and the log file (with "Browse…" for the folder and the file).
#pragma once

#include "core/config/config.h"

#include <QObject>

namespace Ui {
class SettingsDialog;
}

namespace Sluice {

class AppSettingsPage final : public QObject
{
    Q_OBJECT
public:
    // Fills the page's lists; `ui` is the dialog's form, which owns the widgets.
    AppSettingsPage(Ui::SettingsDialog &ui, QWidget *dialog);

    void show(const AppSettings &app);
    // What the page says, over `base` (the settings the page does not show stay).
    AppSettings settings(const AppSettings &base) const;

private:
    Ui::SettingsDialog &m_ui;
    QWidget *m_dialog;
};

} // namespace Sluice
