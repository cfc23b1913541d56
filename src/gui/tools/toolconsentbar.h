// Above the composer while a tool call waits for consent: which tool of which server the
// model wants to run, with exactly which arguments (shown as text, never rendered), and
// Allow once / Always allow this tool / Deny — named buttons, reachable with Tab and with
// Alt+A, Alt+W and Alt+D. Hidden otherwise.
#pragma once

#include "core/chat/tooltypes.h"

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Sluice {

class ToolConsentBar final : public QFrame
{
    Q_OBJECT
public:
    explicit ToolConsentBar(QWidget *parent = nullptr);

    // Shows the question for `call`; hides with clear().
    void ask(const ToolCallRecord &call);
    void clear();

    QPushButton *allowOnceButton() const { return m_once; }
    QPushButton *alwaysButton() const { return m_always; }
    QPushButton *denyButton() const { return m_deny; }

Q_SIGNALS:
    void answered(bool allow, bool always);

private:
    QLabel *m_question;
    QPlainTextEdit *m_arguments;
    QPushButton *m_once;
    QPushButton *m_always;
    QPushButton *m_deny;
};

} // namespace Sluice
