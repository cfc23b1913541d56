// A list view that tells assistive technology about its current item only while it has the
// keyboard focus.
//
// Qt 6.4's QListView::currentChanged() sends an accessibility Focus event for every new
// current item, also when the list does not have the focus: a history list that marks the
// conversation just saved, or a sidebar kept hidden, made screen readers announce a list item
// while the user was typing in the message box (issue #18). Without the focus the view does
// everything else as before; with it, Qt's own event goes out.
#pragma once

#include <QAbstractItemView>

namespace Sluice {

template <class View> class FocusHonestView : public View
{
public:
    using View::View;

protected:
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override
    {
        if (this->hasFocus())
            View::currentChanged(current, previous);
        else
            this->QAbstractItemView::currentChanged(current, previous);
    }
};

} // namespace Sluice
