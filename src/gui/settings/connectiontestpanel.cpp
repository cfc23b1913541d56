#include "gui/settings/connectiontestpanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Sluice {

namespace {

using Status = Diagnostics::Step::Status;

QIcon glyphIcon(const QString &glyph, const QColor &color)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    QFont font = p.font();
    font.setPixelSize(26);
    font.setBold(true);
    p.setFont(font);
    p.setPen(color);
    p.drawText(pixmap.rect(), Qt::AlignCenter, glyph);
    return QIcon(pixmap);
}

QIcon statusIcon(Status status, int frame)
{
    switch (status) {
    case Status::Passed:
        return glyphIcon(QStringLiteral("\u2713"), QColor(0x2e, 0x7d, 0x32));
    case Status::Warning:
        return glyphIcon(QStringLiteral("!"), QColor(0xc7, 0x7c, 0x02));
    case Status::Failed:
        return glyphIcon(QStringLiteral("\u2717"), QColor(0xc6, 0x28, 0x28));
    case Status::Skipped:
        return glyphIcon(QStringLiteral("\u2013"), QColor(0x80, 0x80, 0x80));
    case Status::Running: {
        static const char16_t frames[] = {u'\u25d0', u'\u25d3', u'\u25d1', u'\u25d2'};
        return glyphIcon(QString(QChar(frames[frame % 4])), QColor(0x15, 0x65, 0xc0));
    }
    case Status::Pending:
        break;
    }
    return glyphIcon(QStringLiteral("\u00b7"), QColor(0x80, 0x80, 0x80));
}

} // namespace

