// A one-line plain-text label that ends in "…" when its text does not fit, and shows the whole
// text as its tooltip then (the status bar's reply status and server address, which may be a
// long error sentence or a long URL and must not widen the window).
//
// Its text is always plain: status texts carry sentences from servers, which are never markup.
#pragma once

#include <QLabel>

namespace Sluice {

class ElidingLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidingLabel(QWidget *parent = nullptr);

    // At most this many average characters wide when laid out (0: as wide as its text), so a
    // long text beside others in a status bar does not push them out.
    void setPreferredChars(int chars);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    bool isElided() const; // the text is cut where it is shown now
    QString shownText() const; // what is drawn: the text, or its start and "…"

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int m_preferredChars = 0;
};

} // namespace Sluice
