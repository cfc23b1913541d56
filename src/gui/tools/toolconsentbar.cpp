#include "gui/tools/toolconsentbar.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sluice {

ToolConsentBar::ToolConsentBar(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("toolConsentBar"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Tool call waiting for your consent"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    m_question = new QLabel(this);
    m_question->setObjectName(QStringLiteral("toolConsentQuestion"));
    m_question->setTextFormat(Qt::PlainText); // names come from servers: text, not markup
    m_question->setWordWrap(true);
    layout->addWidget(m_question);
    m_arguments = new QPlainTextEdit(this);
    m_arguments->setObjectName(QStringLiteral("toolConsentArguments"));
    m_arguments->setAccessibleName(tr("Arguments of the tool call"));
    m_arguments->setReadOnly(true);
    m_arguments->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_arguments->setTabChangesFocus(true);
    layout->addWidget(m_arguments);
    auto *buttons = new QHBoxLayout;
    m_once = new QPushButton(tr("&Allow once"), this);
    m_once->setAccessibleName(tr("Allow once"));
    m_always = new QPushButton(tr("Al&ways allow this tool"), this);
    m_always->setAccessibleName(tr("Always allow this tool"));
    m_deny = new QPushButton(tr("&Deny"), this);
    m_deny->setAccessibleName(tr("Deny"));
    for (QPushButton *b : {m_once, m_always, m_deny}) {
        b->setAutoDefault(false); // Enter in the composer never answers for the user
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_once, &QPushButton::clicked, this, [this] { Q_EMIT answered(true, false); });
    connect(m_always, &QPushButton::clicked, this, [this] { Q_EMIT answered(true, true); });
    connect(m_deny, &QPushButton::clicked, this, [this] { Q_EMIT answered(false, false); });
    hide();
}

void ToolConsentBar::ask(const ToolCallRecord &call)
{
    const QString tool = call.tool.isEmpty() ? call.name : call.tool;
    m_question->setText(tr("The model wants to run the tool %1 of the server %2. Run it?")
                            .arg(tool, call.server));
    m_arguments->setPlainText(
        QString::fromUtf8(QJsonDocument(call.arguments).toJson(QJsonDocument::Indented)).trimmed());
    // As tall as the arguments, up to 8 lines (then it scrolls).
    const int lines = qBound(1, m_arguments->document()->blockCount(), 8);
    m_arguments->setFixedHeight(m_arguments->fontMetrics().lineSpacing() * lines + 14);
    m_once->setToolTip(tr("Run %1 this time").arg(tool));
    m_always->setToolTip(tr("Run %1 of %2 without asking until Sluice closes").arg(tool, call.server));
    m_deny->setToolTip(tr("Do not run it; the model is told it was not allowed"));
    show();
}

void ToolConsentBar::clear()
{
    hide();
    m_arguments->clear();
}

} // namespace Sluice
