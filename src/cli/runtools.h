// `sluice run --tools`: the configured tool servers offered to the model, each call allowed
// only by --allow-tools NAME,… or --yes (refused otherwise, and the model is told), reported
// on stderr (or as a --json "tool_call" event), and the loop of rounds until the model
// answers without tools or --max-tool-rounds is reached.
#pragma once

#include "core/chat/toolloop.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <functional>

namespace Sluice::Cli {

class RunTools final : public QObject
{
    Q_OBJECT
public:
    static void addOptions(QCommandLineParser &parser);
    // nullptr without --tools. A usage or configuration problem: nullptr and *error set.
    static std::unique_ptr<RunTools> fromOptions(const QCommandLineParser &parser, bool json,
                                                 QString *error);
    ~RunTools() override;

    // Starts the servers and lists their tools, then calls `ready` (also when some failed:
    // each is named on stderr).
    void prepare(std::function<void()> ready);
    // Offers the tools in `request`.
    void offer(ChatRequest &request) const;
    // The reply asked for tools: runs them and, once all have answered, adds the round to
    // `request` and calls `next` to ask the model again. False when there is nothing to run.
    bool takeRound(const ReplyStats &stats, const QString &content, ChatRequest *request,
                   std::function<void()> next);
    void cancel();
    // Stops the calls and the servers, then calls `done` once the servers have answered the
    // ends of their sessions (HTTP DELETE), or after SessionEndLimitMs: `sluice run` quits
    // with its event loop still running, so the answers are read and the exit is prompt.
    void shutdown(std::function<void()> done);
    static constexpr int SessionEndLimitMs = 2000;
    // `error` as said to the user: a server that refused the tools (toolrefusal.h) is said
    // with what to do; any other error unchanged.
    static ChatError explained(const ChatError &error, const QString &model);
    // The calls of the round running (or last run), as they stand.
    const QList<ToolCallRecord> &records() const { return m_loop.records(); }

Q_SIGNALS:
    // A round's calls all answered (before the next request, or the limit's failure).
    void roundEnded(const QList<Sluice::ToolCallRecord> &records, bool limitReached,
                    const QString &limitSentence);
    void jsonEvent(const QJsonObject &event);
    // The model asked for more rounds than allowed: the run ends with this sentence.
    void limitReached(const QString &sentence);

private:
    RunTools(Toolbox *toolbox, bool json);
    void onCallChanged(int index, const ToolCallRecord &record);

    Toolbox *m_toolbox;
    ToolLoop m_loop;
    QSet<QString> m_allowed;
    bool m_allowAll = false;
    bool m_json;
    bool m_cancelled = false;
};

} // namespace Sluice::Cli
