#include "gui/conversation/conversationscrollbar.h"

#include <QStyle>
#include <QStyleOptionSlider>

#include <utility>

namespace Sluice {

ConversationScrollBar::ConversationScrollBar(QWidget *parent) : QScrollBar(Qt::Vertical, parent) {}

ConversationScrollBar::Shown ConversationScrollBar::shown() const
{
    QStyleOptionSlider option;
    initStyleOption(&option);
    Shown s;
    s.handle = style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider,
                                       this);
    s.atMinimum = value() == minimum();
    s.atMaximum = value() == maximum();
    s.scrollable = maximum() > minimum();
    return s;
}

void ConversationScrollBar::sliderChange(SliderChange change)
{
    // Styles whose scroll bars fade in when scrolled (macOS) show themselves on each change;
    // a held arrow or page click keeps QScrollBar's own handling.
    const bool transient = style()->styleHint(QStyle::SH_ScrollBar_Transient, nullptr, this);
    if (transient || !m_valid || repeatAction() != SliderNoAction ||
        (change != SliderRangeChange && change != SliderValueChange)) {
        ++m_repaints;
        QScrollBar::sliderChange(change);
        m_shown = shown();
        return;
    }
    // The view sets the range and then follows to the new end: what to repaint is decided
    // once both are done, still before the window paints (its update request is posted with
    // a lower priority than this call).
    if (!std::exchange(m_checkQueued, true))
        QMetaObject::invokeMethod(this, &ConversationScrollBar::repaintChanges,
                                  Qt::QueuedConnection);
}

void ConversationScrollBar::repaintChanges()
{
    m_checkQueued = false;
    const Shown now = shown();
    if (now == m_shown)
        return;
    m_shown = now;
    ++m_repaints;
    update();
}

void ConversationScrollBar::paintEvent(QPaintEvent *event)
{
    QScrollBar::paintEvent(event);
    // Whatever asked for this paint, the screen now shows the present state (a paint for
    // QWidget::grab() or render() does not reach the screen, so m_shown is kept apart).
    if (!m_valid) {
        m_shown = shown();
        m_valid = true;
    }
}

void ConversationScrollBar::resizeEvent(QResizeEvent *event)
{
    m_valid = false;
    QScrollBar::resizeEvent(event);
}

} // namespace Sluice
