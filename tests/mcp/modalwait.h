// Waits, without a sleep, for a modal dialog that a key or click is opening (the event that
// opens it is still being handled when the test goes on), then acts on it.
#pragma once

#include <QApplication>
#include <QTimer>

#include <functional>
#include <memory>

namespace Sluice::Test {

// Runs `act` on the modal `Dialog` once it is up; fails the whole test if it does not open
// within 500 turns of a 10 ms timer.
template <typename Dialog> void whenModalOpens(QObject *owner, std::function<void(Dialog *)> act)
{
    auto *poll = new QTimer(owner);
    auto tries = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, owner, [poll, act, tries] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        if (!dialog && ++*tries < 500)
            return;
        poll->stop();
        poll->deleteLater();
        if (!dialog)
            qFatal("%s did not open", Dialog::staticMetaObject.className());
        act(dialog);
    });
    poll->start(10);
}

} // namespace Sluice::Test
