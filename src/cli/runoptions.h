// `sluice run`'s own options (besides the provider's): what to ask, how to print it, and
// every sampling parameter (--temperature, --top-p … --keep-alive), and what the command
// says about the context: a parameter the protocol cannot send, a prompt the server cut.
#pragma once

#include "core/chat/chattypes.h"
#include "core/config/presets.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Sluice::Cli {

void addRunOptions(QCommandLineParser &parser);
// `sluice run`'s whole command line: its description, the provider, run, image and tool
// options, and the prompt.
void setUpRunParser(QCommandLineParser &parser);

// Sets the sampling parameters given on the command line in `options` (the others stay as
// they are). False, with one sentence in *error, when a value is not valid.
bool samplingFromParser(const QCommandLineParser &parser, ChatOptions *options,
                        QString *error);

// Checks the sampling options and finds --preset in the config file; false after saying
// what is wrong, with the exit code in *exitCode. Without --preset, *preset stays empty.
bool runOptionsValid(const QCommandLineParser &parser, Preset *preset, int *exitCode);

// The request `run` sends: the preset first (its system prompt, model and parameters), the
// command line over it (--system, --model, --think and each sampling option), then the
// model's defaults from the config file for what is still unset.
struct RunRequest
{
    ChatRequest request; // no model: none was chosen
    QString system;      // the system prompt sent; empty: none
    QStringList warnings; // parameters the protocol cannot send (unsentParameterWarnings)
    qint64 promptEstimate = -1;
};
RunRequest runRequest(const QCommandLineParser &parser, const QString &prompt,
                      const Preset &preset, const ProviderConfig &provider,
                      const QString &defaultModel);

// One line per parameter set for `type` whose protocol cannot send it: "--top-k is not
// sent: The OpenAI Chat Completions API has no such parameter."
QStringList unsentParameterWarnings(ProviderType type, const ChatOptions &options);

// `--json`'s "context_cut" object ({"seen": N, "sent": M}), or an empty object when the
// server saw the whole prompt.
QJsonObject contextCutJson(const ReplyStats &stats);

} // namespace Sluice::Cli
