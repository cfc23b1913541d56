// "Test connection" in the provider form: the diagnostic steps (sluice doctor's) as a list
// that fills in live — a status icon per step (pending, running, passed, warning, failed,
// skipped), the step, what was found, the time it took, and under a failed or doubtful step
// the sentence saying what to do. A running test can be cancelled.
#pragma once

#include "core/chat/chattypes.h"
#include "core/diagnostics/diagnostics.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Sluice {

class ChatClient;

class ConnectionTestPanel final : public QWidget
{
    Q_OBJECT
public:
    enum Column { StepColumn, DetailColumn, TimeColumn };
    // Qt::UserRole of a step's item: its Diagnostics::Step::Status as an int.
    static constexpr int StatusRole = Qt::UserRole;

    explicit ConnectionTestPanel(QWidget *parent = nullptr);
    ~ConnectionTestPanel() override;

    // Starts a test, cancelling the one running.
    void run(ChatClient *client, const ProviderConfig &provider, const QString &model);
    void cancel();
    void clear();                          // cancels and empties the list
    void showProblem(const QString &text); // the form cannot be tested as it is
    bool isRunning() const { return !m_diagnostics.isNull(); }

    static QString stepTitle(const QString &title); // Diagnostics' titles, translated
    static QString statusText(Diagnostics::Step::Status status);

Q_SIGNALS:
    void finished(bool passed);

private:
    void updateStep(int index);
    void finish(bool passed);
    void animate();

    QTreeWidget *m_steps;
    QPushButton *m_cancel;
    QLabel *m_summary;
    QPointer<Diagnostics> m_diagnostics;
    QTimer m_spinner;
    int m_frame = 0;
    bool m_cancelled = false;
};

} // namespace Sluice
