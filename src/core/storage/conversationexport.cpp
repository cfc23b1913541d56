#include "core/storage/conversationexport.h"

#include "core/storage/attachmentexport.h"
#include "core/storage/exporttree.h"
#include "core/storage/inertmarkdown.h"
#include "core/storage/toolcallexport.h"
#include "core/storage/toolcalltable.h"
#include "core/storage/storagejson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Sluice::ConversationExport {

namespace {

QString roleHeading(const QString &role)
{
    if (role == u"user")
        return QCoreApplication::translate("Sluice::ConversationExport", "You");
    if (role == u"assistant")
        return QCoreApplication::translate("Sluice::ConversationExport", "Assistant");
    if (role == u"system")
        return QCoreApplication::translate("Sluice::ConversationExport", "System");
    return role;
}

QString stateNote(const ConversationMessage &message)
{
    switch (message.state) {
    case MessageState::Complete:
        return {};
    case MessageState::Pending:
    case MessageState::Loading:
    case MessageState::Streaming:
        return QCoreApplication::translate("Sluice::ConversationExport", "still streaming");
    case MessageState::Stalled:
        return QCoreApplication::translate("Sluice::ConversationExport", "stalled");
    case MessageState::Failed:
        return QCoreApplication::translate("Sluice::ConversationExport", "failed");
    case MessageState::Cancelled:
        return QCoreApplication::translate("Sluice::ConversationExport", "cancelled");
    case MessageState::Interrupted:
        return QCoreApplication::translate("Sluice::ConversationExport", "interrupted");
    }
    return {};
}

// Said under a reply that did not finish, so no reader takes it for the whole answer.
QString incompleteNote(const ConversationMessage &message)
{
    switch (message.state) {
    case MessageState::Complete:
        return {};
    case MessageState::Pending:
    case MessageState::Loading:
    case MessageState::Streaming:
        return QCoreApplication::translate("Sluice::ConversationExport",
                                           "the reply was still arriving when this was exported.");
    case MessageState::Stalled:
        return QCoreApplication::translate("Sluice::ConversationExport",
                                           "the server stopped sending before the end.");
    case MessageState::Failed:
        return QCoreApplication::translate("Sluice::ConversationExport",
                                           "the request failed before the end.");
    case MessageState::Cancelled:
        return QCoreApplication::translate("Sluice::ConversationExport",
                                           "the reply was stopped before the end.");
    case MessageState::Interrupted:
        return QCoreApplication::translate(
            "Sluice::ConversationExport",
            "the reply was cut off when Sluice closed while it arrived.");
    }
    return {};
}

// Block quote every line, so text of any shape stays inside the quote.
QString quoted(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line = line.isEmpty() ? QStringLiteral(">") : u"> " + line;
    return lines.join(u'\n');
}

QString iso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromIso(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toLocalTime();
}

} // namespace

// Control characters shown as their pictures ("␛" for ESC), so that printing the export on a
// terminal runs nothing; line ends are kept (CRLF becomes LF), tabs too.
QString visibleControls(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u == u'\n' || u == u'\t')
            continue;
        if (u < 0x20)
            c = QChar(char16_t(0x2400 + u));
        else if (u == 0x7f)
            c = QChar(char16_t(0x2421));
        else if (u >= 0x80 && u < 0xa0)
            c = QChar(char16_t(0xfffd));
    }
    return text;
}

// Message text sits under "## You" / "## Assistant": its own headings start at level 3.
constexpr int kMessageHeadingOffset = 2;

