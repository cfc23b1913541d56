// Paints a ChatModel row: Markdown with code blocks, thinking, errors with Retry/Continue.
//
// Each message's laid-out text is cached per width and dropped only when the model says the
// message changed, so scrolling does no layout. A growing reply re-renders only its tail.
#pragma once

#include "gui/conversation/messagegeometry.h"

#include <QPersistentModelIndex>
#include <QSet>
#include <QStyledItemDelegate>

#include <memory>
#include <unordered_map>

class QAbstractItemView;

namespace Sluice {

class MarkdownLayout;

class MessageDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // How long one layout may spend rendering a growing message before it shows what it has
    // and goes on at the next event-loop turn.
    static constexpr qint64 RenderBudgetMs = 5;

    struct Hit
    {
        MessageHit kind = MessageHit::None;
        int codeBlock = -1; // CopyCode
        QString href;       // Link
        QString toolTip;    // Text: e.g. why the formula under the mouse did not typeset
        QRectF rect;        // the button or code block, in viewport coordinates
        QPointF textOrigin; // Text: where the hit layout is drawn, in viewport coordinates
        bool inThinking = false;
        int chunk = -1; // Text: the piece of the layout under the mouse
    };

    explicit MessageDelegate(QAbstractItemView *view);
    ~MessageDelegate() override;

    void setModel(QAbstractItemModel *model);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // A row's index widget (its tool call cards, gui/tools/toolcards.h) goes below its text,
    // in the text's column (messagerowwidget.cpp).
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // `pos` in viewport coordinates; `rowRect` the row's visual rect.
    Hit hitTest(const QModelIndex &index, const QRect &rowRect, const QPoint &pos) const;

    // Where a clickable part is, in viewport coordinates (empty when the row has none).
    QRect partRect(const QModelIndex &index, const QRect &rowRect, MessageHit kind,
                   int codeBlock = -1) const;
    // Whether the thinking text is shown (live or expanded) right now.
    bool isThinkingShown(const QModelIndex &index) const;

    // The laid-out content (or thinking) of a message, e.g. for a selection overlay.
    const MarkdownLayout *contentLayout(const QModelIndex &index, bool thinking = false) const;
    QString codeBlockText(const QModelIndex &index, int codeBlock) const;

    void setHover(const QModelIndex &index, const QPoint &pos);
    // A "Copied" confirmation on a button for a moment.
    void setFlash(const QModelIndex &index, MessageHit kind, int codeBlock);
    void clearFlash();
    // The words a history search matched, marked in one message's text until cleared.
    void setSearchHighlight(const QModelIndex &index, const QString &search);
    void clearSearchHighlight();
    QModelIndex searchHighlightIndex() const;
    QString searchHighlight() const { return m_searchHighlight; }
    // The words marked in a message as it is shown (empty when none).
    QStringList highlightedWords(const QModelIndex &index) const;
    // While selection overlays show pieces first…last of a message, those are not painted.
    void setHiddenChunks(const QModelIndex &index, bool thinking, int first, int last);
    void setHiddenChunk(const QModelIndex &index, bool thinking, int chunk)
    {
        setHiddenChunks(index, thinking, chunk, chunk);
    }

    const MessageTheme &theme() const;
    void clearCache();
    int cachedDocuments() const;
    int layoutCount() const { return m_layouts; } // message layouts computed (for tests)

private:
    struct Entry;
    Entry &ensure(const QModelIndex &index) const;
    qreal viewWidth() const;
    int rowWidgetHeight(const QModelIndex &index) const; // 0: the row has no index widget
    void invalidate(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void trimCache() const;
    void scheduleCatchUp(quint64 uid) const;
    // Highlighted code and typeset formulas arrive later (RichTextEngine): the messages
    // waiting for them render again then.
    void richTextArrived();
    MessageInputs inputsFor(const QModelIndex &index, const Entry &e) const;

    QAbstractItemView *m_view;
    QAbstractItemModel *m_model = nullptr;
    mutable std::unordered_map<quint64, std::unique_ptr<Entry>> m_cache;
    mutable MessageTheme m_theme;
    mutable qint64 m_themeKey = -1;
    mutable quint64 m_useClock = 0;
    mutable int m_layouts = 0;
    mutable QSet<quint64> m_catchUp; // messages whose text renders over several turns
    mutable bool m_watchingRichText = false;
    quint64 m_hoverUid = 0;
    QPoint m_hoverPos;
    quint64 m_flashUid = 0;
    MessageHit m_flashKind = MessageHit::None;
    int m_flashBlock = -1;
    quint64 m_highlightUid = 0;
    QString m_searchHighlight;
    const QString m_noHighlight;
    quint64 m_hiddenUid = 0;
    bool m_hiddenThinking = false;
    int m_hiddenChunk = -1;
    int m_hiddenLast = -1;
};

} // namespace Sluice
