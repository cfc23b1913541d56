// The window's keyboard shortcuts. Each action gets its own keys first, then the platform's
// keys for its standard action (Quit, Preferences, Find …) where no other action has them:
// one key sequence never reaches two actions, nor one action twice (Qt then ignores the key:
// "Ambiguous shortcut overload" — "Ctrl+Q" beside QKeySequence::Quit did that on Linux).
#pragma once

#include <QKeySequence>
#include <QList>
#include <QObject>

#include <functional>

class QAction;
class QWidget;

namespace Sluice {

struct ActionKeys
{
    QAction *action = nullptr;
    QList<QKeySequence> own;
    QKeySequence::StandardKey standard = QKeySequence::UnknownKey;
};

// The platform's keys for a standard action. Tests stand in for another platform's table
// (Linux's Quit is Ctrl+Q, KDE's Preferences Ctrl+Shift+, …); an empty function restores it.
using KeyBindings = std::function<QList<QKeySequence>(QKeySequence::StandardKey)>;
void setKeyBindingsForTesting(KeyBindings bindings);

// Sets the shortcuts of every action in `actions`; keys in `taken` (other widgets' shortcuts)
// are not given to any of them.
void assignShortcuts(const QList<ActionKeys> &actions, const QList<QKeySequence> &taken = {});

// A text field claims the keys it edits with before any shortcut sees them (X11 gives Ctrl+K
// to the fields as "delete to the end of the line"). The keys of these actions belong to the
// window wherever the focus is in it: they are not offered to the field, the action runs.
class WindowKeys final : public QObject
{
    Q_OBJECT
public:
    WindowKeys(QWidget *window, const QList<QAction *> &actions);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_window;
    QList<QAction *> m_actions;
};

} // namespace Sluice