QString toMarkdown(const Conversation &conversation, const QList<ConversationMessage> &messages,
                   const ExportOptions &options)
{
    const QString title =
        conversation.title.isEmpty() ? untitledConversationTitle() : conversation.title;
    QString md = u"# " + InertMarkdown::inlineText(title) + u"\n\n";
    QStringList facts;
    if (!conversation.model.isEmpty())
        facts << QCoreApplication::translate("Sluice::ConversationExport", "Model: %1")
                     .arg(u'`' + InertMarkdown::inlineText(conversation.model) + u'`');
    if (conversation.created.isValid())
        facts << QCoreApplication::translate("Sluice::ConversationExport", "Started: %1")
                     .arg(conversation.created.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (!facts.isEmpty())
        md += u"*" + facts.join(QStringLiteral(" · ")) + u"*\n\n";
    if (!conversation.systemPrompt.isEmpty())
        md += u"**" + QCoreApplication::translate("Sluice::ConversationExport", "System prompt") +
              u"**\n\n" +
              quoted(InertMarkdown::block(conversation.systemPrompt, kMessageHeadingOffset)) +
              u"\n\n";

    int number = 0;
    for (const ConversationMessage &message : messages) {
        ++number;
        QString heading = u"## " + roleHeading(message.role);
        if (message.role == u"assistant" && !message.model.isEmpty())
            heading += u" (" + InertMarkdown::inlineText(message.model) + u')';
        const QString note = stateNote(message);
        if (!note.isEmpty())
            heading += u" — *" + note + u'*';
        md += heading + u"\n\n";
        if (options.includeThinking && !message.thinking.isEmpty()) {
            const QString summary =
                message.thinkingMs >= 0
                    ? QCoreApplication::translate("Sluice::ConversationExport", "Thought for %1 s")
                          .arg(message.thinkingMs / 1000.0, 0, 'f', 1)
                    : QCoreApplication::translate("Sluice::ConversationExport", "Thinking");
            md += u"<details>\n<summary>" + summary + u"</summary>\n\n" +
                  InertMarkdown::block(message.thinking.trimmed(), kMessageHeadingOffset) +
                  u"\n\n</details>\n\n";
        }
        md += AttachmentExport::markdownLinks(message, number, options.attachmentFolder);
        if (!message.content.isEmpty())
            md += InertMarkdown::block(message.content.trimmed(), kMessageHeadingOffset) + u"\n\n";
        md += toolCallsMarkdown(message.toolCalls);
        if (const QString incomplete = incompleteNote(message); !incomplete.isEmpty())
            md += u"> **" +
                  QCoreApplication::translate("Sluice::ConversationExport", "Incomplete reply") +
                  u":** " + incomplete + u"\n\n";
        if (!message.errorText.isEmpty())
            md += u"> **" + QCoreApplication::translate("Sluice::ConversationExport", "Error") +
                  u":** " + InertMarkdown::inlineText(message.errorText) + u"\n\n";
    }
    return visibleControls(md);
}

QByteArray toJson(const Conversation &conversation, const QList<ConversationMessage> &messages,
                  const ExportOptions &options, const QList<qint64> &selectedPath)
{
    QJsonObject head;
    head.insert(QLatin1StringView("title"), conversation.title);
    head.insert(QLatin1StringView("titleIsCustom"), conversation.titleIsCustom);
    head.insert(QLatin1StringView("created"), iso(conversation.created));
    head.insert(QLatin1StringView("updated"), iso(conversation.updated));
    head.insert(QLatin1StringView("providerId"), conversation.providerId);
    head.insert(QLatin1StringView("model"), conversation.model);
    head.insert(QLatin1StringView("systemPrompt"), conversation.systemPrompt);
    head.insert(QLatin1StringView("settings"), chatOptionsToJson(conversation.settings));
    head.insert(QLatin1StringView("pinned"), conversation.pinned);

    QJsonArray list;
    for (const ConversationMessage &message : messages) {
        QJsonObject m;
        m.insert(QLatin1StringView("role"), message.role);
        insertTreeLinks(m, message);
        m.insert(QLatin1StringView("content"), message.content);
        if (options.includeThinking && !message.thinking.isEmpty())
            m.insert(QLatin1StringView("thinking"), message.thinking);
        if (options.includeThinking && message.thinkingMs >= 0)
            m.insert(QLatin1StringView("thinkingMs"), message.thinkingMs);
        m.insert(QLatin1StringView("state"), messageStateName(message.state));
        if (!message.errorText.isEmpty())
            m.insert(QLatin1StringView("error"), message.errorText);
        if (!message.model.isEmpty())
            m.insert(QLatin1StringView("model"), message.model);
        const QJsonObject stats = replyStatsToJson(message.stats);
        if (!stats.isEmpty())
            m.insert(QLatin1StringView("stats"), stats);
        if (!message.toolCalls.isEmpty())
            m.insert(QLatin1StringView("toolCalls"), toolCallsToJson(message.toolCalls));
        // With the thinking only: the blocks hold its text (and the signatures that go with it).
        if (options.includeThinking && !message.stats.thinkingBlocks.isEmpty())
            m.insert(QLatin1StringView("thinkingBlocks"), message.stats.thinkingBlocks);
        m.insert(QLatin1StringView("created"), iso(message.created));
        m.insert(QLatin1StringView("updated"), iso(message.updated));
        if (!message.attachments.isEmpty())
            m.insert(QLatin1StringView("attachments"), AttachmentExport::toJson(message.attachments));
        list.append(m);
    }

    QJsonObject root;
    root.insert(QLatin1StringView("format"), QStringLiteral("sluice-conversation"));
    // Version 2 always: every file is a tree (an older Sluice would read it as one path).
    root.insert(QLatin1StringView("version"), kJsonFormatVersion);
    root.insert(QLatin1StringView("conversation"), head);
    root.insert(QLatin1StringView("messages"), list);
    insertSelectedPath(root, messages, selectedPath);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<ExportedConversation> fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QCoreApplication::translate("Sluice::ConversationExport",
                                             "The file is not valid JSON (%1 at byte %2).")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1StringView("format")).toString() != u"sluice-conversation") {
        *error = QCoreApplication::translate("Sluice::ConversationExport",
                                             "The file is not a Sluice conversation export.");
        return std::nullopt;
    }
    const int version = root.value(QLatin1StringView("version")).toInt();
    if (version < 1 || version > kJsonFormatVersion) {
        *error = QCoreApplication::translate(
                     "Sluice::ConversationExport",
                     "The export has format version %1; this version of Sluice reads "
                     "version %2.")
                     .arg(version)
                     .arg(kJsonFormatVersion);
        return std::nullopt;
    }

    ExportedConversation result;
    const QJsonObject head = root.value(QLatin1StringView("conversation")).toObject();
    Conversation &c = result.conversation;
    c.title = head.value(QLatin1StringView("title")).toString();
    c.titleIsCustom = head.value(QLatin1StringView("titleIsCustom")).toBool();
    c.created = fromIso(head.value(QLatin1StringView("created")));
    c.updated = fromIso(head.value(QLatin1StringView("updated")));
    c.providerId = head.value(QLatin1StringView("providerId")).toString();
    c.model = head.value(QLatin1StringView("model")).toString();
    c.systemPrompt = head.value(QLatin1StringView("systemPrompt")).toString();
    c.settings = chatOptionsFromJson(head.value(QLatin1StringView("settings")).toObject());
    c.pinned = head.value(QLatin1StringView("pinned")).toBool();

    const QJsonArray list = root.value(QLatin1StringView("messages")).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject m = value.toObject();
        ConversationMessage message;
        message.role = m.value(QLatin1StringView("role")).toString();
        if (message.role.isEmpty()) {
            *error = QCoreApplication::translate("Sluice::ConversationExport",
                                                 "Message %1 of the export has no role.")
                         .arg(result.messages.size() + 1);
            return std::nullopt;
        }
        message.content = m.value(QLatin1StringView("content")).toString();
        message.thinking = m.value(QLatin1StringView("thinking")).toString();
        const QJsonValue thinkingMs = m.value(QLatin1StringView("thinkingMs"));
        message.thinkingMs =
            thinkingMs.isDouble() ? qMax(thinkingMs.toInteger(-1), qint64(-1)) : -1;
        message.state = messageStateFromName(m.value(QLatin1StringView("state")).toString())
                            .value_or(MessageState::Complete);
        message.errorText = m.value(QLatin1StringView("error")).toString();
        message.model = m.value(QLatin1StringView("model")).toString();
        message.stats = replyStatsFromJson(m.value(QLatin1StringView("stats")).toObject());
        message.toolCalls = toolCallsFromJson(m.value(QLatin1StringView("toolCalls")).toArray());
        message.stats.thinkingBlocks = m.value(QLatin1StringView("thinkingBlocks")).toArray();
        message.created = fromIso(m.value(QLatin1StringView("created")));
        message.updated = fromIso(m.value(QLatin1StringView("updated")));
        const auto attachments = AttachmentExport::fromJson(
            m.value(QLatin1StringView("attachments")).toArray(), result.messages.size() + 1, error);
        if (!attachments)
            return std::nullopt;
        message.attachments = *attachments;
        readTreeLinks(m, &message);
        result.messages.append(message);
    }
    result.selectedMessage = selectedFromJson(root);
    return result;
}

