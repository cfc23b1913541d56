// Standard output, checked: every write either reaches the reader or is known to have
// failed — a reader that went away (EPIPE: `sluice run … | head -c 5`) or a write error
// (ENOSPC on a full disk, /dev/full). Terminal output for people goes through writeStdout()
// (clicommon.h), which ends here.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Sluice::Cli {

enum class StdoutState {
    Ok,
    Closed, // the reader went away (broken pipe)
    Failed, // a write error; stdoutError() says which
};

// Writes all of `bytes` to standard output at once (no buffering left behind). After the
// first failure nothing more is written and the state stays as it was.
StdoutState writeStdoutBytes(QByteArrayView bytes);
StdoutState stdoutState();
// The system's words for a failed write ("No space left on device").
QString stdoutError();

// A closed pipe becomes an EPIPE from write() instead of killing the process, so that a
// command can stop its work and keep what it has (call once, before writing).
void ignoreBrokenPipeSignal();

} // namespace Sluice::Cli
