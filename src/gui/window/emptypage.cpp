#include "gui/window/emptypage.h"

#include "gui/window/emptystate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sluice {

EmptyPage::EmptyPage(const Widgets &widgets) : m_ui(widgets)
{
    m_ui.detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The words in a column of readable width, centred (stretch on both sides).
    auto *column = new QWidget(m_ui.page);
    column->setObjectName(QStringLiteral("emptyColumn"));
    column->setMaximumWidth(560);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *inner = new QVBoxLayout(column);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->setSpacing(12);
    const int at = m_ui.layout->indexOf(m_ui.title);
    m_ui.layout->removeWidget(m_ui.title);
    m_ui.layout->removeWidget(m_ui.detail);
    m_ui.layout->removeItem(m_ui.buttons);
    inner->addWidget(m_ui.title);
    inner->addWidget(m_ui.detail);
    inner->addSpacing(4);
    inner->addLayout(m_ui.buttons);
    m_ui.buttons->setSpacing(10);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 100);
    row->addStretch(1);
    m_ui.layout->insertLayout(at, row);
}

void EmptyPage::show(const EmptyState &state)
{
    m_ui.title->setText(state.title);
    m_ui.detail->setText(state.detail);
    m_ui.retryButton->setVisible(state.showRetry);
    m_ui.settingsButton->setVisible(state.showSettings);
}

void EmptyPage::setFont(const QFont &windowFont)
{
    QFont title = windowFont;
    title.setPointSizeF(title.pointSizeF() * 1.45);
    title.setWeight(QFont::DemiBold);
    m_ui.title->setFont(title);
}

} // namespace Sluice
