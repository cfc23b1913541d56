// `sluice run --save --tools`: each round's calls are stored with the answer that asked for
// them and the model's next answer is a message of its own — as the window stores them
// (session/conversationtools.cpp through HistorySink), so `sluice history`, `sluice export`
// and the window show the same calls.
#pragma once

#include "core/conversation/conversation.h"

namespace Sluice {
class HistorySink;
}

namespace Sluice::Cli {

class SavedRounds
{
public:
    // The row of the answer being received (the question is row 0).
    int answerRow() const { return m_answerRow; }
    // The answer at answerRow() ended asking for calls: they run now.
    void started() { m_roundRow = m_answerRow; }
    // The round's calls all answered: stored with their answer (failed with `why` at the
    // round limit); otherwise the next answer starts, pending, in the row after it.
    void ended(HistorySink *history, const QList<ToolCallRecord> &records, bool limit,
               const QString &why, const QString &model);
    // The run stopped (`why`) during a round: the calls as they stand, unfinished ones stopped.
    void stopped(HistorySink *history, const QList<ToolCallRecord> &records, const QString &why);

private:
    int m_answerRow = 1;
    int m_roundRow = -1; // the answer whose calls are running; -1: none
};

} // namespace Sluice::Cli
