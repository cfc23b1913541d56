// The terminal sanitiser: what an adversarial server sends shows on a terminal as text, never
// as a command to the terminal, and cutting the stream anywhere changes nothing.
#include "splitutil.h"
#include "core/util/terminaltext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Sluice;

namespace {

// The reply of the adversarial run: set the title, clear the screen, write the clipboard.
const QByteArray Attack = "\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07Hi";

// Unsafe characters, apart from the CR of a CRLF line end.
bool hasUnsafe(QString s)
{
    s.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    for (const char32_t c : s.toUcs4())
        if (isTerminalUnsafe(c))
            return true;
    return false;
}

QString throughPieces(const QByteArray &utf8, const QList<qsizetype> &cuts)
{
    TerminalBytesState state;
    QString out;
    for (QByteArrayView piece : SluiceTest::cutInto(utf8, cuts))
        out += sanitizeForTerminal(piece, state);
    out += finishForTerminal(state);
    return out;
}

} // namespace

class TestTerminalText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shownVisibly_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("shown");
        QTest::newRow("title, clear, clipboard")
            << QString::fromUtf8(Attack)
            << QStringLiteral("^[]0;PWNED^G^[[2J^[]52;c;ZWNobyBwd25lZA==^GHi");
        QTest::newRow("OSC 8 link")
            << QStringLiteral("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\")
            << QStringLiteral("^[]8;;http://evil^[\\click^[]8;;^[\\");
        QTest::newRow("CR overwrites")
            << QStringLiteral("safe\rrm -rf") << QStringLiteral("safe^Mrm -rf");
        QTest::newRow("BS erases")
            << QStringLiteral("yes\b\b\bno") << QStringLiteral("yes^H^H^Hno");
        QTest::newRow("NUL and DEL")
            << QString(QStringLiteral("a") + QChar(0) + u"b\x7f") << QStringLiteral("a^@b^?");
        QTest::newRow("C1 CSI") << QStringLiteral("\u009b2J\u0085")
                                << QStringLiteral("<U+009B>2J<U+0085>");
        QTest::newRow("bidi override")
            << QStringLiteral("abc\u202Edcba\u202C") << QStringLiteral("abc<U+202E>dcba<U+202C>");
        QTest::newRow("bidi isolates") << QStringLiteral("\u2066x\u2067y\u2068z\u2069")
                                       << QStringLiteral("<U+2066>x<U+2067>y<U+2068>z<U+2069>");
        QTest::newRow("tag characters")
            << QString(QStringLiteral("a") + QChar(0xDB40) + QChar(0xDC41))
            << QStringLiteral("a<U+E0041>");
        QTest::newRow("lone surrogate")
            << QString(QStringLiteral("a") + QChar(0xDC00) + u"b") << QStringLiteral("a\uFFFDb");
        QTest::newRow("CR at the end") << QStringLiteral("end\r") << QStringLiteral("end^M");
    }
    void shownVisibly()
    {
        QFETCH(QString, in);
        QFETCH(QString, shown);
        QCOMPARE(sanitizeForTerminal(in), shown);
    }

    // What a reply is made of keeps its meaning: lines, tabs, CRLF line ends, accents,
    // right-to-left script, emoji with joiners.
    void ordinaryTextUnchanged_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("lines and tabs") << QStringLiteral("a\tb\nc\n\n");
        QTest::newRow("CRLF") << QStringLiteral("one\r\ntwo\r\n");
        QTest::newRow("accents") << QStringLiteral("café naïve Ωμέγα");
        QTest::newRow("Hebrew and Arabic") << QStringLiteral("שלום مرحبا");
        QTest::newRow("emoji with ZWJ") << QStringLiteral("👩‍👩‍👧 ✅");
        QTest::newRow("Persian ZWNJ") << QStringLiteral("می\u200Cخواهم");
    }
    void ordinaryTextUnchanged()
    {
        QFETCH(QString, text);
        QCOMPARE(sanitizeForTerminal(text), text);
    }

    // Every cut of the UTF-8 bytes, inside escape sequences, inside multi-byte characters
    // (a 2-byte C1, a 3-byte bidi override, a 4-byte emoji and tag) and between CR and LF,
    // gives what the whole text gives, and nothing unsafe survives.
    void everySplit()
    {
        // Byte order marks first (two: the fuzzer found the second one dropped whole and kept
        // cut): a cut right before a later one must not drop it either.
        const QByteArray text = "\xef\xbb\xbf\xef\xbb\xbf" + Attack + QByteArray("\xef\xbb\xbf") +
                                QByteArray("\r\nline\rover\u009b\u202e\xf0\x9f\x98\x80"
                                           "\xf3\xa0\x81\x81"
                                           "caf\xc3\xa9\r");
        const QString whole = throughPieces(text, {});
        QVERIFY(!hasUnsafe(whole));
        QVERIFY(whole.startsWith(u"<U+FEFF><U+FEFF>"));
        QVERIFY(whole.contains(u"^[]52;"));
        QVERIFY(whole.contains(u"\r\nline^Mover<U+009B><U+202E>😀<U+E0041>café^M"));
        for (const SluiceTest::Split &split : SluiceTest::allSplits(text.size()))
            QVERIFY2(throughPieces(text, split.cuts) == whole, qPrintable(split.name));
    }

    // The same on text that arrives as QString pieces (the decoders' deltas): a surrogate
    // pair or a CRLF cut in two.
    void everySplitOfUtf16()
    {
        const QString text = QStringLiteral("a\r\n😀\r\u202Eb\xF3\xA0\x81\x81") + QChar(0xDB40);
        const QString whole = sanitizeForTerminal(text);
        for (qsizetype i = 0; i <= text.size(); ++i) {
            TerminalTextState state;
            QString out = sanitizeForTerminal(QStringView(text).first(i), state);
            out += sanitizeForTerminal(QStringView(text).sliced(i), state);
            out += finishForTerminal(state);
            QVERIFY2(out == whole, qPrintable(QStringLiteral("at %1").arg(i)));
        }
    }

    void invalidUtf8BecomesReplacement()
    {
        QCOMPARE(throughPieces("ab\xff"
                               "c",
                               {}),
                 QStringLiteral("ab\uFFFDc"));
        // A sequence cut off by the end of the stream, whole or with the cut inside it.
        const QString cutOff = throughPieces("ab\xe2\x80", {});
        QVERIFY(cutOff.startsWith(u"ab\uFFFD"));
        QVERIFY(!cutOff.mid(2).contains(QRegularExpression(QStringLiteral("[^\uFFFD]"))));
        QCOMPARE(throughPieces("ab\xe2\x80", {3}), cutOff);
    }

    // --json stays exact: the escaped line parses back to the very same text, and carries no
    // raw DEL, C1 or bidi character for a terminal to act on.
    void jsonEscapesWhatJsonWritersLeave()
    {
        const QString content = QStringLiteral("\x1b[2J\u009b\x7f\u202Ex") + QChar(0xDB40) +
                                QChar(0xDC41) + QStringLiteral("😀");
        const QString json =
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("content"), content}})
                                  .toJson(QJsonDocument::Compact));
        const QString escaped = escapeUnsafeInJson(json);
        QVERIFY(!hasUnsafe(escaped));
        QVERIFY(escaped.contains(u"\\u009b"));
        QVERIFY(escaped.contains(u"😀"));
        const QJsonObject back = QJsonDocument::fromJson(escaped.toUtf8()).object();
        QCOMPARE(back.value(QStringLiteral("content")).toString(), content);
    }
};

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"
