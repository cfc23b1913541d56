// A list view that tells assistive technology about its current item only while it has the
// keyboard focus.
//
// Qt 6.4's QListView::currentChanged() sends an accessibility Focus event for every new
// current item, also when the list does not have the focus: a history list that marks the
// conversation just saved, or a sidebar kept hidden, made screen readers announce a list item
// while the user was typing in the message box (issue #18). Without the focus the view does
// everything else as before; with it, Qt's own event goes out.
//
// Qt also gives the current item the state "focused" whether or not its list has the focus,
// so a screen reader that looks for the focused object found two. Lists that keep a place for
// the keyboard while they do not have the focus (the open conversation, the best search
// result) set it with setKeyboardMark(): without the focus it is kept aside instead of being
// the current index, and it becomes the current index when the focus comes (also back from
// a dialog). The list's context menu and an item's editor keep the current index.
#pragma once

#include <QAbstractItemView>
#include <QApplication>
#include <QFocusEvent>
#include <QItemSelectionModel>
#include <QPersistentModelIndex>

namespace Sluice {

template <class View> class FocusHonestView : public View
{
public:
    using View::View;

    // Where the keyboard is, or starts when the list gets the focus.
    QModelIndex keyboardMark() const
    {
        return this->currentIndex().isValid() ? this->currentIndex() : QModelIndex(m_mark);
    }

    void setKeyboardMark(const QModelIndex &index)
    {
        if (this->hasFocus() || !index.isValid()) {
            m_mark = QPersistentModelIndex();
            this->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        } else {
            m_mark = index;
            if (this->currentIndex().isValid())
                this->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
        }
    }

protected:
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override
    {
        if (this->hasFocus())
            View::currentChanged(current, previous);
        else
            this->QAbstractItemView::currentChanged(current, previous);
    }

    void focusInEvent(QFocusEvent *event) override
    {
        if (!this->currentIndex().isValid()) {
            QModelIndex back = m_mark;
            if (!back.isValid() && this->selectionModel()->hasSelection())
                back = this->selectionModel()->selectedIndexes().value(0);
            if (back.isValid())
                this->selectionModel()->setCurrentIndex(back, QItemSelectionModel::NoUpdate);
        }
        m_mark = QPersistentModelIndex();
        View::focusInEvent(event);
    }

    void focusOutEvent(QFocusEvent *event) override
    {
        View::focusOutEvent(event);
        if (event->reason() == Qt::PopupFocusReason ||
            this->isAncestorOf(QApplication::focusWidget()) || !this->currentIndex().isValid())
            return;
        m_mark = this->currentIndex();
        this->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    }

private:
    QPersistentModelIndex m_mark;
};

} // namespace Sluice
