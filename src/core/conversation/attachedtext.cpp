#include "core/conversation/attachedtext.h"

#include "core/conversation/contextbudget.h"

#include <QHash>
#include <QMutex>

#include <utility>

namespace Sluice {

namespace {

constexpr qsizetype kMinFence = 5;

qsizetype longestRun(const QString &text, QChar c)
{
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const QChar ch : text) {
        run = ch == c ? run + 1 : 0;
        longest = qMax(longest, run);
    }
    return longest;
}

QString oneLine(const QString &name)
{
    QString line = name;
    for (QChar &c : line) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            c = u' ';
    }
    return line.simplified();
}

// A long document's text takes a while to count (a 300-page PDF is over a million
// characters) and the meter counts the attachments on every key: each text's count is kept,
// found by its data (QString shares it between copies of the same text; the entry holds a
// copy, so the data cannot be freed and its address reused while the entry is there).
struct TextCount
{
    qint64 tokens = 0;
    qsizetype fence = kMinFence; // the run of `=` its block is marked with
};

TextCount countText(const QString &text)
{
    const auto count = [&text] {
        return TextCount{estimateTextTokens(text), qMax(kMinFence, longestRun(text, u'=') + 1)};
    };
    if (text.size() < 4096)
        return count();
    static QMutex mutex;
    static QHash<const QChar *, std::pair<QString, TextCount>> counted;
    {
        const QMutexLocker lock(&mutex);
        const auto it = counted.constFind(text.constData());
        if (it != counted.cend() && it->first.size() == text.size())
            return it->second;
    }
    const TextCount c = count();
    const QMutexLocker lock(&mutex);
    if (counted.size() >= 64)
        counted.clear();
    counted.insert(text.constData(), {text, c});
    return c;
}

} // namespace

QString documentBlock(const Attachment &document, int ordinal)
{
    const QString name = oneLine(attachmentDisplayName(document, ordinal));
    const QString fence(countText(document.text).fence, u'=');
    QString block = fence + u" file: " + name + u" (" + oneLine(document.mediaType) + u") " +
                    fence + u'\n' + document.text;
    if (!block.endsWith(u'\n'))
        block += u'\n';
    return block + fence + u" end of file: " + name + u' ' + fence + u'\n';
}

QString contentWithDocuments(const QString &content, const QList<Attachment> &attachments)
{
    QString blocks;
    for (int i = 0; i < attachments.size(); ++i) {
        if (attachments.at(i).isDocument())
            blocks += documentBlock(attachments.at(i), i) + u'\n';
    }
    if (blocks.isEmpty())
        return content;
    return content.isEmpty() ? blocks.chopped(1) : QString(blocks + content);
}

qint64 documentTokens(const QList<Attachment> &attachments)
{
    qint64 tokens = 0;
    for (int i = 0; i < attachments.size(); ++i) {
        const Attachment &a = attachments.at(i);
        if (!a.isDocument())
            continue;
        // The marker lines (with the fence, as documentBlock() makes them), the text, and
        // the blank line after the block.
        const QString name = oneLine(attachmentDisplayName(a, i));
        const TextCount text = countText(a.text);
        const QString fence(text.fence, u'=');
        tokens += estimateTextTokens(QString(fence + u" file: " + name + u" (" +
                                             oneLine(a.mediaType) + u") " + fence + u'\n' +
                                             fence + u" end of file: " + name + u' ' + fence)) +
                  text.tokens + 2;
    }
    return tokens;
}

} // namespace Sluice
