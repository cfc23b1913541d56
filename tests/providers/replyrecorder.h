// Records everything a ChatReply emits, for assertions: deltas, phases, the terminal signal
// and anything that arrives after it.
#pragma once

#include "core/chat/chatclient.h"
#include "core/chat/chatreply.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QTest>

namespace Sluice::Test {

struct ReplyRecorder
{
    explicit ReplyRecorder(ChatReply *r) : reply(r)
    {
        clock.start();
        QObject::connect(r, &ChatReply::contentDelta, r, [this](const QString &t) {
            if (terminals > 0)
                ++late;
            content += t;
            ++contentDeltas;
        });
        QObject::connect(r, &ChatReply::thinkingDelta, r, [this](const QString &t) {
            if (terminals > 0)
                ++late;
            thinking += t;
        });
        QObject::connect(r, &ChatReply::phaseChanged, r,
                         [this](ChatReply::Phase p) { phases.append(p); });
        QObject::connect(r, &ChatReply::retrying, r,
                         [this](int, qint64, const ChatError &e) { retries.append(e); });
        QObject::connect(r, &ChatReply::finished, r, [this](const ReplyStats &s) {
            ++terminals;
            finished = true;
            stats = s;
            terminalMs = clock.elapsed();
        });
        QObject::connect(r, &ChatReply::failed, r, [this](const ChatError &e) {
            ++terminals;
            failed = true;
            error = e;
            terminalMs = clock.elapsed();
        });
    }

    // Waits for the terminal signal (and a little more, to catch anything late).
    bool wait(int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (terminals == 0 && t.elapsed() < timeoutMs)
            QTest::qWait(5);
        QTest::qWait(30);
        return terminals > 0;
    }

    bool sawPhase(ChatReply::Phase p) const { return phases.contains(p); }

    QPointer<ChatReply> reply;
    QElapsedTimer clock;
    QString content;
    QString thinking;
    int contentDeltas = 0;
    int terminals = 0;
    int late = 0;
    bool finished = false;
    bool failed = false;
    ReplyStats stats;
    ChatError error;
    QList<ChatReply::Phase> phases;
    QList<ChatError> retries;
    qint64 terminalMs = -1;
};

inline ProviderConfig providerFor(ProviderType type, const QString &baseUrl)
{
    ProviderConfig c;
    c.id = QStringLiteral("test");
    c.name = QStringLiteral("test");
    c.type = type;
    c.baseUrl = baseUrl;
    c.maxRetries = 0;
    c.retryBaseDelayMs = 20;
    return c;
}

inline ChatRequest helloRequest(const QString &model = QStringLiteral("llama3.2:3b"),
                                bool stream = true)
{
    ChatRequest r;
    r.model = model;
    r.stream = stream;
    r.messages.append({QStringLiteral("user"), QStringLiteral("Hello"), {}, {}});
    return r;
}

} // namespace Sluice::Test
