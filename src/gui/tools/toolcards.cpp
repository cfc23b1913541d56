#include "gui/tools/toolcards.h"

#include "session/chatmodel.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QListView>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sluice {

namespace {

QString outcome(const ToolCallRecord &c)
{
    const QString time = c.elapsedMs >= 0 ? ToolCardList::tr(" in %1 ms").arg(c.elapsedMs) : QString();
    switch (c.state) {
    case ToolCallRecord::State::Waiting:
        return ToolCardList::tr("waiting");
    case ToolCallRecord::State::Running:
        return ToolCardList::tr("running…");
    case ToolCallRecord::State::Ok:
        return ToolCardList::tr("answered") + time;
    case ToolCallRecord::State::ToolError:
        return ToolCardList::tr("reported an error") + time;
    case ToolCallRecord::State::Failed:
        return ToolCardList::tr("failed") + time;
    case ToolCallRecord::State::Denied:
        return ToolCardList::tr("not allowed");
    case ToolCallRecord::State::Cancelled:
        return ToolCardList::tr("stopped");
    }
    return {};
}

QString detailsText(const ToolCallRecord &c)
{
    const QString args =
        QString::fromUtf8(QJsonDocument(c.arguments).toJson(QJsonDocument::Indented)).trimmed();
    QString text = ToolCardList::tr("Arguments:") + u'\n' + args;
    if (c.isFinished()) {
        const bool ok = c.state == ToolCallRecord::State::Ok;
        text += u"\n\n" + (ok ? ToolCardList::tr("Result:") : ToolCardList::tr("Error:")) + u'\n' +
                c.resultText;
    }
    return text;
}

} // namespace

ToolCardList::ToolCardList(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("toolCards"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
}

QString ToolCardList::headline(const ToolCallRecord &c)
{
    const QString who = c.server.isEmpty() ? c.name : c.server + u" / " + c.tool;
    return tr("%1 — %2").arg(who, outcome(c));
}

void ToolCardList::setCalls(const QList<ToolCallRecord> &calls)
{
    auto *box = static_cast<QVBoxLayout *>(layout());
    while (m_headers.size() < calls.size()) {
        auto *header = new QToolButton(this);
        header->setObjectName(QStringLiteral("toolCardHeader"));
        header->setCheckable(true);
        header->setAutoRaise(true);
        header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        header->setArrowType(Qt::RightArrow);
        header->setFocusPolicy(Qt::StrongFocus);
        auto *details = new QPlainTextEdit(this);
        details->setObjectName(QStringLiteral("toolCardDetails"));
        details->setReadOnly(true);
        details->setTabChangesFocus(true);
        details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        details->setFixedHeight(details->fontMetrics().lineSpacing() * 10 + 12);
        details->hide();
        connect(header, &QToolButton::toggled, this, [this, header, details](bool open) {
            header->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
            details->setVisible(open);
            adjustSize();
            Q_EMIT resized();
        });
        box->addWidget(header, 0, Qt::AlignLeft);
        box->addWidget(details);
        m_headers.append(header);
        m_details.append(details);
    }
    while (m_headers.size() > calls.size()) {
        delete m_headers.takeLast();
        delete m_details.takeLast();
    }
    m_calls = calls;
    for (int i = 0; i < calls.size(); ++i) {
        const QString line = headline(calls.at(i));
        m_headers[i]->setText(line);
        m_headers[i]->setAccessibleName(tr("Tool call: %1").arg(line));
        m_headers[i]->setToolTip(m_headers[i]->isChecked() ? tr("Hide the details")
                                                           : tr("Show the arguments and the result"));
        m_details[i]->setAccessibleName(tr("Details of the tool call %1").arg(line));
        m_details[i]->setPlainText(detailsText(calls.at(i)));
    }
    adjustSize();
}

ToolCards::ToolCards(QListView *view) : QObject(view), m_view(view) {}

void ToolCards::watchModel()
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    QAbstractItemModel *model = m_view->model();
    if (!model)
        return;
    m_connections = {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { refresh(first, last); }),
        connect(model, &QAbstractItemModel::modelReset, this,
                [this] { refresh(0, m_view->model()->rowCount() - 1); }),
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &tl, const QModelIndex &br, const QList<int> &roles) {
                    if (roles.isEmpty() || roles.contains(ChatModel::ToolCallsRole))
                        refresh(tl.row(), br.row());
                }),
    };
    refresh(0, model->rowCount() - 1);
}

ToolCardList *ToolCards::cardsAt(int row) const
{
    const QAbstractItemModel *model = m_view->model();
    return model ? qobject_cast<ToolCardList *>(m_view->indexWidget(model->index(row, 0)))
                 : nullptr;
}

void ToolCards::refresh(int first, int last)
{
    QAbstractItemModel *model = m_view->model();
    bool changed = false;
    for (int row = first; row <= last && row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        const auto calls = index.data(ChatModel::ToolCallsRole).value<QList<ToolCallRecord>>();
        ToolCardList *cards = cardsAt(row);
        if (calls.isEmpty()) {
            if (cards) {
                m_view->setIndexWidget(index, nullptr);
                changed = true;
            }
            continue;
        }
        if (!cards) {
            cards = new ToolCardList;
            connect(cards, &ToolCardList::resized, m_view, &QListView::doItemsLayout);
            m_view->setIndexWidget(index, cards);
        }
        if (cards->calls() != calls) {
            cards->setCalls(calls);
            changed = true;
        }
    }
    if (changed)
        m_view->doItemsLayout();
}

} // namespace Sluice
