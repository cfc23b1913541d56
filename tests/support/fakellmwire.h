// What the FakeLlm persona's files share (fakellm.cpp and one file per protocol:
// fakellmollama.cpp, fakellmopenai.cpp, fakellmanthropic.cpp): content types, JSON pieces, each
// protocol's error body, and the plan of one reply. Not for tests.
#pragma once

#include "fakellm.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace Sluice::Test {

inline const QByteArray JsonType = QByteArrayLiteral("application/json; charset=utf-8");
inline const QByteArray NdjsonType = QByteArrayLiteral("application/x-ndjson");
inline const QByteArray SseType = QByteArrayLiteral("text/event-stream; charset=utf-8");
inline constexpr qint64 NsPerMs = 1000 * 1000;

inline QByteArray num(qint64 n)
{
    return QByteArray::number(n);
}

inline QByteArray str(QByteArrayView s, bool goStyle = false)
{
    return FakeLlm::jsonString(s, goStyle);
}

inline QByteArray utf8(const QJsonValue &v)
{
    return v.toString().toUtf8();
}

inline QByteArray nowRfc3339()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
}

inline QByteArray joined(const QList<QByteArray> &pieces)
{
    QByteArray out;
    for (const auto &p : pieces)
        out += p;
    return out;
}

// Rough token counts of a prompt: what matters is that they are plausible and non-zero.
inline int promptTokens(const QJsonObject &body)
{
    qsizetype chars = 0;
    const QJsonArray messages = body.value(u"messages").toArray();
    for (const auto &m : messages)
        chars += m.toObject().value(u"content").toString().size() + 4;
    chars += body.value(u"system").toString().size();
    return int(qMax<qsizetype>(1, chars / 4));
}

inline QByteArray ollamaError(const QByteArray &message)
{
    return "{\"error\":" + str(message, true) + '}';
}

inline QByteArray openAiError(const QByteArray &message, const QByteArray &type,
                              const QByteArray &code)
{
    return "{\"error\":{\"message\":" + str(message) + ",\"type\":" + str(type) +
           ",\"param\":null,\"code\":" + (code.isEmpty() ? QByteArrayLiteral("null") : str(code)) +
           "}}";
}

inline QByteArray anthropicError(const QByteArray &type, const QByteArray &message)
{
    return "{\"type\":\"error\",\"error\":{\"type\":" + str(type) + ",\"message\":" + str(message) +
           "}}";
}

inline QByteArray sseEvent(const QByteArray &name, const QByteArray &json)
{
    return "event: " + name + "\ndata: " + json + "\n\n";
}

// What one request will be answered with.
struct FakeLlm::Plan
{
    QByteArray model;
    QList<QByteArray> thinking;
    QList<QByteArray> content;
    bool truncated = false;
    int promptTokens = 1;
    qint64 bench = 0; // > 0: this many benchToken chunks instead of `content`

    Plan(const FakeLlmOptions &o, const QJsonObject &body, bool thinkingOn, qint64 maxTokens)
        : model(utf8(body.value(u"model"))), promptTokens(Sluice::Test::promptTokens(body))
    {
        if (o.benchChunks > 0) {
            bench = o.benchChunks;
            return;
        }
        if (thinkingOn && !o.thinking.isEmpty())
            thinking = FakeLlm::tokens(o.thinking, o.tokenChars);
        content = FakeLlm::tokens(o.reply, o.tokenChars);
        if (maxTokens > 0 && content.size() > maxTokens) {
            content = content.first(maxTokens);
            truncated = true;
        }
    }
    qint64 outputTokens() const { return bench > 0 ? bench : thinking.size() + content.size(); }
};

} // namespace Sluice::Test
