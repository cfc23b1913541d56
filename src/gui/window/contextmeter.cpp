#include "gui/window/contextmeter.h"

#include "core/conversation/attachedtext.h"
#include "core/conversation/contextbudget.h"
#include "gui/attachments/attachmentstrip.h"
#include "gui/window/composer.h"
#include "gui/window/contextwarning.h"
#include "gui/window/modelpicker.h"
#include "session/conversationcontroller.h"

#include <QBoxLayout>
#include <QLabel>
#include <QLocale>

#include <cmath>

namespace Sluice {

ContextMeter::ContextMeter(QBoxLayout *column, Composer *composer, ModelPicker *picker,
                           QWidget *dialogParent)
    : QObject(dialogParent), m_composer(composer), m_picker(picker),
      m_dialogParent(dialogParent), m_label(new QLabel)
{
    m_label->setObjectName(QStringLiteral("contextMeter"));
    m_label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setFocusPolicy(Qt::TabFocus); // a screen reader can reach it with Tab
    QFont small = m_label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_label->setFont(small);
    m_label->hide(); // until there is something to count: no unnamed stop for Tab
    column->addWidget(m_label);
    connect(composer, &Composer::textChanged, this, &ContextMeter::update);
    connect(picker, &ModelPicker::changed, this, &ContextMeter::invalidate);
}

void ContextMeter::setConversation(ConversationController *conversation)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_current = conversation;
    if (conversation) {
        ChatModel *model = conversation->model();
        const auto dirty = [this] { invalidate(); };
        m_connections = {connect(model, &QAbstractItemModel::rowsInserted, this, dirty),
                         connect(model, &QAbstractItemModel::rowsRemoved, this, dirty),
                         connect(model, &QAbstractItemModel::modelReset, this, dirty),
                         connect(model, &QAbstractItemModel::dataChanged, this, dirty),
                         connect(conversation, &ConversationController::optionsChanged, this,
                                 dirty)};
    }
    invalidate();
}

// Messages change by the delta while a reply streams: the conversation is counted again
// once per turn of the event loop at most.
void ContextMeter::invalidate()
{
    m_dirty = true;
    if (m_updateQueued)
        return;
    m_updateQueued = true;
    QMetaObject::invokeMethod(this, &ContextMeter::update, Qt::QueuedConnection);
}

void ContextMeter::setAttachmentStrip(AttachmentStrip *strip)
{
    m_strip = strip;
    connect(strip, &AttachmentStrip::changed, this, &ContextMeter::update);
}

qint64 ContextMeter::attachmentTokens() const
{
    return m_strip ? documentTokens(m_strip->attachments()) : 0;
}

qint64 ContextMeter::tokensWith(const QString &draft) const
{
    qint64 raw = attachmentTokens();
    if (!draft.trimmed().isEmpty())
        raw += estimateTextTokens(draft) + MessageOverheadTokens;
    return m_baseTokens + qint64(std::ceil(double(raw) * m_factor));
}

ContextWindow ContextMeter::window() const
{
    if (!m_current)
        return {};
    const Conversation &o = m_current->options();
    const ProviderConfig &p = m_current->provider();
    return contextWindowFor(p.type, requestOptions(o.settings, p, o.model),
                            m_picker->capabilities(p.id, o.model));
}

