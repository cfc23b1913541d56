#include "core/chat/toolloop.h"

#include "core/tools/toolbox.h"
#include "core/util/clock.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Sluice {

namespace {

QString key(const QString &server, const QString &tool)
{
    return server + u'\n' + tool;
}

// OpenAI and Anthropic accept ^[a-zA-Z0-9_-]{1,64}$ as a tool's name.
QString wireName(const QString &name)
{
    static const QRegularExpression bad(QStringLiteral("[^A-Za-z0-9_-]"));
    QString n = name;
    n.replace(bad, QStringLiteral("_"));
    return n.left(64);
}

} // namespace

ToolLoop::ToolLoop(Toolbox *toolbox, QObject *parent) : QObject(parent), m_toolbox(toolbox)
{
}

ToolLoop::~ToolLoop()
{
    if (m_run) {
        m_run->disconnect(this);
        m_run->cancel();
    }
}

void ToolLoop::setPolicy(std::function<Consent(const ToolCallRecord &)> policy)
{
    m_policy = std::move(policy);
}

QHash<QString, ToolSpec> ToolLoop::offered() const
{
    QHash<QString, ToolSpec> byName;
    if (!m_toolbox)
        return byName;
    const QList<ToolSpec> specs = m_toolbox->tools();
    QHash<QString, int> count;
    for (const ToolSpec &s : specs)
        ++count[wireName(s.name)];
    for (const ToolSpec &s : specs) {
        QString name = wireName(s.name);
        if (count.value(name) > 1)
            name = wireName(s.server + u'_' + s.name);
        if (!byName.contains(name))
            byName.insert(name, s);
    }
    return byName;
}

QList<ToolDefinition> ToolLoop::definitions() const
{
    QList<ToolDefinition> out;
    const QHash<QString, ToolSpec> byName = offered();
    for (auto it = byName.cbegin(); it != byName.cend(); ++it)
        out.append({it.key(), it->description, it->inputSchema});
    std::sort(out.begin(), out.end(),
              [](const ToolDefinition &a, const ToolDefinition &b) { return a.name < b.name; });
    return out;
}

QString ToolLoop::limitSentence() const
{
    return m_maxRounds == 1
               ? tr("Stopped after one round of tool calls (the limit); the model asked for more.")
               : tr("Stopped after %1 rounds of tool calls (the limit); the model asked for more.")
                     .arg(m_maxRounds);
}

void ToolLoop::runRound(const QList<ToolCallRequest> &calls)
{
    Q_ASSERT(!m_running);
    ++m_round;
    m_running = true;
    m_cancelled = false;
    m_limitReached = m_round > m_maxRounds;
    m_records.clear();
    m_current = -1;
    m_waiting = -1;
    const QHash<QString, ToolSpec> byName = offered();
    for (const ToolCallRequest &c : calls) {
        ToolCallRecord r;
        r.callId = c.id;
        r.name = c.name;
        r.arguments = c.arguments;
        const auto it = byName.constFind(c.name);
        if (it != byName.constEnd()) {
            r.server = it->server;
            r.tool = it->name;
        }
        if (m_limitReached) {
            r.state = ToolCallRecord::State::Denied;
            r.resultText = tr("Not run: the limit of %1 rounds of tool calls was reached.")
                               .arg(m_maxRounds);
        } else if (r.server.isEmpty()) {
            r.state = ToolCallRecord::State::Failed;
            r.resultText = tr("There is no tool named \"%1\".").arg(c.name);
        } else if (!c.argumentsValid) {
            r.state = ToolCallRecord::State::Failed;
            r.resultText = tr("The arguments for %1 are not a JSON object: %2")
                               .arg(c.name, c.argumentsText.left(200));
        }
        m_records.append(r);
    }
    QMetaObject::invokeMethod(this, &ToolLoop::next, Qt::QueuedConnection);
}

void ToolLoop::next()
{
    if (!m_running)
        return;
    while (++m_current < m_records.size()) {
        ToolCallRecord &r = m_records[m_current];
        if (r.isFinished()) {
            Q_EMIT callChanged(m_current, r);
            continue;
        }
        if (m_cancelled) {
            settle(ToolCallRecord::State::Cancelled, tr("Not run: stopped."));
            continue;
        }
        Consent c = m_policy ? m_policy(r) : Consent::Ask;
        if (m_alwaysAllowed.contains(key(r.server, r.tool)))
            c = Consent::Allow;
        if (c == Consent::Deny) {
            settle(ToolCallRecord::State::Denied, tr("The user did not allow this tool call."));
            continue;
        }
        if (c == Consent::Allow) {
            startCall();
            return;
        }
        m_waiting = m_current;
        Q_EMIT callChanged(m_current, r);
        Q_EMIT consentNeeded(m_current, r);
        return;
    }
    m_running = false;
    m_current = -1;
    Q_EMIT roundFinished(m_records);
}

