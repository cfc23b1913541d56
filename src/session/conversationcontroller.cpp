#include "session/conversationcontroller.h"
#include "session/toolrefusal.h"

#include "core/conversation/contextbudget.h"

#include "core/chat/chatclient.h"
#include "core/chat/toolloop.h"
#include "session/conversationsink.h"

namespace Sluice {

namespace {

ConversationSink &noSink()
{
    static ConversationSink sink;
    return sink;
}

QString titleFrom(const QString &text)
{
    constexpr int MaxLength = 60;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        const QString t = line.simplified();
        if (t.isEmpty())
            continue;
        if (t.size() <= MaxLength)
            return t;
        int cut = t.lastIndexOf(u' ', MaxLength);
        if (cut < MaxLength / 2)
            cut = MaxLength;
        return t.left(cut) + u'…';
    }
    return {};
}

} // namespace

QString errorSentence(const QString &message)
{
    QString s = message.trimmed();
    if (s.isEmpty())
        return s;
    s[0] = s.at(0).toUpper();
    if (!s.endsWith(u'.') && !s.endsWith(u'!') && !s.endsWith(u'?') && !s.endsWith(u'…'))
        s.append(u'.');
    return s;
}

MessageState stateForError(const ChatError &error)
{
    switch (error.kind) {
    case ChatError::Kind::Stalled:
    case ChatError::Kind::Timeout:
        return MessageState::Stalled;
    case ChatError::Kind::Cancelled:
        return MessageState::Cancelled;
    default:
        return MessageState::Failed;
    }
}

ConversationController::ConversationController(ChatClient *client, QObject *parent)
    : QObject(parent), m_client(client), m_model(new ChatModel(this))
{}

ConversationController::~ConversationController()
{
    // Closing a conversation that still streams: the partial reply stays, marked cancelled.
    stop();
}

ConversationSink &ConversationController::out() const
{
    return m_sink ? *m_sink : noSink();
}

void ConversationController::setSink(ConversationSink *sink)
{
    m_sink = sink;
}

void ConversationController::setProvider(const ProviderConfig &provider)
{
    m_provider = provider;
    if (m_options.providerId != provider.id) {
        m_options.providerId = provider.id;
        out().optionsChanged(m_options);
        Q_EMIT optionsChanged(m_options);
    }
}

void ConversationController::setOptions(const Conversation &options)
{
    if (sameRequestSettings(options, m_options))
        return;
    m_options = options;
    out().optionsChanged(m_options);
    Q_EMIT optionsChanged(m_options);
}

void ConversationController::setModel(const QString &model)
{
    Conversation o = m_options;
    o.model = model;
    setOptions(o);
}

void ConversationController::load(const Conversation &options, QList<ConversationMessage> messages)
{
    stop();
    for (ConversationMessage &m : messages) {
        if (isRunningState(m.state))
            m.state = MessageState::Interrupted;
    }
    m_options = options;
    m_model->setMessages(std::move(messages));
    m_title.clear();
    Q_EMIT optionsChanged(m_options);
    Q_EMIT titleChanged(title());
}

void ConversationController::prependMessages(QList<ConversationMessage> messages)
{
    if (messages.isEmpty())
        return;
    for (ConversationMessage &m : messages) {
        if (isRunningState(m.state))
            m.state = MessageState::Interrupted;
    }
    const QString before = title();
    const int count = int(messages.size());
    m_model->prependMessages(std::move(messages));
    out().messagesPrepended(count);
    if (title() != before)
        Q_EMIT titleChanged(title());
}

void ConversationController::showStored(int row, QList<ConversationMessage> messages)
{
    stop();
    const QString before = title();
    const int first = qBound(0, row, m_model->rowCount());
    m_model->removeMessages(first, m_model->rowCount() - first);
    for (ConversationMessage &m : messages) {
        if (isRunningState(m.state))
            m.state = MessageState::Interrupted;
        m_model->appendMessage(std::move(m));
    }
    if (title() != before)
        Q_EMIT titleChanged(title());
}

QString ConversationController::title() const
{
    if (!m_title.isEmpty())
        return m_title;
    for (const ConversationMessage &m : m_model->messages()) {
        if (m.isUser())
            return titleFrom(m.content);
    }
    return {};
}

int ConversationController::activeRow() const
{
    return m_reply ? m_model->rowOfUid(m_replyUid) : -1;
}

int ConversationController::unansweredRow() const
{
    const int reply = lastAssistantRow();
    if (isBusy() || reply < 1)
        return -1;
    const ConversationMessage &m = m_model->message(reply);
    const bool failedEarly = (m.state == MessageState::Failed || m.state == MessageState::Stalled) &&
                             m.content.isEmpty() && m.thinking.isEmpty();
    return failedEarly && m_model->message(reply - 1).isUser() ? reply - 1 : -1;
}

