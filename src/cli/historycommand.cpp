#include "cli/historycommand.h"

#include "cli/clicommon.h"

#include "core/util/atomicfile.h"
#include "core/storage/attachmentexport.h"
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"
#include "cli/stdoutwriter.h"
#include "core/storage/datalocation.h"
#include "core/util/terminaltext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace Sluice::Cli {

namespace {

constexpr int kOk = ExitOk;
constexpr int kFailed = 1; // the history could not be read
constexpr int kUsage = ExitUsage;

// Standard output can be a full disk or a closed file: a failed write is an error.
int flushed(QTextStream &out, QTextStream &err)
{
    out.flush();
    if (out.status() == QTextStream::Ok)
        return kOk;
    const QFileDevice *file = qobject_cast<const QFileDevice *>(out.device());
    err << "sluice: "
        << QCoreApplication::translate("Sluice::Cli::History",
                                       "standard output could not be written: %1.")
               .arg(file ? file->errorString() : QStringLiteral("write error"))
        << Qt::endl;
    return ExitWriteFailed;
}

QCommandLineOption dataDirOption()
{
    return QCommandLineOption(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("Sluice::Cli::History", "Read the history in <dir>."),
        QStringLiteral("dir"));
}

int usageError(QTextStream &err, const QString &sentence)
{
    err << "sluice: " << sentence << Qt::endl;
    return kUsage;
}

// Parses; returns -1 to go on, or the exit code (help shown, usage error).
int parse(QCommandLineParser &parser, const QString &command, const QStringList &args,
          QTextStream &out, QTextStream &err)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(QStringList{u"sluice " + command} + args))
        return usageError(err, parser.errorText());
    if (parser.isSet(help)) {
        // QCommandLineParser names the executable as it was started; name the subcommand.
        QString text = parser.helpText();
        const qsizetype usageEnd = text.indexOf(u" [options]");
        if (text.startsWith(u"Usage: ") && usageEnd > 0)
            text.replace(0, usageEnd, u"Usage: sluice " + command);
        out << text;
        return kOk;
    }
    return -1;
}

enum class Opened { Ready, Missing, Failed };

// Opens the history for reading. A missing database is not created: there is no history.
Opened openStore(ConversationStore &store, const QString &dataDir, QTextStream &err)
{
    const QString path = historyDatabasePath(dataDirectory(dataDir));
    if (!QFileInfo::exists(path))
        return Opened::Missing;
    ConversationStore::OpenOptions options;
    options.maintenance = false; // a window may be streaming into this database right now
    options.readOnly = true;     // reading never creates, updates or moves anything
    if (!store.open(path, options)) {
        err << "sluice: " << store.errorString() << Qt::endl;
        return Opened::Failed;
    }
    if (!store.notice().isEmpty())
        err << "sluice: " << store.notice() << Qt::endl;
    return Opened::Ready;
}

QString shortTime(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString displayTitle(const Conversation &c)
{
    return c.title.isEmpty() ? untitledConversationTitle() : c.title;
}

} // namespace