void ContextMeter::update()
{
    m_updateQueued = false;
    if (!m_current || m_current->options().model.isEmpty()) {
        m_label->hide();
        return;
    }
    if (m_dirty) {
        // estimateContext(), with each message's count kept while its text stays the same:
        // while a reply streams, only that message is counted again.
        const QList<ConversationMessage> sent =
            m_current->sentMessages(int(m_current->model()->messages().size()));
        const QString &system = m_current->options().systemPrompt;
        qint64 raw = system.trimmed().isEmpty()
                         ? 0
                         : estimateTextTokens(system) + MessageOverheadTokens;
        QHash<quint64, CachedCount> counts;
        counts.reserve(sent.size());
        for (const ConversationMessage &m : sent) {
            CachedCount c = m_counts.value(m.uid);
            if (c.text != m.content.constData() || c.size != m.content.size())
                c = {m.content.constData(), m.content.size(), estimateMessageTokens(m)};
            counts.insert(m.uid, c);
            if (!m.stats.droppedFromContext)
                raw += c.tokens;
        }
        m_counts = counts;
        m_factor = contextCorrection(sent, &m_corrected);
        m_baseTokens = qint64(std::ceil(double(raw) * m_factor));
        m_dirty = false;
    }
    const qint64 tokens = tokensWith(m_composer->toPlainText());
    const ContextWindow w = window();
    const QLocale locale;
    QString text, detail;
    if (w.tokens > 0) {
        text = tr("%1 / %2 tokens").arg(shortTokenCount(tokens), shortTokenCount(w.tokens));
        detail = tr("About %1 of %2 tokens of the context window (%3).")
                     .arg(locale.toString(tokens), locale.toString(w.tokens), w.source);
    } else {
        text = tr("%1 tokens").arg(shortTokenCount(tokens));
        detail = tr("About %1 tokens; the model's context window is not known.")
                     .arg(locale.toString(tokens));
    }
    if (m_corrected)
        detail += u' ' + tr("Estimated, and corrected by what the server counted of earlier "
                            "replies (×%1).")
                             .arg(locale.toString(m_factor, 'f', 2));
    else
        detail += u' ' + tr("Estimated (about four characters a token) until the server counts "
                            "a reply.");
    const bool over = w.tokens > 0 && tokens > w.tokens;
    const bool near = w.tokens > 0 && tokens * 10 > w.tokens * 9;
    if (over)
        detail += u' ' + tr("It will not fit: sending asks what to do first.");
    const QString shown = over ? tr("%1 — over the window").arg(text) : text;
    // This runs on every keystroke: only what changed is set, so a screen reader hears no
    // name-changed events for an unchanged count and the style sheet is not parsed again.
    if (m_label->text() != shown) {
        m_label->setText(shown);
        m_label->setAccessibleName(shown); // named as shown, for voice control; the rest below
    }
    if (m_label->toolTip() != detail) {
        m_label->setToolTip(detail);
        m_label->setAccessibleDescription(detail);
    }
    m_label->setForegroundRole(QPalette::PlaceholderText);
    const QString style = over   ? QStringLiteral("color: #c0392b; font-weight: 600;")
                          : near ? QStringLiteral("color: #b9770e;")
                                 : QString();
    if (m_label->styleSheet() != style)
        m_label->setStyleSheet(style);
    m_label->show();
}

// The rows before `endRow` to drop, oldest first and a whole exchange (a message and the
// replies to it) at a time, until the `tokens` that would be sent fit in `target`; empty
// when nothing can make it fit (the message alone is too long).
QList<int> ContextMeter::rowsToDrop(qint64 tokens, int endRow, qint64 target) const
{
    const QList<ConversationMessage> &all = m_current->model()->messages();
    const int end = int(qMin(qsizetype(endRow), all.size()));
    QList<int> rows;
    for (int row = 0; row < end && tokens > target; ++row) {
        const ConversationMessage &m = all.at(row);
        if (m.stats.droppedFromContext || estimateMessageTokens(m) == 0)
            continue;
        rows.append(row);
        tokens -= qint64(std::ceil(double(estimateMessageTokens(m)) * m_factor));
        // The replies to a dropped message go with it.
        while (row + 1 < end && all.at(row + 1).isAssistant()) {
            ++row;
            if (!all.at(row).stats.droppedFromContext && !all.at(row).content.isEmpty()) {
                rows.append(row);
                tokens -= qint64(std::ceil(double(estimateMessageTokens(all.at(row))) * m_factor));
            }
        }
    }
    return tokens > target ? QList<int>() : rows;
}

bool ContextMeter::approveSend(const QString &text)
{
    if (!m_current)
        return true;
    if (m_dirty)
        update();
    return ask(tokensWith(text), int(m_current->model()->messages().size()), true);
}

bool ContextMeter::approveEdit(int row, const QString &text, const QList<Attachment> &attachments)
{
    if (!m_current)
        return true;
    const ContextEstimate e = estimateContext(
        m_current->options().systemPrompt, m_current->sentMessages(row), text,
        documentTokens(attachments));
    return ask(e.tokens, row, false);
}

// The question when `tokens` (what would be sent: the messages before `endRow` and the new
// one) do not fit, and what the choice does; true to send.
bool ContextMeter::ask(qint64 tokens, int endRow, bool summaryOffered)
{
    const ContextWindow w = window();
    if (w.tokens <= 0 || tokens <= w.tokens)
        return true;
    // Dropping leaves an eighth of the window for the reply.
    const QList<int> drop = rowsToDrop(tokens, endRow, w.tokens - w.tokens / 8);
    ContextWarning warning(tokens, w, m_current->options().model, int(drop.size()),
                           m_dialogParent);
    warning.setSummaryOffered(summaryOffered);
    switch (warning.ask()) {
    case ContextWarning::Choice::RaiseContext: {
        Conversation o = m_current->options();
        o.settings.contextSize = int(warning.raisedContext());
        m_current->setOptions(o);
        return true;
    }
    case ContextWarning::Choice::DropOldest:
        for (int row : drop)
            m_current->setDroppedFromContext(row, true);
        update();
        return true;
    case ContextWarning::Choice::Summarize:
        Q_EMIT summaryWanted(w.tokens);
        return false; // the message stays in the box, for the new chat
    case ContextWarning::Choice::SendAnyway:
        return true;
    case ContextWarning::Choice::Cancel:
        return false;
    }
    return false;
}

} // namespace Sluice
