// ConversationController: what a request sends (the path shown, less what the user dropped
// from the context; images, documents' text, tool rounds and tools in each protocol's shape).
#include "session/conversationcontroller.h"
#include "core/conversation/attachedtext.h"
#include "core/conversation/contextbudget.h"
#include "core/chat/chatclient.h"
#include "core/chat/toolloop.h"
#include "session/conversationsink.h"

namespace Sluice {

ChatRequest ConversationController::buildRequest(int endRow) const
{
    ChatRequest req;
    req.model = m_options.model;
    req.stream = m_provider.stream;
    req.options = requestOptions(m_options.settings, m_provider, m_options.model);
    if (!m_options.systemPrompt.trimmed().isEmpty())
        req.messages.append({QStringLiteral("system"), m_options.systemPrompt, {}, {}});
    const QList<ConversationMessage> sent = sentMessages(endRow);
    const int images = imagesBefore(sent, int(sent.size()));
    for (const ConversationMessage &m : sent) {
        if (!m.toolCalls.isEmpty()) {
            ToolLoop::appendRound(req.messages, m.content, m.toolCalls, m.stats.thinkingBlocks);
            continue;
        }
        req.messages.append({m.role, contentWithDocuments(m.content, m.attachments), {},
                             imagesForRequest(m.attachments, m_provider.type, m_loadAttachment,
                                              nullptr, images)});
    }
    // A round without thinking blocks (stored by a Sluice before the history kept them,
    // core/storage/thinkingblocktable.h, or asked for with thinking off): Anthropic refuses to
    // continue it with thinking on — its 400 says "When `thinking` is enabled, a final
    // `assistant` message must start with a thinking block … To avoid this requirement,
    // disable `thinking`" (platform.claude.com/docs/build-with-claude/thinking-tool-workflows,
    // "Preserving thinking blocks") — so the answer to it is asked for without thinking.
    if (m_provider.type == ProviderType::Anthropic && !sent.isEmpty() &&
        !sent.last().toolCalls.isEmpty() && sent.last().stats.thinkingBlocks.isEmpty())
        req.options.think.clear();
    addTools(req);
    return req;
}

QList<ConversationMessage> ConversationController::sentMessages(int endRow) const
{
    QList<ConversationMessage> sent;
    const QList<ConversationMessage> &all = m_model->messages();
    for (int row = 0; row < endRow && row < all.size(); ++row) {
        const ConversationMessage &m = all.at(row);
        if ((m.content.isEmpty() && m.attachments.isEmpty() && m.toolCalls.isEmpty()) ||
            m.stats.droppedFromContext)
            continue; // a reply that failed before saying anything; one dropped by the user
        sent.append(m);
    }
    return sent;
}

void ConversationController::setDroppedFromContext(int row, bool dropped)
{
    if (row < 0 || row >= m_model->rowCount() ||
        m_model->message(row).stats.droppedFromContext == dropped)
        return;
    ReplyStats stats = m_model->message(row).stats;
    stats.droppedFromContext = dropped;
    m_model->setStats(row, stats);
    out().messageEdited(row, m_model->message(row));
}

} // namespace Sluice
