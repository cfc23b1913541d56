#include "gui/widgets/nodefaultbutton.h"

#include <QDialog>
#include <QKeyEvent>
#include <QPushButton>

namespace Sluice {

namespace {

// Enter and Return on a focused button press it, like Space (a non-default button ignores
// them otherwise).
class EnterPressesFocusedButton final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::KeyPress)
            return false;
        const auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
        if ((key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter) || mods != 0)
            return false;
        auto *button = qobject_cast<QPushButton *>(watched);
        if (button && button->isEnabled())
            button->click();
        return true;
    }
};

} // namespace

void removeDefaultButton(QDialog *dialog)
{
    auto *filter = new EnterPressesFocusedButton(dialog);
    const QList<QPushButton *> buttons = dialog->findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        button->setDefault(false);
        button->setAutoDefault(false);
        button->installEventFilter(filter);
    }
}

} // namespace Sluice
