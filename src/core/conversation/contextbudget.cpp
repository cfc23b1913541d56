#include "core/conversation/contextbudget.h"

#include "core/conversation/attachedtext.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace Sluice {

namespace {

bool isCjk(char16_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) ||   // CJK radicals … unified ideographs, kana
           (c >= 0xAC00 && c <= 0xD7AF) ||   // Hangul syllables
           (c >= 0xF900 && c <= 0xFAFF) ||   // CJK compatibility ideographs
           (c >= 0xFF00 && c <= 0xFFEF);     // full-width forms
}

// A reported count is believed when the estimate of the same prompt is within this factor
// of it; a count far below the estimate is a cut prompt, not a better estimate.
constexpr double CutRatio = 0.9;
// … and by at least this many tokens: a short prompt's estimate is too rough for its ratio.
constexpr qint64 CutMinTokens = 32;
// A prompt shorter than this is mostly the template's tokens: it corrects nothing.
constexpr qint64 CalibrateMinTokens = 64;

} // namespace

qint64 estimateTextTokens(QStringView text)
{
    // In quarter tokens, so that ASCII adds 1 per character. UTF-16 code units are read as
    // they are (no copy): a surrogate pair is one character outside the BMP.
    qint64 quarters = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < 0x80) {
            quarters += 1;
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && text.at(i + 1).isLowSurrogate()) {
            quarters += 8;
            ++i;
        } else {
            quarters += isCjk(c) ? 4 : 2;
        }
    }
    return (quarters + 3) / 4;
}

qint64 estimateMessageTokens(const ConversationMessage &message)
{
    const qint64 documents = documentTokens(message.attachments);
    return message.content.isEmpty() && documents == 0
               ? 0
               : estimateTextTokens(message.content) + documents + MessageOverheadTokens;
}

double contextCorrection(const QList<ConversationMessage> &sent, bool *corrected)
{
    // Each reply's estimate was made with the factor of the replies before it: the factors
    // multiply, oldest first, so the latest is the server's count over the raw estimate.
    double factor = 1.0;
    bool any = false;
    for (const ConversationMessage &m : sent) {
        const ReplyStats &s = m.stats;
        if (!m.isAssistant() || s.promptTokens <= 0 || s.promptEstimate < CalibrateMinTokens ||
            contextCut(s).cut)
            continue;
        factor = qBound(0.5, factor * double(s.promptTokens) / double(s.promptEstimate), 2.0);
        any = true;
    }
    if (corrected)
        *corrected = any;
    return factor;
}

ContextEstimate estimateContext(const QString &systemPrompt,
                                const QList<ConversationMessage> &sent, const QString &draft,
                                qint64 extraTokens)
{
    ContextEstimate e;
    qint64 raw = 0;
    if (!systemPrompt.trimmed().isEmpty())
        raw += estimateTextTokens(systemPrompt) + MessageOverheadTokens;
    for (const ConversationMessage &m : sent) {
        if (!m.stats.droppedFromContext)
            raw += estimateMessageTokens(m);
    }
    if (!draft.isEmpty())
        raw += estimateTextTokens(draft) + MessageOverheadTokens;
    raw += extraTokens;
    e.factor = contextCorrection(sent, &e.corrected);
    e.tokens = qint64(std::ceil(double(raw) * e.factor));
    return e;
}

ContextCut contextCut(const ReplyStats &stats)
{
    ContextCut c;
    c.seen = stats.promptTokens;
    c.sent = stats.promptEstimate;
    if (stats.promptTokens <= 0 || stats.promptEstimate <= 0)
        return c;
    if (double(stats.promptTokens) >= CutRatio * double(stats.promptEstimate) ||
        stats.promptEstimate - stats.promptTokens < CutMinTokens)
        return c;
    // With the window known, only a prompt larger than it can have been cut; without it, a
    // count this far below the estimate is one.
    c.cut = stats.contextWindow <= 0 || stats.promptEstimate > stats.contextWindow;
    return c;
}

QString shortTokenCount(qint64 tokens)
{
    const QLocale locale;
    const auto scaled = [&locale](double value, const QString &suffix) -> QString {
        const int decimals = value < 10 && value != double(qint64(value)) ? 1 : 0;
        return locale.toString(value, 'f', decimals) + suffix;
    };
    if (tokens < 1000)
        return locale.toString(qMax<qint64>(0, tokens));
    if (tokens < 1'000'000) {
        const double k = double(tokens) / (tokens % 1024 == 0 ? 1024.0 : 1000.0);
        return scaled(k < 10 ? qRound(k * 10) / 10.0 : double(qRound(k)), QStringLiteral("k"));
    }
    const double m = double(tokens) / 1'000'000.0;
    return scaled(m < 10 ? qRound(m * 10) / 10.0 : double(qRound(m)), QStringLiteral("M"));
}

QString contextCutSentence(const ContextCut &cut)
{
    const QLocale locale;
    return QCoreApplication::translate("Sluice::Context",
                                       "The model saw only the last %1 of %2 tokens.")
        .arg(locale.toString(cut.seen), locale.toString(cut.sent));
}

} // namespace Sluice
