// Pieces the "open a conversation" benchmarks share: noticing the first paint after a click,
// and the median of samples.
#pragma once

#include <QEvent>
#include <QList>
#include <QObject>

#include <algorithm>

namespace Sluice::Bench {

// Notes the first paint of the widgets it filters after arm().
class PaintWatch final : public QObject
{
public:
    void arm() { m_painted = false; }
    bool painted() const { return m_painted; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            m_painted = true;
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_painted = false;
};

// The middle sample (the upper one of an even count); 0 without samples.
inline double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

} // namespace Sluice::Bench
