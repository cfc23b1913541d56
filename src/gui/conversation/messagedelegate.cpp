#include "gui/conversation/messagedelegate.h"

#include "session/chatmodel.h"
#include "gui/conversation/markdownlayout.h"

#include <QAbstractItemView>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>

#include <algorithm>

namespace Sluice {

namespace {

constexpr qreal ThinkingIndent = 14;
constexpr int MaxCachedDocuments = 400;
constexpr int TrimmedDocuments = 300;

QRectF copyButtonRect(const MarkdownLayout::CodeBlock &b)
{
    return QRectF(b.header.right() - 78, b.header.top() + 3, 72, b.header.height() - 6);
}

QString shortTime(const QTime &time)
{
    QString format = QLocale::system().timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    return QLocale::system().toString(time, format);
}

ConversationMessage messageFrom(const QModelIndex &index)
{
    ConversationMessage m;
    m.uid = index.internalId();
    m.role = index.data(ChatModel::RoleRole).toString();
    m.content = index.data(ChatModel::ContentRole).toString();
    m.thinking = index.data(ChatModel::ThinkingRole).toString();
    m.state = MessageState(index.data(ChatModel::StateRole).toInt());
    m.errorText = index.data(ChatModel::ErrorTextRole).toString();
    m.stats = index.data(ChatModel::StatsRole).value<ReplyStats>();
    m.model = index.data(ChatModel::ModelNameRole).toString();
    m.created = index.data(ChatModel::CreatedRole).toDateTime();
    m.thinkingMs = index.data(ChatModel::ThinkingDurationRole).toLongLong();
    return m;
}

} // namespace

struct MessageDelegate::Entry
{
    bool dirty = true;
    qreal width = -1;
    ConversationMessage message;
    bool expanded = false;
    std::unique_ptr<MarkdownLayout> content;
    std::unique_ptr<MarkdownLayout> thinking;
    MessageGeometry geo;
    quint64 lastUse = 0;
};

MessageDelegate::MessageDelegate(QAbstractItemView *view) : QStyledItemDelegate(view), m_view(view)
{}

MessageDelegate::~MessageDelegate() = default;

void MessageDelegate::setModel(QAbstractItemModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    m_cache.clear();
    m_highlightUid = 0;
    m_searchHighlight.clear();
    if (!model)
        return;
    connect(model, &QAbstractItemModel::dataChanged, this, &MessageDelegate::invalidate);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_cache.clear();
        m_highlightUid = 0;
        m_searchHighlight.clear();
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row)
                    m_cache.erase(m_model->index(row, 0).internalId());
            });
    // Which row is last decides Retry and Regenerate: refresh the rows around a change.
    auto neighbours = [this](const QModelIndex &, int first, int) {
        for (int row : {first - 1, m_model->rowCount() - 1}) {
            const QModelIndex i = m_model->index(row, 0);
            if (!i.isValid())
                continue;
            auto it = m_cache.find(i.internalId());
            if (it != m_cache.end())
                it->second->dirty = true;
        }
    };
    connect(model, &QAbstractItemModel::rowsInserted, this, neighbours);
    connect(model, &QAbstractItemModel::rowsRemoved, this, neighbours);
}

void MessageDelegate::invalidate(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        auto it = m_cache.find(m_model->index(row, 0).internalId());
        if (it != m_cache.end())
            it->second->dirty = true;
    }
    // A message's height may have changed: the view must lay the rows out again.
    Q_EMIT sizeHintChanged(topLeft);
}

void MessageDelegate::clearCache()
{
    m_cache.clear();
    m_themeKey = -1;
}

int MessageDelegate::cachedDocuments() const
{
    return int(std::count_if(m_cache.begin(), m_cache.end(),
                             [](const auto &kv) { return kv.second->content != nullptr; }));
}

qreal MessageDelegate::viewWidth() const
{
    return m_view->viewport()->width();
}

MessageInputs MessageDelegate::inputsFor(const QModelIndex &index, const Entry &e) const
{
    MessageInputs in;
    in.message = &e.message;
    in.thinkingExpanded = e.expanded;
    in.isLast = index.row() == index.model()->rowCount() - 1;
    const bool assistant = e.message.isAssistant();
    const bool running = isRunningState(e.message.state);
    in.canRetry = in.isLast && assistant && !running;
    in.canRegenerate = in.canRetry;
    in.canContinue = in.canRetry && !e.message.content.trimmed().isEmpty() &&
                     (isBrokenState(e.message.state) || e.message.stats.finishReason == u"length");
    return in;
}

