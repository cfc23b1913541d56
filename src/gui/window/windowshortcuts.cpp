#include "gui/window/windowshortcuts.h"

#include <QAction>
#include <QSet>

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

} // namespace Sluice
