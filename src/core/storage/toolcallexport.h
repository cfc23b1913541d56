// The tool calls of a message in a Markdown export: one collapsible section per call with
// its server, tool, outcome and time, the arguments as JSON and the result as text, each in
// a code fence that no text inside can close (so nothing in them renders or runs).
#pragma once

#include "core/chat/tooltypes.h"

#include <QList>
#include <QString>

namespace Sluice {

QString toolCallsMarkdown(const QList<ToolCallRecord> &calls);

} // namespace Sluice
