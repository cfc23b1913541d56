// Importing crush.json files of the shapes people actually write.
#include "core/config/configjson.h"
#include "core/config/crushimport.h"

#include <QTest>

using namespace Sluice;
using namespace Qt::StringLiterals;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(SLUICE_CONFIG_FIXTURES "/") + QString::fromUtf8(name);
}

const ProviderEntry *find(const CrushImport &import, const QString &id)
{
    for (const ProviderEntry &p : import.providers) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

bool hasNote(const CrushImport &import, const QString &text)
{
    for (const QString &n : import.notes) {
        if (n == text)
            return true;
    }
    qWarning().noquote() << "notes were:\n " << import.notes.join(u"\n  "_s);
    return false;
}

} // namespace

class TestCrushImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentedShape();
    void localServers();
    void unmappableProvidersAreReportedNotDropped();
    void brokenFiles();
    void everyFieldIsImportedOrNamed();
    void mergeRenamesTakenIds();
    void importedProvidersSurviveASave();
};

void TestCrushImport::documentedShape()
{
    const CrushImport r = importCrushConfig(fixture("crush-docs.json"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.providers.size(), 2);

    const ProviderEntry *deepseek = find(r, u"deepseek"_s);
    QVERIFY(deepseek);
    QCOMPARE(deepseek->type, ProviderType::OpenAI);
    QCOMPARE(deepseek->baseUrl, u"https://api.deepseek.com/v1");
    QCOMPARE(deepseek->apiKey, u"$DEEPSEEK_API_KEY"); // a reference stays a reference
    QCOMPARE(deepseek->models.size(), 1);
    QCOMPARE(deepseek->models.first().id, u"deepseek-chat");
    QCOMPARE(deepseek->models.first().name, u"Deepseek V3");
    QCOMPARE(deepseek->models.first().contextWindow, 64000);
    QCOMPARE(deepseek->models.first().maxTokens, 5000);

    const ProviderEntry *anthropic = find(r, u"custom-anthropic"_s);
    QVERIFY(anthropic);
    QCOMPARE(anthropic->type, ProviderType::Anthropic);
    QCOMPARE(anthropic->baseUrl, u"https://api.anthropic.com"); // Sluice adds /v1 itself
    QCOMPARE(anthropic->apiKey, u"${ANTHROPIC_API_KEY}");
    QCOMPARE(anthropic->headers.size(), 1);
    QCOMPARE(anthropic->headers.first().first, u"anthropic-beta");
    QCOMPARE(anthropic->models.first().maxTokens, 50000);
    QVERIFY(hasNote(r, u"Provider \"custom-anthropic\": the base URL is "
                       "\"https://api.anthropic.com\"; Sluice adds /v1 itself."_s));

    QCOMPARE(r.defaultProvider, u"deepseek");
    QCOMPARE(r.defaultModel, u"deepseek-chat");
}

void TestCrushImport::localServers()
{
    const CrushImport r = importCrushConfig(fixture("crush-local.json"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.providers.size(), 5);

    // openai-compat pointed at Ollama's /v1 stays what the user chose, with a hint.
    const ProviderEntry *ollama = find(r, u"ollama"_s);
    QCOMPARE(ollama->type, ProviderType::OpenAI);
    QCOMPARE(ollama->baseUrl, u"http://localhost:11434/v1/");
    QCOMPARE(ollama->models.first().contextWindow, 256000);
    QVERIFY(hasNote(r, u"Provider \"ollama\" looks like an Ollama server; its native API (type "
                       "ollama, base URL without /v1) streams more reliably."_s));

    // crush's ollama type becomes the native API.
    const ProviderEntry *native = find(r, u"ollama-native"_s);
    QCOMPARE(native->type, ProviderType::Ollama);
    QCOMPARE(native->baseUrl, u"http://gpu-box:11434");
    QVERIFY(native->models.first().name.isEmpty()); // a name equal to the id adds nothing
    QVERIFY(hasNote(r, u"Provider \"ollama-native\" uses Ollama's native API at "
                       "\"http://gpu-box:11434\" instead of its /v1 endpoint."_s));

    QCOMPARE(find(r, u"lmstudio"_s)->name, u"LM Studio");
    QCOMPARE(find(r, u"lmstudio"_s)->type, ProviderType::OpenAI);

    const ProviderEntry *llama = find(r, u"llama"_s); // no base_url: llama-server's default
    QCOMPARE(llama->type, ProviderType::OpenAI);
    QCOMPARE(llama->baseUrl, u"http://localhost:8080/v1");

    const ProviderEntry *proxy = find(r, u"proxy"_s);
    QCOMPARE(proxy->type, ProviderType::OpenAI);
    QCOMPARE(proxy->apiKey, u"sk-1234567890abcdef");
    QVERIFY(hasNote(r, u"Provider \"proxy\": the API key is written in the file itself; "
                       "Settings can move it to the keychain."_s));
    QVERIFY(hasNote(r, u"Provider \"proxy\": extra_body have no equivalent in Sluice and were "
                       "left out."_s));
    QVERIFY(r.defaultProvider.isEmpty());
}

void TestCrushImport::unmappableProvidersAreReportedNotDropped()
{
    const CrushImport r = importCrushConfig(fixture("crush-unmappable.json"));
    QVERIFY2(r.ok, qPrintable(r.error));

    for (const char *type : {"gemini", "azure", "bedrock", "vertexai"}) {
        const QString name = QString::fromUtf8(type);
        QVERIFY(!find(r, name));
        QVERIFY(hasNote(r, u"Provider \"%1\" was not imported: Sluice cannot speak the %1 API "
                           "(only Ollama, OpenAI-compatible and Anthropic)."_s.arg(name)));
    }
    QVERIFY(hasNote(r, u"Provider \"weird\" was not imported: its type \"carrier-pigeon\" is "
                       "unknown to Sluice, which speaks the Ollama, OpenAI-compatible and "
                       "Anthropic APIs."_s));
    QVERIFY(hasNote(r, u"Provider \"nourl\" was not imported: it has no base_url."_s));
    QVERIFY(hasNote(r, u"Provider \"badurl\" was not imported: its base_url must start with "
                       "http:// or https://, not \"api.example.com/v1\" (did you mean "
                       "\"http://api.example.com/v1\"?)."_s));

    // No type: crush infers it from a known id.
    const ProviderEntry *openrouter = find(r, u"openrouter"_s);
    QVERIFY(openrouter);
    QCOMPARE(openrouter->type, ProviderType::OpenAI);
    QCOMPARE(openrouter->baseUrl, u"https://openrouter.ai/api/v1");
    QVERIFY(openrouter->apiKey.isEmpty()); // a shell command is never run or stored
    QVERIFY(hasNote(r, u"Provider \"openrouter\": its api_key runs a shell command, which Sluice "
                       "does not do; enter the key in Settings."_s));
    QVERIFY(hasNote(r, u"Provider \"openrouter\" was disabled in crush; it was imported "
                       "anyway."_s));
    QCOMPARE(openrouter->headers.size(), 2);
    QVERIFY(hasNote(r, u"Provider \"openrouter\": the header X-Num is not text and was left "
                       "out."_s));
    QCOMPARE(openrouter->models.size(), 1);
    QVERIFY(hasNote(r, u"Provider \"openrouter\": a model without an id was left out."_s));

    const ProviderEntry *together = find(r, u"my-provider"_s);
    QVERIFY(together);
    QCOMPARE(together->name, u"my provider!");
    QVERIFY(hasNote(r, u"Provider \"my provider!\" was renamed \"my-provider\"."_s));

    QCOMPARE(r.providers.size(), 2);
    // Every provider in the file is either imported or explained.
    QCOMPARE(r.notes.filter(u"was not imported"_s).size(), 7);
}

void TestCrushImport::brokenFiles()
{
    const CrushImport bad = importCrushJson("{\n  \"providers\": {\n    \"a\": {,}\n", u"c.json"_s);
    QVERIFY(!bad.ok);
    QVERIFY2(bad.error.startsWith(u"c.json is not valid JSON at line 3, column "_s),
             qPrintable(bad.error));

    const CrushImport wrong = importCrushJson(R"({"providers": [1]})", u"c.json"_s);
    QVERIFY(!wrong.ok);
    QCOMPARE(wrong.error,
             u"c.json does not look like a crush.json: it needs a \"providers\" object.");

    const CrushImport missing = importCrushConfig(u"/nonexistent/crush.json"_s);
    QVERIFY(!missing.ok);
    QVERIFY(missing.error.startsWith(u"/nonexistent/crush.json cannot be read: "_s));

    const CrushImport empty = importCrushJson("{}", u"c.json"_s);
    QVERIFY(empty.ok);
    QCOMPARE(empty.notes, QStringList{u"c.json defines no providers."_s});
}

// A model entry written the way many configs in the wild write it keeps its max_tokens, and
// no field of the file disappears without a note.
void TestCrushImport::everyFieldIsImportedOrNamed()
{
    const CrushImport r = importCrushJson(R"({
        "providers": {"ollama": {"type": "ollama", "base_url": "http://box:11434", "timeout": 30,
            "models": [{"id": "llama3.2:3b", "name": "llama3.2:3b", "max_tokens": 4096},
                       {"id": "qwen3:4b", "default_max_tokens": 2048, "max_tokens": 1,
                        "cost_per_1m_in": 0, "supports_attachments": false}]}},
        "models": {"large": {"provider": "ollama", "model": "qwen3:4b", "temperature": 0.2,
                             "max_tokens": 9999, "think": true},
                   "small": {"provider": "ollama", "model": "llama3.2:3b"}},
        "mcp": {}, "lsp": {}})",
                                          u"c.json"_s);
    QVERIFY2(r.ok, qPrintable(r.error));
    const ProviderEntry *ollama = find(r, u"ollama"_s);
    QVERIFY(ollama);
    QCOMPARE(ollama->models.size(), 2);
    QCOMPARE(ollama->models.at(0).maxTokens, 4096); // max_tokens, an alias
    QCOMPARE(ollama->models.at(1).maxTokens, 2048); // crush's own field wins
    QVERIFY(hasNote(r, u"Provider \"ollama\": timeout have no equivalent in Sluice and were "
                       "left out."_s));
    QVERIFY(hasNote(r, u"Provider \"ollama\": the model fields cost_per_1m_in, "
                       "supports_attachments have no equivalent in Sluice and were left out."_s));
    QVERIFY(hasNote(r, u"The sections lsp are not about providers and were not "
                       "imported."_s));
    QVERIFY(hasNote(r, u"crush's small model (llama3.2:3b) was not imported: Sluice has one "
                       "default model."_s));
    QCOMPARE(ollama->models.at(1).temperature, 0.2); // the large model's own settings …
    QCOMPARE(ollama->models.at(1).maxTokens, 2048);  // … unless the entry has one
    QVERIFY(hasNote(r, u"The settings think of crush's large model were left out; set them per "
                       "model or per conversation in Sluice."_s));
    QCOMPARE(r.defaultModel, u"qwen3:4b");
}