void ToolLoop::answerConsent(bool allow, bool always)
{
    if (m_waiting < 0 || m_waiting != m_current)
        return;
    m_waiting = -1;
    const ToolCallRecord &r = m_records.at(m_current);
    if (allow && always)
        m_alwaysAllowed.insert(key(r.server, r.tool));
    if (allow) {
        startCall();
        return;
    }
    settle(ToolCallRecord::State::Denied, tr("The user did not allow this tool call."));
    next();
}

void ToolLoop::startCall()
{
    ToolCallRecord &r = m_records[m_current];
    if (!m_toolbox) {
        settle(ToolCallRecord::State::Failed, tr("No tools are available."));
        QMetaObject::invokeMethod(this, &ToolLoop::next, Qt::QueuedConnection);
        return;
    }
    r.state = ToolCallRecord::State::Running;
    m_startedMs = Clock::current()->nowMs();
    Q_EMIT callChanged(m_current, r);
    m_run = m_toolbox->call(r.server, r.tool, r.arguments, this);
    connect(m_run, &ToolRun::finished, this, &ToolLoop::onOutcome);
}

void ToolLoop::onOutcome(const ToolOutcome &outcome)
{
    if (m_current < 0 || m_current >= m_records.size())
        return;
    if (m_run) {
        m_run->disconnect(this);
        m_run->deleteLater();
    }
    m_run = nullptr;
    ToolCallRecord &r = m_records[m_current];
    r.content = outcome.content;
    r.elapsedMs = outcome.elapsedMs >= 0 ? outcome.elapsedMs
                                         : Clock::current()->nowMs() - m_startedMs;
    QString text = outcome.text;
    if (text.isEmpty() && !outcome.structured.isUndefined() && !outcome.structured.isNull())
        text = QString::fromUtf8(
            QJsonDocument::fromVariant(outcome.structured.toVariant()).toJson(QJsonDocument::Compact));
    using K = ToolOutcome::Kind;
    switch (outcome.kind) {
    case K::Ok:
        settle(ToolCallRecord::State::Ok, text);
        break;
    case K::ToolError:
        settle(ToolCallRecord::State::ToolError, text);
        break;
    case K::Failed:
        settle(ToolCallRecord::State::Failed, text);
        break;
    case K::Denied:
        settle(ToolCallRecord::State::Denied,
               text.isEmpty() ? tr("The user did not allow this tool call.") : text);
        break;
    case K::Cancelled:
        m_cancelled = true;
        settle(ToolCallRecord::State::Cancelled, text.isEmpty() ? tr("Stopped.") : text);
        break;
    }
    QMetaObject::invokeMethod(this, &ToolLoop::next, Qt::QueuedConnection);
}

void ToolLoop::settle(ToolCallRecord::State state, const QString &text)
{
    ToolCallRecord &r = m_records[m_current];
    r.state = state;
    r.resultText = text;
    Q_EMIT callChanged(m_current, r);
}

void ToolLoop::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_run) {
        m_run->cancel(); // finished(Cancelled) follows, then the rest is marked stopped
        return;
    }
    if (m_waiting >= 0) {
        m_waiting = -1;
        settle(ToolCallRecord::State::Cancelled, tr("Not run: stopped."));
        QMetaObject::invokeMethod(this, &ToolLoop::next, Qt::QueuedConnection);
    }
}

void ToolLoop::appendRound(QList<ChatMessage> &messages, const QString &content,
                           const QList<ToolCallRecord> &records, const QJsonArray &thinkingBlocks)
{
    ChatMessage assistant;
    assistant.role = QStringLiteral("assistant");
    assistant.content = content;
    assistant.thinkingBlocks = thinkingBlocks;
    for (const ToolCallRecord &r : records) {
        ToolCallRequest c;
        c.id = r.callId;
        c.name = r.name;
        c.arguments = r.arguments;
        assistant.toolCalls.append(c);
    }
    messages.append(assistant);
    for (const ToolCallRecord &r : records) {
        ChatMessage result;
        result.role = QStringLiteral("tool");
        result.content = r.resultText;
        result.toolCallId = r.callId;
        result.toolName = r.name;
        result.toolFailed = r.state != ToolCallRecord::State::Ok;
        messages.append(result);
    }
}

} // namespace Sluice