ConversationController::SendResult ConversationController::send(const QString &text,
                                                                 int replacing,
                                                                 const QList<Attachment> &attachments)
{
    if (text.trimmed().isEmpty() && attachments.isEmpty())
        return SendResult::Empty;
    if (isBusy())
        return SendResult::Busy;
    if (!hasProvider())
        return SendResult::NoProvider;
    if (m_options.model.isEmpty())
        return SendResult::NoModel;

    const QString before = title();
    if (replacing >= 0 && replacing == unansweredRow())
        removeFrom(replacing);
    ConversationMessage user;
    user.role = QStringLiteral("user");
    user.content = text;
    user.attachments = attachments;
    const int row = m_model->appendMessage(user);
    out().userMessageAdded(row, m_model->message(row));
    if (title() != before)
        Q_EMIT titleChanged(title());

    startNewReply();
    return SendResult::Sent;
}

void ConversationController::startNewReply()
{
    if (m_tools)
        m_tools->resetRounds(); // a new question: the round limit counts from zero
    ConversationMessage reply;
    reply.role = QStringLiteral("assistant");
    reply.state = MessageState::Pending;
    reply.model = m_options.model;
    startReply(m_model->appendMessage(reply), false);
}

void ConversationController::startReply(int row, bool continuing)
{
    if (!waitForTools(row, continuing))
        sendReply(row, continuing);
}

void ConversationController::sendReply(int row, bool continuing)
{
    ChatRequest req = buildRequest(continuing ? row + 1 : row);
    if (continuing)
        req.messages.append({QStringLiteral("user"), continuePrompt(), {}, {}});
    m_model->setState(row, MessageState::Pending);
    m_model->setModelName(row, m_options.model);
    if (!continuing && !m_model->message(row).toolCalls.isEmpty())
        m_model->setToolCalls(row, {}); // asked again: the earlier calls are void
    m_replyUid = m_model->message(row).uid;
    m_promptEstimate = estimateContext(m_options.systemPrompt,
                                       sentMessages(continuing ? row + 1 : row),
                                       continuing ? continuePrompt() : QString())
                           .tokens;
    m_contextWindow = req.options.contextSize.value_or(-1);
    out().replyStarted(row, m_model->message(row), continuing);

    ChatReply *reply = m_client->chat(m_provider, req);
    m_reply = reply;
    connect(reply, &ChatReply::phaseChanged, this,
            [this](ChatReply::Phase phase) { onPhase(int(phase)); });
    connect(reply, &ChatReply::contentDelta, this, &ConversationController::onContent);
    connect(reply, &ChatReply::thinkingDelta, this, &ConversationController::onThinking);
    connect(reply, &ChatReply::finished, this, &ConversationController::onFinished);
    connect(reply, &ChatReply::failed, this, &ConversationController::onFailed);
    Q_EMIT busyChanged(true);
    Q_EMIT replyStarted(reply);
}

void ConversationController::onPhase(int phase)
{
    const int row = activeRow();
    if (row < 0)
        return;
    switch (ChatReply::Phase(phase)) {
    case ChatReply::Phase::Connecting:
    case ChatReply::Phase::Waiting:
    case ChatReply::Phase::Retrying:
        m_model->setState(row, MessageState::Pending);
        break;
    case ChatReply::Phase::LoadingModel:
        m_model->setState(row, MessageState::Loading);
        break;
    case ChatReply::Phase::Streaming:
        m_model->setState(row, MessageState::Streaming);
        break;
    case ChatReply::Phase::Finished:
    case ChatReply::Phase::Failed:
        break; // the terminal signal follows
    }
}

void ConversationController::onContent(const QString &text)
{
    const int row = activeRow();
    if (row < 0 || sender() != m_reply)
        return;
    if (m_model->message(row).state != MessageState::Streaming)
        m_model->setState(row, MessageState::Streaming);
    m_model->appendContent(row, text);
    out().replyProgress(row, text, {});
}

void ConversationController::onThinking(const QString &text)
{
    const int row = activeRow();
    if (row < 0 || sender() != m_reply)
        return;
    if (m_model->message(row).state != MessageState::Streaming)
        m_model->setState(row, MessageState::Streaming);
    m_model->appendThinking(row, text);
    out().replyProgress(row, {}, text);
}

void ConversationController::onFinished(ReplyStats stats)
{
    const int row = activeRow();
    if (row < 0 || sender() != m_reply)
        return;
    stats.promptEstimate = m_promptEstimate; // contextCut() holds the server's count to them
    stats.contextWindow = m_contextWindow;
    m_model->flush();
    m_model->setStats(row, stats);
    if (!stats.model.isEmpty())
        m_model->setModelName(row, stats.model);
    m_model->setState(row, MessageState::Complete);
    if (startToolRound(row, stats))
        return;
    endReply(row);
}

