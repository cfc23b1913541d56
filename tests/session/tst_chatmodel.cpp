// ChatModel: a well-behaved list model whose streaming updates are coalesced.
#include "session/chatmodel.h"
#include "session/replystatus.h"

#include "manualclock.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Sluice;

class TestChatModel final : public QObject
{
    Q_OBJECT

private:
    static ConversationMessage msg(const QString &role, const QString &content,
                                   MessageState state = MessageState::Complete)
    {
        ConversationMessage m;
        m.role = role;
        m.content = content;
        m.state = state;
        return m;
    }

private Q_SLOTS:
    void passesTheModelTester()
    {
        ChatModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendMessage(msg(QStringLiteral("user"), QStringLiteral("hi")));
        const int row =
            model.appendMessage(msg(QStringLiteral("assistant"), {}, MessageState::Pending));
        model.appendThinking(row, u"hmm");
        model.appendContent(row, u"Hello");
        model.flush();
        model.setState(row, MessageState::Complete);
        model.setData(model.index(row), true, ChatModel::ThinkingExpandedRole);
        model.removeMessages(0, 1);
        model.setMessages({msg(QStringLiteral("user"), QStringLiteral("a")),
                           msg(QStringLiteral("assistant"), QStringLiteral("b"))});
        QCOMPARE(model.rowCount(), 2);
    }

