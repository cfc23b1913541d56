// The checks behind `sluice doctor` and the settings dialog's "Test connection": each step
// with its own deadline and timing, so the user sees *where* a server stops answering.
#pragma once

#include "core/chat/chattypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>

class QAbstractSocket;

namespace Sluice {

class ChatClient;
class ChatReply;
class HttpFetch;
namespace StepVerdicts {
struct Verdict;
}

class Diagnostics final : public QObject
{
    Q_OBJECT
public:
    struct Step
    {
        enum class Status { Pending, Running, Passed, Warning, Failed, Skipped };
        QString title;
        Status status = Status::Pending;
        QString detail; // what was found
        QString fix;    // what to do, when something is wrong
        qint64 ms = -1;
    };

    // `model` may be empty: the first model the server lists is used for the chat checks.
    Diagnostics(ChatClient *client, const ProviderConfig &config, const QString &model,
                QObject *parent = nullptr);
    ~Diagnostics() override;

    void start();
    void cancel();

    const QList<Step> &steps() const { return m_steps; }
    bool passed() const; // no step failed (warnings allowed)
    QString model() const { return m_model; }

Q_SIGNALS:
    void stepStarted(int index);
    void stepFinished(int index);
    void finished(bool passed);

private:
    enum StepId { Url, Dns, Tcp, Tls, Server, Auth, Models, Model, Chat, Stream, Loaded, Count };

    void run(int index);
    void next();
    void pass(const QString &detail);
    // The advice when the server cut a reply off because the model kept repeating itself.
    static QString modelRepeatingFix();
    void warn(const QString &detail, const QString &fix);
    void fail(const QString &detail, const QString &fix = {}, bool stopAll = false);
    void skip(const QString &detail);
    void apply(const StepVerdicts::Verdict &verdict);
    void end(Step::Status status, const QString &detail, const QString &fix);
    void finishAll();
    void armDeadline(qint64 ms, const QString &what);
    void cleanup();
    using HttpCallback = std::function<void(int status, const QByteArray &body, QString error)>;
    // `done` has status 0 and a sentence when no HTTP answer came; no answer within
    // `timeoutMs` fails the step.
    void httpGet(const QUrl &url, qint64 timeoutMs, HttpCallback done);

    void checkUrl();
    void checkDns();
    void checkTcp();
    void checkTls();
    void checkServer();
    void checkModels();
    void checkModel();
    ChatReply *askModel(bool stream, int maxTokens, const QString &prompt);
    void checkChat();
    void checkStream();
    void checkLoaded();

    ChatClient *m_client;
    ProviderConfig m_config;
    QString m_model;
    QList<Step> m_steps;
    int m_current = -1;
    bool m_stopped = false;
    bool m_done = false;
    QUrl m_url;        // parsed base URL
    QUrl m_root;       // API root for the configured type
    QUrl m_ollamaRoot; // set when the server is Ollama (natively or behind /v1)
    QString m_address;
    QStringList m_modelIds;
    QElapsedTimer m_clock;
    QTimer m_deadline;
    QPointer<HttpFetch> m_http;
    QPointer<QAbstractSocket> m_socket;
    QPointer<ChatReply> m_chat;
    int m_lookupId = -1;
};

QString statusMark(Diagnostics::Step::Status status); // ✓ ✗ ! - …

} // namespace Sluice
