#include "cli/modelcommands.h"

#include "cli/clicommon.h"
#include "cli/interrupt.h"
#include "core/models/modeltypes.h"
#include "core/models/ollamamodels.h"
#include "core/util/terminaltext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace Sluice::Cli {

namespace {

constexpr int RedrawMs = 100;

void failAndExit(const ChatError &e)
{
    printError(e.message);
    QCoreApplication::exit(exitCodeFor(e.kind));
}

// Resolves the provider, refuses one that cannot be Ollama, and calls `run` with it.
void withOllama(const QCommandLineParser &parser, ChatClient *client, const QString &command,
                std::function<void(const ProviderConfig &)> run)
{
    chooseProvider(
        parser, client,
        [command, run](const ChosenProvider &rp) {
            if (rp.config.type == ProviderType::Anthropic) {
                ChatError e;
                e.kind = ChatError::Kind::Config;
                e.message = QStringLiteral("sluice %1 manages the models of an Ollama server; "
                                           "the provider \"%2\" is Anthropic")
                                .arg(command, rp.config.name);
                failAndExit(e);
                return;
            }
            run(rp.config);
        },
        failAndExit);
}

// Advice for an OpenAI-typed provider whose server turned out not to be Ollama.
ChatError withHint(ChatError e, const ProviderConfig &config)
{
    if (config.type != ProviderType::Ollama && e.httpStatus == 404)
        e.message += QStringLiteral(" (pull, ps and rm need an Ollama server)");
    return e;
}

QCommandLineParser *makeParser(const QString &description)
{
    auto *parser = new QCommandLineParser;
    parser->setApplicationDescription(description);
    parser->addHelpOption();
    addProviderOptions(*parser);
    return parser;
}

class PullSession final : public QObject
{
public:
    PullSession(const QCommandLineParser &parser, const QString &model)
        : m_parser(parser), m_model(model), m_tty(stdoutIsTerminal())
    {
        connect(&m_interrupt, &InterruptNotifier::interrupted, this, [this] {
            if (m_reply && m_reply->isRunning()) {
                m_reply->cancel();
                return;
            }
            QCoreApplication::exit(ExitInterrupted);
        });
        const int columns = qEnvironmentVariableIntValue("COLUMNS");
        m_width = columns >= 40 ? columns - 1 : 79;
    }

    void start()
    {
        withOllama(m_parser, &m_client, QStringLiteral("pull"),
                   [this](const ProviderConfig &config) {
                       m_config = config;
                       m_models = new OllamaModels(&m_client, config, this);
                       m_reply = m_models->pull(m_model);
                       connect(m_reply, &PullReply::progressChanged, this, &PullSession::show);
                       connect(m_reply, &PullReply::finished, this, &PullSession::onFinished);
                       connect(m_reply, &PullReply::failed, this, &PullSession::onFailed);
                   });
    }

private:
    void show(const PullProgress &p)
    {
        if (m_tty) {
            if (m_redraw.isValid() && m_redraw.elapsed() < RedrawMs && p.status == m_shown)
                return;
            m_redraw.start();
            m_shown = p.status;
            writeStdoutExact(u"\r\033[K");
            writeStdout(renderPullBar(p, m_width));
            m_lineOpen = true;
            return;
        }
        if (m_log.shouldPrint(p))
            writeStdout(QString(formatPullLine(p) + u'\n'));
    }

    void closeLine()
    {
        if (m_lineOpen)
            writeStdoutExact(u"\r\033[K");
        m_lineOpen = false;
    }

    void onFinished()
    {
        closeLine();
        const qint64 total = m_reply->progress().totalBytes;
        writeStdout(total > 0 ? QStringLiteral("pulled %1 (%2)\n").arg(m_model, formatBytes(total))
                              : QStringLiteral("pulled %1\n").arg(m_model));
        QCoreApplication::exit(ExitOk);
    }

    void onFailed(const ChatError &e)
    {
        closeLine();
        ChatError shown = withHint(e, m_config);
        if (e.kind == ChatError::Kind::Cancelled)
            shown.message = QStringLiteral("interrupted; ") + e.message;
        failAndExit(shown);
    }

