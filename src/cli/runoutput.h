// What `sluice run` writes besides the reply: `--json` lines and the status line's text; and
// the prompt it reads.
#pragma once

#include "core/chat/chatclient.h"
#include "core/chat/chatreply.h"

#include <QCommandLineParser>
#include <QObject>

#include <functional>
#include <QJsonObject>
#include <QString>

namespace Sluice::Cli {

// The reply's statistics as a `--json` object (unknown values left out).
QJsonObject statsJson(const ReplyStats &stats);
// One `--json` line: compact, with anything a terminal would act on escaped.
QString jsonLine(const QJsonObject &object);
// "Loading model llama3.2:3b… 4 s" for the status line; empty once text streams.
QString phaseText(ChatReply *reply);
// The `--json` "phase" event's name, or empty for phases other events say.
QString phaseJsonName(ChatReply::Phase phase);
// --json: the "phase" event of `reply` entering `phase`, with the time it began (since the
// start) and, after an Ollama load, how long the load took; empty for a phase not reported.
QJsonObject phaseEvent(const ChatReply *reply, ChatReply::Phase phase);
// Asks the server for its models and gives `done` " (available: a, b, …)", " (the server lists
// no models)", or nothing when it cannot say; for "no model chosen".
void availableModelsHint(ChatClient &client, const ProviderConfig &provider, QObject *context,
                         std::function<void(const QString &available)> done);

} // namespace Sluice::Cli