void TestCrushImport::mergeRenamesTakenIds()
{
    Config config;
    ProviderEntry existing;
    existing.id = u"deepseek"_s;
    existing.type = ProviderType::OpenAI;
    existing.baseUrl = u"https://other/v1"_s;
    config.providers.append(existing);

    const CrushImport r = importCrushConfig(fixture("crush-docs.json"));
    QStringList notes;
    mergeImport(config, r, &notes);
    QCOMPARE(config.providers.size(), 3);
    QCOMPARE(config.providers.at(0).baseUrl, u"https://other/v1"); // untouched
    QVERIFY(config.provider(u"deepseek-2"_s));
    QCOMPARE(config.provider(u"deepseek-2"_s)->baseUrl, u"https://api.deepseek.com/v1");
    QCOMPARE(notes, QStringList{u"The imported provider \"deepseek\" was added as \"deepseek-2\" "
                                "because \"deepseek\" already exists."_s});
    QCOMPARE(config.defaultProvider, u"deepseek-2");
    QCOMPARE(config.defaultModel, u"deepseek-chat");
}

void TestCrushImport::importedProvidersSurviveASave()
{
    Config config;
    mergeImport(config, importCrushConfig(fixture("crush-local.json")));
    mergeImport(config, importCrushConfig(fixture("crush-unmappable.json")));
    const ConfigParseResult again = parseConfig(configToBytes(config), u"x.json"_s);
    QVERIFY2(again.config, qPrintable(again.error.message));
    QCOMPARE(again.config->providers.size(), config.providers.size());
    for (qsizetype i = 0; i < config.providers.size(); ++i)
        QVERIFY2(again.config->providers.at(i) == config.providers.at(i),
                 qPrintable(config.providers.at(i).id));
    QCOMPARE(*again.config, config);
}

QTEST_GUILESS_MAIN(TestCrushImport)
#include "tst_crushimport.moc"
