// "Test connection" in the settings dialog: runs Diagnostics and reports each finished step
// as a line ("✓ DNS  127.0.0.1 → 127.0.0.1  (3 ms)", then "    fix: …" where something is
// wrong), ending with "All checks passed." or "Some checks failed.".
#pragma once

#include "chattypes.h"
#include "diagnostics.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Sluice {

class ChatClient;

class ConnectionTest final : public QObject
{
    Q_OBJECT
public:
    using Report = std::function<void(const QString &text)>;

    ConnectionTest(ChatClient *client, QObject *parent = nullptr);

    // Starts a test (cancelling the one running); `report` gets the whole text so far after
    // every step.
    void run(const ProviderConfig &provider, const QString &model, Report report);
    bool isRunning() const { return !m_diagnostics.isNull(); }

    static QString stepLine(const Diagnostics::Step &step);

private:
    ChatClient *m_client;
    QPointer<Diagnostics> m_diagnostics;
};

} // namespace Sluice
