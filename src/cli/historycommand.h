// `sluice history` (list stored conversations) and `sluice export ID` (one conversation as
// Markdown or JSON). The arguments exclude the program name and the subcommand word.
// Exit codes: 0 done, 1 the history could not be read or the file written, 2 usage error or
// no such conversation (one line on stderr starting "sluice: ").
#pragma once

#include <QStringList>

class QTextStream;

namespace Sluice::Cli {

int historyCommand(const QStringList &args); // stdout, stderr
int exportCommand(const QStringList &args);

// The same, writing to the given streams (for tests).
int historyCommandOn(const QStringList &args, QTextStream &out, QTextStream &err);
int exportCommandOn(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace Sluice::Cli
