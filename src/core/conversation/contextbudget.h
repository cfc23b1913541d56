// How much of a model's context window a conversation fills: a token estimate made before
// sending, corrected by the counts the server reported for earlier replies, and the test
// that tells from a reply's counts that the server cut the prompt (Ollama does so silently:
// see docs/context.md).
#pragma once

#include "core/conversation/conversation.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace Sluice {

// Tokens `text` will take, estimated without the model's tokenizer: about four characters
// per token for ASCII text (English and code), one per CJK/kana/Hangul character, two per
// character outside the Basic Multilingual Plane (emoji), one per two other characters
// (accented Latin, Cyrillic, Greek …). Rounded up; 0 for empty text.
qint64 estimateTextTokens(QStringView text);

// The tokens a chat template adds around each message (role markers, separators).
constexpr qint64 MessageOverheadTokens = 4;

// The tokens the next request will send.
struct ContextEstimate
{
    qint64 tokens = 0;
    // The server's count of the latest reply's prompt divided by the estimate of that same
    // prompt when it was sent: the estimate is scaled by it (1: nothing to correct by).
    double factor = 1.0;
    bool corrected = false;
};

// The request that sends `systemPrompt`, the messages of `sent` (as the session layer builds
// it: the messages on the path that is sent; those dropped from the context are left out
// here) and then `draft` (the message being written; empty: none) plus `extraTokens`
// (attachments). Scaled by what the server counted of the prompts of earlier replies (each
// one's stats.promptTokens against its stats.promptEstimate, for prompts of 64 tokens or
// more), within 0.5 to 2.
ContextEstimate estimateContext(const QString &systemPrompt,
                                const QList<ConversationMessage> &sent, const QString &draft,
                                qint64 extraTokens = 0);

// Tokens of one message as estimateContext() counts it (before scaling).
qint64 estimateMessageTokens(const ConversationMessage &message);
// The factor estimateContext() scales by; *corrected: whether a count of the server's made it.
double contextCorrection(const QList<ConversationMessage> &sent, bool *corrected = nullptr);

// A reply whose prompt the server cut: it saw only the last `seen` of `sent` tokens.
struct ContextCut
{
    bool cut = false;
    qint64 seen = -1;
    qint64 sent = -1;
};

// Whether the server cut the prompt of a reply, from what was estimated before sending
// (stats.promptEstimate, corrected by earlier counts), the window it was sent against
// (stats.contextWindow, -1 when unknown) and what the server counted (stats.promptTokens).
// Ollama cuts from the front and still answers: server/prompt.go drops whole old messages
// (keeping the system ones) until the rest fits num_ctx, and the runner
// (runner/llamarunner/runner.go, NewSequence) cuts what is still too long to exactly num_ctx
// tokens; prompt_eval_count then counts what was kept.
ContextCut contextCut(const ReplyStats &stats);

// "1.2k", "8k", "950", "128k", "1.5M": a token count for the meter.
QString shortTokenCount(qint64 tokens);

// "The model saw only the last 2,048 of 5,120 tokens." for a reply whose prompt was cut.
QString contextCutSentence(const ContextCut &cut);

} // namespace Sluice
