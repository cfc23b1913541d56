// Records everything a ChatReply emits, for assertions: deltas, phases, the terminal signal
// and anything that arrives after it.
#pragma once

#include "core/chat/chatclient.h"
#include "core/chat/chatreply.h"
#include "core/util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QTest>

namespace Sluice::Test {

struct ReplyRecorder
{
    // Times are read on the watchdogs' clock: real time, or a test's ManualClock.
    explicit ReplyRecorder(ChatReply *r) : reply(r), startMs(Clock::current()->nowMs())
    {
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
        QObject::connect(r, &ChatReply::retrying, r, [this](int, qint64 delay, const ChatError &e) {
            retries.append(e);
            retryDelaysMs.append(delay);
        });
        QObject::connect(r, &ChatReply::finished, r, [this](const ReplyStats &s) {
            ++terminals;
            finished = true;
            stats = s;
            terminalMs = Clock::current()->nowMs() - startMs;
        });
        QObject::connect(r, &ChatReply::failed, r, [this](const ChatError &e) {
            ++terminals;
            failed = true;
            error = e;
            terminalMs = Clock::current()->nowMs() - startMs;
        });
    }

    // Waits for the terminal signal, then delivers whatever was already queued behind it,
    // so anything the reply still says after its end shows up in `late`.
    bool wait(int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (terminals == 0 && t.elapsed() < timeoutMs)
            QTest::qWait(5);
        settle();
        return terminals > 0;
    }

    static void settle()
    {
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
    }

    bool sawPhase(ChatReply::Phase p) const { return phases.contains(p); }

    QPointer<ChatReply> reply;
    qint64 startMs = 0;
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
    QList<qint64> retryDelaysMs; // how long each retry waited before it was sent
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
