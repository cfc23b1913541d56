#include "gui/conversation/messagespeech.h"

#include "gui/conversation/markdowndocument.h"
#include "gui/conversation/messagegeometry.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

namespace Sluice {

namespace {

QString prose(const QString &markdown)
{
    if (markdown.trimmed().isEmpty())
        return {};
    // Safe: the document never loads an image or a link; only its plain text is read.
    SafeTextDocument doc;
    doc.setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    return doc.toPlainText().trimmed();
}

QString shortTime(const QDateTime &when)
{
    QString format = QLocale::system().timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    return QLocale::system().toString(when.toLocalTime().time(), format);
}

} // namespace

QString MessageSpeech::markdown(const QString &markdown)
{
    // A fence opens with ``` or ~~~ (up to three spaces in), with an optional language, and
    // closes with the same characters; a reply still streaming may not have closed it yet.
    static const QRegularExpression fence(QStringLiteral("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*)"));
    QStringList out;
    QStringList text;
    QStringList code;
    QString open;     // the fence of the code block we are in
    QString language; // its language
    const auto flushText = [&] {
        if (const QString p = prose(text.join(u'\n')); !p.isEmpty())
            out << p;
        text.clear();
    };
    const auto flushCode = [&] {
        out << (language.isEmpty() ? tr("code block") : tr("code block, %1").arg(language));
        if (!code.isEmpty())
            out << code.join(u'\n');
        out << tr("end of code block");
        code.clear();
    };
    const QStringList lines = markdown.split(u'\n');
    for (const QString &line : lines) {
        const QRegularExpressionMatch m = fence.match(line);
        if (open.isEmpty()) {
            if (m.hasMatch()) {
                flushText();
                open = m.captured(1);
                language = m.captured(2);
            } else {
                text << line;
            }
        } else if (m.hasMatch() && m.captured(1).startsWith(open) && m.captured(2).isEmpty()) {
            flushCode();
            open.clear();
        } else {
            code << line;
        }
    }
    if (!open.isEmpty())
        flushCode();
    flushText();
    return out.join(u'\n');
}

QString MessageSpeech::message(const ConversationMessage &m, bool thinkingShown)
{
    QStringList parts;
    QString who = m.isUser() ? tr("You") : (m.model.isEmpty() ? tr("Assistant") : m.model);
    if (m.created.isValid())
        who = tr("%1, %2").arg(who, shortTime(m.created));
    parts << who;
    const bool running = isRunningState(m.state);
    if (!m.isUser() && (!m.thinking.isEmpty() || m.thinkingMs >= 0)) {
        const bool live = running && m.content.isEmpty();
        // The painted toggle's words, without its arrow.
        parts << thinkingLabel(m, live, thinkingShown).mid(2);
        if ((thinkingShown || live) && !m.thinking.isEmpty())
            parts << tr("Thinking: %1").arg(markdown(m.thinking));
    }
    if (running && m.content.isEmpty())
        parts << waitingLine(m);
    if (const QString content = markdown(m.content); !content.isEmpty())
        parts << content;
    if (isBrokenState(m.state)) {
        parts << (m.state == MessageState::Cancelled ? tr("Stopped.")
                                                     : tr("Failed: %1").arg(brokenNote(m)));
    } else if (running && !m.content.isEmpty()) {
        parts << tr("Still replying…");
    }
    return parts.join(u'\n');
}

} // namespace Sluice
