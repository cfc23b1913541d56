// The JSON tst_toolrounds expects on the wire (kept out of the test's source: moc does not
// read raw string literals).
#pragma once

#include "core/chat/chattypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice::Test {

inline QJsonArray array(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).array();
}

// The messages the second request carries after the question, per protocol.
inline QJsonArray expectedRound(ProviderType type)
{
    switch (type) {
    case ProviderType::OpenAI:
        return array(R"([
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_r1","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"notes.txt\"}"}},
            {"id":"call_r2","type":"function","function":{"name":"broken","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_r1","content":"milk, eggs"},
          {"role":"tool","tool_call_id":"call_r2","content":"disk on fire"}])");
    case ProviderType::Anthropic:
        return array(R"([
          {"role":"assistant","content":[
            {"type":"tool_use","id":"call_r1","name":"read_file","input":{"path":"notes.txt"}},
            {"type":"tool_use","id":"call_r2","name":"broken","input":{}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"call_r1","content":"milk, eggs"},
            {"type":"tool_result","tool_use_id":"call_r2","content":"disk on fire","is_error":true}]}])");
    case ProviderType::Ollama:
        return array(R"([
          {"role":"assistant","content":"","tool_calls":[
            {"function":{"name":"read_file","arguments":{"path":"notes.txt"}}},
            {"function":{"name":"broken","arguments":{}}}]},
          {"role":"tool","content":"milk, eggs","tool_name":"read_file"},
          {"role":"tool","content":"disk on fire","tool_name":"broken"}])");
    }
    return {};
}


inline QJsonObject expectedRefusal()
{
    return QJsonDocument::fromJson(R"({"role":"tool","tool_name":"read_file",
                 "content":"The user did not allow this tool call."})")
        .object();
}

} // namespace Sluice::Test