    const QCommandLineParser &m_parser;
    QString m_model;
    ChatClient m_client;
    InterruptNotifier m_interrupt;
    ProviderConfig m_config;
    OllamaModels *m_models = nullptr;
    QPointer<PullReply> m_reply;
    PullLogThrottle m_log;
    QElapsedTimer m_redraw;
    QString m_shown;
    int m_width = 79;
    bool m_tty;
    bool m_lineOpen = false;
};

QString processorText(const RunningModel &m)
{
    const int gpu = m.gpuPercent();
    if (gpu < 0)
        return QStringLiteral("?");
    if (gpu == 100)
        return QStringLiteral("100% GPU");
    if (gpu == 0)
        return QStringLiteral("100% CPU");
    return QStringLiteral("%1%/%2% CPU/GPU").arg(100 - gpu).arg(gpu);
}

QString table(QList<QStringList> rows)
{
    // Names are the server's: on a terminal their control characters are made visible first,
    // so that the columns are measured on what is shown.
    if (stdoutIsTerminal()) {
        for (QStringList &row : rows) {
            for (QString &cell : row)
                cell = sanitizeForTerminal(cell);
        }
    }
    QList<int> widths;
    for (const QStringList &row : std::as_const(rows)) {
        for (int i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = qMax(widths.at(i), int(row.at(i).size()));
        }
    }
    QString out;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (int i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 3) : row.at(i);
        out += line.trimmed() + u'\n';
    }
    return out;
}

QString fit(const QString &text, int width)
{
    return text.size() <= width ? text : text.left(qMax(0, width - 1)) + u'…';
}

} // namespace

QString renderPullBar(const PullProgress &p, int width)
{
    if (p.totalBytes <= 0 || !p.downloading)
        return fit(p.status, width);
    QString tail = QStringLiteral("  %1 / %2  %3%")
                       .arg(formatBytes(p.completedBytes), formatBytes(p.totalBytes))
                       .arg(int(p.percent));
    if (p.bytesPerSecond > 0)
        tail += QStringLiteral("  %1/s").arg(formatBytes(qint64(p.bytesPerSecond)));
    if (p.etaMs > 0)
        tail += QStringLiteral("  %1 left").arg(formatDuration(p.etaMs));
    const QString head = p.status + QStringLiteral("  ");
    const int barWidth = qBound(0, width - int(head.size() + tail.size()) - 2, 40);
    if (barWidth < 8) // too narrow for a bar: the numbers matter more
        return fit(QString(head + tail.trimmed()), width);
    const int filled = int(double(barWidth) * qBound(0.0, p.percent, 100.0) / 100.0);
    return head + u'[' + QString(filled, u'#') + QString(barWidth - filled, u'-') + u']' + tail;
}

bool PullLogThrottle::shouldPrint(const PullProgress &p)
{
    const QString phase = p.downloading ? QStringLiteral("download") : p.status;
    const int percent = int(p.percent);
    if (phase != m_lastPhase) {
        m_lastPhase = phase;
        if (p.downloading)
            m_lastPercent = percent;
        return true;
    }
    if (p.downloading && percent >= m_lastPercent + m_step) {
        m_lastPercent = percent;
        return true;
    }
    return false;
}

int pullCommand(const QStringList &args)
{
    std::unique_ptr<QCommandLineParser> parser(makeParser(QStringLiteral(
        "Download a model to an Ollama server, with progress. Ctrl-C cancels; pulling again "
        "resumes. Exit codes: 0 pulled, 1 the server reported an error, 2 usage, 3 the pull "
        "stalled, 4 could not connect, 130 interrupted.")));
    parser->addPositionalArgument(QStringLiteral("model"),
                                  QStringLiteral("The model to pull, e.g. llama3.2:3b."),
                                  QStringLiteral("MODEL"));
    int code = ExitOk;
    if (!parseOrExit(*parser, args, QStringLiteral("pull"), &code))
        return code;
    const QStringList models = parser->positionalArguments();
    if (models.size() != 1) {
        printError(
            usageError(QStringLiteral("pull takes exactly one MODEL"), QStringLiteral("pull")));
        return ExitUsage;
    }
    PullSession session(*parser, models.first());
    QTimer::singleShot(0, &session, [&session] { session.start(); });
    return QCoreApplication::exec();
}

int psCommand(const QStringList &args)
{
    std::unique_ptr<QCommandLineParser> parser(
        makeParser(QStringLiteral("List the models an Ollama server has loaded in memory.")));
    int code = ExitOk;
    if (!parseOrExit(*parser, args, QStringLiteral("ps"), &code))
        return code;
    if (!parser->positionalArguments().isEmpty()) {
        printError(usageError(QStringLiteral("ps takes no arguments"), QStringLiteral("ps")));
        return ExitUsage;
    }
    ChatClient client;
    QTimer::singleShot(0, &client, [&] {
        withOllama(*parser, &client, QStringLiteral("ps"), [&client](const ProviderConfig &c) {
            auto *models = new OllamaModels(&client, c, &client);
            ModelOpReply *reply = models->listRunning();
            QObject::connect(reply, &ModelOpReply::failed, &client,
                             [c](const ChatError &e) { failAndExit(withHint(e, c)); });
            QObject::connect(reply, &ModelOpReply::finished, &client, [reply] {
                const QDateTime now = QDateTime::currentDateTimeUtc();
                QList<QStringList> rows{{QStringLiteral("NAME"), QStringLiteral("SIZE"),
                                         QStringLiteral("PROCESSOR"), QStringLiteral("CONTEXT"),
                                         QStringLiteral("UNTIL")}};
                for (const RunningModel &m : reply->running()) {
                    const QString until = m.staysLoaded() ? QStringLiteral("forever")
                                                          : formatTimeUntil(m.expiresAt, now);
                    rows.append({m.name, formatBytes(m.sizeBytes), processorText(m),
                                 m.contextLength > 0 ? QString::number(m.contextLength)
                                                     : QStringLiteral("?"),
                                 until.isEmpty() ? QStringLiteral("now") : until});
                }
                writeStdout(rows.size() == 1 ? QStringLiteral("no models are loaded\n")
                                             : table(rows));
                QCoreApplication::exit(ExitOk);
            });
        });
    });
    return QCoreApplication::exec();
}

