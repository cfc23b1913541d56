#include "core/storage/toolcallexport.h"

#include "core/storage/inertmarkdown.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Sluice {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Sluice", text);
}

// A fence longer than any run of backticks in the text.
QString fenced(const QString &text, const QString &language)
{
    static const QRegularExpression ticks(QStringLiteral("`+"));
    qsizetype longest = 0;
    for (auto it = ticks.globalMatch(text); it.hasNext();)
        longest = qMax(longest, it.next().capturedLength());
    const QString fence(qMax<qsizetype>(3, longest + 1), u'`');
    QString body = text;
    if (!body.endsWith(u'\n'))
        body += u'\n';
    return fence + language + u'\n' + body + fence + u'\n';
}

QString outcome(const ToolCallRecord &c)
{
    switch (c.state) {
    case ToolCallRecord::State::Ok:
        return tr("answered");
    case ToolCallRecord::State::ToolError:
        return tr("tool error");
    case ToolCallRecord::State::Failed:
        return tr("failed");
    case ToolCallRecord::State::Denied:
        return tr("not allowed");
    case ToolCallRecord::State::Cancelled:
        return tr("stopped");
    case ToolCallRecord::State::Waiting:
    case ToolCallRecord::State::Running:
        break;
    }
    return tr("did not finish");
}

} // namespace

QString toolCallsMarkdown(const QList<ToolCallRecord> &calls)
{
    QString md;
    for (const ToolCallRecord &c : calls) {
        const QString who = c.server.isEmpty() ? c.name : c.server + u" / " + c.tool;
        QString summary = tr("Tool call: %1 — %2").arg(InertMarkdown::inlineText(who), outcome(c));
        if (c.elapsedMs >= 0)
            summary += tr(", %1 ms").arg(c.elapsedMs);
        md += u"<details>\n<summary>" + summary + u"</summary>\n\n" +
              tr("Arguments:") + u"\n\n" +
              fenced(QString::fromUtf8(QJsonDocument(c.arguments).toJson(QJsonDocument::Indented)),
                     QStringLiteral("json")) +
              u'\n' + tr("Result:") + u"\n\n" + fenced(c.resultText, QStringLiteral("text")) +
              u"\n</details>\n\n";
    }
    return md;
}

} // namespace Sluice
