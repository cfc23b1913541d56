#include "cli/runcommand.h"

#include "cli/clicommon.h"
#include "cli/interrupt.h"
#include "cli/runinput.h"
#include "core/conversation/attachedtext.h"
#include "cli/runoptions.h"
#include "cli/runoutput.h"
#include "cli/runtools.h"
#include "cli/runtoolhistory.h"
#include "core/conversation/contextbudget.h"
#include "cli/stdoutwriter.h"
#include "core/net/requestutil.h"
#include "core/storage/conversationstore.h"
#include "core/storage/datalocation.h"
#include "session/conversationcontroller.h"
#include "session/historysink.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

namespace Sluice::Cli {

namespace {

class RunSession final : public QObject
{
public:
    RunSession(QCommandLineParser &parser, const RunInput &input, const Preset &preset)
        : m_parser(parser), m_prompt(input.prompt), m_images(input.images),
          m_preset(preset), m_json(parser.isSet(QStringLiteral("json"))),
          m_showThinking(parser.isSet(QStringLiteral("show-thinking"))),
          m_raw(parser.isSet(QStringLiteral("raw"))), m_status(!m_json && stderrIsTerminal())
    {
        connect(&m_interrupt, &InterruptNotifier::interrupted, this, &RunSession::onInterrupt);
        m_tools = RunTools::fromOptions(parser, m_json, &m_toolsError);
        if (m_tools) {
            connect(m_tools.get(), &RunTools::jsonEvent, this, &RunSession::writeJsonLine);
            connect(m_tools.get(), &RunTools::limitReached, this, [this](const QString &why) {
                fail({ChatError::Kind::Protocol, why, 0, false, -1});
            });
            connect(m_tools.get(), &RunTools::roundEnded, this,
                    [this](const QList<ToolCallRecord> &calls, bool limit, const QString &why) {
                        m_rounds.ended(m_history.get(), calls, limit, why, m_request.model);
                    });
        }
        // A reader that goes away (`| head`) shows as a failed write, not a killed process.
        ignoreBrokenPipeSignal();
        m_statusTimer.setInterval(250);
        connect(&m_statusTimer, &QTimer::timeout, this, &RunSession::showStatus);
    }

    void start()
    {
        if (!m_toolsError.isEmpty())
            return fail({ChatError::Kind::Config, m_toolsError, 0, false, -1});
        chooseProvider(
            m_parser, &m_client, [this](const ChosenProvider &rp) { onResolved(rp); },
            [this](const ChatError &e) { fail(e); });
    }

private:
    void onResolved(const ChosenProvider &rp)
    {
        if (m_done)
            return;
        m_provider = rp.config;
        const RunRequest run = runRequest(m_parser, m_prompt, m_preset, m_provider,
                                          rp.defaultModel);
        if (run.request.model.isEmpty()) {
            explainMissingModel();
            return;
        }
        ChatRequest req = run.request;
        req.messages.last().images = imagesToSend(m_images, m_provider.type);
        req.messages.last().content = contentWithDocuments(m_prompt, m_images); // --file
        for (const QString &warning : run.warnings)
            printError(warning);
        m_system = run.system;
        m_promptEstimate = run.promptEstimate + documentTokens(m_images);
        m_contextWindow = req.options.contextSize.value_or(-1);

        if (m_parser.isSet(QStringLiteral("save")) && !startSaving(req)) {
            m_saveError = QStringLiteral("the history cannot be saved, so nothing was sent: %1")
                              .arg(m_store.errorString());
            m_done = true;
            reportSaveError();
            quit(ExitWriteFailed);
            return;
        }
        m_request = req;
        if (m_tools)
            return m_tools->prepare([this] { m_tools->offer(m_request), send(); });
        send();
    }

    void send()
    {
        if (m_done)
            return;
        m_reply = m_client.chat(m_provider, m_request);
        // It goes to stdout (and the history) as it arrives; a round of tool calls sends it back.
        m_reply->setKeepText(m_tools != nullptr);
        connect(m_reply, &ChatReply::contentDelta, this, &RunSession::onContent);
        connect(m_reply, &ChatReply::thinkingDelta, this, &RunSession::onThinking);
        connect(m_reply, &ChatReply::retrying, this, &RunSession::onRetrying);
        if (m_json)
            connect(m_reply, &ChatReply::phaseChanged, this, &RunSession::onPhase);
        connect(m_reply, &ChatReply::finished, this, &RunSession::onFinished);
        connect(m_reply, &ChatReply::failed, this, [this](const ChatError &e) { fail(e); });
        if (m_status)
            m_statusTimer.start();
    }

