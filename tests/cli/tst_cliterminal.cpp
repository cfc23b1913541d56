// Untrusted text meets the user's terminal, headers and files: `sluice` run as a real process
// with its stdout or stderr on a real pseudo-terminal (isatty() is true there, as in a user's
// shell), against a test server that sends terminal escapes, echoes keys and names models
// with control characters.
#include "fakellm.h"
#include "sluicerun.h"
#include "testserver.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

using namespace Sluice::Test;

namespace {

// Sets the title, clears the screen, writes the clipboard (OSC 52), makes a link (OSC 8),
// overwrites the line (CR), and sends a C1 CSI and a bidi override.
const QByteArray Attack = "\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07"
                          "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ ok\rHi\xc2\x9b"
                          "\xe2\x80\xae!";
// What the terminal shows instead.
const QString Shown = QStringLiteral("^[]0;PWNED^G^[[2J^[]52;c;ZWNobyBwd25lZA==^G"
                                     "^[]8;;http://evil.example^[\\link^[]8;;^[\\ ok^MHi<U+009B>"
                                     "<U+202E>!");

using Run = SluiceRun;

// With stdout and/or stderr on a pseudo-terminal.
Run sluice(const QStringList &args, int ttys,
           const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    SluiceOptions options;
    options.ttys = ttys;
    options.env = env;
    return Sluice::Test::sluice(args, options);
}

// Nothing a terminal acts on, once Sluice's own status-line sequence is taken out.
bool terminalSafe(QByteArray bytes)
{
    bytes.replace("\r\x1b[K", "");
    const QString text = QString::fromUtf8(bytes);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7f && u <= 0x9f) ||
            (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069))
            return false;
    }
    return true;
}

QStringList runArgs(const TestServer &s, const QString &type)
{
    const QString url = type == u"openai" ? s.url(u"/v1").toString() : s.url().toString();
    return {QStringLiteral("run"),
            QStringLiteral("--base-url"),
            url,
            QStringLiteral("--type"),
            type,
            QStringLiteral("--model"),
            QStringLiteral("llama3.2:3b"),
            QStringLiteral("--retries"),
            QStringLiteral("0")};
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

// A config with one OpenAI-compatible provider "box" and these extra JSON members.
QByteArray boxConfig(const QString &baseUrl, const QByteArray &extra)
{
    return R"({"version": 1, "providers": {"box": {"type": "openai", "base_url": ")" +
           baseUrl.toUtf8() + R"(", "models": [{"id": "m"}])" + extra + "}}}";
}

