// Tool calling on the wire. Shapes, from the servers' own code and the official SDKs:
// - OpenAI Chat Completions: openai-node src/resources/chat/completions (tests/npm `openai`):
//   tools [{type:"function",function:{name,description,parameters}}], assistant tool_calls
//   [{id,type:"function",function:{name,arguments:"<json text>"}}], {role:"tool",
//   tool_call_id,content}; streamed as delta.tool_calls [{index,id?,type?,function:{name?,
//   arguments?:"<fragment>"}}], finish_reason "tool_calls".
// - Ollama's /v1 (ollama/ollama openai/openai.go, ToToolCalls/ToChunk): each call whole in one
//   chunk, `Index` copied from the native call's Function.Index, which older servers never set
//   (so every parallel call came at index 0, each with its own id).
// - Anthropic Messages (@anthropic-ai/sdk src/resources/messages): tools [{name,description,
//   input_schema}], tool_use blocks {id,name,input}, streamed as content_block_start +
//   input_json_delta {partial_json}, stop_reason "tool_use"; results as {type:"tool_result",
//   tool_use_id,content,is_error} blocks in a user message. With extended thinking, the
//   assistant turn that asked for tools goes back with its thinking / redacted_thinking
//   blocks first, unchanged, signature included (docs.anthropic.com "Building with extended
//   thinking", "Extended thinking with tool use" / "Preserving thinking blocks"; the SDK's
//   ThinkingBlockParam {type,thinking,signature}, RedactedThinkingBlockParam {type,data};
//   streamed as thinking_delta {thinking} and signature_delta {signature}).
// - Ollama native (ollama/ollama api/types.go Message.ToolCalls / ToolName; the `ollama` npm
//   Message and ToolCall types): message.tool_calls [{function:{name,arguments:{…}}}], each
//   call whole in one chunk; results {role:"tool",content,tool_name}.
#include "core/protocol/toolwire.h"

#include <QJsonDocument>

namespace Sluice::ToolWire {

namespace {

QString argumentsText(const ToolCallRequest &c)
{
    if (!c.argumentsValid)
        return c.argumentsText;
    return QString::fromUtf8(QJsonDocument(c.arguments).toJson(QJsonDocument::Compact));
}

QJsonObject function(const ToolDefinition &t)
{
    QJsonObject f{{QStringLiteral("name"), t.name}};
    if (!t.description.isEmpty())
        f.insert(QStringLiteral("description"), t.description);
    f.insert(QStringLiteral("parameters"),
             t.parameters.isEmpty() ? QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}
                                    : t.parameters);
    return f;
}

} // namespace

bool isToolMessage(const ChatMessage &m)
{
    return m.role == u"tool" || !m.toolCalls.isEmpty();
}

ToolCallRequest makeCall(const QString &id, const QString &name, const QString &text, int n)
{
    ToolCallRequest c;
    c.id = id.isEmpty() ? QStringLiteral("call_%1").arg(n) : id;
    c.name = name;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return c; // no arguments: {}
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &err);
    if (err.error == QJsonParseError::NoError && doc.isObject()) {
        c.arguments = doc.object();
    } else {
        c.argumentsValid = false;
        c.argumentsText = text;
    }
    return c;
}

// --- OpenAI ---------------------------------------------------------------------------------

QJsonArray functionTools(const QList<ToolDefinition> &tools)
{
    QJsonArray out;
    for (const ToolDefinition &t : tools)
        out.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                               {QStringLiteral("function"), function(t)}});
    return out;
}

QJsonObject openAiMessage(const ChatMessage &m)
{
    if (m.role == u"tool")
        return {{QStringLiteral("role"), QStringLiteral("tool")},
                {QStringLiteral("tool_call_id"), m.toolCallId},
                {QStringLiteral("content"), m.content}};
    QJsonArray calls;
    for (const ToolCallRequest &c : m.toolCalls)
        calls.append(QJsonObject{
            {QStringLiteral("id"), c.id},
            {QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), c.name},
                                                     {QStringLiteral("arguments"), argumentsText(c)}}}});
    return {{QStringLiteral("role"), m.role},
            {QStringLiteral("content"), m.content.isEmpty() ? QJsonValue() : QJsonValue(m.content)},
            {QStringLiteral("tool_calls"), calls}};
}

