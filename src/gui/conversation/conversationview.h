// The list of messages: follows a streaming reply while the user is at the bottom, offers
// "Jump to latest" once they scroll up, turns clicks on painted buttons into signals, and
// lays selectable text over a message when the user starts selecting.
#pragma once

#include "gui/conversation/messagegeometry.h"
#include "gui/conversation/selectionoverlay.h"

#include <QListView>
#include <QPersistentModelIndex>

#include <functional>
#include <memory>

class QTimer;
class QToolButton;

namespace Sluice {

class ConversationSelection;
class MessageAccessibility;
class MessageActions;
class MessageDelegate;

class ConversationView final : public QListView
{
    Q_OBJECT
public:
    explicit ConversationView(QWidget *parent = nullptr);
    ~ConversationView() override;

    void setModel(QAbstractItemModel *model) override;
    // Fixed: asking a list view for its size hint lays out every row, and the window's
    // layout asks often (e.g. whenever the status bar's text changes).
    QSize sizeHint() const override { return QSize(480, 360); }
    QSize minimumSizeHint() const override { return QSize(200, 120); }
    MessageDelegate *messageDelegate() const { return m_delegate; }

    bool isFollowing() const { return m_follow; }
    void jumpToLatest();
    SelectionOverlay *selectionOverlay() const;
    // The selected text of the open overlay, over every piece a drag crossed; copySelection()
    // puts it on the clipboard (Ctrl+C in the overlay does).
    QString selectedText() const;
    void copySelection();

    // Copy helpers, also used by the context menu and the window's actions.
    void copyMessage(int row, bool markdown);
    void copyCodeBlock(int row, int codeBlock);

    // Acts as if the user clicked that part of the row (tests and keyboard paths use it too).
    void activate(int row, MessageHit kind, int codeBlock = -1);

    // The row the keyboard acts on: the focused message, or the last one.
    int contextRow() const;
    // What can be done with each message (menus, keyboard, assistive technology); features
    // add their in-message controls here (see messageactions.h).
    MessageActions *messageActions() const { return m_actions.get(); }
    // The menu of a message's actions (Menu key, Shift+F10, Enter, right click).
    void showMessageMenu(const QModelIndex &index, const QPoint &globalPos,
                         const QString &link = QString());

    // Runs `insert`, which adds rows above, and scrolls so that what was shown stays where
    // it was on screen.
    void insertAboveKeepingPlace(const std::function<void()> &insert);

Q_SIGNALS:
    void retryRequested(int row);
    void continueRequested(int row);
    void regenerateRequested(int row);
    void editRequested(int row);
    void deleteRequested(int row);
    void imageRequested(int row, int image); // open a message's image (or document)
    void documentSaveRequested(int row, int index); // "Save notes.py As…"
    // Show the version `delta` away from the message at `row` ("‹ 2 / 3 ›", Alt+Left/Right).
    void versionRequested(int row, int delta);
    void branchRequested(int row); // "Branch from here"
    void linkActivated(const QUrl &url);
    // The user scrolled to the very top: older messages may be loaded above.
    void topReached();

protected:
    QSize viewportSizeHint() const override { return sizeHint(); }
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void setFollow(bool follow);
    void onRangeChanged(int min, int max);
    void onValueChanged(int value);
    void placeJumpButton();
    void closeOverlay();
    void updateRow(const QModelIndex &index);
    void flash(const QModelIndex &index, MessageHit kind, int codeBlock);
    bool isNearBottom() const;
    int imageAt(const QModelIndex &index, const QPoint &pos) const; // -1: no thumbnail there

    MessageDelegate *m_delegate;
    ConversationSelection *m_selection; // the text selection over a message
    QToolButton *m_jumpButton;
    bool m_forwarding = false;
    QPersistentModelIndex m_hoverIndex;
    QPersistentModelIndex m_pressIndex;
    MessageHit m_pressKind = MessageHit::None;
    int m_pressBlock = -1;
    bool m_follow = true;
    bool m_programmaticScroll = false;
    std::unique_ptr<MessageActions> m_actions;
    MessageAccessibility *m_accessibility; // the messages as assistive technology meets them
};

} // namespace Sluice