// True when any file under `dir` holds `needle` (the history database, its WAL, anything).
bool anyFileContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestCliTerminal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        Pty pty;
        if (!pty.ok())
            QSKIP("no pseudo-terminal available");
    }

    void types_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ollama") << QStringLiteral("ollama");
        QTest::newRow("openai") << QStringLiteral("openai");
        QTest::newRow("anthropic") << QStringLiteral("anthropic");
    }

    // The streamed reply, cut into 3-character deltas (inside every escape sequence): on a
    // terminal the controls are shown; to a pipe, with --json and with --raw it is exact.
    void replyOnTerminal_data() { types_data(); }
    void replyOnTerminal()
    {
        QFETCH(QString, type);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.reply = Attack;
        opt.tokenChars = 3;
        FakeLlm::install(server, opt);

        const Run tty = sluice(runArgs(server, type) << QStringLiteral("Hi"), StdoutTty);
        QCOMPARE(tty.exitCode, 0);
        QCOMPARE(QString::fromUtf8(tty.rawOut), Shown + u'\n');
        QVERIFY(terminalSafe(tty.rawOut));

        const Run pipe = sluice(runArgs(server, type) << QStringLiteral("Hi"));
        QCOMPARE(pipe.exitCode, 0);
        QCOMPARE(pipe.rawOut, Attack + '\n');

        const Run raw = sluice(
            runArgs(server, type) << QStringLiteral("--raw") << QStringLiteral("Hi"), StdoutTty);
        QCOMPARE(raw.rawOut, Attack + '\n');

        const Run json = sluice(
            runArgs(server, type) << QStringLiteral("--json") << QStringLiteral("Hi"), StdoutTty);
        QCOMPARE(json.exitCode, 0);
        QVERIFY(terminalSafe(json.rawOut));
        QString content;
        for (const QByteArray &line : json.rawOut.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(u"type").toString() == u"delta")
                content += o.value(u"content").toString();
        }
        QCOMPARE(content, QString::fromUtf8(Attack));
    }

    void thinkingOnTerminal()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.thinking = Attack;
        FakeLlm::install(server, opt);
        const Run r = sluice(runArgs(server, QStringLiteral("ollama"))
                                 << QStringLiteral("--show-thinking") << QStringLiteral("Hi"),
                             StderrTty);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QString::fromUtf8(r.rawErr).contains(Shown), r.rawErr.constData());
        QVERIFY(terminalSafe(r.rawErr));
    }

    // A server's error text on stderr.
    void errorTextOnTerminal()
    {
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/api/chat")
            .status(500)
            .json("{\"error\":\"\\u001b]0;PWNED\\u0007\\u001b[2Jboom\\r\\u009b\"}");
        const Run r =
            sluice(runArgs(server, QStringLiteral("ollama")) << QStringLiteral("Hi"), StderrTty);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.rawErr.contains("^[]0;PWNED^G^[[2Jboom^M<U+009B>"), r.rawErr.constData());
        QVERIFY(terminalSafe(r.rawErr));
        const Run pipe = sluice(runArgs(server, QStringLiteral("ollama")) << QStringLiteral("Hi"));
        // Exact off a terminal.
        QVERIFY2(pipe.rawErr.contains("\x1b]0;PWNED"), pipe.rawErr.constData());
    }

    void modelNamesOnTerminal()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlmOptions opt;
        opt.models = {QByteArrayLiteral("\x1b]0;PWNED\x07\x1b[31mevil")};
        FakeLlm::install(server, opt);
        const Run r = sluice(
            {QStringLiteral("models"), QStringLiteral("--base-url"), server.url().toString()},
            StdoutTty);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.rawOut, QByteArray("^[]0;PWNED^G^[[31mevil:latest\n"));
    }

    // `sluice ps` lines its columns up on what the terminal shows: a loaded model named with
    // escapes, made visible, pushes the next column as far on every line.
    void psColumnsOnTerminal()
    {
        TestServer server;
        QVERIFY(server.listen());
        const QByteArray name("\x1b]0;PWNED\x07m:1b");
        FakeLlmOptions opt;
        opt.models = {name};
        FakeLlm::install(server, opt);
        QStringList run = runArgs(server, QStringLiteral("ollama"));
        run[run.indexOf(QStringLiteral("llama3.2:3b"))] = QString::fromUtf8(name);
        QCOMPARE(sluice(run << QStringLiteral("Hi")).exitCode, 0); // now it is loaded
        const Run r =
            sluice({QStringLiteral("ps"), QStringLiteral("--base-url"), server.url().toString()},
                   StdoutTty);
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.rawOut.split('\n');
        QVERIFY2(lines.size() >= 2, r.rawOut.constData());
        QVERIFY2(lines.at(1).startsWith("^[]0;PWNED^Gm:1b"), r.rawOut.constData());
        QCOMPARE(lines.at(0).indexOf("SIZE"), lines.at(1).indexOf(QByteArray("   ")) + 3);
    }

    // A conversation titled by a prompt that carries escapes, listed by `sluice history`.
    void historyTitlesOnTerminal()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QTemporaryDir dir;
        const Run saved = sluice(runArgs(server, QStringLiteral("ollama"))
                                 << QStringLiteral("--save") << QStringLiteral("--data-dir")
                                 << dir.path() << QString::fromUtf8("\x1b]0;PWNED\x07title"));
        QCOMPARE(saved.exitCode, 0);
        const Run r = sluice({QStringLiteral("history"), QStringLiteral("--data-dir"), dir.path()},
                             StdoutTty);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.rawOut.contains("^[]0;PWNED^Gtitle"), r.rawOut.constData());
        QVERIFY(terminalSafe(r.rawOut));
        const Run json = sluice({QStringLiteral("history"), QStringLiteral("--data-dir"),
                                 dir.path(), QStringLiteral("--json")},
                                StdoutTty);
        QVERIFY2(json.rawOut.contains("\\u001b]0;PWNED\\u0007title"), json.rawOut.constData());
    }

    // `config import` notes name providers from the imported file.
    void importNotesOnTerminal()
    {
        QTemporaryDir dir;
        const QString crush =
            writeFile(dir, QStringLiteral("crush.json"),
                      "{\"providers\": {\"\\u001b[31mred\": {\"type\": \"bedrock\"}}}");
        const Run r = sluice({QStringLiteral("config"), QStringLiteral("import"), crush,
                              QStringLiteral("--config"), dir.filePath(QStringLiteral("s.json")),
                              QStringLiteral("--dry-run")},
                             StdoutTty | StderrTty);
        const QByteArray both = r.rawOut + r.rawErr;
        QVERIFY2(both.contains("^[[31mred"), both.constData());
        QVERIFY(terminalSafe(r.rawOut));
        QVERIFY(terminalSafe(r.rawErr));
    }

    // Header injection: CR/LF in a header value from the file or from a $VAR, or in a key,
    // is refused with a sentence naming the provider and the header; nothing is sent.
    void headerLineBreaksRefused_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QStringList>("more");
        QTest::addColumn<QString>("expected");
        QTest::newRow("in the file")
            << QByteArray(", \"headers\": {\"X-Team\": \"a\\r\\nInjected: yes\"}") << QString()
            << QStringList()
            << QStringLiteral("providers.box.headers.X-Team contains a line break");
        QTest::newRow("from a variable")
            << QByteArray(R"(, "headers": {"X-Team": "${TEAM}"})") << QStringLiteral("TEAM")
            << QStringList()
            << QStringLiteral("Provider \"box\": the header X-Team contains a line break");
        QTest::newRow("key from the command line")
            << QByteArray() << QStringLiteral("KEY")
            << QStringList{QStringLiteral("--api-key-env"), QStringLiteral("KEY")}
            << QStringLiteral("the API key contains a line break");
    }
    void headerLineBreaksRefused()
    {
        QFETCH(QByteArray, extra);
        QFETCH(QString, variable);
        QFETCH(QStringList, more);
        QFETCH(QString, expected);
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        QTemporaryDir dir;
        const QString config = writeFile(dir, QStringLiteral("sluice.json"),
                                         boxConfig(server.url(u"/v1").toString(), extra));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!variable.isEmpty())
            env.insert(variable, QStringLiteral("a\r\nInjected: yes"));
        const Run r = sluice(QStringList{QStringLiteral("run"), QStringLiteral("--config"), config,
                                         QStringLiteral("--provider"), QStringLiteral("box")}
                                 << more << QStringLiteral("Hi"),
                             NoTty, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.rawErr).contains(expected), r.rawErr.constData());
        QCOMPARE(r.rawErr.count('\n'), 1);
        QCOMPARE(server.requestCount("/v1/chat/completions"), 0);
        for (const RecordedRequest &req : server.requests())
            QVERIFY(!req.hasHeader("Injected"));
    }

    void importedHeaderWithLineBreakLeftOut()
    {
        QTemporaryDir dir;
        const QString crush = writeFile(dir, QStringLiteral("crush.json"),
                                        "{\"providers\": {\"box\": {\"type\": \"openai-compat\", "
                                        "\"base_url\": \"http://127.0.0.1:9/v1\",\n"
                                        "                \"extra_headers\": {\"X-Team\": "
                                        "\"a\\r\\nInjected: yes\", \"X-Ok\": \"fine\"}}}}");
        const QString config = dir.filePath(QStringLiteral("sluice.json"));
        const Run r = sluice({QStringLiteral("config"), QStringLiteral("import"), crush,
                              QStringLiteral("--config"), config});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.rawOut.contains("the header X-Team contains a line break or NUL character"),
                 r.rawOut.constData());
        QFile f(config);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray saved = f.readAll();
        QVERIFY(saved.contains("X-Ok"));
        QVERIFY(!saved.contains("Injected"));
    }

    // A key given through a header ("Authorization": "Bearer ${MYKEY}", "X-Api-Key") and
    // echoed by a failing server reaches neither stderr nor the history.
    void keysInHeadersRedacted()
    {
        const QByteArray key = "sk-header-secret-7777";
        const QByteArray other = "xk-second-secret-8888";
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/v1/chat/completions")
            .status(500)
            .json(R"({"error":{"message":"bad auth: Bearer )" + key + " and " + other +
                  R"(, token only: )" + key + R"("}})");
        QTemporaryDir dir;
        const QString config = writeFile(
            dir, QStringLiteral("sluice.json"),
            boxConfig(
                server.url(u"/v1").toString(),
                R"(, "headers": {"Authorization": "Bearer ${MYKEY}", "X-Api-Key": "$OTHER"})"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MYKEY"), QString::fromUtf8(key));
        env.insert(QStringLiteral("OTHER"), QString::fromUtf8(other));
        const QString data = dir.filePath(QStringLiteral("data"));
        const Run r =
            sluice({QStringLiteral("run"), QStringLiteral("--config"), config,
                    QStringLiteral("--provider"), QStringLiteral("box"), QStringLiteral("--save"),
                    QStringLiteral("--data-dir"), data, QStringLiteral("Hi")},
                   NoTty, env);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(server.lastRequest("/v1/chat/completions").header("Authorization"),
                 "Bearer " + key); // sent to its origin
        QVERIFY2(r.rawErr.contains("[REDACTED]"), r.rawErr.constData());
        QVERIFY2(!r.rawErr.contains(key) && !r.rawErr.contains(other), r.rawErr.constData());
        QVERIFY(QFile::exists(data));
        QVERIFY(!anyFileContains(data, key));
        QVERIFY(!anyFileContains(data, other));
    }

    // app.logging from the config file: `sluice run` writes its log lines, redacted, to an
    // owner-only file.
    void logFileFromTheConfig()
    {
        const QByteArray key = "sk-logged-never-5555";
        TestServer server;
        QVERIFY(server.listen());
        server.on("POST", "/v1/chat/completions")
            .status(500)
            .json("{\"error\":{\"message\":\"bad key " + key + "\"}}");
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("sluice.log"));
        const QString config =
            writeFile(dir, QStringLiteral("sluice.json"),
                      boxConfig(server.url(u"/v1").toString(),
                                ", \"headers\": {\"Authorization\": \"Bearer ${MYKEY}\"}")
                              .chopped(1) +
                          ", \"app\": {\"logging\": {\"level\": \"debug\", \"file\": \"" +
                          log.toUtf8() + "\"}}}");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MYKEY"), QString::fromUtf8(key));
        const Run r =
            sluice({QStringLiteral("run"), QStringLiteral("--config"), config,
                    QStringLiteral("--provider"), QStringLiteral("box"), QStringLiteral("Hi")},
                   NoTty, env);
        QCOMPARE(r.exitCode, 1);
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray logged = f.readAll();
        QVERIFY2(logged.contains("debug sluice.provider: request"), logged.constData());
        QVERIFY2(!logged.contains(key), logged.constData());
        QCOMPARE(f.permissions() & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                     QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::Permissions());
    }

    // Credentials in the base URL: `doctor` and error text show the redacted form.
    void urlCredentialsRedacted()
    {
        TestServer server;
        QVERIFY(server.listen());
        FakeLlm::install(server);
        const QString url = QStringLiteral("http://alice:PWsecret9@127.0.0.1:%1/v1?api_key=KQZ7")
                                .arg(server.port());
        const Run doctor = sluice({QStringLiteral("doctor"), QStringLiteral("--base-url"), url,
                                   QStringLiteral("--type"), QStringLiteral("openai"),
                                   QStringLiteral("--model"), QStringLiteral("llama3.2:3b")});
        const QByteArray all = QByteArray(doctor.rawOut + doctor.rawErr);
        QVERIFY2(all.contains("127.0.0.1"), all.constData());
        QVERIFY2(!all.contains("PWsecret9") && !all.contains("KQZ7"), all.constData());

        TestServer echo;
        QVERIFY(echo.listen());
        echo.on("POST", "/v1/chat/completions")
            .status(500)
            .json(R"({"error":{"message":"no user alice:PWsecret9, key KQZ7"}})");
        const Run run = sluice(
            {QStringLiteral("run"), QStringLiteral("--base-url"),
             QStringLiteral("http://alice:PWsecret9@127.0.0.1:%1/v1?api_key=KQZ7").arg(echo.port()),
             QStringLiteral("--type"), QStringLiteral("openai"), QStringLiteral("--model"),
             QStringLiteral("m"), QStringLiteral("--retries"), QStringLiteral("0"),
             QStringLiteral("Hi")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(!run.rawErr.contains("PWsecret9") && !run.rawErr.contains("KQZ7"),
                 run.rawErr.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliTerminal)
#include "tst_cliterminal.moc"
