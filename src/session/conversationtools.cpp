// ConversationController's tool rounds: a reply that asks for tools keeps the conversation
// busy while its calls run (each with consent, see ToolLoop), then a new assistant message
// asks the model again with the results, until it answers without tools. Stop cancels the
// running call and ends the turn; the round limit ends it with a sentence. Tool servers start
// lazily: the first request that offers tools (or the first after a server died) waits for
// them, Pending, and Stop ends that wait.
#include "session/conversationcontroller.h"

#include "core/chat/toolloop.h"
#include "core/tools/toolbox.h"
#include "session/conversationsink.h"

namespace Sluice {

void ConversationController::setToolLoop(ToolLoop *loop)
{
    if (m_tools)
        m_tools->disconnect(this);
    m_tools = loop;
    if (!loop)
        return;
    connect(loop, &ToolLoop::callChanged, this, &ConversationController::onToolCallChanged);
    connect(loop, &ToolLoop::roundFinished, this, &ConversationController::onToolRoundFinished);
}

void ConversationController::addTools(ChatRequest &request) const
{
    if (m_tools && m_options.model != m_toolsRefusedBy) // refused once: asked without them
        request.tools = m_tools->definitions();
}

bool ConversationController::waitForTools(int row, bool continuing)
{
    Toolbox *box = m_tools ? m_tools->toolbox() : nullptr;
    if (!box || !box->needsPrepare())
        return false;
    const quint64 uid = m_model->message(row).uid;
    m_prepareUid = uid;
    m_prepareContinuing = continuing;
    m_model->setState(row, MessageState::Pending);
    connect(box, &Toolbox::ready, this, [this, uid](const QStringList &) {
        if (m_prepareUid != uid)
            return; // stopped meanwhile
        m_prepareUid = 0;
        const int r = m_model->rowOfUid(uid);
        if (r >= 0)
            sendReply(r, m_prepareContinuing);
        else
            Q_EMIT busyChanged(false);
    }, Qt::SingleShotConnection);
    box->prepare(); // problems are the window's to say (WindowTools); the chat goes on
    Q_EMIT busyChanged(true);
    return true;
}

bool ConversationController::stopWaitingForTools()
{
    const quint64 uid = std::exchange(m_prepareUid, 0);
    if (!uid)
        return false;
    const int row = m_model->rowOfUid(uid);
    if (row >= 0) {
        // Ended as a reply stopped before its first word: started and ended, in the history too.
        m_model->setState(row, MessageState::Cancelled,
                          tr("Stopped while the tool servers were starting."));
        out().replyStarted(row, m_model->message(row), m_prepareContinuing);
        out().replyEnded(row, m_model->message(row));
        Q_EMIT replyEnded(row);
    }
    Q_EMIT busyChanged(false);
    return true;
}

bool ConversationController::startToolRound(int row, const ReplyStats &stats)
{
    if (!m_tools || stats.toolCalls.isEmpty() || m_tools->isRunning())
        return false;
    // The reply itself is over; the turn goes on with its calls.
    if (ChatReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->deleteLater();
    }
    m_toolUid = m_replyUid;
    m_replyUid = 0;
    out().replyEnded(row, m_model->message(row));
    m_tools->runRound(stats.toolCalls);
    m_model->setToolCalls(row, m_tools->records());
    out().toolCallsChanged(row, m_model->message(row));
    return true;
}

void ConversationController::onToolCallChanged(int index, const ToolCallRecord &record)
{
    const int row = m_model->rowOfUid(m_toolUid);
    if (row < 0)
        return;
    QList<ToolCallRecord> calls = m_model->message(row).toolCalls;
    if (index < 0 || index >= calls.size())
        return;
    calls[index] = record;
    m_model->setToolCalls(row, calls);
    if (record.isFinished())
        out().toolCallsChanged(row, m_model->message(row));
}

void ConversationController::onToolRoundFinished(const QList<ToolCallRecord> &records)
{
    const int row = m_model->rowOfUid(m_toolUid);
    m_toolUid = 0;
    if (row < 0) {
        Q_EMIT busyChanged(false);
        return;
    }
    m_model->setToolCalls(row, records);
    bool stopped = false;
    for (const ToolCallRecord &r : records)
        stopped = stopped || r.state == ToolCallRecord::State::Cancelled;
    if (m_tools && m_tools->limitReached())
        m_model->setState(row, MessageState::Failed, m_tools->limitSentence());
    else if (stopped)
        m_model->setState(row, MessageState::Cancelled, tr("Stopped during a tool call."));
    out().toolCallsChanged(row, m_model->message(row)); // with how the turn ended
    if (!stopped && !(m_tools && m_tools->limitReached())) {
        // The model's answer to the results: a new assistant message, asked for at once.
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.state = MessageState::Pending;
        reply.model = m_options.model;
        startReply(m_model->appendMessage(reply), false);
        return;
    }
    out().replyEnded(row, m_model->message(row));
    Q_EMIT replyEnded(row);
    Q_EMIT busyChanged(false);
}

} // namespace Sluice
