// Saving a reply while it streams: coalesced writes at most once per interval, a final
// write with the end state, and nothing lost beyond the last interval if the app dies.
#include "core/storage/conversationstore.h"
#include "core/storage/streamingsaver.h"
#include "manualclock.h"
#include "storagetestutil.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Sluice;
using namespace SluiceTest;

class TestStreamingSaver final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ConversationStore m_store;
    qint64 m_replyId = 0;

    QString path() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }
    QString contentOnDisk() const
    {
        return queryValue(
                   path(),
                   QStringLiteral("SELECT content FROM messages WHERE id = %1").arg(m_replyId))
            .toString();
    }

private Q_SLOTS:
    void init()
    {
        m_store.close();
        QFile::remove(path());
        QVERIFY(m_store.open(path()));
        const auto c = m_store.createConversation();
        ConversationMessage user;
        user.role = QStringLiteral("user");
        user.content = QStringLiteral("question");
        QVERIFY(m_store.addMessage(c->id, user));
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.state = MessageState::Streaming;
        m_replyId = m_store.addMessage(c->id, reply)->id;
    }

    void manyDeltasBecomeOneWritePerInterval()
    {
        Test::ManualClock clock;
        StreamingSaver saver(&m_store, m_replyId);
        saver.setIntervalMs(100);
        for (int i = 0; i < 500; ++i)
            saver.appendContent(u"tok ");
        QCOMPARE(saver.writeCount(), 0); // nothing written synchronously per delta
        QVERIFY(saver.hasUnsavedText());
        clock.advance(99);
        QCOMPARE(saver.writeCount(), 0); // not before the interval is over
        clock.advance(1);
        QCOMPARE(saver.writeCount(), 1); // exactly when it is
        QCOMPARE(contentOnDisk().size(), 500 * 4);
        QVERIFY(!saver.hasUnsavedText());

        // Without new deltas nothing more is written.
        clock.advance(10'000);
        QCOMPARE(saver.writeCount(), 1);
    }

    void aSteadyStreamIsWrittenOncePerInterval()
    {
        Test::ManualClock clock;
        StreamingSaver saver(&m_store, m_replyId);
        saver.setIntervalMs(100);
        QString sent;
        for (int ms = 0; ms < 1000; ms += 5) { // a delta every 5 ms for a second
            saver.appendContent(u"x");
            sent += u'x';
            clock.advance(5);
            // Written at 100, 200, ... ms: the first delta after a write starts the interval.
            QCOMPARE(saver.writeCount(), (ms + 5) / 100);
        }
        // 200 deltas, ten writes; the last one holds everything sent.
        QCOMPARE(saver.writeCount(), 10);
        QCOMPARE(contentOnDisk(), sent);
    }

    void finishWritesStateStatsAndEverything()
    {
        StreamingSaver saver(&m_store, m_replyId);
        saver.appendThinking(u"hmm");
        saver.appendContent(u"The answer");
        ReplyStats stats;
        stats.outputTokens = 2;
        stats.finishReason = QStringLiteral("stop");
        QVERIFY(saver.finish(MessageState::Complete, {}, stats, QStringLiteral("m1")));
        const auto reply = m_store.message(m_replyId);
        QCOMPARE(reply->content, QStringLiteral("The answer"));
        QCOMPARE(reply->thinking, QStringLiteral("hmm"));
        QCOMPARE(reply->state, MessageState::Complete);
        QCOMPARE(reply->stats.outputTokens, 2);
        QCOMPARE(reply->model, QStringLiteral("m1"));
        // A late chunk after the end changes nothing.
        saver.appendContent(u" late");
        saver.flush();
        QCOMPARE(contentOnDisk(), QStringLiteral("The answer"));
    }

    void failedReplyKeepsItsPartialTextAndError()
    {
        StreamingSaver saver(&m_store, m_replyId);
        saver.appendContent(u"partial");
        QVERIFY(saver.finish(MessageState::Stalled,
                             QStringLiteral("The server sent nothing for 60 seconds.")));
        const auto reply = m_store.message(m_replyId);
        QCOMPARE(reply->content, QStringLiteral("partial"));
        QCOMPARE(reply->state, MessageState::Stalled);
        QCOMPARE(reply->errorText, QStringLiteral("The server sent nothing for 60 seconds."));
    }

    void aDyingAppLosesAtMostTheLastInterval()
    {
        Test::ManualClock clock;
        auto *saver = new StreamingSaver(&m_store, m_replyId);
        saver->setIntervalMs(100);
        saver->appendContent(u"first part ");
        clock.advance(100);
        QCOMPARE(contentOnDisk(), QStringLiteral("first part "));
        saver->appendContent(u"unsaved tail");
        // The process dies now: what a new start sees is what is on disk.
        QCOMPARE(contentOnDisk(), QStringLiteral("first part "));
        m_store.close();
        ConversationStore reopened;
        QVERIFY(reopened.open(path()));
        QCOMPARE(reopened.message(m_replyId)->state, MessageState::Interrupted);
        QCOMPARE(reopened.message(m_replyId)->content, QStringLiteral("first part "));
        delete saver; // (its store is gone; nothing to write)
    }

    void destroyingTheSaverWritesWhatIsPending()
    {
        {
            StreamingSaver saver(&m_store, m_replyId);
            saver.appendContent(u"pending");
        }
        QCOMPARE(contentOnDisk(), QStringLiteral("pending"));
    }

    // Each append makes SQLite rewrite the stored reply, so writes get slower as a reply
    // grows; the saver spaces them by their cost, keeping the total work linear.
    void slowWritesAreSpacedOut()
    {
        Test::ManualClock clock;
        StreamingSaver saver(&m_store, m_replyId);
        saver.setIntervalMs(100);
        QCOMPARE(saver.currentIntervalMs(), 100);
        saver.appendContent(u"a long reply ");
        clock.setStepPerRead(150); // the write "takes" 150 ms (read before and after it)
        saver.flush();
        clock.setStepPerRead(0);
        QCOMPARE(saver.currentIntervalMs(), 150 * StreamingSaver::kQuietFactor);
        QCOMPARE(contentOnDisk(), QStringLiteral("a long reply "));
        saver.appendContent(u"goes on");
        clock.advance(1499); // well past the set interval, not yet the spaced one
        QCOMPARE(saver.writeCount(), 1);
        QVERIFY(saver.hasUnsavedText());
        clock.advance(1);
        QCOMPARE(saver.writeCount(), 2);
        QCOMPARE(contentOnDisk(), QStringLiteral("a long reply goes on")); // appended
    }

    // A write that fails keeps the text: the next one saves it, nothing in between is lost.
    void aFailedWriteKeepsTheTextForTheNextOne()
    {
        StreamingSaver saver(&m_store, m_replyId);
        QSignalSpy failures(&saver, &StreamingSaver::saveFailed);
        saver.appendContent(u"kept ");
        saver.flush();
        {
            // Another connection holds the write lock longer than a writer waits.
            QSqlDatabase other =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
            other.setDatabaseName(path());
            other.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
            QVERIFY(other.open());
            QSqlQuery lock(other);
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QVERIFY(m_store.setBusyTimeoutMs(0));
            saver.appendContent(u"while ");
            saver.flush();
            QVERIFY(saver.isFailing());
            saver.appendContent(u"locked ");
            saver.flush();
            QCOMPARE(failures.size(), 1); // said once, not on every retry
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        saver.appendContent(u"then free");
        saver.flush();
        QVERIFY(!saver.isFailing());
        QCOMPARE(contentOnDisk(), QStringLiteral("kept while locked then free"));
    }

    void continuesAfterTextAlreadyStored()
    {
        QVERIFY(m_store.updateStreamingText(m_replyId, QStringLiteral("Once upon"), {}));
        StreamingSaver saver(&m_store, m_replyId); // "Continue" on an interrupted reply
        saver.appendContent(u" a time");
        saver.flush();
        QCOMPARE(contentOnDisk(), QStringLiteral("Once upon a time"));
    }
};

QTEST_GUILESS_MAIN(TestStreamingSaver)
#include "tst_streamingsaver.moc"