int rmCommand(const QStringList &args)
{
    std::unique_ptr<QCommandLineParser> parser(
        makeParser(QStringLiteral("Delete models from an Ollama server. Asks nothing.")));
    parser->addPositionalArgument(QStringLiteral("model"), QStringLiteral("The models to delete."),
                                  QStringLiteral("MODEL…"));
    int code = ExitOk;
    if (!parseOrExit(*parser, args, QStringLiteral("rm"), &code))
        return code;
    const QStringList names = parser->positionalArguments();
    if (names.isEmpty()) {
        printError(usageError(QStringLiteral("no MODEL given"), QStringLiteral("rm")));
        return ExitUsage;
    }
    ChatClient client;
    QTimer::singleShot(0, &client, [&] {
        withOllama(*parser, &client, QStringLiteral("rm"), [&](const ProviderConfig &c) {
            auto *models = new OllamaModels(&client, c, &client);
            // One after the other, so the output follows the command line; stops at an error.
            auto next = std::make_shared<std::function<void(int)>>();
            // The function holds itself only weakly (no cycle); the pending connections keep
            // it alive while a removal runs.
            std::weak_ptr<std::function<void(int)>> self = next;
            *next = [models, names, c, self](int i) {
                const auto step = self.lock();
                if (!step)
                    return;
                if (i >= names.size()) {
                    QCoreApplication::exit(ExitOk);
                    return;
                }
                ModelOpReply *reply = models->remove(names.at(i));
                QObject::connect(reply, &ModelOpReply::failed, models,
                                 [c, step](const ChatError &e) {
                                     *step = nullptr;
                                     failAndExit(withHint(e, c));
                                 });
                QObject::connect(reply, &ModelOpReply::finished, models, [reply, step, i] {
                    writeStdout(QStringLiteral("deleted %1\n").arg(reply->model()));
                    reply->deleteLater();
                    (*step)(i + 1);
                });
            };
            (*next)(0);
        });
    });
    return QCoreApplication::exec();
}

int modelsCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the models a server offers."));
    parser.addHelpOption();
    addProviderOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the list as JSON.")});
    int code = ExitOk;
    if (!parseOrExit(parser, args, QStringLiteral("models"), &code))
        return code;

    ChatClient client;
    const bool json = parser.isSet(QStringLiteral("json"));
    auto fail = [](const ChatError &e) {
        printError(e.message);
        QCoreApplication::exit(exitCodeFor(e.kind));
    };
    QTimer::singleShot(0, &client, [&] {
        chooseProvider(
            parser, &client,
            [&client, json, fail](const ChosenProvider &rp) {
                ModelListReply *list = client.listModels(rp.config);
                QObject::connect(list, &ModelListReply::failed, &client, fail);
                QObject::connect(
                    list, &ModelListReply::finished, &client,
                    [json](const QList<ModelInfo> &models) {
                        QString out;
                        if (json) {
                            QJsonArray arr;
                            for (const ModelInfo &m : models) {
                                QJsonObject o{{QStringLiteral("id"), m.id}};
                                if (m.sizeBytes >= 0)
                                    o.insert(QStringLiteral("size"), m.sizeBytes);
                                if (!m.parameterSize.isEmpty())
                                    o.insert(QStringLiteral("parameters"), m.parameterSize);
                                if (!m.quantization.isEmpty())
                                    o.insert(QStringLiteral("quantization"), m.quantization);
                                arr.append(o);
                            }
                            out = escapeUnsafeInJson(QString::fromUtf8(
                                      QJsonDocument(arr).toJson(QJsonDocument::Compact))) +
                                  u'\n';
                        } else {
                            for (const ModelInfo &m : models)
                                out += m.id + u'\n';
                        }
                        writeStdout(out);
                        QCoreApplication::exit(ExitOk);
                    });
            },
            fail);
    });
    return QCoreApplication::exec();
}

} // namespace Sluice::Cli
