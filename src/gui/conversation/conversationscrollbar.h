// The conversation's vertical scroll bar: repaints only what changed.
//
// While a reply streams in, the range grows and the view follows the bottom with each update;
// in a long conversation the handle keeps the same pixels through many of them. QScrollBar
// repaints itself whole on each change, and Fusion's gradients along its full height are fills
// that Qt's raster engine spreads over its thread pool and waits for (paintbands.h). This one
// repaints when the handle's rectangle, the ends (the arrows grey out there) or whether it can
// scroll at all change. It looks the same.
#pragma once

#include <QRect>
#include <QScrollBar>

namespace Sluice {

class ConversationScrollBar final : public QScrollBar
{
    Q_OBJECT
public:
    explicit ConversationScrollBar(QWidget *parent = nullptr);

    int repaintsAsked() const { return m_repaints; } // repaints asked for by changes (tests)

protected:
    void sliderChange(SliderChange change) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Shown
    {
        QRect handle;
        bool atMinimum = false;
        bool atMaximum = false;
        bool scrollable = false;
        bool operator==(const Shown &o) const
        {
            return handle == o.handle && atMinimum == o.atMinimum && atMaximum == o.atMaximum &&
                   scrollable == o.scrollable;
        }
    };
    Shown shown() const;
    void repaintChanges();

    Shown m_shown;        // what the screen shows once the repaints asked for are done
    bool m_valid = false; // painted at least once since shown or resized
    bool m_checkQueued = false;
    int m_repaints = 0;
};

} // namespace Sluice
