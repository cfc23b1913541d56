// History benchmark: opening a 10 000-message conversation, listing, searching 100 000
// messages, and the cost of saving while a reply streams.
//
//   bench_history [--runs N] [--messages N] [--csv FILE] [--dir DIR]
//
// Prints median/min/max per measurement and writes the same as CSV.
#include "core/storage/conversationstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Sluice;

namespace {

struct Result
{
    QString name;
    QList<double> samplesMs;
};

// Words with a skewed (Zipf-like) frequency, so search sees common and rare terms.
class TextGenerator
{
public:
    TextGenerator() : m_random(42)
    {
        const QStringList syllables = {
            QStringLiteral("ka"),  QStringLiteral("lo"),  QStringLiteral("mi"),
            QStringLiteral("ren"), QStringLiteral("tu"),  QStringLiteral("sa"),
            QStringLiteral("vor"), QStringLiteral("el"),  QStringLiteral("dri"),
            QStringLiteral("om"),  QStringLiteral("pex"), QStringLiteral("nu")};
        for (int i = 0; i < 5000; ++i) {
            QString word;
            const int parts = 1 + int(m_random.bounded(3));
            for (int p = 0; p < parts; ++p)
                word += syllables.at(int(m_random.bounded(int(syllables.size()))));
            m_words << word + QString::number(i % 97);
        }
        // A few real words at known ranks.
        m_words[3] = QStringLiteral("river");
        m_words[400] = QStringLiteral("otter");
        m_words[4900] = QStringLiteral("zeppelin");
    }