const MessageTheme &MessageDelegate::theme() const
{
    if (m_themeKey < 0) {
        m_theme = MessageTheme::from(m_view->palette(), m_view->font());
        m_themeKey = 1;
    }
    return m_theme;
}

MessageDelegate::Entry &MessageDelegate::ensure(const QModelIndex &index) const
{
    theme();
    std::unique_ptr<Entry> &slot = m_cache[index.internalId()];
    if (!slot)
        slot = std::make_unique<Entry>();
    Entry &e = *slot;
    e.lastUse = ++m_useClock;
    const qreal width = viewWidth();
    const bool marked = index.internalId() == m_highlightUid;
    const QString &search = marked ? m_searchHighlight : m_noHighlight;
    if (!e.dirty && qFuzzyCompare(e.width, width) && e.content) {
        if (e.content->highlight() != search)
            e.content->setHighlight(search, m_theme.searchMatch);
        return e;
    }

    if (e.dirty) {
        e.message = messageFrom(index);
        e.expanded = index.data(ChatModel::ThinkingExpandedRole).toBool();
    }
    const MarkdownStyle style = MarkdownStyle::fromFont(m_theme.font, m_theme.link);
    if (!e.content)
        e.content = std::make_unique<MarkdownLayout>(style);
    // A growing (or still catching up) message renders within a budget, so that a burst of
    // text never freezes the window; the rest follows at the next turn of the event loop.
    e.content->setWidth(messageTextWidth(m_theme, width, e.message.isUser()));
    // (A message shown for the first time — opening a conversation — renders whole.)
    const bool budgeted = isRunningState(e.message.state) || !e.content->isEmpty();
    e.content->setHighlight(search, m_theme.searchMatch);
    if (!e.content->setText(e.message.content, budgeted ? RenderBudgetMs : -1))
        scheduleCatchUp(index.internalId());
    if (!e.message.thinking.isEmpty()) {
        if (!e.thinking)
            e.thinking = std::make_unique<MarkdownLayout>(style);
        e.thinking->setText(e.message.thinking);
        e.thinking->setWidth(messageTextWidth(m_theme, width, false) - ThinkingIndent);
    } else {
        e.thinking.reset();
    }
    e.geo = computeMessageGeometry(m_theme, inputsFor(index, e), width, e.content.get(),
                                   e.thinking.get());
    e.width = width;
    e.dirty = false;
    ++m_layouts;
    trimCache();
    return e;
}

void MessageDelegate::scheduleCatchUp(quint64 uid) const
{
    if (m_catchUp.contains(uid))
        return;
    m_catchUp.insert(uid);
    auto *self = const_cast<MessageDelegate *>(this);
    QTimer::singleShot(0, self, [self, uid] {
        self->m_catchUp.remove(uid);
        if (!self->m_model)
            return;
        for (int row = self->m_model->rowCount() - 1; row >= 0; --row) {
            const QModelIndex i = self->m_model->index(row, 0);
            if (i.internalId() != uid)
                continue;
            auto it = self->m_cache.find(uid);
            if (it != self->m_cache.end())
                it->second->dirty = true;
            Q_EMIT self->sizeHintChanged(i);
            self->m_view->viewport()->update();
            return;
        }
    });
}