    // --save: the exchange goes into the history the window shows, through the window's own
    // HistorySink. The question is committed before the request is sent; the reply is saved
    // as it grows (at most a second behind), and nothing of it is kept here.
    bool startSaving(const ChatRequest &req)
    {
        ConversationStore::OpenOptions options;
        options.maintenance = false; // a running window may own a streaming reply
        const QString dir = dataDirectory(m_parser.value(QStringLiteral("data-dir")));
        if (!m_store.open(historyDatabasePath(dir), options))
            return false;
        if (!m_store.isPersistent()) // never a history in memory that nobody will see
            return false;
        Conversation draft;
        draft.providerId = m_provider.id;
        draft.model = req.model;
        draft.systemPrompt = m_system;
        draft.settings = req.options;
        m_history = std::make_unique<HistorySink>(&m_store, draft);
        ConversationMessage question;
        question.role = QStringLiteral("user");
        question.content = m_prompt;
        question.attachments = m_images;
        m_history->userMessageAdded(QuestionRow, question);
        if (!m_history->messageIdAt(QuestionRow))
            return false;
        ConversationMessage answer;
        answer.role = QStringLiteral("assistant");
        answer.state = MessageState::Pending;
        answer.model = req.model;
        m_history->replyStarted(m_rounds.answerRow(), answer, false);
        if (!m_history->messageIdAt(m_rounds.answerRow()))
            return false;
        connect(m_history.get(), &HistorySink::saveFailed, this, &RunSession::onSaveFailed);
        return true;
    }

    void finishSaving(MessageState state, const QString &error, const ReplyStats &stats)
    {
        if (!m_history)
            return;
        ConversationMessage answer;
        answer.role = QStringLiteral("assistant");
        answer.state = state;
        answer.errorText = error;
        answer.stats = stats;
        answer.model = stats.model; // empty: the one asked for stays
        m_history->replyEnded(m_rounds.answerRow(), answer);
    }

    // A failed save is said once (stderr and a --json event) and makes the exit code 5.
    void onSaveFailed(const QString &error)
    {
        if (!m_saveError.isEmpty())
            return;
        m_saveError = QStringLiteral("the reply could not be saved to the history: %1").arg(error);
        reportSaveError();
    }

    void reportSaveError()
    {
        if (m_json)
            writeJsonLine({{QStringLiteral("type"), QStringLiteral("save_error")},
                           {QStringLiteral("message"), m_saveError}});
        flushStdout();
        clearStatus();
        printError(m_saveError);
    }

    // Nobody reads standard output any more, or it cannot be written: the request stops,
    // what arrived is kept (saved as cancelled with --save), and the exit code says why.
    void onOutputFailed()
    {
        if (m_outputFailed)
            return;
        m_outputFailed = true;
        onInterrupt(); // nobody reads any more: stop as a Ctrl-C does
    }

    QString outputFailure() const
    {
        return stdoutState() == StdoutState::Closed
                   ? QStringLiteral("standard output was closed")
                   : QStringLiteral("standard output could not be written: %1").arg(stdoutError());
    }

    int finalCode(int code) const
    {
        if (stdoutState() == StdoutState::Closed)
            return ExitBrokenPipe;
        if (stdoutState() == StdoutState::Failed)
            return ExitWriteFailed;
        if (!m_saveError.isEmpty() && code == ExitOk)
            return ExitWriteFailed;
        return code;
    }

    void explainMissingModel()
    {
        availableModelsHint(m_client, m_provider, this, [this](const QString &available) {
            fail({ChatError::Kind::Config,
                  QStringLiteral("no model chosen; pass --model NAME") + available, 0, false, -1});
        });
    }

    void clearStatus()
    {
        if (m_statusShown) {
            writeStderrExact(u"\r\033[K");
            m_statusShown = false;
        }
    }

    void showStatus()
    {
        if (!m_reply || m_done)
            return;
        const QString text = phaseText(m_reply);
        if (text.isEmpty()) {
            clearStatus();
            return;
        }
        writeStderrExact(u"\r\033[K");
        writeStderr(text);
        m_statusShown = true;
    }

    // Deltas that arrive in one network read go out in one write (and one flush), queued to
    // the end of the current event-loop turn: a reader of the pipe still sees every read as
    // it arrives, without a system call per chunk.
    void queueStdout(const QString &text)
    {
        m_pendingOut += text;
        if (m_flushQueued)
            return;
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &RunSession::flushStdout, Qt::QueuedConnection);
    }

