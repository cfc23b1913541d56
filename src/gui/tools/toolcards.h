// The tool calls of a reply, in the thread: under each assistant message that asked for
// tools, one collapsible card per call — server, tool and how it ended in its header ("files /
// read_file — answered in 40 ms"), the arguments and the result (or why there is none) when
// opened. Cards are real widgets placed in the message's row (QAbstractItemView index
// widgets), so they take focus with Tab and open with Space; their text is plain text.
#pragma once

#include "core/chat/tooltypes.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QListView;
class QPlainTextEdit;
class QToolButton;

namespace Sluice {

// One message's cards.
class ToolCardList final : public QWidget
{
    Q_OBJECT
public:
    explicit ToolCardList(QWidget *parent = nullptr);
    void setCalls(const QList<ToolCallRecord> &calls);
    const QList<ToolCallRecord> &calls() const { return m_calls; }
    QToolButton *header(int i) const { return m_headers.value(i); }
    QPlainTextEdit *details(int i) const { return m_details.value(i); }
    // "files / read_file — answered in 40 ms"
    static QString headline(const ToolCallRecord &call);

Q_SIGNALS:
    void resized(); // a card opened or closed

private:
    QList<ToolCallRecord> m_calls;
    QList<QToolButton *> m_headers;
    QList<QPlainTextEdit *> m_details;
};

// Keeps a ToolCardList in every row of `view` whose message has tool calls.
class ToolCards final : public QObject
{
    Q_OBJECT
public:
    explicit ToolCards(QListView *view);
    // Call after the view gets a model.
    void watchModel();
    ToolCardList *cardsAt(int row) const;

private:
    void refresh(int first, int last);

    QListView *m_view;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace Sluice