void MessageDelegate::trimCache() const
{
    if (cachedDocuments() <= MaxCachedDocuments)
        return;
    // Keep sizes for every row; drop the documents of the rows used longest ago.
    std::vector<std::pair<quint64, Entry *>> withDocs;
    for (auto &kv : m_cache) {
        if (kv.second->content)
            withDocs.emplace_back(kv.second->lastUse, kv.second.get());
    }
    std::sort(withDocs.begin(), withDocs.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    const size_t drop = withDocs.size() - TrimmedDocuments;
    for (size_t i = 0; i < drop; ++i) {
        withDocs[i].second->content.reset();
        withDocs[i].second->thinking.reset();
    }
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(option)
    auto it = m_cache.find(index.internalId());
    if (it != m_cache.end() && !it->second->dirty && qFuzzyCompare(it->second->width, viewWidth()))
        return QSize(int(viewWidth()), int(it->second->geo.height));
    const Entry &e = ensure(index);
    return QSize(int(viewWidth()), int(e.geo.height));
}

const MarkdownLayout *MessageDelegate::contentLayout(const QModelIndex &index, bool thinking) const
{
    Entry &e = ensure(index);
    return thinking ? e.thinking.get() : e.content.get();
}

QString MessageDelegate::codeBlockText(const QModelIndex &index, int codeBlock) const
{
    const Entry &e = ensure(index);
    const auto &blocks = e.content->codeBlocks();
    return codeBlock >= 0 && codeBlock < blocks.size() ? blocks.at(codeBlock).code : QString();
}

void MessageDelegate::setHover(const QModelIndex &index, const QPoint &pos)
{
    m_hoverUid = index.isValid() ? index.internalId() : 0;
    m_hoverPos = pos;
}

void MessageDelegate::setFlash(const QModelIndex &index, MessageHit kind, int codeBlock)
{
    m_flashUid = index.internalId();
    m_flashKind = kind;
    m_flashBlock = codeBlock;
}

void MessageDelegate::clearFlash()
{
    m_flashUid = 0;
    m_flashKind = MessageHit::None;
}

void MessageDelegate::setHiddenChunks(const QModelIndex &index, bool thinking, int first, int last)
{
    m_hiddenUid = index.isValid() ? index.internalId() : 0;
    m_hiddenThinking = thinking;
    m_hiddenChunk = first;
    m_hiddenLast = qMax(first, last);
}

QRect MessageDelegate::partRect(const QModelIndex &index, const QRect &rowRect, MessageHit kind,
                                int codeBlock) const
{
    if (!index.isValid())
        return {};
    const Entry &e = ensure(index);
    const MessageGeometry &g = e.geo;
    const QPointF offset = rowRect.topLeft();
    QRectF r;
    switch (kind) {
    case MessageHit::ThinkingToggle:
        r = g.thinkingToggle;
        break;
    case MessageHit::CopyCode:
        if (codeBlock >= 0 && codeBlock < e.content->codeBlocks().size())
            r = copyButtonRect(e.content->codeBlocks().at(codeBlock)).translated(g.textOrigin);
        break;
    case MessageHit::Text:
        r = QRectF(g.textOrigin, QSizeF(e.content->width(), e.content->height()));
        break;
    default:
        for (const QList<MessageButton> *list : {&g.errorButtons, &g.actions}) {
            for (const MessageButton &b : *list) {
                if (b.kind == kind)
                    r = b.rect;
            }
        }
        break;
    }
    return r.isEmpty() ? QRect() : r.translated(offset).toAlignedRect();
}

bool MessageDelegate::isThinkingShown(const QModelIndex &index) const
{
    return index.isValid() && ensure(index).geo.thinkingShown;
}

MessageDelegate::Hit MessageDelegate::hitTest(const QModelIndex &index, const QRect &rowRect,
                                              const QPoint &pos) const
{
    Hit hit;
    if (!index.isValid())
        return hit;
    const Entry &e = ensure(index);
    const MessageGeometry &g = e.geo;
    const QPointF offset = rowRect.topLeft();
    const QPointF p = QPointF(pos) - offset;
    auto button = [&](const QList<MessageButton> &buttons) {
        for (const MessageButton &b : buttons) {
            if (b.rect.contains(p)) {
                hit.kind = b.kind;
                hit.rect = b.rect.translated(offset);
                return true;
            }
        }
        return false;
    };
    if (button(g.errorButtons) || button(g.actions))
        return hit;
    if (g.thinkingToggle.contains(p)) {
        hit.kind = MessageHit::ThinkingToggle;
        hit.rect = g.thinkingToggle.translated(offset);
        return hit;
    }
    const auto &blocks = e.content->codeBlocks();
    for (int i = 0; i < blocks.size(); ++i) {
        if (copyButtonRect(blocks.at(i)).translated(g.textOrigin).contains(p)) {
            hit.kind = MessageHit::CopyCode;
            hit.codeBlock = i;
            hit.rect = copyButtonRect(blocks.at(i)).translated(g.textOrigin + offset);
            return hit;
        }
    }
    auto textHit = [&](const MarkdownLayout *layout, const QPointF &origin, bool thinking) {
        if (!layout || layout->isEmpty())
            return false;
        const QRectF area(origin, QSizeF(layout->width(), layout->height()));
        if (!area.contains(p))
            return false;
        const QPointF local = p - origin;
        const QString href = layout->anchorAt(local);
        hit.kind = href.isEmpty() ? MessageHit::Text : MessageHit::Link;
        hit.href = href;
        hit.inThinking = thinking;
        hit.chunk = layout->chunkAt(local);
        hit.textOrigin = origin + offset;
        hit.rect = area.translated(offset);
        if (!thinking) {
            const auto &code = layout->codeBlocks();
            for (int i = 0; i < code.size(); ++i) {
                if (code.at(i).rect.contains(local))
                    hit.codeBlock = i;
            }
        }
        return true;
    };
    if (textHit(e.content.get(), g.textOrigin, false))
        return hit;
    if (g.thinkingShown)
        textHit(e.thinking.get(), g.thinkingOrigin, true);
    return hit;
}

void MessageDelegate::paintButton(QPainter *p, const MessageButton &b, bool hovered, bool primary,
                                  bool flashed) const
{
    const QRectF r = b.rect.adjusted(0.5, 0.5, -0.5, -0.5);
    p->setPen(primary ? QPen(m_theme.buttonBorder, 1) : Qt::NoPen);
    p->setBrush(hovered ? m_theme.buttonHover : Qt::transparent);
    p->drawRoundedRect(r, 6, 6);
    p->setFont(m_theme.small);
    p->setPen(primary ? m_theme.text : m_theme.muted);
    p->drawText(r, Qt::AlignCenter, flashed ? tr("Copied") : b.label);
}

void MessageDelegate::paintCodeBlocks(QPainter *p, const MarkdownLayout &layout,
                                      const QPointF &origin, const QModelIndex &index, bool hovered,
                                      const QPoint &hover) const
{
    const auto &blocks = layout.codeBlocks();
    for (int i = 0; i < blocks.size(); ++i) {
        const MarkdownLayout::CodeBlock &b = blocks.at(i);
        const QRectF r = b.rect.translated(origin).adjusted(0.5, 0.5, -0.5, -0.5);
        QPainterPath box;
        box.addRoundedRect(r, 8, 8);
        p->setPen(QPen(m_theme.codeBorder, 1));
        p->setBrush(m_theme.codeBackground);
        p->drawPath(box);
        p->save();
        p->setClipPath(box);
        p->fillRect(b.header.translated(origin), m_theme.codeHeader);
        p->restore();
        const QRectF header = b.header.translated(origin);
        p->setFont(m_theme.small);
        p->setPen(m_theme.muted);
        p->drawText(header.adjusted(12, 0, -90, 0), Qt::AlignVCenter | Qt::AlignLeft,
                    b.language.isEmpty() ? tr("code") : b.language);
        const QRectF copy = copyButtonRect(b).translated(origin);
        const bool flashed = index.internalId() == m_flashUid &&
                             m_flashKind == MessageHit::CopyCode && m_flashBlock == i;
        if (hovered && copy.contains(hover)) {
            p->setPen(Qt::NoPen);
            p->setBrush(m_theme.buttonHover);
            p->drawRoundedRect(copy, 5, 5);
        }
        p->setPen(flashed ? m_theme.accent : m_theme.muted);
        const QString label = flashed ? tr("Copied") : tr("Copy");
        const qreal textW = QFontMetricsF(m_theme.small).horizontalAdvance(label);
        const qreal iconW = 11;
        const qreal x0 = copy.center().x() - (iconW + 5 + textW) / 2;
        const qreal cy = copy.center().y();
        p->save();
        p->setBrush(Qt::NoBrush);
        p->setPen(QPen(flashed ? m_theme.accent : m_theme.muted, 1.2));
        if (flashed) {
            QPainterPath tick;
            tick.moveTo(x0 + 1, cy);
            tick.lineTo(x0 + 4.5, cy + 3.5);
            tick.lineTo(x0 + 10.5, cy - 3.5);
            p->drawPath(tick);
        } else {
            p->drawRoundedRect(QRectF(x0 + 3, cy - 5.5, 7.5, 9), 1.5, 1.5);
            p->drawRoundedRect(QRectF(x0, cy - 3, 7.5, 9), 1.5, 1.5);
        }
        p->restore();
        p->drawText(QRectF(x0 + iconW + 5, copy.top(), textW + 2, copy.height()),
                    Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    p->setPen(Qt::NoPen);
    p->setBrush(m_theme.quoteBar);
    for (const QRectF &bar : layout.quoteBars())
        p->drawRoundedRect(bar.translated(origin), 1.5, 1.5);
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    Entry &e = ensure(index);
    const MessageGeometry &g = e.geo;
    const ConversationMessage &m = e.message;
    const bool hovered = index.internalId() == m_hoverUid;
    const QPoint hover = m_hoverPos - option.rect.topLeft();

    painter->save();
    painter->translate(option.rect.topLeft());
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    const QRectF visible = QRectF(m_view->viewport()->rect()).translated(-option.rect.topLeft());

    auto drawLayout = [&](const MarkdownLayout &layout, const QPointF &origin, const QColor &color,
                          bool thinking) {
        const QRectF clip = visible.translated(-origin);
        if (m_hiddenUid == index.internalId() && m_hiddenThinking == thinking &&
            m_hiddenChunk >= 0 && m_hiddenChunk < layout.chunkCount()) {
            // Overlays show these pieces; paint the others.
            const int last = qMin(m_hiddenLast, layout.chunkCount() - 1);
            const qreal top = layout.chunkTop(m_hiddenChunk);
            const qreal bottom =
                last + 1 < layout.chunkCount() ? layout.chunkTop(last + 1) : layout.height();
            layout.draw(painter, origin, clip.intersected(QRectF(0, 0, layout.width(), top)),
                        color);
            layout.draw(painter, origin, clip.intersected(QRectF(0, bottom, layout.width(), 1e9)),
                        color);
            return;
        }
        layout.draw(painter, origin, clip, color);
    };

    if (m.isUser()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_theme.userBubble);
        painter->drawRoundedRect(g.bubble, 14, 14);
    } else {
        painter->setFont(m_theme.smallBold);
        painter->setPen(m_theme.muted);
        const QString name = m.model.isEmpty() ? tr("Assistant") : m.model;
        painter->drawText(g.header, Qt::AlignLeft | Qt::AlignVCenter, name);
        const qreal nameW = QFontMetricsF(m_theme.smallBold).horizontalAdvance(name);
        painter->setFont(m_theme.small);
        if (m.created.isValid())
            painter->drawText(g.header.adjusted(nameW, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                              QStringLiteral("  ·  ") + shortTime(m.created.time()));
    }

    if (!g.thinkingToggle.isEmpty()) {
        if (hovered && g.thinkingToggle.contains(hover)) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(m_theme.buttonHover);
            painter->drawRoundedRect(g.thinkingToggle, 6, 6);
        }
        painter->setFont(m_theme.small);
        painter->setPen(m_theme.muted);
        painter->drawText(g.thinkingToggle.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          thinkingLabel(m, g.thinkingLive, g.thinkingShown));
        if (g.thinkingShown && e.thinking) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(m_theme.quoteBar);
            painter->drawRoundedRect(
                QRectF(g.column.left() + 3, g.thinkingOrigin.y(), 2.5, e.thinking->height()), 1, 1);
            drawLayout(*e.thinking, g.thinkingOrigin, m_theme.muted, true);
        }
    }

    if (!g.statusLine.isEmpty()) {
        QFont italic = m_theme.font;
        italic.setItalic(true);
        painter->setFont(italic);
        painter->setPen(m_theme.muted);
        painter->drawText(g.statusLine, Qt::AlignLeft | Qt::AlignVCenter, waitingLine(m));
    }

    if (e.content && !e.content->isEmpty()) {
        paintCodeBlocks(painter, *e.content, g.textOrigin, index, hovered, hover);
        drawLayout(*e.content, g.textOrigin, m_theme.text, false);
    }

    if (!g.errorBox.isEmpty()) {
        // A stop is the user's choice, not an error: a quiet "■ Stopped" without the red card.
        const bool stopped = m.state == MessageState::Cancelled;
        if (!stopped) {
            painter->setPen(QPen(m_theme.errorBorder, 1));
            painter->setBrush(m_theme.errorBackground);
            painter->drawRoundedRect(g.errorBox.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
        }
        painter->setFont(m_theme.font);
        painter->setPen(stopped ? m_theme.muted : m_theme.errorText);
        painter->drawText(QRectF(g.errorText.left() - 22, g.errorText.top(), 20,
                                 QFontMetricsF(m_theme.font).height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          stopped ? QStringLiteral("■") : QStringLiteral("⚠"));
        painter->drawText(g.errorText, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                          brokenNote(m));
        for (const MessageButton &b : g.errorButtons)
            paintButton(painter, b, hovered && b.rect.contains(hover), true, false);
    }

    if (!g.footerText.isEmpty()) {
        painter->setFont(m_theme.small);
        painter->setPen(m_theme.muted);
        painter->drawText(g.footer, Qt::AlignLeft | Qt::AlignVCenter, g.footerText);
    }
    const bool flashedRow = m_flashUid == index.internalId();
    if (hovered || (flashedRow && m_flashKind == MessageHit::Copy)) {
        for (const MessageButton &b : g.actions)
            paintButton(painter, b, hovered && b.rect.contains(hover), false,
                        flashedRow && b.kind == m_flashKind);
    }
    painter->restore();
}

} // namespace Sluice