    void olderMessagesGoAboveWhileAReplyStreamsBelow()
    {
        ChatModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMessages({msg(QStringLiteral("user"), QStringLiteral("c"))});
        const int reply =
            model.appendMessage(msg(QStringLiteral("assistant"), {}, MessageState::Streaming));
        const quint64 uid = model.message(reply).uid;
        model.appendContent(reply, u"par");
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.prependMessages({msg(QStringLiteral("user"), QStringLiteral("a")),
                               msg(QStringLiteral("assistant"), QStringLiteral("b"))});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.message(0).content, QStringLiteral("a"));
        QCOMPARE(model.message(2).content, QStringLiteral("c"));
        // The streaming reply keeps its uid (and its buffered text) in its new row.
        QCOMPARE(model.rowOfUid(uid), 3);
        model.appendContent(3, u"tial");
        model.flush();
        QCOMPARE(model.message(3).content, QStringLiteral("partial"));
        QVERIFY(model.message(0).uid != model.message(1).uid);
        QVERIFY(model.message(0).uid != uid);
    }

    void exposesEveryRole()
    {
        ChatModel model;
        ConversationMessage m =
            msg(QStringLiteral("assistant"), QStringLiteral("text"), MessageState::Stalled);
        m.thinking = QStringLiteral("thought");
        m.errorText = QStringLiteral("The server stopped sending.");
        m.model = QStringLiteral("llama3.2:3b");
        m.stats.outputTokens = 12;
        m.thinkingMs = 3200;
        model.appendMessage(m);
        const QModelIndex i = model.index(0);
        QCOMPARE(i.data(ChatModel::RoleRole).toString(), QStringLiteral("assistant"));
        QCOMPARE(i.data(ChatModel::ContentRole).toString(), QStringLiteral("text"));
        QCOMPARE(i.data(ChatModel::ThinkingRole).toString(), QStringLiteral("thought"));
        QCOMPARE(MessageState(i.data(ChatModel::StateRole).toInt()), MessageState::Stalled);
        QCOMPARE(i.data(ChatModel::ErrorTextRole).toString(),
                 QStringLiteral("The server stopped sending."));
        QCOMPARE(i.data(ChatModel::ModelNameRole).toString(), QStringLiteral("llama3.2:3b"));
        QCOMPARE(i.data(ChatModel::StatsRole).value<ReplyStats>().outputTokens, 12);
        QCOMPARE(i.data(ChatModel::ThinkingDurationRole).toLongLong(), 3200);
        QVERIFY(i.data(ChatModel::CreatedRole).toDateTime().isValid());
        QCOMPARE(i.internalId(), i.data(ChatModel::UidRole).value<quint64>());
        QCOMPARE(messageStateName(MessageState::Interrupted), QStringLiteral("interrupted"));
    }

    void burstOfDeltasIsCoalesced()
    {
        ChatModel model;
        model.appendMessage(msg(QStringLiteral("user"), QStringLiteral("go")));
        const int row =
            model.appendMessage(msg(QStringLiteral("assistant"), {}, MessageState::Streaming));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QString expected;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 10'000; ++i) {
            const QString token = QStringLiteral("t%1 ").arg(i);
            expected += token;
            model.appendContent(row, token);
            if (i % 500 == 0)
                QCoreApplication::processEvents(); // the event loop runs now and then
        }
        // Nothing was emitted per delta: at most one update per elapsed tick, plus one.
        const qint64 ticks = clock.elapsed() / model.updateIntervalMs() + 2;
        QVERIFY2(changed.count() <= ticks,
                 qPrintable(QStringLiteral("%1 updates").arg(changed.count())));
        QTRY_VERIFY(!model.hasPendingText());
        QCOMPARE(model.message(row).content, expected);
        QVERIFY(changed.count() >= 1);
        QVERIFY(changed.count() <= ticks + 1);
        for (const QList<QVariant> &args : std::as_const(changed)) {
            QCOMPARE(args.at(0).toModelIndex().row(), row);
            QCOMPARE(args.at(1).toModelIndex().row(), row);
            const auto roles = args.at(2).value<QList<int>>();
            QVERIFY(roles.contains(ChatModel::ContentRole));
            QVERIFY(!roles.contains(ChatModel::ThinkingRole));
            QVERIFY(!roles.contains(ChatModel::StateRole));
        }
    }

    void endingAReplyAppliesBufferedTextFirst()
    {
        ChatModel model;
        const int row =
            model.appendMessage(msg(QStringLiteral("assistant"), {}, MessageState::Streaming));
        model.appendContent(row, u"partial ");
        model.appendContent(row, u"text");
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setState(row, MessageState::Stalled, QStringLiteral("Stalled."));
        QCOMPARE(model.message(row).content, QStringLiteral("partial text"));
        QCOMPARE(changed.count(), 2); // the text, then the state
        const auto last = changed.last().at(2).value<QList<int>>();
        QVERIFY(last.contains(ChatModel::StateRole));
        QVERIFY(last.contains(ChatModel::ErrorTextRole));
    }

    void measuresThinkingUntilTheAnswerStarts()
    {
        Test::ManualClock clock;
        ChatModel model;
        const int row =
            model.appendMessage(msg(QStringLiteral("assistant"), {}, MessageState::Streaming));
        model.appendThinking(row, u"Let me think");
        clock.advance(60);
        model.appendThinking(row, u" harder"); // still thinking: the clock goes on
        clock.advance(15);
        model.appendContent(row, u"Answer");
        clock.advance(30);
        model.appendContent(row, u" more");
        model.flush();
        const qint64 ms = model.message(row).thinkingMs;
        QCOMPARE(ms, qint64(75));
        QCOMPARE(model.index(row).data(ChatModel::ThinkingDurationRole).toLongLong(), ms);
    }

    void expandingThinkingNamesOnlyThatRole()
    {
        ChatModel model;
        model.appendMessage(msg(QStringLiteral("assistant"), QStringLiteral("x")));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.setData(model.index(0), true, ChatModel::ThinkingExpandedRole));
        QCOMPARE(changed.count(), 1);
        const auto roles = changed.first().at(2).value<QList<int>>();
        QVERIFY(roles.contains(ChatModel::ThinkingExpandedRole));
        QVERIFY(!roles.contains(ChatModel::ContentRole));
        QVERIFY(!model.setData(model.index(0), QStringLiteral("no"), ChatModel::ContentRole));
    }

    // The status bar's words for each watchdog phase, and for a finished reply.
    void statusTexts()
    {
        PhaseSnapshot s;
        s.model = QStringLiteral("llama3.2:3b");
        s.phase = ChatReply::Phase::Connecting;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Connecting…"));
        s.phaseElapsedMs = 3400;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Connecting… 3 s"));
        s.phase = ChatReply::Phase::LoadingModel;
        s.phaseElapsedMs = 23'900;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Loading model llama3.2:3b… 23 s"));
        s.phase = ChatReply::Phase::Waiting;
        s.phaseElapsedMs = 4000;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Waiting for first token… 4 s"));
        s.phase = ChatReply::Phase::Streaming;
        s.phaseElapsedMs = 200; // since the last piece
        s.tokensPerSecond = 47.6;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Streaming · 48 tok/s"));
        s.thinking = true;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Thinking · 48 tok/s"));
        s.tokensPerSecond = 0.4; // a large model on a CPU: not "0 tok/s"
        QCOMPARE(phaseStatusText(s), QStringLiteral("Thinking · 0.4 tok/s"));
        s.thinking = false;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Streaming · 0.4 tok/s"));
        s.thinking = true;
        s.tokensPerSecond = -1;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Thinking…"));
        s.phaseElapsedMs = 6400; // silent mid-stream
        QCOMPARE(phaseStatusText(s), QStringLiteral("No data for 6 s…"));
        s.phase = ChatReply::Phase::Retrying;
        s.retryInMs = 1200;
        QCOMPARE(phaseStatusText(s), QStringLiteral("Retrying in 2 s…"));
        ReplyStats stats;
        stats.timeToFirstTokenMs = 420;
        stats.tokensPerSecond = 48.25;
        stats.outputTokens = 312;
        stats.loadMs = 2100;
        QCOMPARE(
            finishedStatusText(stats),
            QStringLiteral("Done · First token 0.42 s · 48.3 tok/s · 312 tokens · load 2.1 s"));
        QCOMPARE(finishedStatusText({}), QStringLiteral("Done"));
    }
};

QTEST_GUILESS_MAIN(TestChatModel)
#include "tst_chatmodel.moc"