ConnectionTestPanel::ConnectionTestPanel(QWidget *parent)
    : QWidget(parent), m_steps(new QTreeWidget(this)), m_cancel(new QPushButton(this)),
      m_summary(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_steps->setObjectName(QStringLiteral("testSteps"));
    m_steps->setAccessibleName(tr("Connection test steps"));
    m_steps->setColumnCount(3);
    m_steps->setHeaderLabels({tr("Step"), tr("Result"), tr("Time")});
    m_steps->setRootIsDecorated(false);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setWordWrap(true);
    m_steps->setMinimumHeight(240); // the eleven steps without scrolling
    m_steps->header()->setStretchLastSection(false);
    m_steps->header()->setSectionResizeMode(StepColumn, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
    m_steps->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_steps->hide();
    layout->addWidget(m_steps);

    auto *row = new QHBoxLayout;
    m_summary->setObjectName(QStringLiteral("testSummary"));
    m_summary->setAccessibleDescription(tr("Connection test result"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_summary, 1);
    m_cancel->setObjectName(QStringLiteral("cancelTestButton"));
    m_cancel->setText(tr("Cancel test"));
    m_cancel->setAccessibleDescription(tr("Cancel the running connection test"));
    m_cancel->hide();
    row->addWidget(m_cancel);
    layout->addLayout(row);

    connect(m_cancel, &QAbstractButton::clicked, this, &ConnectionTestPanel::cancel);
    m_spinner.setInterval(120);
    connect(&m_spinner, &QTimer::timeout, this, &ConnectionTestPanel::animate);
}

ConnectionTestPanel::~ConnectionTestPanel()
{
    if (m_diagnostics) {
        m_diagnostics->disconnect(this);
        delete m_diagnostics; // stops its requests
    }
}

QString ConnectionTestPanel::stepTitle(const QString &title)
{
    static const char *const titles[] = {
        QT_TR_NOOP("URL"),    QT_TR_NOOP("DNS"),    QT_TR_NOOP("TCP connect"), QT_TR_NOOP("TLS"),
        QT_TR_NOOP("Server"), QT_TR_NOOP("Auth"),   QT_TR_NOOP("Models"),      QT_TR_NOOP("Model"),
        QT_TR_NOOP("Chat"),   QT_TR_NOOP("Stream"), QT_TR_NOOP("Loaded")};
    for (const char *t : titles) {
        if (title == QLatin1String(t))
            return tr(t);
    }
    return title;
}

QString ConnectionTestPanel::statusText(Status status)
{
    switch (status) {
    case Status::Pending:
        return tr("pending");
    case Status::Running:
        return tr("running");
    case Status::Passed:
        return tr("passed");
    case Status::Warning:
        return tr("warning");
    case Status::Failed:
        return tr("failed");
    case Status::Skipped:
        return tr("skipped");
    }
    return {};
}

void ConnectionTestPanel::run(ChatClient *client, const ProviderConfig &provider,
                              const QString &model)
{
    clear();
    auto *d = new Diagnostics(client, provider, model, this);
    m_diagnostics = d;
    for (int i = 0; i < d->steps().size(); ++i) {
        auto *item = new QTreeWidgetItem(m_steps);
        item->setText(StepColumn, stepTitle(d->steps().at(i).title));
        updateStep(i);
    }
    connect(d, &Diagnostics::stepStarted, this, &ConnectionTestPanel::updateStep);
    connect(d, &Diagnostics::stepFinished, this, &ConnectionTestPanel::updateStep);
    connect(d, &Diagnostics::finished, this, &ConnectionTestPanel::finish);
    m_steps->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_summary->setText(tr("Testing %1…").arg(provider.baseUrl));
    m_spinner.start();
    d->start();
}

void ConnectionTestPanel::updateStep(int index)
{
    if (!m_diagnostics)
        return;
    QTreeWidgetItem *item = m_steps->topLevelItem(index);
    if (!item)
        return;
    const Diagnostics::Step &s = m_diagnostics->steps().at(index);
    item->setData(StepColumn, StatusRole, int(s.status));
    item->setIcon(StepColumn, statusIcon(s.status, m_frame));
    const QString status = statusText(s.status);
    item->setData(StepColumn, Qt::AccessibleTextRole,
                  tr("%1: %2").arg(item->text(StepColumn), status));
    item->setToolTip(StepColumn, status);
    item->setText(DetailColumn, s.status == Status::Running ? tr("checking…") : s.detail);
    item->setToolTip(DetailColumn, s.detail);
    const bool timed = s.ms >= 0 && s.status != Status::Skipped;
    item->setText(TimeColumn, timed ? tr("%1 ms").arg(s.ms) : QString());
    item->setTextAlignment(TimeColumn, Qt::AlignRight | Qt::AlignVCenter);
    qDeleteAll(item->takeChildren());
    if (!s.fix.isEmpty()) {
        auto *fix = new QTreeWidgetItem(item);
        fix->setText(StepColumn, tr("Fix: %1").arg(s.fix));
        fix->setFirstColumnSpanned(true);
        fix->setData(StepColumn, Qt::AccessibleTextRole, tr("Fix: %1").arg(s.fix));
        item->setExpanded(true);
        m_steps->setRootIsDecorated(true);
    }
    if (s.status == Status::Running)
        m_steps->scrollToItem(item);
}

void ConnectionTestPanel::animate()
{
    ++m_frame;
    if (!m_diagnostics)
        return;
    for (int i = 0; i < m_diagnostics->steps().size(); ++i) {
        if (m_diagnostics->steps().at(i).status == Status::Running)
            m_steps->topLevelItem(i)->setIcon(StepColumn, statusIcon(Status::Running, m_frame));
    }
}

void ConnectionTestPanel::finish(bool passed)
{
    m_spinner.stop();
    m_cancel->hide();
    const bool cancelled = m_cancelled;
    m_cancelled = false;
    if (m_diagnostics) {
        for (int i = 0; i < m_diagnostics->steps().size(); ++i)
            updateStep(i);
        m_diagnostics->deleteLater();
        m_diagnostics.clear();
    }
    m_summary->setText(cancelled ? tr("Test cancelled.")
                       : passed  ? tr("All checks passed.")
                                 : tr("Some checks failed."));
    Q_EMIT finished(passed);
}

void ConnectionTestPanel::cancel()
{
    if (!m_diagnostics)
        return;
    m_cancelled = true;
    m_cancel->setEnabled(false);
    m_diagnostics->cancel();
}

void ConnectionTestPanel::clear()
{
    if (m_diagnostics) {
        m_diagnostics->disconnect(this);
        m_diagnostics->cancel();
        m_diagnostics->deleteLater();
        m_diagnostics.clear();
    }
    m_cancelled = false;
    m_spinner.stop();
    m_steps->clear();
    m_steps->setRootIsDecorated(false);
    m_steps->hide();
    m_cancel->hide();
    m_summary->clear();
}

void ConnectionTestPanel::showProblem(const QString &text)
{
    clear();
    m_summary->setText(u"\u2717 " + text);
}

} // namespace Sluice
