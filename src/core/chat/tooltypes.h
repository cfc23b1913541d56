// Tool calling as plain values: what a request offers the model, what the model asks to run,
// and what became of each call. The protocols encode and decode these (core/protocol/
// toolwire), the tool loop runs them (core/chat/toolloop), the history keeps the records.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Sluice {

// A tool offered to the model, under the name the model is to use.
struct ToolDefinition
{
    QString name;
    QString description;
    QJsonObject parameters; // JSON Schema of the arguments
};

// A call the model asked for.
struct ToolCallRequest
{
    QString id;            // the model's id for it ("call_…", "toolu_…"); made up when none
    QString name;          // the tool's name as offered
    QJsonObject arguments; // parsed
    QString argumentsText; // as sent, when it is not a JSON object (then `arguments` is empty)
    bool argumentsValid = true;

    friend bool operator==(const ToolCallRequest &a, const ToolCallRequest &b)
    {
        return a.id == b.id && a.name == b.name && a.arguments == b.arguments &&
               a.argumentsText == b.argumentsText && a.argumentsValid == b.argumentsValid;
    }
};

// One call as the thread shows it and the history keeps it.
struct ToolCallRecord
{
    enum class State {
        Waiting,   // asked for; waiting for consent
        Running,
        Ok,        // the tool answered
        ToolError, // the tool ran and reported a failure
        Failed,    // it could not run (server failed, timed out, unknown tool, bad arguments)
        Denied,    // not allowed (by the user, the command line, or the round limit)
        Cancelled, // stopped
    };
    QString callId; // the model's id
    QString name;   // as the model named it
    QString server; // the server providing it; empty when no server has it
    QString tool;   // the tool's name on that server
    QJsonObject arguments;
    State state = State::Waiting;
    QString resultText; // what the model is told: the result, or why there is none
    QJsonArray content; // the result's content blocks, as the server sent them
    qint64 elapsedMs = -1;

    bool isFinished() const { return state != State::Waiting && state != State::Running; }
    friend bool operator==(const ToolCallRecord &a, const ToolCallRecord &b)
    {
        return a.callId == b.callId && a.name == b.name && a.server == b.server &&
               a.tool == b.tool && a.arguments == b.arguments && a.state == b.state &&
               a.resultText == b.resultText && a.content == b.content &&
               a.elapsedMs == b.elapsedMs;
    }
};

// "waiting", "running", "ok", "tool_error", "failed", "denied", "cancelled".
QString toolCallStateName(ToolCallRecord::State state);
ToolCallRecord::State toolCallStateFromName(const QString &name); // unknown: Failed

} // namespace Sluice

Q_DECLARE_METATYPE(Sluice::ToolCallRecord)
