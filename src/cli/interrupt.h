// Ctrl-C (and SIGTERM, SIGHUP: a closed terminal) as a Qt signal, delivered in the event loop (never inside a signal handler).
#pragma once

#include <QObject>

namespace Sluice::Cli {

class InterruptNotifier final : public QObject
{
    Q_OBJECT
public:
    explicit InterruptNotifier(QObject *parent = nullptr);
    ~InterruptNotifier() override;

Q_SIGNALS:
    void interrupted();

private:
    void install();
};

} // namespace Sluice::Cli