    void flushStdout()
    {
        m_flushQueued = false;
        if (m_pendingOut.isEmpty())
            return;
        const QString text = std::exchange(m_pendingOut, QString());
        if (m_raw)
            writeStdoutExact(text);
        else
            writeStdout(text);
        if (stdoutState() != StdoutState::Ok)
            onOutputFailed();
    }

    void writeJsonLine(const QJsonObject &o) { queueStdout(jsonLine(o)); }

    void onContent(const QString &text)
    {
        if (m_history)
            m_history->replyProgress(m_rounds.answerRow(), text, {});
        m_statusTimer.stop();
        clearStatus();
        if (m_json) {
            writeJsonLine({{QStringLiteral("type"), QStringLiteral("delta")},
                           {QStringLiteral("content"), text}});
            return;
        }
        if (m_inThinking) {
            writeStderr(u"\n");
            m_inThinking = false;
        }
        queueStdout(text);
        m_lastOut = text.back();
        m_wroteContent = true;
    }

    void onThinking(const QString &text)
    {
        if (m_history)
            m_history->replyProgress(m_rounds.answerRow(), {}, text);
        if (m_json) {
            writeJsonLine({{QStringLiteral("type"), QStringLiteral("thinking")},
                           {QStringLiteral("content"), text}});
            return;
        }
        if (!m_showThinking)
            return;
        m_statusTimer.stop();
        clearStatus();
        flushStdout(); // content before it on the terminal comes first
        if (m_raw)
            writeStderrExact(text);
        else
            writeStderr(text);
        m_inThinking = true;
    }

    void onPhase(ChatReply::Phase phase)
    {
        if (const QJsonObject o = phaseEvent(m_reply, phase); !o.isEmpty())
            writeJsonLine(o);
    }

    void onRetrying(int attempt, qint64 delayMs, const ChatError &reason)
    {
        clearStatus();
        if (m_json) {
            writeJsonLine({{QStringLiteral("type"), QStringLiteral("retry")},
                           {QStringLiteral("attempt"), attempt},
                           {QStringLiteral("delay_ms"), delayMs},
                           {QStringLiteral("reason"), reason.message}});
        }
        flushStdout();
        printError(QStringLiteral("%1; retrying in %2 (attempt %3 of %4)")
                       .arg(reason.message, formatSeconds(delayMs))
                       .arg(attempt)
                       .arg(m_provider.maxRetries + 1));
    }

    void endLine()
    {
        flushStdout();
        if (m_inThinking) {
            writeStderr(u"\n");
            m_inThinking = false;
        }
        if (!m_json && m_wroteContent && m_lastOut != u'\n')
            writeStdout(u"\n"); // after what the sanitiser may still hold
    }

    void onFinished(ReplyStats stats)
    {
        if (m_done)
            return;
        if (m_tools && m_reply &&
            m_tools->takeRound(stats, m_reply->content(), &m_request, [this] { send(); })) {
            finishSaving(MessageState::Complete, {}, stats); // the turn goes on with its calls
            return m_rounds.started();
        }
        m_done = true;
        m_statusTimer.stop();
        clearStatus();
        stats.promptEstimate = m_promptEstimate;
        stats.contextWindow = m_contextWindow;
        finishSaving(MessageState::Complete, {}, stats);
        const QJsonObject cut = contextCutJson(stats);
        if (m_json) {
            QJsonObject done{{QStringLiteral("type"), QStringLiteral("done")},
                             {QStringLiteral("finish_reason"), stats.finishReason},
                             {QStringLiteral("stats"), statsJson(stats)}};
            if (!cut.isEmpty())
                done.insert(QStringLiteral("context_cut"), cut);
            if (m_history && m_history->conversationId() > 0)
                done.insert(QStringLiteral("conversation_id"), m_history->conversationId());
            writeJsonLine(done);
        } else if (!m_wroteContent) {
            queueStdout(QStringLiteral("\n"));
        }
        endLine();
        if (!cut.isEmpty())
            printError(contextCutSentence(contextCut(stats)));
        if (stdoutState() == StdoutState::Failed)
            printError(outputFailure());
        quit(finalCode(ExitOk));
    }

