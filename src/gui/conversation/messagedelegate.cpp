#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messagedelegateentry.h"
#include "gui/conversation/messagepainter.h"
#include "gui/conversation/richmarkdown.h"
#include "gui/conversation/versionswitcher.h"
#include "gui/richtext/richtextengine.h"
#include "session/chatmodel.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QTimer>

#include <algorithm>

namespace Sluice {

namespace {

constexpr qreal ThinkingIndent = 14;
constexpr int MaxCachedDocuments = 400;
constexpr int TrimmedDocuments = 300;

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
    m.attachments = index.data(ChatModel::AttachmentsRole).value<QList<Attachment>>();
    return m;
}

} // namespace

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
    const MarkdownStyle style = messageMarkdownStyle(m_theme);
    const bool running = isRunningState(e.message.state);
    const bool firstSight = !e.content;
    if (firstSight)
        e.content = std::make_unique<MarkdownLayout>(style);
    // A growing (or still catching up) message renders within a budget, so that a burst of
    // text never freezes the window; the rest follows at the next turn of the event loop.
    // That includes a reply already shown while it ran that arrives whole and finished in one
    // update (streaming off, or a burst faster than the model's updates).
    e.content->setWidth(messageTextWidth(m_theme, width, e.message.isUser()));
    // (A message shown for the first time — opening a conversation — renders whole.)
    const bool budgeted = running || !firstSight;
    e.content->setHighlight(search, m_theme.searchMatch);
    e.content->setStreaming(running);
    if (!e.content->setText(e.message.content, budgeted ? RenderBudgetMs : -1))
        scheduleCatchUp(index.internalId());
    if (!e.message.thinking.isEmpty()) {
        if (!e.thinking)
            e.thinking = std::make_unique<MarkdownLayout>(style);
        e.thinking->setStreaming(running);
        e.thinking->setWidth(messageTextWidth(m_theme, width, false) - ThinkingIndent);
        if (!e.thinking->setText(e.message.thinking, budgeted ? RenderBudgetMs : -1))
            scheduleCatchUp(index.internalId());
    } else {
        e.thinking.reset();
    }
    e.geo = computeMessageGeometry(m_theme, inputsFor(index, e), width, e.content.get(),
                                   e.thinking.get());
    if (MarkdownLayout::pendingRichText(e.content, e.thinking) &&
        !std::exchange(m_watchingRichText, true))
        connect(RichTextEngine::instance(), &RichTextEngine::resultsReady, this,
                [self = const_cast<MessageDelegate *>(this)] { self->richTextArrived(); });
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

void MessageDelegate::richTextArrived()
{
    for (auto &kv : m_cache)
        kv.second->dirty = kv.second->dirty ||
                           MarkdownLayout::pendingRichText(kv.second->content, kv.second->thinking);
    if (m_model && m_model->rowCount() > 0) // one change lays out every row (QListView)
        Q_EMIT sizeHintChanged(m_model->index(0, 0));
    m_view->viewport()->update();
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
    const int extra = rowWidgetHeight(index); // the row's tool call cards, below its text
    auto it = m_cache.find(index.internalId());
    if (it != m_cache.end() && !it->second->dirty && qFuzzyCompare(it->second->width, viewWidth()))
        return QSize(int(viewWidth()), int(it->second->geo.height) + extra);
    return QSize(int(viewWidth()), int(ensure(index).geo.height) + extra);
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

// The words of a search result, marked in its message.
void MessageDelegate::setSearchHighlight(const QModelIndex &index, const QString &search)
{
    clearSearchHighlight();
    if (!index.isValid() || search.trimmed().isEmpty())
        return;
    // The message's layout takes the marks the next time it is used (painted).
    m_highlightUid = index.internalId();
    m_searchHighlight = search;
    m_view->viewport()->update();
}

void MessageDelegate::clearSearchHighlight()
{
    if (!m_highlightUid)
        return;
    m_highlightUid = 0;
    m_searchHighlight.clear();
    m_view->viewport()->update();
}

QModelIndex MessageDelegate::searchHighlightIndex() const
{
    if (!m_model || !m_highlightUid)
        return {};
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex i = m_model->index(row, 0);
        if (i.internalId() == m_highlightUid)
            return i;
    }
    return {};
}

QStringList MessageDelegate::highlightedWords(const QModelIndex &index) const
{
    const MarkdownLayout *layout = index.isValid() ? contentLayout(index) : nullptr;
    return layout ? layout->highlightedWords() : QStringList();
}

bool MessageDelegate::isThinkingShown(const QModelIndex &index) const
{
    return index.isValid() && ensure(index).geo.thinkingShown;
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

    // Pieces that selection overlays show are not painted (first, last; -1: none).
    const auto hidden = [&](bool thinking) {
        const bool here = m_hiddenUid == index.internalId() && m_hiddenThinking == thinking;
        return here ? std::pair(m_hiddenChunk, m_hiddenLast) : std::pair(-1, -1);
    };

    const MessagePainter parts(m_theme);
    parts.header(painter, m, g);
    if (!g.thinkingToggle.isEmpty()) {
        parts.thinkingToggle(painter, m, g, hovered && g.thinkingToggle.contains(hover));
        if (g.thinkingShown && e.thinking) {
            parts.thinkingBar(painter, g, e.thinking->height());
            parts.text(painter, *e.thinking, g.thinkingOrigin, m_theme.muted, visible,
                       hidden(true));
        }
    }
    parts.statusLine(painter, m, g);
    if (e.content && !e.content->isEmpty()) {
        const bool copied = index.internalId() == m_flashUid && m_flashKind == MessageHit::CopyCode;
        parts.codeBlocks(painter, *e.content, g.textOrigin, copied ? m_flashBlock : -1, hovered,
                         hover, visible);
        parts.text(painter, *e.content, g.textOrigin, m_theme.text, visible, hidden(false));
    }
    if (!g.errorBox.isEmpty())
        parts.errorCard(painter, m, g, hovered, hover);
    const VersionSwitcher versions(m_theme, m, g, index.data(ChatModel::VersionsRole).toPoint());
    versions.paint(painter, hover, hovered);
    parts.footer(painter, versions.besideSwitcher(g));
    const bool flashedRow = m_flashUid == index.internalId();
    if (hovered || (flashedRow && m_flashKind == MessageHit::Copy)) {
        for (const MessageButton &b : g.actions)
            parts.button(painter, b, hovered && b.rect.contains(hover), false,
                         flashedRow && b.kind == m_flashKind);
    }
    painter->restore();
}

} // namespace Sluice
