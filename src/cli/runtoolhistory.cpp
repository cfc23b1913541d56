#include "cli/runtoolhistory.h"

#include "session/historysink.h"

#include <utility>

namespace Sluice::Cli {

namespace {

void save(HistorySink *history, int row, const QList<ToolCallRecord> &records,
          MessageState state, const QString &error)
{
    ConversationMessage answer;
    answer.role = QStringLiteral("assistant");
    answer.state = state;
    answer.errorText = error;
    answer.toolCalls = records;
    history->toolCallsChanged(row, answer); // its state too, as the window's turn ends
}

} // namespace

void SavedRounds::ended(HistorySink *history, const QList<ToolCallRecord> &records, bool limit,
                        const QString &why, const QString &model)
{
    const int row = std::exchange(m_roundRow, -1);
    if (!history || row < 0)
        return;
    save(history, row, records, limit ? MessageState::Failed : MessageState::Complete,
         limit ? why : QString());
    if (limit)
        return;
    m_answerRow = row + 1;
    ConversationMessage answer;
    answer.role = QStringLiteral("assistant");
    answer.state = MessageState::Pending;
    answer.model = model;
    history->replyStarted(m_answerRow, answer, false);
}

void SavedRounds::stopped(HistorySink *history, const QList<ToolCallRecord> &records,
                          const QString &why)
{
    const int row = std::exchange(m_roundRow, -1);
    if (!history || row < 0)
        return;
    QList<ToolCallRecord> calls = records;
    for (ToolCallRecord &r : calls) {
        if (r.isFinished())
            continue;
        r.state = ToolCallRecord::State::Cancelled;
        r.resultText = QStringLiteral("Not run: stopped.");
    }
    save(history, row, calls, MessageState::Cancelled, why);
}

} // namespace Sluice::Cli
