// The JSON tst_clitools gives and expects (kept out of the test's source: moc does not read
// raw string literals).
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sluice::Test {

inline const QByteArray Tools = R"([
  {"server":"files","name":"read_file","behaviour":"answer","text":"milk, eggs",
   "schema":{"type":"object","properties":{"path":{"type":"string"}}}},
  {"server":"clock","name":"now","behaviour":"answer","text":"noon"},
  {"server":"slow","name":"wait","behaviour":"hang"}])";

inline QJsonObject expectedReadFileEvent()
{
    return QJsonDocument::fromJson(R"({"type":"tool_call","id":"call_0",
            "server":"files","tool":"read_file","arguments":{"path":"notes.txt"},"state":"ok",
            "result":"milk, eggs","elapsed_ms":25})")
        .object();
}

} // namespace Sluice::Test