    QString paragraph(int words)
    {
        QString text;
        for (int i = 0; i < words; ++i) {
            const double r = m_random.generateDouble();
            text += m_words.at(int(std::pow(r, 3.0) * double(m_words.size() - 1))) + u' ';
        }
        return text;
    }

private:
    QRandomGenerator m_random;
    QStringList m_words;
};

QList<ConversationMessage> makeMessages(TextGenerator &text, int count)
{
    QList<ConversationMessage> messages;
    messages.reserve(count);
    for (int i = 0; i < count; ++i) {
        ConversationMessage m;
        m.role = i % 2 == 0 ? QStringLiteral("user") : QStringLiteral("assistant");
        m.content = text.paragraph(i % 2 == 0 ? 20 : 80);
        messages.append(m);
    }
    return messages;
}

double timeMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

Result measure(const QString &name, int runs, const std::function<void()> &work)
{
    Result result{name, {}};
    work(); // warm-up, not counted
    for (int i = 0; i < runs; ++i)
        result.samplesMs.append(timeMs(work));
    return result;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per item."),
                                        QStringLiteral("n"), QStringLiteral("7"));
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
                                            QStringLiteral("Messages in the search corpus."),
                                            QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption csvOption(QStringLiteral("csv"), QStringLiteral("CSV output."),
                                       QStringLiteral("file"), QStringLiteral("bench_history.csv"));
    const QCommandLineOption dirOption(QStringLiteral("dir"),
                                       QStringLiteral("Folder for the database (default: temp)."),
                                       QStringLiteral("dir"));
    parser.addOptions({runsOption, messagesOption, csvOption, dirOption});
    parser.process(app);
    const int runs = qMax(5, parser.value(runsOption).toInt());
    const int corpus = qMax(10'000, parser.value(messagesOption).toInt());

    QTemporaryDir temp;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : temp.path();
    const QString path = dir + QStringLiteral("/history.sqlite");
    QFile::remove(path);
    QTextStream out(stdout);

    // Build the corpus: one conversation of 10 000 messages, the rest in 1 000-message ones.
    TextGenerator text;
    qint64 bigId = 0;
    {
        ConversationStore store;
        if (!store.open(path)) {
            out << "cannot open " << path << ": " << store.errorString() << Qt::endl;
            return 1;
        }
        QElapsedTimer build;
        build.start();
        Conversation big;
        big.title = QStringLiteral("Ten thousand messages");
        bigId = *store.importConversation(big, makeMessages(text, 10'000));
        for (int stored = 10'000; stored < corpus; stored += 1'000) {
            Conversation c;
            c.title = QStringLiteral("Conversation %1").arg(stored / 1'000);
            store.importConversation(c, makeMessages(text, 1'000));
        }
        out << "built " << corpus << " messages in " << build.elapsed() << " ms ("
            << QFile(path).size() / (1024 * 1024) << " MiB)" << Qt::endl;
    }

    QList<Result> results;
    results << measure(QStringLiteral("open store (file of all messages)"), runs, [&] {
        ConversationStore store;
        store.open(path);
    });

    ConversationStore store;
    store.open(path);
    results << measure(QStringLiteral("list conversations"), runs,
                       [&] { (void)store.conversations(); });
    results << measure(QStringLiteral("newest 50 of 10k messages"), runs,
                       [&] { (void)store.lastMessages(bigId, 50); });
    results << measure(QStringLiteral("all 10k messages of a conversation"), runs,
                       [&] { (void)store.messages(bigId); });
    const QList<QPair<QString, QString>> searches = {
        {QStringLiteral("search common word \"river\""), QStringLiteral("river")},
        {QStringLiteral("search prefix \"ot\" (as typed)"), QStringLiteral("ot")},
        {QStringLiteral("search rare word \"zeppelin\""), QStringLiteral("zeppelin")},
        {QStringLiteral("search two words \"river ott\""), QStringLiteral("river ott")},
        {QStringLiteral("search no match \"qqqq\""), QStringLiteral("qqqq")},
    };
    for (const auto &search : searches) {
        const QString query = search.second;
        results << measure(search.first, runs, [&] { (void)store.search(query, 50); });
    }

    // Saving during a fast stream: add the user's message, then the reply grows by ~1 KB a
    // second and is written once per second (what StreamingSaver does). Each write is timed.
    Conversation live;
    live.title = QStringLiteral("streaming");
    const qint64 liveId = store.createConversation(live)->id;
    Result addUser{QStringLiteral("add user message (commit)"), {}};
    Result streamWrite{QStringLiteral("streaming save (one write, up to 60 KB)"), {}};
    Result finalWrite{QStringLiteral("final save of a finished reply"), {}};
    for (int r = 0; r < runs; ++r) {
        ConversationMessage user;
        user.role = QStringLiteral("user");
        user.content = text.paragraph(30);
        addUser.samplesMs << timeMs([&] { store.addMessage(liveId, user); });
        ConversationMessage reply;
        reply.role = QStringLiteral("assistant");
        reply.state = MessageState::Streaming;
        ConversationMessage stored = *store.addMessage(liveId, reply);
        QString content;
        for (int second = 0; second < 60; ++second) {
            content += text.paragraph(150);
            streamWrite.samplesMs << timeMs(
                [&] { store.updateStreamingText(stored.id, content, QString()); });
        }
        stored.content = content;
        stored.state = MessageState::Complete;
        finalWrite.samplesMs << timeMs([&] { store.updateMessage(stored); });
    }
    results << addUser << streamWrite << finalWrite;

    // Table and CSV.
    QFile csv(parser.value(csvOption));
    const bool writeCsv = csv.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text);
    QTextStream csvOut(&csv);
    csvOut << "measurement,samples,median_ms,min_ms,max_ms\n";
    out << QStringLiteral("measurement").leftJustified(42)
        << "  n    median       min       max (ms)" << Qt::endl;
    for (const Result &r : results) {
        const double med = median(r.samplesMs);
        const double lo = *std::min_element(r.samplesMs.cbegin(), r.samplesMs.cend());
        const double hi = *std::max_element(r.samplesMs.cbegin(), r.samplesMs.cend());
        out << r.name.leftJustified(42) << QString::number(r.samplesMs.size()).rightJustified(4)
            << QString::number(med, 'f', 2).rightJustified(10)
            << QString::number(lo, 'f', 2).rightJustified(10)
            << QString::number(hi, 'f', 2).rightJustified(10) << Qt::endl;
        csvOut << '"' << QString(r.name).replace(u'"', QStringLiteral("\"\"")) << "\","
               << r.samplesMs.size() << ',' << med << ',' << lo << ',' << hi << '\n';
    }
    if (writeCsv)
        out << "CSV written to " << csv.fileName() << Qt::endl;
    return 0;
}
