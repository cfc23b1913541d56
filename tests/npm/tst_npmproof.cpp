// Proof that sluice-testserver speaks the real protocols: starts it, runs proof.mjs (the
// official `ollama`, `openai` and `@anthropic-ai/sdk` npm libraries) against it and checks
// that every library received exactly the persona's text. Exits 77 (skipped) when Node.js
// or tests/npm/node_modules is missing.
#include "fakellm.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

using namespace Sluice::Test;

namespace {

const QString NpmDir = QStringLiteral(SLUICE_NPM_DIR);

QString nodeExecutable()
{
    const QString fromEnv = qEnvironmentVariable("SLUICE_NODE");
    return fromEnv.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("node")) : fromEnv;
}

} // namespace

class NpmProofTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void officialLibrariesReceiveExactText_data();
    void officialLibrariesReceiveExactText();
};

void NpmProofTest::officialLibrariesReceiveExactText_data()
{
    QTest::addColumn<QStringList>("serverArgs");
    QTest::newRow("plain") << QStringList();
    QTest::newRow("utf8 split across writes") << QStringList(
        {QStringLiteral("--split-utf8"), QStringLiteral("--token-delay"), QStringLiteral("1")});
    QTest::newRow("every write cut in 32-byte pieces")
        << QStringList({QStringLiteral("--split-bytes"), QStringLiteral("32")});
}

void NpmProofTest::officialLibrariesReceiveExactText()
{
    QFETCH(QStringList, serverArgs);
    const QByteArray thinking = QByteArrayLiteral("Hmm <x> & \"y\" \\ \xF0\x9F\xA4\x94\nok");
    const QString apiKey = QStringLiteral("sk-sluice-proof");

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QStringLiteral(SLUICE_TESTSERVER_BIN),
                 serverArgs +
                     QStringList({QStringLiteral("--thinking"), QString::fromUtf8(thinking),
                                  QStringLiteral("--api-key"), apiKey}));
    QVERIFY(server.waitForStarted());
    QVERIFY(server.waitForReadyRead(10000));
    const QByteArray line = server.readLine().trimmed();
    QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
    const QString url = QString::fromUtf8(line.mid(int(qstrlen("listening on "))));

    QProcess node;
    node.setWorkingDirectory(NpmDir);
    node.start(nodeExecutable(), {QDir(NpmDir).filePath(QStringLiteral("proof.mjs")), url,
                                  QStringLiteral("llama3.2:3b"), apiKey});
    QVERIFY(node.waitForStarted());
    const bool done = node.waitForFinished(90000);
    server.kill();
    server.waitForFinished();
    QVERIFY2(done, "proof.mjs did not finish");
    const QByteArray errors = node.readAllStandardError();
    QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0, errors.constData());

    QJsonParseError parseError;
    const QJsonObject out =
        QJsonDocument::fromJson(node.readAllStandardOutput(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QByteArray reply = FakeLlmOptions::defaultReply();
    for (const char *key :
         {"ollama_stream", "ollama", "openai_stream", "openai", "anthropic_stream", "anthropic"})
        QCOMPARE(out.value(QLatin1String(key)).toString().toUtf8(), reply);
    for (const char *key :
         {"ollama_stream_thinking", "openai_stream_reasoning", "anthropic_stream_thinking"})
        QCOMPARE(out.value(QLatin1String(key)).toString().toUtf8(), thinking);
    QCOMPARE(out.value(u"ollama_done").toBool(), true);
    QVERIFY(out.value(u"ollama_eval_count").toInt() > 0);
    QCOMPARE(out.value(u"openai_finish_reason").toString(), QStringLiteral("stop"));
    QVERIFY(out.value(u"openai_usage_total").toInt() > 0);
    QCOMPARE(out.value(u"anthropic_stop_reason").toString(), QStringLiteral("end_turn"));
    QCOMPARE(out.value(u"anthropic_message_stop").toBool(), true);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (nodeExecutable().isEmpty()) {
        std::printf("SKIP: Node.js (node) is not installed; the npm protocol proof needs it.\n");
        return 77;
    }
    if (!QFileInfo::exists(QDir(NpmDir).filePath(QStringLiteral("node_modules/ollama"))) ||
        !QFileInfo::exists(QDir(NpmDir).filePath(QStringLiteral("node_modules/openai"))) ||
        !QFileInfo::exists(
            QDir(NpmDir).filePath(QStringLiteral("node_modules/@anthropic-ai/sdk")))) {
        std::printf("SKIP: %s/node_modules is missing; run `npm ci` there first.\n",
                    qPrintable(QDir::toNativeSeparators(NpmDir)));
        return 77;
    }
    NpmProofTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_npmproof.moc"
