// Text built outside a QObject (status lines, context-window sources, image, document and preset
// errors, tool calls in exports) reaches a German user in German: each is looked up in the
// context lupdate filed it under. A helper that asked for another context showed English text in a
// German window although its translation was in the catalogue.
#include "core/chat/chattypes.h"
#include "core/chat/tooltypes.h"
#include "core/config/presets.h"
#include "core/media/documentprep.h"
#include "core/media/imageprep.h"
#include "core/models/contextwindow.h"
#include "core/storage/toolcallexport.h"
#include "resources/sluiceresources.h"
#include "session/replystatus.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

#include <functional>

using namespace Sluice;

class TestTranslatedText : public QObject
{
    Q_OBJECT

    // The text `make` builds in English and with the German catalogue installed.
    static std::pair<QString, QString> englishAndGerman(const std::function<QString()> &make)
    {
        const QString english = make();
        QTranslator translator;
        if (!translator.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("sluice"),
                             QStringLiteral("_"),
                             QString::fromUtf16(Resources::translationsPrefix)))
            return {english, QString()};
        QCoreApplication::installTranslator(&translator);
        const QString german = make();
        QCoreApplication::removeTranslator(&translator);
        return {english, german};
    }

private Q_SLOTS:
    void textOutsideWidgetsIsGerman_data()
    {
        QTest::addColumn<std::function<QString()>>("make");
        QTest::newRow("finished reply status") << std::function<QString()>([] {
            ReplyStats stats;
            stats.timeToFirstTokenMs = 40;
            stats.outputTokens = 12;
            return finishedStatusText(stats);
        });
        QTest::newRow("context window source") << std::function<QString()>([] {
            ChatOptions own;
            own.contextSize = 8192;
            return contextWindowFor(ProviderType::Ollama, own, ModelCapabilities{}).source;
        });
        QTest::newRow("image error") << std::function<QString()>([] {
            QString error;
            imageAttachment(QByteArrayLiteral("plain text"), QStringLiteral("notes.txt"), &error);
            return error;
        });
        QTest::newRow("document error") << std::function<QString()>([] {
            QString error;
            textDocument(QByteArray("\x00\x01\x02binary", 9), QStringLiteral("blob.bin"), &error);
            return error;
        });
        QTest::newRow("preset import error") << std::function<QString()>([] {
            QList<Preset> presets;
            QString error;
            presetsFromExportBytes(QByteArrayLiteral("{not json"), &presets, &error);
            return error;
        });
        QTest::newRow("tool call in a Markdown export") << std::function<QString()>([] {
            ToolCallRecord call;
            call.name = QStringLiteral("read_file");
            call.state = ToolCallRecord::State::Denied;
            return toolCallsMarkdown({call});
        });
    }

    void textOutsideWidgetsIsGerman()
    {
        QFETCH(std::function<QString()>, make);
        const auto [english, german] = englishAndGerman(make);
        QVERIFY2(!german.isEmpty(), "the German catalogue did not load");
        QVERIFY2(!english.isEmpty(), "nothing was built");
        QVERIFY2(german != english, qPrintable(QStringLiteral("still English: ") + german));
    }
};

QTEST_GUILESS_MAIN(TestTranslatedText)
#include "tst_translatedtext.moc"