int historyCommandOn(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "Sluice::Cli::History", "Lists the stored conversations, newest first."));
    const QCommandLineOption dataDir = dataDirOption();
    const QCommandLineOption json(
        QStringLiteral("json"), QCoreApplication::translate("Sluice::Cli::History", "Print JSON."));
    parser.addOption(dataDir);
    parser.addOption(json);
    if (const int code = parse(parser, QStringLiteral("history"), args, out, err); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(err,
                          QCoreApplication::translate("Sluice::Cli::History",
                                                      "history takes no arguments, got \"%1\".")
                              .arg(parser.positionalArguments().constFirst()));

    ConversationStore store;
    const Opened opened = openStore(store, parser.value(dataDir), err);
    if (opened == Opened::Failed)
        return kFailed;
    const QList<Conversation> list =
        opened == Opened::Ready ? store.conversations() : QList<Conversation>();

    if (parser.isSet(json)) {
        QJsonArray array;
        for (const Conversation &c : list) {
            QJsonObject o;
            o.insert(QLatin1StringView("id"), c.id);
            o.insert(QLatin1StringView("title"), c.title);
            o.insert(QLatin1StringView("created"), c.created.toUTC().toString(Qt::ISODate));
            o.insert(QLatin1StringView("updated"), c.updated.toUTC().toString(Qt::ISODate));
            o.insert(QLatin1StringView("providerId"), c.providerId);
            o.insert(QLatin1StringView("model"), c.model);
            o.insert(QLatin1StringView("pinned"), c.pinned);
            o.insert(QLatin1StringView("messageCount"), c.messageCount);
            array.append(o);
        }
        out << escapeUnsafeInJson(
            QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return flushed(out, err);
    }

    if (list.isEmpty()) {
        out << QCoreApplication::translate("Sluice::Cli::History", "No conversations yet.") << '\n';
        return flushed(out, err);
    }
    int idWidth = 2;
    for (const Conversation &c : list)
        idWidth = qMax(idWidth, int(QString::number(c.id).size()));
    out << QStringLiteral("ID").leftJustified(idWidth) << "  "
        << QCoreApplication::translate("Sluice::Cli::History", "UPDATED").leftJustified(16) << "  "
        << QCoreApplication::translate("Sluice::Cli::History", "MSGS").rightJustified(5) << "  "
        << QCoreApplication::translate("Sluice::Cli::History", "TITLE") << '\n';
    for (const Conversation &c : list) {
        out << QString::number(c.id).rightJustified(idWidth) << "  " << shortTime(c.updated) << "  "
            << QString::number(c.messageCount).rightJustified(5) << "  "
            << (c.pinned ? QStringLiteral("* ") : QString()) << displayTitle(c) << '\n';
    }
    return flushed(out, err);
}

int exportCommandOn(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "Sluice::Cli::History", "Writes one conversation as Markdown or JSON."));
    parser.addPositionalArgument(
        QStringLiteral("id"),
        QCoreApplication::translate("Sluice::Cli::History",
                                    "The conversation (see sluice history)."));
    const QCommandLineOption dataDir = dataDirOption();
    const QCommandLineOption format(
        QStringLiteral("format"),
        QCoreApplication::translate("Sluice::Cli::History", "md (default) or json."),
        QStringLiteral("format"), QStringLiteral("md"));
    const QCommandLineOption noThinking(
        QStringLiteral("no-thinking"),
        QCoreApplication::translate("Sluice::Cli::History", "Leave out the models' thinking."));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QCoreApplication::translate("Sluice::Cli::History",
                                    "Write to <file> instead of standard output."),
        QStringLiteral("file"));
    const QCommandLineOption allBranches(
        QStringLiteral("all-branches"),
        QCoreApplication::translate("Sluice::Cli::History",
                                    "Markdown: every branch, not only the one shown (JSON always "
                                    "holds every branch)."));
    parser.addOptions({dataDir, format, noThinking, output, allBranches});
    if (const int code = parse(parser, QStringLiteral("export"), args, out, err); code >= 0)
        return code;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(err, QCoreApplication::translate(
                                   "Sluice::Cli::History",
                                   "export needs one conversation id, e.g. sluice export 3."));
    bool isNumber = false;
    const qint64 id = positional.constFirst().toLongLong(&isNumber);
    if (!isNumber || id <= 0)
        return usageError(err, QCoreApplication::translate(
                                   "Sluice::Cli::History",
                                   "\"%1\" is not a conversation id (see sluice history).")
                                   .arg(positional[0]));
    const QString formatName = parser.value(format).toLower();
    const bool asJson = formatName == u"json";
    if (!asJson && formatName != u"md" && formatName != u"markdown")
        return usageError(err, QCoreApplication::translate("Sluice::Cli::History",
                                                           "unknown format \"%1\"; use md or json.")
                                   .arg(parser.value(format)));

    ConversationStore store;
    const Opened opened = openStore(store, parser.value(dataDir), err);
    if (opened == Opened::Failed)
        return kFailed;
    const std::optional<Conversation> conversation =
        opened == Opened::Ready ? store.conversation(id) : std::nullopt;
    if (!conversation)
        return usageError(
            err, QCoreApplication::translate("Sluice::Cli::History",
                                             "there is no conversation %1 (see sluice history).")
                     .arg(id));

    ExportOptions options;
    options.includeThinking = !parser.isSet(noThinking);
    // JSON and --all-branches hold every branch; Markdown otherwise the path shown.
    QList<ConversationMessage> messages = asJson || parser.isSet(allBranches)
                                              ? store.allMessages(id)
                                              : store.messages(id);
    if (!asJson && parser.isSet(output)) // images go into a folder beside the .md
        options.attachmentFolder = AttachmentExport::folderName(parser.value(output));
    QString error;
    if (!AttachmentExport::loadData(store, messages, &error)) {
        err << "sluice: " << error << Qt::endl;
        return kFailed;
    }
    const QByteArray bytes =
        asJson ? ConversationExport::toJson(*conversation, messages, options,
                                            store.selectedPath(id))
        : parser.isSet(allBranches)
            ? ConversationExport::allBranchesMarkdown(*conversation, messages,
                                                      store.selectedPath(id), options)
                  .toUtf8()
            : ConversationExport::toMarkdown(*conversation, messages, options).toUtf8();

    if (!parser.isSet(output)) {
        out << (asJson ? escapeUnsafeInJson(QString::fromUtf8(bytes)) : QString::fromUtf8(bytes));
        return flushed(out, err);
    }
    const QString path = parser.value(output);
    if (!writeFileAtomically(path, bytes, &error) ||
        (!asJson && !AttachmentExport::writeFiles(messages, path, &error))) {
        err << "sluice: "
            << QCoreApplication::translate("Sluice::Cli::History", "could not write %1: %2.")
                   .arg(QDir::toNativeSeparators(path), error)
            << Qt::endl;
        return ExitWriteFailed;
    }
    return kOk;
}

namespace {

// Titles and messages are untrusted: what the command wrote goes out through writeStdout()
// and writeStderr(), which show control characters on a terminal.
int onStandardStreams(int (*command)(const QStringList &, QTextStream &, QTextStream &),
                      const QStringList &args)
{
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    const int code = command(args, out, err);
    out.flush();
    err.flush();
    writeStdout(outText);
    writeStderr(errText);
    // Standard output can be a full disk or a closed pipe: a failed write is an error.
    switch (stdoutState()) {
    case StdoutState::Ok:
        return code;
    case StdoutState::Closed:
        return ExitBrokenPipe;
    case StdoutState::Failed:
        break;
    }
    printError(QCoreApplication::translate("Sluice::Cli::History",
                                           "standard output could not be written: %1.")
                   .arg(stdoutError()));
    return ExitWriteFailed;
}

} // namespace

int historyCommand(const QStringList &args)
{
    return onStandardStreams(historyCommandOn, args);
}

int exportCommand(const QStringList &args)
{
    return onStandardStreams(exportCommandOn, args);
}

} // namespace Sluice::Cli
