#include "gui/conversation/messagegeometry.h"

#include "gui/attachments/messageimages.h"
#include "core/conversation/contextbudget.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/window/windowstyle.h"

#include <QCoreApplication>
#include <QFontMetricsF>

#include <cmath>

namespace Sluice {

namespace {

constexpr qreal RowTop = 10;
constexpr qreal RowBottom = 6;
constexpr qreal BubblePadX = 14;
constexpr qreal BubblePadY = 9;
constexpr qreal ThinkingIndent = 14;
constexpr qreal FooterHeight = 24;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Sluice", text, disambiguation, n);
}

qreal buttonWidth(const MessageTheme &t, const QString &label)
{
    return QFontMetricsF(t.small).horizontalAdvance(label) + 20;
}

// Buttons in a row ending at the right edge of `area`, the first one rightmost.
QList<MessageButton> rightAlignedButtons(const MessageTheme &t, const QRectF &area,
                                         const QList<std::pair<MessageHit, QString>> &buttons)
{
    QList<MessageButton> out;
    qreal x = area.right();
    for (const auto &[kind, label] : buttons) {
        const qreal w = buttonWidth(t, label);
        x -= w;
        out.append({kind, QRectF(x, area.top(), w, area.height()), label});
        x -= 4;
    }
    return out;
}

} // namespace

MessageTheme MessageTheme::from(const QPalette &palette, const QFont &font)
{
    MessageTheme t;
    t.font = font;
    t.small = font;
    if (font.pointSizeF() > 0)
        t.small.setPointSizeF(font.pointSizeF() * 0.86);
    else
        t.small.setPixelSize(qMax(8, int(font.pixelSize() * 0.86)));
    t.smallBold = t.small;
    t.smallBold.setWeight(QFont::DemiBold);
    const QColor base = palette.color(QPalette::Base);
    t.text = palette.color(QPalette::Text);
    t.dark = base.lightnessF() < 0.5;
    t.muted = mix(t.text, base, 0.42);
    t.link = palette.color(QPalette::Link);
    if (t.dark)
        t.link = t.link.lightnessF() < 0.6 ? QColor(0x7a, 0xb7, 0xff) : t.link;
    t.accent = palette.color(QPalette::Highlight);
    t.searchMatch = t.dark ? QColor(0xc9, 0x9a, 0x00, 150) : QColor(0xff, 0xd5, 0x00, 140);
    t.userBubble = mix(base, t.accent, t.dark ? 0.28 : 0.11);
    t.codeBackground = mix(base, t.text, t.dark ? 0.07 : 0.045);
    t.codeHeader = mix(base, t.text, t.dark ? 0.12 : 0.085);
    t.codeBorder = mix(base, t.text, t.dark ? 0.16 : 0.12);
    t.quoteBar = mix(base, t.text, 0.25);
    const QColor red(t.dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x28));
    t.errorBackground = mix(base, red, t.dark ? 0.14 : 0.07);
    t.errorBorder = mix(base, red, 0.45);
    t.errorText = t.dark ? mix(t.text, red, 0.45) : mix(t.text, red, 0.75);
    t.buttonBorder = mix(base, t.text, 0.25);
    t.buttonHover = mix(base, t.text, 0.08);
    const QFontMetricsF fm(font);
    t.maxColumn = qBound(520.0, fm.averageCharWidth() * 88, 820.0);
    return t;
}

qreal messageTextWidth(const MessageTheme &theme, qreal viewWidth, bool user)
{
    const qreal column = qMax(120.0, qMin(theme.maxColumn, viewWidth - 2 * theme.sideMargin));
    if (user)
        return qMax(80.0, column * 0.82 - 2 * BubblePadX);
    return column;
}

QString thinkingLabel(const ConversationMessage &m, bool live, bool expanded)
{
    const QString arrow = expanded || live ? QStringLiteral("▾ ") : QStringLiteral("▸ ");
    if (live)
        return arrow + tr("Thinking…");
    if (m.thinkingMs >= 0)
        return arrow + tr("Thought for %1 s").arg(m.thinkingMs / 1000.0, 0, 'f', 1);
    return arrow + tr("Thoughts");
}

QString statsLine(const ReplyStats &s)
{
    QStringList parts;
    if (s.outputTokens == 1)
        parts << tr("1 token");
    else if (s.outputTokens >= 0)
        parts << tr("%1 tokens").arg(s.outputTokens);
    if (s.tokensPerSecond > 0)
        parts << tr("%1 tok/s").arg(s.tokensPerSecond, 0, 'f', 1);
    if (s.timeToFirstTokenMs >= 0)
        parts << tr("%1 s to first token").arg(s.timeToFirstTokenMs / 1000.0, 0, 'f', 2);
    if (s.loadMs > 50)
        parts << tr("loaded in %1 s").arg(s.loadMs / 1000.0, 0, 'f', 1);
    if (s.finishReason == u"length")
        parts << tr("stopped at the token limit");
    return parts.join(QStringLiteral("  ·  "));
}

QString brokenNote(const ConversationMessage &m)
{
    if (m.state == MessageState::Cancelled)
        return tr("Stopped");
    if (m.errorText.isEmpty() && m.state == MessageState::Interrupted)
        return tr("The app closed while this reply was streaming.");
    return m.errorText;
}

QString droppedNote()
{
    return tr("Not sent to the model: dropped to fit its context window");
}

QString messageNote(const ConversationMessage &m)
{
    if (isBrokenState(m.state))
        return brokenNote(m);
    const ContextCut cut = contextCut(m.stats); // the server cut the prompt of this reply
    return cut.cut ? contextCutSentence(cut) : QString();
}

