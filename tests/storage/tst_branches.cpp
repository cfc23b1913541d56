// Conversations as trees (schema version 6): versions side by side, the path shown remembered,
// reading along it page by page, deleting a subtree and undoing it, branching into a new
// conversation, and an interrupted branch after a crash. The migration from every earlier
// schema version is in tst_schemamigrations.
#include "cli/historycommand.h"
#include "core/storage/conversationexport.h"
#include "core/storage/conversationstore.h"
#include "core/storage/datalocation.h"
#include "core/storage/streamingsaver.h"
#include "manualclock.h"
#include "storagetestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Sluice;
using namespace SluiceTest;

namespace {

ConversationMessage message(const char *role, const char *text, qint64 parent)
{
    ConversationMessage m;
    m.role = QString::fromUtf8(role);
    m.content = QString::fromUtf8(text);
    m.parentId = parent;
    return m;
}

QStringList L(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items)
        result << QString::fromUtf8(item);
    return result;
}

QStringList texts(const QList<ConversationMessage> &messages)
{
    QStringList result;
    for (const ConversationMessage &m : messages)
        result << m.content;
    return result;
}

} // namespace

class TestBranches final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }

private Q_SLOTS:
    void init() { QFile::remove(path()); }

    void versionsPathsAndPagesFollowTheSelection()
    {
        qint64 c = 0;
        {
            ConversationStore store;
            QVERIFY(store.open(path()));
            c = store.createConversation()->id;
            const qint64 q = store.addMessage(c, message("user", "q", 0))->id;
            const qint64 a1 = store.addMessage(c, message("assistant", "a1", q))->id;
            store.addMessage(c, message("user", "q2 under a1", a1));
            store.addMessage(c, message("assistant", "a2", q));
            const qint64 a3 = store.addMessage(c, message("assistant", "a3", q))->id;
            const ConversationTree t = store.tree(c);
            QCOMPARE(t.siblings(a3).index, 2);
            QCOMPARE(t.siblings(a3).count, 3);
            QCOMPARE(t.siblings(q).count, 1);
            // The newest version is shown; choosing the first shows what followed it.
            QCOMPARE(texts(store.messages(c)), L({"q", "a3"}));
            QVERIFY(store.selectMessage(a1));
        }
        ConversationStore store; // the choice is remembered in the file
        QVERIFY(store.open(path()));
        QCOMPARE(texts(store.messages(c)), L({"q", "a1", "q2 under a1"}));
        QCOMPARE(texts(store.lastMessages(c, 2)), L({"a1", "q2 under a1"}));
        const int secondPosition = store.lastMessages(c, 2).first().position;
        QCOMPARE(texts(store.messagesBefore(c, secondPosition, 5)), L({"q"}));
        QCOMPARE(store.allMessages(c).size(), 5);
    }

    void deletingASubtreeSaysWhatWentAndUndoBringsItBack()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        const qint64 c = store.createConversation()->id;
        const qint64 q = store.addMessage(c, message("user", "question", 0))->id;
        const qint64 a1 = store.addMessage(c, message("assistant", "first walrus", q))->id;
        const qint64 q2 = store.addMessage(c, message("user", "more", a1))->id;
        store.addMessage(c, message("assistant", "second walrus", q2));
        store.addMessage(c, message("assistant", "other", q2));
        const qint64 a2 = store.addMessage(c, message("assistant", "a2", q))->id;
        store.selectMessage(a1);

        const auto removed = store.removeSubtree(a1);
        QVERIFY(removed);
        QCOMPARE(removed->messages.size(), 4);
        QCOMPARE(store.allMessages(c).size(), 2);
        QCOMPARE(texts(store.messages(c)), L({"question", "a2"}));
        QVERIFY(store.search(QStringLiteral("walrus")).isEmpty());
        // Something new meanwhile, then Undo: everything back, the same ids, findable again.
        store.addMessage(c, message("assistant", "a3", q));
        QVERIFY2(store.restoreSubtree(*removed), qPrintable(store.errorString()));
        QCOMPARE(store.allMessages(c).size(), 7);
        QCOMPARE(store.selectedMessage(c), a1);
        QCOMPARE(texts(store.messages(c)), L({"question", "first walrus", "more", "other"}));
        QCOMPARE(store.search(QStringLiteral("walrus")).value(0).matchCount, 2);
        QCOMPARE(store.tree(c).siblings(a2).count, 3);
    }

    // Deleted messages are kept like a deleted conversation: an hour, across restarts, with
    // their images and tool calls, out of the list and of search; then purged with them.
    void deletedMessagesAreKeptForAnHourAcrossRestarts()
    {
        QDateTime clock = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000);
        qint64 c = 0, a1 = 0;
        const QByteArray pixels("not really a PNG, but bytes to keep");
        {
            ConversationStore store;
            store.setClock([&clock] { return clock; });
            QVERIFY(store.open(path()));
            c = store.createConversation()->id;
            const qint64 q = store.addMessage(c, message("user", "question", 0))->id;
            ConversationMessage answer = message("assistant", "a narwhal answer", q);
            a1 = store.addMessage(c, answer)->id;
            ToolCallRecord call;
            call.callId = QStringLiteral("call_1");
            call.name = QStringLiteral("atlas");
            call.state = ToolCallRecord::State::Ok;
            call.resultText = QStringLiteral("Arctic");
            QVERIFY(store.saveToolCalls(a1, {call}));
            ConversationMessage more = message("user", "with a picture", a1);
            Attachment image;
            image.fileName = QStringLiteral("tusk.png");
            image.mediaType = QStringLiteral("image/png");
            image.data = pixels;
            image.thumbnail = QByteArray("thumb");
            more.attachments = {image};
            QVERIFY(store.addMessage(c, more));
            store.addMessage(c, message("assistant", "other", q));

            const auto removed = store.removeSubtree(a1);
            QVERIFY2(removed, qPrintable(store.errorString()));
            QVERIFY(removed->keptIn > 0);
            QCOMPARE(removed->messages.size(), 2);
            QCOMPARE(texts(store.messages(c)), L({"question", "other"}));
            QCOMPARE(store.conversations().size(), 1); // what keeps them is not listed
            QVERIFY(store.search(QStringLiteral("narwhal")).isEmpty());
            QVERIFY(store.search(QStringLiteral("picture")).isEmpty());
        }
        const auto countOf = [this](const char *table) {
            return queryValue(path(), QStringLiteral("SELECT count(*) FROM %1")
                                          .arg(QString::fromUtf8(table)))
                .toInt();
        };
        QCOMPARE(countOf("attachments"), 1);
        QCOMPARE(countOf("tool_calls"), 1);

        clock = clock.addSecs(30 * 60); // half an hour later, after a restart: Undo still works
        {
            ConversationStore store;
            store.setClock([&clock] { return clock; });
            QVERIFY(store.open(path()));
            const QList<ConversationStore::RemovedSubtree> kept = store.removedSubtrees(c);
            QCOMPARE(kept.size(), 1);
            QCOMPARE(texts(kept.first().messages), L({"a narwhal answer", "with a picture"}));
            QVERIFY2(store.restoreSubtree(kept.first()), qPrintable(store.errorString()));
            QVERIFY(!store.restoreSubtree(kept.first())); // once
            QVERIFY2(store.errorString().contains(u"no longer kept"),
                     qPrintable(store.errorString()));
            QCOMPARE(store.allMessages(c).size(), 4);
            QCOMPARE(store.message(a1)->toolCalls.value(0).resultText, QStringLiteral("Arctic"));
            QCOMPARE(store.search(QStringLiteral("narwhal")).size(), 1);
            QVERIFY(store.selectMessage(a1));
            const ConversationMessage withImage = store.messages(c).last();
            QCOMPARE(withImage.content, QStringLiteral("with a picture"));
            QCOMPARE(store.attachmentData(withImage.attachments.value(0).id).value_or(""), pixels);
            QVERIFY(store.removedSubtrees(c).isEmpty());
            QVERIFY(store.removeSubtree(a1)); // and again, to be purged
        }

        clock = clock.addSecs(61 * 60); // over an hour after: purged when the history opens
        ConversationStore store;
        store.setClock([&clock] { return clock; });
        QVERIFY(store.open(path()));
        QVERIFY(store.removedSubtrees(c).isEmpty());
        QCOMPARE(texts(store.messages(c)), L({"question", "other"}));
        QCOMPARE(countOf("attachments"), 0);
        QCOMPARE(countOf("tool_calls"), 0);
        QCOMPARE(countOf("messages"), 2);
        QCOMPARE(countOf("conversations"), 1);
    }

    void branchingFromAMessageMakesALinkedConversation()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        Conversation draft;
        draft.title = QStringLiteral("Rivers");
        draft.model = QStringLiteral("llama3");
        draft.systemPrompt = QStringLiteral("Be brief.");
        const qint64 c = store.createConversation(draft)->id;
        const qint64 q = store.addMessage(c, message("user", "q", 0))->id;
        const qint64 a = store.addMessage(c, message("assistant", "a", q))->id;
        store.addMessage(c, message("user", "later", a));
        const std::optional<qint64> branch = store.branchConversation(a);
        QVERIFY(branch);
        const Conversation b = *store.conversation(*branch);
        QCOMPARE(b.title, QStringLiteral("Rivers (branch)"));
        QCOMPARE(b.model, QStringLiteral("llama3"));
        QCOMPARE(b.systemPrompt, QStringLiteral("Be brief."));
        QCOMPARE(texts(store.messages(*branch)), L({"q", "a"}));
        QCOMPARE(store.origin(*branch)->conversationId, c);
        QCOMPARE(store.origin(*branch)->messageId, a);
        QVERIFY(!store.origin(c));
        QCOMPARE(store.messages(c).size(), 3); // the origin is untouched
    }

    // What a kill -9 leaves: the branch's reply as last saved while it streamed. Opened again,
    // that branch is the one shown, marked interrupted, with no more than the last interval lost.
    void aBranchStreamingWhenTheAppDiedComesBackMarked()
    {
        Test::ManualClock clock;
        ConversationStore dying;
        QVERIFY(dying.open(path()));
        const qint64 c = dying.createConversation()->id;
        const qint64 q = dying.addMessage(c, message("user", "q", 0))->id;
        dying.addMessage(c, message("assistant", "first answer", q));
        ConversationMessage reply = message("assistant", "", q);
        reply.state = MessageState::Streaming;
        const qint64 branch = dying.addMessage(c, reply)->id;
        StreamingSaver saver(&dying, branch);
        saver.appendContent(u"saved part ");
        clock.advance(StreamingSaver::kDefaultIntervalMs);
        QTRY_COMPARE(saver.writeCount(), 1);
        saver.appendContent(u"lost part");

        ConversationStore reopened; // the process died here: nothing more reached the file
        QVERIFY(reopened.open(path()));
        QCOMPARE(reopened.interruptedOnOpen(), 1);
        const QList<ConversationMessage> shown = reopened.messages(c);
        QCOMPARE(shown.last().id, branch);
        QCOMPARE(shown.last().state, MessageState::Interrupted);
        QCOMPARE(shown.last().content, QStringLiteral("saved part "));
        QCOMPARE(reopened.tree(c).siblings(branch).count, 2);
    }

    void importingATreeKeepsItsShapeAndSelection()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        QList<ConversationMessage> file{message("user", "q", 0), message("assistant", "a1", 100),
                                        message("assistant", "a2", 100)};
        file[0].id = 100;
        file[1].id = 101;
        file[2].id = 102;
        const std::optional<qint64> c = store.importTree({}, file, 101);
        QVERIFY(c);
        QCOMPARE(texts(store.messages(*c)), L({"q", "a1"}));
        QCOMPARE(store.allMessages(*c).size(), 3);
        QCOMPARE(store.conversation(*c)->title, QStringLiteral("q"));
    }
    // JSON keeps the whole tree and the path shown; importing it gives back every message with
    // the same shape and the same path. Markdown is the path shown.
    void exportAndImportKeepEveryBranchAndThePathShown()
    {
        ConversationStore store;
        QVERIFY(store.open(path()));
        Conversation draft;
        draft.title = QStringLiteral("Lakes");
        const qint64 c = store.createConversation(draft)->id;
        const qint64 q = store.addMessage(c, message("user", "Name a lake", 0))->id;
        const qint64 a1 = store.addMessage(c, message("assistant", "Baikal", q))->id;
        store.addMessage(c, message("user", "Deeper?", a1));
        const qint64 a2 = store.addMessage(c, message("assistant", "Tanganyika", q))->id;
        store.addMessage(c, message("assistant", "Superior", q));
        QVERIFY(store.selectMessage(a2));

        const QByteArray json = ConversationExport::toJson(
            *store.conversation(c), store.allMessages(c), {}, store.selectedPath(c));
        QCOMPARE(QJsonDocument::fromJson(json).object().value(u"version").toInt(), 2);
        QString error;
        const auto read = ConversationExport::fromJson(json, &error);
        QVERIFY2(read, qPrintable(error));
        const std::optional<qint64> copy =
            store.importTree(read->conversation, read->messages, read->selectedMessage);
        QVERIFY(copy);
        QCOMPARE(texts(store.messages(*copy)), L({"Name a lake", "Tanganyika"}));
        QCOMPARE(texts(store.allMessages(*copy)), texts(store.allMessages(c)));
        const ConversationTree t = store.tree(*copy);
        const qint64 copiedFirst = store.allMessages(*copy).first().id;
        QCOMPARE(t.children(copiedFirst).size(), 3);
        QCOMPARE(t.children(0).size(), 1);

        const QString md =
            ConversationExport::toMarkdown(*store.conversation(c), store.messages(c));
        QVERIFY(md.contains(QStringLiteral("Tanganyika")));
        QVERIFY(!md.contains(QStringLiteral("Baikal")));
        const QString all = ConversationExport::allBranchesMarkdown(
            *store.conversation(c), store.allMessages(c), store.selectedPath(c));
        QVERIFY(all.contains(QStringLiteral("branch 1 of 3 (shown)")));
        QVERIFY(all.indexOf(QStringLiteral("Tanganyika")) < all.indexOf(QStringLiteral("Baikal")));
        QVERIFY(all.contains(QStringLiteral("Deeper?")));
        QVERIFY(all.contains(QStringLiteral("Superior")));
    }

    // A file written before conversations were trees (format version 1) imports as one path.
    void aLinearFileFromBeforeImportsAsOnePath()
    {
        const QByteArray v1 = R"({"format":"sluice-conversation","version":1,
            "conversation":{"title":"Old"},
            "messages":[{"role":"user","content":"one"},{"role":"assistant","content":"two"},
                        {"role":"user","content":"three"}]})";
        QString error;
        const auto read = ConversationExport::fromJson(v1, &error);
        QVERIFY2(read, qPrintable(error));
        ConversationStore store;
        QVERIFY(store.open(path()));
        const qint64 c =
            *store.importTree(read->conversation, read->messages, read->selectedMessage);
        QCOMPARE(texts(store.messages(c)), L({"one", "two", "three"}));
        QCOMPARE(store.tree(c).path(0).size(), 3);
    }

    void theExportCommandWritesEveryBranchWhenAsked()
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("data"));
        qint64 c = 0;
        {
            ConversationStore store;
            QVERIFY(store.open(historyDatabasePath(dataDir)));
            c = store.createConversation()->id;
            const qint64 q = store.addMessage(c, message("user", "Name a lake", 0))->id;
            store.addMessage(c, message("assistant", "Baikal", q));
            store.addMessage(c, message("assistant", "Tanganyika", q));
        }
        const auto run = [&](QStringList args) {
            QString out;
            QString err;
            QTextStream o(&out);
            QTextStream e(&err);
            args << QString::number(c) << QStringLiteral("--data-dir") << dataDir;
            const int code = Cli::exportCommandOn(args, o, e);
            o.flush();
            return code == 0 ? out : QStringLiteral("failed: ") + err;
        };
        const QString shown = run({});
        QVERIFY2(shown.contains(QStringLiteral("Tanganyika")), qPrintable(shown));
        QVERIFY(!shown.contains(QStringLiteral("Baikal")));
        const QString all = run({QStringLiteral("--all-branches")});
        QVERIFY2(all.contains(QStringLiteral("Baikal")) &&
                     all.contains(QStringLiteral("Tanganyika")),
                 qPrintable(all));
        const QString json = run({QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(
            QJsonDocument::fromJson(json.toUtf8()).object().value(u"messages").toArray().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestBranches)
#include "tst_branches.moc"
