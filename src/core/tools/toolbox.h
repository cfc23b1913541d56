// The boundary between a chat that lets the model call tools (core/chat, src/session) and what
// provides the tools (MCP servers, core/mcp). A chat sees only this: the tools there are, and a
// call that always finishes exactly once — with a result, a tool error, a failure sentence, or
// cancelled — so a tool can never hang a reply.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Sluice {

struct ToolSpec
{
    QString server;          // the configured server's name, shown to people ("filesystem")
    QString name;            // the tool's name as its server knows it ("read_file")
    QString title;           // a display name if the server gave one; may be empty
    QString description;
    QJsonObject inputSchema; // JSON Schema of the arguments ({"type":"object",...})
};

struct ToolOutcome
{
    enum class Kind {
        Ok,        // the tool ran and answered
        ToolError, // the tool ran and reported a failure (MCP isError): the model is told
        Failed,    // it could not run: server failed to start, died, timed out, protocol error
        Denied,    // the user (or the command line) did not allow it
        Cancelled, // the user stopped it
    };
    Kind kind = Kind::Ok;
    QString text;          // for the model: the content as text, or the sentence saying why not
    QJsonArray content;    // the content blocks as the server sent them (MCP "content")
    QJsonValue structured; // MCP "structuredContent", when the server sent one
    qint64 elapsedMs = -1;
};

// One running tool call. Emits finished() exactly once, also after cancel().
class ToolRun : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ToolRun() override = default;
    virtual void cancel() = 0;

Q_SIGNALS:
    void finished(const Sluice::ToolOutcome &outcome);
};

// The tools a chat may offer the model. Nothing starts before it is needed: a chat about to
// offer tools asks needsPrepare(), and if so calls prepare(), which starts what is needed (a
// server not started yet, or one that died since) and lists their tools; ready() follows,
// also when some or all servers failed. A server that failed to start is said once and left
// out (not started again by prepare()), so every later send does not wait for it again.
class Toolbox : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Toolbox() override = default;

    virtual void prepare() = 0;
    // Whether prepare() has something to start before tools() is complete.
    virtual bool needsPrepare() const { return false; }
    virtual QList<ToolSpec> tools() const = 0;
    // Never returns null: a call that cannot start finishes with Failed, after returning.
    virtual ToolRun *call(const QString &server, const QString &tool,
                          const QJsonObject &arguments, QObject *parent) = 0;
    // Stops every call and every server it started (the app is closing).
    virtual void shutdown() = 0;

Q_SIGNALS:
    void ready(const QStringList &problems); // one sentence per server that could not list
};

} // namespace Sluice

Q_DECLARE_METATYPE(Sluice::ToolOutcome)