QString waitingLine(const ConversationMessage &m)
{
    if (m.state == MessageState::Loading)
        return tr("Loading %1…").arg(m.model);
    if (m.state == MessageState::Streaming)
        return tr("Receiving…");
    return tr("Waiting for %1…").arg(m.model.isEmpty() ? tr("the model") : m.model);
}

MessageGeometry computeMessageGeometry(const MessageTheme &t, const MessageInputs &in,
                                       qreal viewWidth, const MarkdownLayout *content,
                                       const MarkdownLayout *thinking)
{
    const ConversationMessage &m = *in.message;
    MessageGeometry g;
    const qreal columnWidth = qMax(120.0, qMin(t.maxColumn, viewWidth - 2 * t.sideMargin));
    const qreal columnX = qRound((viewWidth - columnWidth) / 2);
    const QFontMetricsF fm(t.font);
    const QFontMetricsF sm(t.small);
    qreal y = RowTop;

    if (m.isUser()) {
        const qreal textW = content ? content->idealWidth() : 0;
        const qreal textH = content ? content->height() : fm.height();
        const qreal bw = std::ceil(qMax(textW, 24.0) + 2 * BubblePadX);
        g.column = QRectF(columnX, 0, columnWidth, 0);
        g.images = layoutMessageImages(m.attachments, columnX + columnWidth, y, columnWidth);
        if (!g.images.isEmpty())
            y = g.images.last().bottom() + 6;
        g.bubble = QRectF(columnX + columnWidth - bw, y, bw, textH + 2 * BubblePadY);
        g.textOrigin = g.bubble.topLeft() + QPointF(BubblePadX, BubblePadY);
        g.textWidth = messageTextWidth(t, viewWidth, true);
        if (m.content.isEmpty() && !g.images.isEmpty())
            g.bubble = QRectF(g.bubble.right(), g.images.last().bottom(), 0, 0); // images only
        y = g.bubble.bottom();
        g.footer = QRectF(columnX, y + 2, columnWidth, FooterHeight - 4);
        if (m.stats.droppedFromContext)
            g.footerText = droppedNote();
        g.actions = rightAlignedButtons(
            t, g.footer, {{MessageHit::Edit, tr("Edit")}, {MessageHit::Copy, tr("Copy")}});
        y += FooterHeight;
        g.height = std::ceil(y + RowBottom);
        g.column.setHeight(g.height);
        return g;
    }

    g.column = QRectF(columnX, 0, columnWidth, 0);
    g.header = QRectF(columnX, y, columnWidth, std::ceil(sm.height() + 2));
    y = g.header.bottom() + 6;

    const bool answerStarted = !m.content.isEmpty();
    if (!m.thinking.isEmpty()) {
        g.thinkingLive = isRunningState(m.state) && !answerStarted;
        g.thinkingShown = g.thinkingLive || in.thinkingExpanded;
        const QString label = thinkingLabel(m, g.thinkingLive, g.thinkingShown);
        g.thinkingToggle = QRectF(columnX, y, std::ceil(sm.horizontalAdvance(label) + 20),
                                  std::ceil(sm.height() + 8));
        y = g.thinkingToggle.bottom() + 4;
        if (g.thinkingShown && thinking) {
            g.thinkingOrigin = QPointF(columnX + ThinkingIndent, y + 2);
            y += thinking->height() + 12;
        }
    }

    g.textOrigin = QPointF(columnX, y);
    g.textWidth = columnWidth;
    if (content && !content->isEmpty()) {
        y += content->height();
    } else if (isRunningState(m.state) && !g.thinkingLive) {
        g.statusLine = QRectF(columnX, y, columnWidth, std::ceil(fm.height() + 4));
        y = g.statusLine.bottom();
    }

    const QString note = messageNote(m);
    if (!note.isEmpty()) {
        y += 8;
        // A reply the user stopped gets a quiet line, not a framed error card.
        const qreal pad = m.state == MessageState::Cancelled ? 0 : 10;
        const QRectF textRect = fm.boundingRect(QRectF(0, 0, columnWidth - 2 * pad - 22, 10000),
                                                Qt::TextWordWrap, note);
        g.errorText =
            QRectF(columnX + pad + 22, y + pad, columnWidth - 2 * pad - 22, textRect.height());
        qreal by = g.errorText.bottom() + 8;
        qreal bx = g.errorText.left();
        const qreal bh = sm.height() + 10;
        if (in.canRetry) {
            const QString label = tr("Retry");
            g.errorButtons.append(
                {MessageHit::Retry, QRectF(bx, by, buttonWidth(t, label) + 8, bh), label});
            bx = g.errorButtons.last().rect.right() + 8;
        }
        if (in.canContinue) {
            const QString label = tr("Continue");
            g.errorButtons.append(
                {MessageHit::Continue, QRectF(bx, by, buttonWidth(t, label) + 8, bh), label});
        }
        const qreal bottom = g.errorButtons.isEmpty() ? g.errorText.bottom() + pad : by + bh + pad;
        g.errorBox = QRectF(columnX, y, columnWidth, bottom - y);
        y = g.errorBox.bottom();
    }

    g.footer = QRectF(columnX, y + 2, columnWidth, FooterHeight - 4);
    if (m.stats.droppedFromContext)
        g.footerText = droppedNote();
    else if (m.state == MessageState::Complete)
        g.footerText = statsLine(m.stats);
    if (!isRunningState(m.state)) {
        QList<std::pair<MessageHit, QString>> acts;
        if (in.canRegenerate)
            acts.append({MessageHit::Regenerate, tr("Regenerate")});
        acts.append({MessageHit::Copy, tr("Copy")});
        g.actions = rightAlignedButtons(t, g.footer, acts);
    }
    y += FooterHeight;
    g.height = std::ceil(y + RowBottom);
    g.column.setHeight(g.height);
    return g;
}

} // namespace Sluice
