// Saving a reply while it streams: coalesced writes at most once per interval, a final
// write with the end state, and nothing lost beyond the last interval if the app dies.
#include "storage/conversationstore.h"
#include "storage/streamingsaver.h"
#include "storagetestutil.h"

#include <QElapsedTimer>
#include <QSignalSpy>
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
        StoredMessage user;
        user.role = QStringLiteral("user");
        user.content = QStringLiteral("question");
        QVERIFY(m_store.addMessage(c->id, user));
        StoredMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.state = StoredMessage::State::Streaming;
        m_replyId = m_store.addMessage(c->id, reply)->id;
    }

    void manyDeltasBecomeOneWritePerInterval()
    {
        StreamingSaver saver(&m_store, m_replyId);
        saver.setIntervalMs(100);
        for (int i = 0; i < 500; ++i)
            saver.appendContent(u"tok ");
        QCOMPARE(saver.writeCount(), 0); // nothing written synchronously per delta
        QVERIFY(saver.hasUnsavedText());
        QTRY_COMPARE_WITH_TIMEOUT(saver.writeCount(), 1, 2000);
        QCOMPARE(contentOnDisk().size(), 500 * 4);
        QVERIFY(!saver.hasUnsavedText());

        // Without new deltas nothing more is written.
        QTest::qWait(250);
        QCOMPARE(saver.writeCount(), 1);
    }

    void aSteadyStreamIsWrittenAboutOncePerInterval()
    {
        StreamingSaver saver(&m_store, m_replyId);
        saver.setIntervalMs(100);
        QElapsedTimer elapsed;
        elapsed.start();
        while (elapsed.elapsed() < 1000) {
            saver.appendContent(u"x");
            QTest::qWait(5);
        }
        // ~1000 ms / 100 ms: about ten writes, never one per delta (~200 deltas).
        QVERIFY2(saver.writeCount() >= 5 && saver.writeCount() <= 11,
                 qPrintable(QString::number(saver.writeCount())));
    }

    void finishWritesStateStatsAndEverything()
    {
        StreamingSaver saver(&m_store, m_replyId);
        saver.appendThinking(u"hmm");
        saver.appendContent(u"The answer");
        ReplyStats stats;
        stats.outputTokens = 2;
        stats.finishReason = QStringLiteral("stop");
        QVERIFY(saver.finish(StoredMessage::State::Complete, {}, stats, QStringLiteral("m1")));
        const auto reply = m_store.message(m_replyId);
        QCOMPARE(reply->content, QStringLiteral("The answer"));
        QCOMPARE(reply->thinking, QStringLiteral("hmm"));
        QCOMPARE(reply->state, StoredMessage::State::Complete);
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
        QVERIFY(saver.finish(StoredMessage::State::Stalled,
                             QStringLiteral("The server sent nothing for 60 seconds.")));
        const auto reply = m_store.message(m_replyId);
        QCOMPARE(reply->content, QStringLiteral("partial"));
        QCOMPARE(reply->state, StoredMessage::State::Stalled);
        QCOMPARE(reply->errorText, QStringLiteral("The server sent nothing for 60 seconds."));
    }

    void aDyingAppLosesAtMostTheLastInterval()
    {
        auto *saver = new StreamingSaver(&m_store, m_replyId);
        saver->setIntervalMs(100);
        saver->appendContent(u"first part ");
        QTRY_COMPARE_WITH_TIMEOUT(contentOnDisk(), QStringLiteral("first part "), 2000);
        saver->appendContent(u"unsaved tail");
        // The process dies now: what a new start sees is what is on disk.
        QCOMPARE(contentOnDisk(), QStringLiteral("first part "));
        m_store.close();
        ConversationStore reopened;
        QVERIFY(reopened.open(path()));
        QCOMPARE(reopened.message(m_replyId)->state, StoredMessage::State::Interrupted);
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
