#include "gui/window/windowshortcuts.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QSet>
#include <QWidget>

namespace Sluice {

namespace {

KeyBindings &bindingsOverride()
{
    static KeyBindings bindings;
    return bindings;
}

QList<QKeySequence> platformKeys(QKeySequence::StandardKey key)
{
    if (key == QKeySequence::UnknownKey)
        return {};
    if (const KeyBindings &b = bindingsOverride())
        return b(key);
    return QKeySequence::keyBindings(key);
}

} // namespace

void setKeyBindingsForTesting(KeyBindings bindings)
{
    bindingsOverride() = std::move(bindings);
}

void assignShortcuts(const QList<ActionKeys> &actions, const QList<QKeySequence> &taken)
{
    QSet<QKeySequence> used(taken.cbegin(), taken.cend());
    QList<QList<QKeySequence>> keys(actions.size());
    const auto claim = [&used, &keys](qsizetype i, const QKeySequence &key) {
        if (key.isEmpty() || used.contains(key))
            return;
        used.insert(key);
        keys[i].append(key);
    };
    // The app's own keys first (they are the ones the menus and the docs name), then the
    // platform's where they are still free.
    for (qsizetype i = 0; i < actions.size(); ++i) {
        for (const QKeySequence &key : actions.at(i).own)
            claim(i, key);
    }
    for (qsizetype i = 0; i < actions.size(); ++i) {
        for (const QKeySequence &key : platformKeys(actions.at(i).standard))
            claim(i, key);
    }
    for (qsizetype i = 0; i < actions.size(); ++i)
        actions.at(i).action->setShortcuts(keys.at(i));
}

WindowKeys::WindowKeys(QWidget *window, const QList<QAction *> &actions)
    : QObject(window), m_window(window), m_actions(actions)
{
    qApp->installEventFilter(this);
}

bool WindowKeys::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType() &&
        static_cast<QWidget *>(watched)->window() == m_window) {
        const QKeySequence pressed(static_cast<QKeyEvent *>(event)->keyCombination());
        for (const QAction *action : std::as_const(m_actions)) {
            if (action->isEnabled() && action->shortcuts().contains(pressed))
                return true; // not offered to the field: the action's shortcut runs
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Sluice
