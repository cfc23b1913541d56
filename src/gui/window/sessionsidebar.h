// The conversations of this session, newest first. A stand-in: the history replaces it with
// its own widget through MainWindow::setSidebar().
#pragma once

#include <QPointer>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace Sluice {

class ConversationController;

class SessionSidebar final : public QWidget
{
    Q_OBJECT
public:
    explicit SessionSidebar(QWidget *parent = nullptr);

    void addConversation(ConversationController *conversation);
    void setCurrent(ConversationController *conversation);
    // Opens the conversation `step` rows below (above, when negative) the current one, around
    // the end of the list.
    void activateRelative(int step);
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void activated(Sluice::ConversationController *conversation);
    void newChatRequested();

private:
    QListWidgetItem *itemFor(ConversationController *conversation) const;
    void updateTitle(ConversationController *conversation);

    QListWidget *m_list;
    QPushButton *m_newChat;
    QPointer<ConversationController> m_open; // the conversation in the window
};

} // namespace Sluice
