// Presets (core/config/presets.h): a preset applies every one of its fields to a
// conversation, survives sluice.json and the export file unchanged, and a broken preset or
// export file is refused with the field and what is wrong with it.
#include "core/config/configjson.h"
#include "core/config/presets.h"
#include "core/conversation/conversation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Sluice;

namespace {

Preset everything()
{
    Preset p;
    p.name = QStringLiteral("Reviewer");
    p.systemPrompt = QStringLiteral("You review code. Be brief.");
    p.providerId = QStringLiteral("gpu");
    p.model = QStringLiteral("qwen3:8b");
    ChatOptions &o = p.options;
    o.temperature = 0.2;
    o.topP = 0.9;
    o.topK = 30;
    o.minP = 0.05;
    o.repeatPenalty = 1.15;
    o.frequencyPenalty = 0.3;
    o.presencePenalty = -0.4;
    o.seed = 7;
    o.stop = {QStringLiteral("END"), QStringLiteral("</answer>")};
    o.maxTokens = 900;
    o.contextSize = 16384;
    o.keepAlive = QStringLiteral("30m");
    o.think = QStringLiteral("low");
    return p;
}

} // namespace

class TestPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appliesEveryField()
    {
        Conversation c;
        c.title = QStringLiteral("Kept");
        c.providerId = QStringLiteral("ollama");
        c.model = QStringLiteral("llama3.2:3b");
        c.systemPrompt = QStringLiteral("old");
        c.settings.temperature = 1.5;
        c.settings.seed = 1;
        const Conversation after = applyPreset(c, everything());
        QCOMPARE(after.title, c.title);
        QCOMPARE(after.providerId, QStringLiteral("gpu"));
        QCOMPARE(after.model, QStringLiteral("qwen3:8b"));
        QCOMPARE(after.systemPrompt, QStringLiteral("You review code. Be brief."));
        QVERIFY(after.settings == everything().options);
    }

    // A preset's unset values are unset after it; without a model, the chat's stays.
    void unsetValuesAreUnset()
    {
        Conversation c;
        c.model = QStringLiteral("llama3.2:3b");
        c.settings.temperature = 1.5;
        Preset p;
        p.name = QStringLiteral("Plain");
        p.options.topK = 5;
        const Conversation after = applyPreset(c, p);
        QCOMPARE(after.model, QStringLiteral("llama3.2:3b"));
        QVERIFY(!after.settings.temperature);
        QCOMPARE(after.settings.topK, 5);
    }

    void roundTripsThroughTheConfigFile()
    {
        Config config;
        config.presets = {everything(), Preset{QStringLiteral("Empty"), {}, {}, {}, {}}};
        config.defaultPreset = QStringLiteral("Reviewer");
        const QByteArray bytes = configToBytes(config);
        const ConfigParseResult read = parseConfig(bytes, QStringLiteral("sluice.json"));
        QVERIFY2(read.config, qPrintable(read.error.message));
        QCOMPARE(read.config->presets.size(), 2);
        QVERIFY(read.config->presets.at(0) == everything());
        QCOMPARE(read.config->defaultPreset, QStringLiteral("Reviewer"));
        QVERIFY(*read.config == config);
        const QJsonObject json = QJsonDocument::fromJson(bytes).object();
        const QJsonObject parameters =
            json.value(u"presets").toArray().at(0).toObject().value(u"parameters").toObject();
        QCOMPARE(parameters.value(u"repeat_penalty").toDouble(), 1.15);
        QCOMPARE(parameters.value(u"num_ctx").toInt(), 16384);
        QCOMPARE(json.value(u"default").toObject().value(u"preset").toString(),
                 QStringLiteral("Reviewer"));
    }

    void refusesBrokenPresets_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("says");
        QTest::newRow("top_p out of range")
            << QByteArray(R"({"providers":{},"presets":[{"name":"A","parameters":{"top_p":3}}]})")
            << QStringLiteral("presets[0].parameters.top_p");
        QTest::newRow("no name") << QByteArray(R"({"providers":{},"presets":[{"model":"x"}]})")
                                 << QStringLiteral("presets[0].name");
        QTest::newRow("a name twice")
            << QByteArray(R"({"providers":{},"presets":[{"name":"A"},{"name":"a"}]})")
            << QStringLiteral("presets[1].name");
        QTest::newRow("default names none")
            << QByteArray(R"({"providers":{},"default":{"preset":"B"},"presets":[{"name":"A"}]})")
            << QStringLiteral("default.preset");
    }

    void refusesBrokenPresets()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, says);
        const ConfigParseResult read = parseConfig(file, QStringLiteral("sluice.json"));
        QVERIFY(!read.config);
        QVERIFY2(read.error.message.contains(says) || read.error.field == says,
                 qPrintable(read.error.field + u" / " + read.error.message));
    }

    void exportAndImport()
    {
        const QList<Preset> presets{everything()};
        QList<Preset> back;
        QString error;
        QVERIFY(presetsFromExportBytes(presetsExportBytes(presets), &back, &error));
        QCOMPARE(back.size(), 1);
        QVERIFY(back.first() == everything());

        QVERIFY(!presetsFromExportBytes("{\"presets\": []}", &back, &error));
        QVERIFY2(error.contains(QStringLiteral("no Sluice presets")), qPrintable(error));
        QCOMPARE(back.size(), 1); // nothing half-read
        QVERIFY(!presetsFromExportBytes("not json", &back, &error));
        QVERIFY2(error.startsWith(QStringLiteral("The file is not JSON")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestPresets)
#include "tst_presets.moc"