QList<ToolCallRequest> openAiCalls(const QJsonArray &toolCalls)
{
    QList<ToolCallRequest> out;
    for (const QJsonValue &v : toolCalls) {
        const QJsonObject o = v.toObject();
        const QJsonObject f = o.value(u"function").toObject();
        const QJsonValue args = f.value(u"arguments");
        const QString text = args.isObject() // a lenient server sends the object itself
                                 ? QString::fromUtf8(QJsonDocument(args.toObject()).toJson())
                                 : args.toString();
        out.append(makeCall(o.value(u"id").toString(), f.value(u"name").toString(), text,
                            int(out.size())));
    }
    return out;
}

void OpenAiCallJoiner::feed(const QJsonArray &toolCallsDelta)
{
    for (const QJsonValue &v : toolCallsDelta) {
        const QJsonObject o = v.toObject();
        const int index = o.value(u"index").toInt(0);
        const QString id = o.value(u"id").toString();
        const QJsonObject f = o.value(u"function").toObject();
        auto it = m_byIndex.constFind(index);
        const bool fresh = it == m_byIndex.constEnd() ||
                           (!id.isEmpty() && !m_calls.at(*it).id.isEmpty() &&
                            m_calls.at(*it).id != id);
        if (fresh) {
            m_byIndex.insert(index, int(m_calls.size()));
            m_calls.append({id, {}, {}});
        }
        Pending &p = m_calls[m_byIndex.value(index)];
        if (p.id.isEmpty())
            p.id = id;
        p.name += f.value(u"name").toString();
        const QJsonValue args = f.value(u"arguments");
        p.arguments += args.isObject()
                           ? QString::fromUtf8(QJsonDocument(args.toObject()).toJson())
                           : args.toString();
    }
}

QList<ToolCallRequest> OpenAiCallJoiner::calls() const
{
    QList<ToolCallRequest> out;
    for (const Pending &p : m_calls)
        out.append(makeCall(p.id, p.name, p.arguments, int(out.size())));
    return out;
}

// --- Anthropic ------------------------------------------------------------------------------

QJsonArray anthropicTools(const QList<ToolDefinition> &tools)
{
    QJsonArray out;
    for (const ToolDefinition &t : tools) {
        const QJsonObject f = function(t);
        QJsonObject o{{QStringLiteral("name"), t.name},
                      {QStringLiteral("input_schema"), f.value(u"parameters")}};
        if (!t.description.isEmpty())
            o.insert(QStringLiteral("description"), t.description);
        out.append(o);
    }
    return out;
}

void appendAnthropicMessage(const ChatMessage &m, QJsonArray &messages)
{
    if (m.role == u"tool") {
        QJsonObject block{{QStringLiteral("type"), QStringLiteral("tool_result")},
                          {QStringLiteral("tool_use_id"), m.toolCallId},
                          {QStringLiteral("content"), m.content}};
        if (m.toolFailed)
            block.insert(QStringLiteral("is_error"), true);
        if (!messages.isEmpty()) {
            QJsonObject last = messages.last().toObject();
            const QJsonArray blocks = last.value(u"content").toArray();
            if (last.value(u"role").toString() == u"user" && !blocks.isEmpty() &&
                blocks.first().toObject().value(u"type").toString() == u"tool_result") {
                QJsonArray joined = blocks;
                joined.append(block);
                last.insert(QStringLiteral("content"), joined);
                messages.replace(messages.size() - 1, last);
                return;
            }
        }
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), QJsonArray{block}}});
        return;
    }
    QJsonArray blocks = m.thinkingBlocks;
    if (!m.content.isEmpty())
        blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                  {QStringLiteral("text"), m.content}});
    for (const ToolCallRequest &c : m.toolCalls)
        blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                  {QStringLiteral("id"), c.id},
                                  {QStringLiteral("name"), c.name},
                                  {QStringLiteral("input"), c.arguments}});
    messages.append(
        QJsonObject{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), blocks}});
}

QList<ToolCallRequest> anthropicCalls(const QJsonArray &content)
{
    QList<ToolCallRequest> out;
    for (const QJsonValue &v : content) {
        const QJsonObject b = v.toObject();
        if (b.value(u"type").toString() != u"tool_use")
            continue;
        ToolCallRequest c = makeCall(b.value(u"id").toString(), b.value(u"name").toString(), {},
                                     int(out.size()));
        c.arguments = b.value(u"input").toObject();
        out.append(c);
    }
    return out;
}