void ConversationController::onFailed(const ChatError &error)
{
    const int row = activeRow();
    if (row < 0 || sender() != m_reply)
        return;
    m_model->flush();
    m_model->setStats(row, m_reply->stats());
    const bool hadImages = row > 0 && !m_model->message(row - 1).attachments.isEmpty();
    const std::optional<QString> aboutImages =
        hadImages ? imageRejectionSentence(error) : std::nullopt;
    const bool offeredTools = m_tools && m_options.model != m_toolsRefusedBy;
    const std::optional<QString> aboutTools =
        offeredTools ? toolRefusalSentence(error, m_options.model, true) : std::nullopt;
    if (aboutTools)
        m_toolsRefusedBy = m_options.model; // Retry (and what follows) asks without tools
    m_model->setState(row, stateForError(error),
                      aboutTools.value_or(aboutImages.value_or(errorSentence(error.message))));
    endReply(row);
}

void ConversationController::endReply(int row)
{
    ChatReply *reply = m_reply;
    m_reply = nullptr;
    m_replyUid = 0;
    if (reply) {
        reply->disconnect(this);
        reply->deleteLater();
    }
    out().replyEnded(row, m_model->message(row));
    Q_EMIT replyEnded(row);
    Q_EMIT busyChanged(false);
}

void ConversationController::stop()
{
    if (m_reply)
        m_reply->cancel(); // → failed(Cancelled) → onFailed, synchronously
    else if (m_toolUid && m_tools)
        m_tools->cancel(); // → roundFinished → the reply ends, cancelled
    else
        stopWaitingForTools();
}

int ConversationController::lastAssistantRow() const
{
    const int last = m_model->rowCount() - 1;
    return last >= 0 && m_model->message(last).isAssistant() ? last : -1;
}

bool ConversationController::canRetry(int row) const
{
    return !isBusy() && row >= 0 && row == lastAssistantRow() && hasProvider() &&
           !m_options.model.isEmpty();
}

bool ConversationController::canContinue(int row) const
{
    if (!canRetry(row))
        return false;
    const ConversationMessage &m = m_model->message(row);
    const bool cutShort = isBrokenState(m.state) ||
                          (m.state == MessageState::Complete && m.stats.finishReason == u"length");
    return cutShort && !m.content.trimmed().isEmpty();
}

bool ConversationController::canRegenerate() const
{
    return canRetry(lastAssistantRow());
}

bool ConversationController::canEdit(int row) const
{
    return row >= 0 && row < m_model->rowCount() && m_model->message(row).isUser();
}

bool ConversationController::canDelete(int row) const
{
    return row >= 0 && row < m_model->rowCount();
}

void ConversationController::removeFrom(int first)
{
    const int count = m_model->rowCount() - first;
    if (count <= 0)
        return;
    m_model->removeMessages(first, count);
    out().messagesRemoved(first, count);
}

void ConversationController::detachFrom(int first)
{
    const int count = m_model->rowCount() - first;
    if (count <= 0)
        return;
    m_model->removeMessages(first, count);
    out().messagesDetached(first, count);
}

bool ConversationController::retry(int row)
{
    if (!canRetry(row))
        return false;
    const ConversationMessage &old = m_model->message(row);
    if (old.content.isEmpty() && old.thinking.isEmpty())
        removeFrom(row); // nothing to keep
    else
        detachFrom(row);
    startNewReply();
    return true;
}

bool ConversationController::continueReply(int row)
{
    if (!canContinue(row))
        return false;
    m_model->setState(row, MessageState::Pending);
    startReply(row, true);
    return true;
}

bool ConversationController::regenerate()
{
    return retry(lastAssistantRow());
}

bool ConversationController::editAndResend(int row, const QString &text)
{
    if (!canEdit(row) || text.trimmed().isEmpty() || !hasProvider() || m_options.model.isEmpty())
        return false;
    stop();
    const QString before = title();
    ConversationMessage user;
    user.role = QStringLiteral("user");
    user.content = text;
    user.attachments = m_model->message(row).attachments; // the edit keeps its files
    detachFrom(row);
    const int added = m_model->appendMessage(user);
    out().userMessageAdded(added, m_model->message(added));
    if (title() != before)
        Q_EMIT titleChanged(title());
    startNewReply();
    return true;
}

bool ConversationController::deleteMessage(int row)
{
    if (!canDelete(row))
        return false;
    if (row == activeRow())
        stop();
    const QString before = title();
    m_model->removeMessages(row, 1);
    out().messagesRemoved(row, 1);
    if (title() != before)
        Q_EMIT titleChanged(title());
    return true;
}

QString ConversationController::continuePrompt()
{
    return tr("Continue exactly where your previous reply stopped, without repeating anything.");
}

} // namespace Sluice