QString safeFileName(const QString &title, const QString &fallback)
{
    // Characters Windows refuses in a name, control characters, and the bidirectional
    // overrides that would make "gpj.md" look like something else.
    static const QRegularExpression unsafe(
        QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f\\x7f\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}]+"));
    // Names Windows keeps for devices, also with an extension ("CON.md").
    static const QRegularExpression device(
        QStringLiteral("^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(?=\\s*(\\.|$))"),
        QRegularExpression::CaseInsensitiveOption);
    // Leading dots hide a file (".bashrc"); trailing dots and spaces vanish on Windows and
    // would meet the extension's dot ("table..md").
    static const QRegularExpression untidyEnds(QStringLiteral("^[.\\s]+|[.\\s]+$"));

    QString name = title;
    name.replace(unsafe, QStringLiteral(" "));
    name = name.simplified();
    name.remove(untidyEnds);
    // Short enough for every file system (255 bytes a name) with room for an extension and
    // for a "(2)" a file dialog may add; cut between whole characters.
    constexpr int kMaxChars = 80;
    constexpr int kMaxUtf8Bytes = 200;
    if (name.size() > kMaxChars || name.toUtf8().size() > kMaxUtf8Bytes) {
        QString cut;
        qsizetype characters = 0;
        qsizetype bytes = 0;
        for (qsizetype i = 0; i < name.size();) {
            const qsizetype length = name.at(i).isHighSurrogate() && i + 1 < name.size() ? 2 : 1;
            const QStringView character = QStringView(name).mid(i, length);
            bytes += character.toUtf8().size();
            if (++characters > kMaxChars || bytes > kMaxUtf8Bytes)
                break;
            cut += character;
            i += length;
        }
        name = cut;
        name.remove(untidyEnds);
    }
    name.replace(device, QStringLiteral("\\1_"));
    return name.isEmpty() ? fallback : name;
}

QString suggestedFileName(const Conversation &conversation)
{
    return safeFileName(conversation.title,
                        conversation.id > 0 ? QStringLiteral("conversation-%1").arg(conversation.id)
                                            : QStringLiteral("conversation"));
}

} // namespace Sluice::ConversationExport
