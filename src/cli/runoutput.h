// What `sluice run` writes besides the reply: `--json` lines and the status line's text; and
// the prompt it reads.
#pragma once

#include "core/chat/chatreply.h"

#include <QCommandLineParser>
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
// run's own options (the provider's, the settings' and --tools' are added beside them).
void addRunOptions(QCommandLineParser &parser);

} // namespace Sluice::Cli