    void fail(const ChatError &error)
    {
        const ChatError e = m_tools ? m_tools->explained(error, m_request.model) : error;
        if (m_done)
            return;
        m_done = true;
        if (m_tools)
            m_rounds.stopped(m_history.get(), m_tools->records(), e.message);
        const bool outputGone = stdoutState() != StdoutState::Ok;
        finishSaving(stateForError(e),
                     outputGone ? QStringLiteral("stopped: %1").arg(outputFailure()) : e.message,
                     m_reply ? m_reply->stats() : ReplyStats{});
        m_statusTimer.stop();
        clearStatus();
        endLine();
        if (m_json) {
            QJsonObject o{{QStringLiteral("type"), QStringLiteral("error")},
                          {QStringLiteral("kind"), errorKindName(e.kind)},
                          {QStringLiteral("message"), e.message}};
            if (e.httpStatus)
                o.insert(QStringLiteral("http_status"), e.httpStatus);
            writeJsonLine(o);
        }
        flushStdout();
        if (stdoutState() == StdoutState::Failed)
            printError(outputFailure() + QStringLiteral("; the request was stopped"));
        else if (stdoutState() == StdoutState::Ok)
            printError(e.kind == ChatError::Kind::Cancelled
                           ? QStringLiteral("interrupted; ") + e.message
                           : e.message);
        // A closed pipe is said by the exit code alone, as by every command in a pipeline.
        quit(finalCode(exitCodeFor(e.kind)));
    }

    // With --tools: once the servers have answered the ends of their sessions (or a limit).
    void quit(int code)
    {
        m_exitCode = code;
        if (!m_tools)
            return QCoreApplication::exit(code);
        m_tools->shutdown([code] { QCoreApplication::exit(code); });
    }

    void onInterrupt()
    {
        if (m_exitCode >= 0) // Ctrl-C while the servers' sessions end
            return QCoreApplication::exit(m_exitCode);
        if (m_tools)
            m_tools->cancel(); // a running tool call stops too
        if (m_reply && m_reply->isRunning()) {
            m_reply->cancel();
            return;
        }
        ChatError e;
        e.kind = ChatError::Kind::Cancelled;
        e.message = QStringLiteral("cancelled");
        fail(e);
    }

    QCommandLineParser &m_parser;
    QString m_prompt;
    QList<Attachment> m_images; // --image, then --file
    Preset m_preset; // --preset, or none (an empty name)
    QString m_system; // the system prompt sent
    static constexpr int QuestionRow = 0;
    SavedRounds m_rounds; // --save --tools: the rows of each round's answer

    ConversationStore m_store;
    std::unique_ptr<HistorySink> m_history; // after m_store: it writes its last bit into it
    ChatClient m_client;
    InterruptNotifier m_interrupt;
    QTimer m_statusTimer;
    ProviderConfig m_provider;
    ChatRequest m_request;
    std::unique_ptr<RunTools> m_tools; // --tools
    QString m_toolsError;
    QPointer<ChatReply> m_reply;
    qint64 m_promptEstimate = -1, m_contextWindow = -1; // what the server's count is held to
    QChar m_lastOut;
    QString m_pendingOut;
    bool m_flushQueued = false;
    bool m_json;
    bool m_showThinking;
    bool m_raw; // --raw: the reply exactly as sent, even on a terminal
    bool m_status;
    bool m_statusShown = false;
    bool m_inThinking = false;
    bool m_wroteContent = false;
    bool m_done = false;
    int m_exitCode = -1; // set once quitting
    bool m_outputFailed = false;
    QString m_saveError; // the first save failure, said once
};

} // namespace

int runCommand(const QStringList &args)
{
    QCommandLineParser parser;
    setUpRunParser(parser);
    int code = ExitOk;
    if (!parseOrExit(parser, args, QStringLiteral("run"), &code))
        return code;

    const std::optional<RunInput> input = readRunInput(parser); // says why not
    if (!input)
        return ExitUsage;
    Preset preset;
    if (!runOptionsValid(parser, &preset, &code))
        return code;
    if (!preset.providerId.isEmpty() && !parser.isSet(QStringLiteral("provider")) &&
        !parser.isSet(QStringLiteral("base-url"))) // the preset's server, unless one is named
        parser.parse(QStringList(args.mid(0, 1)) << QStringLiteral("--provider")
                                                  << preset.providerId << args.mid(1));
    RunSession session(parser, *input, preset);
    QTimer::singleShot(0, &session, [&session] { session.start(); });
    return QCoreApplication::exec();
}

} // namespace Sluice::Cli
