// A provider's secrets, all of them: what redact() hides in error text, doctor output and the
// history, and what it leaves alone.
#include "core/util/logging.h"
#include "core/net/redaction.h"

#include <QTest>

using namespace Sluice;

class TestRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySecretOfAProvider_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("hidden");
        QTest::newRow("Authorization")
            << QByteArray("Authorization") << QByteArray("Bearer tok-aaaa-1111")
            << QStringLiteral("tok-aaaa-1111");
        QTest::newRow("Proxy-Authorization")
            << QByteArray("Proxy-Authorization") << QByteArray("Basic dXNlcjpwYXNz")
            << QStringLiteral("dXNlcjpwYXNz");
        QTest::newRow("x-api-key") << QByteArray("x-api-key") << QByteArray("xk-bbbb-2222")
                                   << QStringLiteral("xk-bbbb-2222");
        QTest::newRow("api-key") << QByteArray("api-key") << QByteArray("az-cccc-3333")
                                 << QStringLiteral("az-cccc-3333");
        QTest::newRow("X-Session-Token")
            << QByteArray("X-Session-Token") << QByteArray("st-dddd-4444")
            << QStringLiteral("st-dddd-4444");
        QTest::newRow("X-Client-Secret")
            << QByteArray("X-Client-Secret") << QByteArray("cs-eeee-5555")
            << QStringLiteral("cs-eeee-5555");
        QTest::newRow("any header carrying the key")
            << QByteArray("X-Forward") << QByteArray("prefix sk-main-key-9999")
            << QStringLiteral("prefix sk-main-key-9999");
    }
    void everySecretOfAProvider()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(QString, hidden);
        ProviderConfig c;
        c.apiKey = QStringLiteral("sk-main-key-9999");
        c.headers = {{header, value}, {"X-Team", "team-visible"}};
        const QString echoed = u"server says: "_qs + QString::fromUtf8(value) + u" / " + hidden +
                               u" / sk-main-key-9999 / team-visible";
        const QString shown = redact(echoed, c);
        QVERIFY2(!shown.contains(hidden), qPrintable(shown));
        QVERIFY2(!shown.contains(u"sk-main-key-9999"), qPrintable(shown));
        QVERIFY(shown.contains(u"team-visible")); // not a secret
        QVERIFY(shown.contains(u"[REDACTED]"));
    }

    void urlCredentials()
    {
        ProviderConfig c;
        c.baseUrl = QStringLiteral("https://alice:p%40ss-word@llm.example/v1?api_key=qk-1234&x=1");
        const QString shown =
            redact(QStringLiteral("denied p@ss-word / p%40ss-word / qk-1234 for alice"), c);
        QVERIFY2(!shown.contains(u"ss-word") && !shown.contains(u"qk-1234"), qPrintable(shown));
        QVERIFY(shown.contains(u"alice")); // a user name is not a secret
        QCOMPARE(redactedUrlText(c.baseUrl),
                 QStringLiteral("https://llm.example/v1?api_key=REDACTED&x=1"));
        QCOMPARE(redactedUrlText(QStringLiteral("u:PW@host:1/v1?token=K")),
                 QStringLiteral("host:1/v1?token=REDACTED"));
        QCOMPARE(redactedUrlText(QStringLiteral(" localhost:11434 ")),
                 QStringLiteral("localhost:11434"));
    }

    void shortValuesLeftInText()
    {
        ProviderConfig c;
        c.apiKey = QStringLiteral("abc");
        QCOMPARE(redact(QStringLiteral("abc is too short to find"), c),
                 QStringLiteral("abc is too short to find"));
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
