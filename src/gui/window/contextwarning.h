// Asked before sending a conversation that will not fit the model's context window: Ollama
// would cut its beginning silently (the system prompt first), other servers refuse it or cut
// it their own way. Says so in numbers and offers what can be done: a larger context where
// the request can ask for one (Ollama's num_ctx), dropping the oldest messages (they stay in
// the thread, marked as not sent), a new chat that starts from a summary of this one (the
// model writes it), sending anyway, or not sending.
#pragma once

#include "core/models/contextwindow.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace Sluice {

class ContextWarning
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::ContextWarning)
public:
    enum class Choice { RaiseContext, DropOldest, Summarize, SendAnyway, Cancel };

    // `droppable`: how many of the oldest messages dropping would leave out to fit (0: none
    // would make it fit).
    ContextWarning(qint64 tokens, const ContextWindow &window, const QString &model,
                   int droppable, QWidget *parent);

    // The larger context offered: a power of two with room for the reply, no larger than the
    // model takes; -1 when there is none to offer.
    qint64 raisedContext() const { return m_raised; }

    // Whether "New chat with a summary" is offered (not for an edited question: the summary
    // would be of the messages it replaces).
    void setSummaryOffered(bool offered) { m_summaryOffered = offered; }

    // Shows the question (modal) and returns the choice; Esc is Cancel.
    Choice ask();

private:
    qint64 m_tokens;
    ContextWindow m_window;
    QString m_model;
    QWidget *m_parent;
    int m_droppable;
    qint64 m_raised = -1;
    bool m_summaryOffered = true;
};

} // namespace Sluice