QJsonArray anthropicThinking(const QJsonArray &content)
{
    QJsonArray out;
    for (const QJsonValue &v : content) {
        const QString type = v.toObject().value(u"type").toString();
        if (type == u"thinking" || type == u"redacted_thinking")
            out.append(v);
    }
    return out;
}

void AnthropicCallJoiner::blockStarted(const QJsonObject &event)
{
    const QJsonObject block = event.value(u"content_block").toObject();
    const QString type = block.value(u"type").toString();
    if (type == u"thinking" || type == u"redacted_thinking") {
        m_thinkingByIndex.insert(event.value(u"index").toInt(), int(m_thinking.size()));
        m_thinking.append({block, {}});
        return;
    }
    if (type != u"tool_use")
        return;
    m_byIndex.insert(event.value(u"index").toInt(), int(m_calls.size()));
    m_calls.append({block.value(u"id").toString(), block.value(u"name").toString(), {},
                    block.value(u"input").toObject()});
}

bool AnthropicCallJoiner::inputDelta(const QJsonObject &event)
{
    const QJsonObject delta = event.value(u"delta").toObject();
    if (delta.value(u"type").toString() != u"input_json_delta")
        return false;
    const auto it = m_byIndex.constFind(event.value(u"index").toInt());
    if (it != m_byIndex.constEnd())
        m_calls[*it].input += delta.value(u"partial_json").toString();
    return true;
}

void AnthropicCallJoiner::thinkingDelta(const QJsonObject &event)
{
    const auto it = m_thinkingByIndex.constFind(event.value(u"index").toInt());
    if (it == m_thinkingByIndex.constEnd())
        return;
    const QJsonObject delta = event.value(u"delta").toObject();
    const QString type = delta.value(u"type").toString();
    ThinkingBlock &block = m_thinking[*it];
    if (type == u"thinking_delta") // joined at the end: a long thought is not copied per delta
        block.thinking += delta.value(u"thinking").toString();
    else if (type == u"signature_delta") // replaces, as the SDK's MessageStream.ts does
        block.start.insert(QStringLiteral("signature"), delta.value(u"signature").toString());
}

QJsonArray AnthropicCallJoiner::thinkingBlocks() const
{
    QJsonArray out;
    for (const ThinkingBlock &b : m_thinking) {
        QJsonObject block = b.start;
        if (!b.thinking.isEmpty() || block.contains(u"thinking"))
            block.insert(QStringLiteral("thinking"),
                         QString(block.value(u"thinking").toString() + b.thinking));
        out.append(block);
    }
    return out;
}

QList<ToolCallRequest> AnthropicCallJoiner::calls() const
{
    QList<ToolCallRequest> out;
    for (const Pending &p : m_calls) {
        ToolCallRequest c = makeCall(p.id, p.name, p.input, int(out.size()));
        if (p.input.trimmed().isEmpty())
            c.arguments = p.startInput;
        out.append(c);
    }
    return out;
}

// --- Ollama ---------------------------------------------------------------------------------

QJsonObject ollamaMessage(const ChatMessage &m)
{
    if (m.role == u"tool")
        return {{QStringLiteral("role"), QStringLiteral("tool")},
                {QStringLiteral("content"), m.content},
                {QStringLiteral("tool_name"), m.toolName}};
    QJsonArray calls;
    for (const ToolCallRequest &c : m.toolCalls)
        calls.append(QJsonObject{
            {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), c.name},
                                                     {QStringLiteral("arguments"), c.arguments}}}});
    return {{QStringLiteral("role"), m.role},
            {QStringLiteral("content"), m.content},
            {QStringLiteral("tool_calls"), calls}};
}

QList<ToolCallRequest> ollamaCalls(const QJsonArray &toolCalls, int first)
{
    QList<ToolCallRequest> out;
    for (const QJsonValue &v : toolCalls) {
        const QJsonObject o = v.toObject();
        const QJsonObject f = o.value(u"function").toObject();
        const QJsonValue args = f.value(u"arguments");
        ToolCallRequest c = makeCall(o.value(u"id").toString(), f.value(u"name").toString(),
                                     args.isString() ? args.toString() : QString(),
                                     first + int(out.size()));
        if (args.isObject())
            c.arguments = args.toObject();
        out.append(c);
    }
    return out;
}

} // namespace Sluice::ToolWire
