// The embedded resources a user sees: the window icon at every size and the German UI.
#include "resources/sluiceresources.h"

#include <QFile>
#include <QImage>
#include <QLocale>
#include <QTest>
#include <QTranslator>

class TestResources final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void svgIconIsEmbedded()
    {
        QFile svg(QString::fromUtf16(Sluice::Resources::appIconSvg));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
    }

    void pngIconsHaveTheirSize_data()
    {
        QTest::addColumn<int>("size");
        for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
            QTest::addRow("%d", size) << size;
    }
    void pngIconsHaveTheirSize()
    {
        QFETCH(int, size);
        const QImage image(QStringLiteral(":/icons/sluice-%1.png").arg(size));
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY(image.hasAlphaChannel()); // rounded corners stay transparent
    }

    void appIconOffersSmallAndLargeSizes()
    {
        const QIcon icon = Sluice::Resources::appIcon();
        QVERIFY(!icon.isNull());
        QCOMPARE(icon.pixmap(QSize(16, 16)).size(), QSize(16, 16));
        QCOMPARE(icon.pixmap(QSize(256, 256)).size(), QSize(256, 256));
    }

    void germanTranslationLoads()
    {
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QLocale::German, QLocale::Germany),
                                QStringLiteral("sluice"), QStringLiteral("_"),
                                QString::fromUtf16(Sluice::Resources::translationsPrefix)));
        QCOMPARE(translator.language(), QStringLiteral("de"));
        QVERIFY(!translator.isEmpty()); // the catalogue holds translated messages
    }

    void englishNeedsNoTranslation()
    {
        QTranslator translator;
        QVERIFY(!translator.load(QLocale(QLocale::English, QLocale::UnitedStates),
                                 QStringLiteral("sluice"), QStringLiteral("_"),
                                 QString::fromUtf16(Sluice::Resources::translationsPrefix)));
    }
};

QTEST_MAIN(TestResources)
#include "tst_resources.moc"
