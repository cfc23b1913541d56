// The tool calls of a conversation, round by round: what the model is offered (from a
// Toolbox), consent for each call, running it, and the results that go back to the model.
//
// A round is the calls of one model turn. They run one after another, each only with
// consent: the policy answers at once (the command line's --allow-tools / --yes), or the loop
// asks (consentNeeded) and waits for answerConsent() (the window's Allow once / Always allow
// / Deny). roundFinished() follows exactly once per runRound(), also after cancel(). Past
// the round limit nothing runs: the calls are refused and limitReached() says so.
#pragma once

#include "core/chat/chattypes.h"
#include "core/tools/toolbox.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace Sluice {

class ToolLoop final : public QObject
{
    Q_OBJECT
public:
    enum class Consent { Ask, Allow, Deny };
    // The one definition of the default limit: sluice.json's app.max_tool_rounds starts here
    // (AppSettings::maxToolRounds), and so do the settings table, Settings and `sluice run`.
    static constexpr int DefaultMaxRounds = 10;

    explicit ToolLoop(Toolbox *toolbox, QObject *parent = nullptr);
    ~ToolLoop() override;

    Toolbox *toolbox() const { return m_toolbox; }
    // What to do with a call before asking anyone; default: ask (unless always allowed).
    void setPolicy(std::function<Consent(const ToolCallRecord &)> policy);
    void setMaxRounds(int rounds) { m_maxRounds = qMax(1, rounds); }
    int maxRounds() const { return m_maxRounds; }

    // The tools to offer, under names unique across servers (a name two servers share
    // becomes "server_tool"). Read from the toolbox each time.
    QList<ToolDefinition> definitions() const;

    // A new question from the user: rounds count from zero again.
    void resetRounds() { m_round = 0; }
    int round() const { return m_round; }
    bool limitReached() const { return m_limitReached; }
    // The sentence for a conversation stopped by the limit.
    QString limitSentence() const;

    void runRound(const QList<ToolCallRequest> &calls);
    bool isRunning() const { return m_running; }
    const QList<ToolCallRecord> &records() const { return m_records; }
    int waitingIndex() const { return m_waiting; } // the call waiting for consent, or -1

    // The answer for the call waiting for consent. `always`: this tool of this server runs
    // without asking for as long as this loop lives.
    void answerConsent(bool allow, bool always = false);
    // Stops the running call (and the round): the rest is not run.
    void cancel();

    // The messages a finished round adds to a request: the assistant's turn with its calls
    // (and its thinking blocks, ReplyStats::thinkingBlocks), then one result per call, in order.
    static void appendRound(QList<ChatMessage> &messages, const QString &content,
                            const QList<ToolCallRecord> &records,
                            const QJsonArray &thinkingBlocks = {});

Q_SIGNALS:
    void consentNeeded(int index, const Sluice::ToolCallRecord &record);
    void callChanged(int index, const Sluice::ToolCallRecord &record);
    void roundFinished(const QList<Sluice::ToolCallRecord> &records);

private:
    void next();
    void startCall();
    void settle(ToolCallRecord::State state, const QString &text);
    void onOutcome(const ToolOutcome &outcome);
    QHash<QString, ToolSpec> offered() const;

    QPointer<Toolbox> m_toolbox;
    std::function<Consent(const ToolCallRecord &)> m_policy;
    QSet<QString> m_alwaysAllowed; // "server\ntool"
    QList<ToolCallRecord> m_records;
    QPointer<ToolRun> m_run;
    qint64 m_startedMs = 0;
    int m_current = -1;
    int m_waiting = -1;
    int m_round = 0;
    int m_maxRounds = DefaultMaxRounds;
    bool m_running = false;
    bool m_limitReached = false;
    bool m_cancelled = false;
};

} // namespace Sluice
