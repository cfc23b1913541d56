#include "core/config/crushimport.h"

#include "core/config/configjson.h"
#include "core/config/envexpand.h"
#include "core/net/endpoint.h"
#include "core/net/headercheck.h"
#include "core/config/urls.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QUrl>

#include <cmath>

namespace Sluice {

namespace {

class CrushText final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::CrushImport)
};

struct CrushType
{
    const char16_t *name;
    std::optional<ProviderType> type; // nullopt: a protocol Sluice does not speak
    const char16_t *defaultUrl;       // used when the provider has no base_url
};

// crush's provider types (catwalk's list plus the local servers people configure).
const CrushType CrushTypes[] = {
    {u"openai", ProviderType::OpenAI, u"https://api.openai.com/v1"},
    {u"openai-compat", ProviderType::OpenAI, nullptr},
    {u"anthropic", ProviderType::Anthropic, u"https://api.anthropic.com"},
    {u"ollama", ProviderType::Ollama, u"http://localhost:11434"},
    {u"openrouter", ProviderType::OpenAI, u"https://openrouter.ai/api/v1"},
    {u"lmstudio", ProviderType::OpenAI, u"http://localhost:1234/v1"},
    {u"llamacpp", ProviderType::OpenAI, u"http://localhost:8080/v1"},
    {u"llama.cpp", ProviderType::OpenAI, u"http://localhost:8080/v1"},
    {u"litellm", ProviderType::OpenAI, u"http://localhost:4000/v1"},
    {u"vllm", ProviderType::OpenAI, u"http://localhost:8000/v1"},
    {u"deepseek", ProviderType::OpenAI, u"https://api.deepseek.com/v1"},
    {u"groq", ProviderType::OpenAI, u"https://api.groq.com/openai/v1"},
    {u"xai", ProviderType::OpenAI, u"https://api.x.ai/v1"},
    {u"gemini", std::nullopt, nullptr},
    {u"google", std::nullopt, nullptr},
    {u"azure", std::nullopt, nullptr},
    {u"bedrock", std::nullopt, nullptr},
    {u"vertexai", std::nullopt, nullptr},
};

const CrushType *findType(const QString &name)
{
    for (const CrushType &t : CrushTypes) {
        if (QStringView(t.name) == name)
            return &t;
    }
    return nullptr;
}

QString stripSuffix(QString url, const QString &suffix)
{
    while (url.endsWith(u'/'))
        url.chop(1);
    if (url.endsWith(suffix))
        url.chop(suffix.size());
    return url;
}

QString sanitizeId(const QString &id)
{
    QString out;
    for (QChar c : id) {
        const bool ok = c.isLetterOrNumber() && c.unicode() < 128;
        out.append(ok || c == u'-' || c == u'_' || c == u'.' ? c : u'-');
    }
    while (!out.isEmpty() && !out.front().isLetterOrNumber())
        out.remove(0, 1);
    while (!out.isEmpty() && !out.back().isLetterOrNumber())
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("provider") : out;
}

class ProviderImporter final
{
public:
    ProviderImporter(const QString &id, const QJsonObject &o, QStringList &notes)
        : m_id(id), m_o(o), m_notes(notes)
    {}

    std::optional<ProviderEntry> run();

private:
    void note(const QString &text) { m_notes.append(text); }
    QString label() const { return u'"' + m_id + u'"'; }
    bool importKey(ProviderEntry &p);
    void importHeaders(ProviderEntry &p);
    void importModels(ProviderEntry &p);

    QString m_id;
    QJsonObject m_o;
    QStringList &m_notes;
};

std::optional<ProviderEntry> ProviderImporter::run()
{
    QString typeName = m_o.value(QStringLiteral("type")).toString().trimmed().toLower();
    if (typeName.isEmpty()) // crush: known ids imply their type, anything else is openai
        typeName = findType(m_id.toLower()) ? m_id.toLower() : QStringLiteral("openai");
    const CrushType *type = findType(typeName);
    if (!type) {
        note(CrushText::tr("Provider %1 was not imported: its type \"%2\" is unknown to Sluice, "
                           "which speaks the Ollama, OpenAI-compatible and Anthropic APIs.")
                 .arg(label(), typeName));
        return std::nullopt;
    }
    if (!type->type) {
        note(CrushText::tr("Provider %1 was not imported: Sluice cannot speak the %2 API "
                           "(only Ollama, OpenAI-compatible and Anthropic).")
                 .arg(label(), typeName));
        return std::nullopt;
    }

    ProviderEntry p;
    p.id = sanitizeId(m_id);
    if (p.id != m_id)
        note(CrushText::tr("Provider %1 was renamed \"%2\".").arg(label(), p.id));
    p.type = *type->type;
    p.name = m_o.value(QStringLiteral("name")).toString();
    if (p.name.isEmpty() && p.id != m_id)
        p.name = m_id; // keep the name the user knew it by

    QString url = m_o.value(QStringLiteral("base_url")).toString().trimmed();
    if (url.contains(u'$')) {
        const ExpandResult r = expandVariables(url, QProcessEnvironment::systemEnvironment());
        if (!r.ok()) {
            note(CrushText::tr("Provider %1 was not imported: its base_url refers to an "
                               "environment variable that is not set.")
                     .arg(label()));
            return std::nullopt;
        }
        note(CrushText::tr("Provider %1: the base_url was expanded from the environment to "
                           "\"%2\".")
                 .arg(label(), r.value));
        url = r.value;
    }
    if (url.isEmpty() && type->defaultUrl)
        url = QString::fromUtf16(type->defaultUrl);
    if (url.isEmpty()) {
        note(CrushText::tr("Provider %1 was not imported: it has no base_url.").arg(label()));
        return std::nullopt;
    }
    if (const QString problem = baseUrlProblem(url); !problem.isEmpty()) {
        note(CrushText::tr("Provider %1 was not imported: its base_url %2.").arg(label(), problem));
        return std::nullopt;
    }
    if (p.type == ProviderType::Ollama || p.type == ProviderType::Anthropic) {
        const QString stripped = stripSuffix(url, QStringLiteral("/v1"));
        if (stripped != stripSuffix(url, QString())) {
            note(p.type == ProviderType::Ollama
                     ? CrushText::tr("Provider %1 uses Ollama's native API at \"%2\" instead of "
                                     "its /v1 endpoint.")
                           .arg(label(), stripped)
                     : CrushText::tr("Provider %1: the base URL is \"%2\"; Sluice adds /v1 "
                                     "itself.")
                           .arg(label(), stripped));
            url = stripped;
        }
    } else if (QUrl(url).port() == OllamaDefaultPort) {
        note(CrushText::tr("Provider %1 looks like an Ollama server; its native API (type "
                           "ollama, base URL without /v1) streams more reliably.")
                 .arg(label()));
    }
    p.baseUrl = url;

    if (!importKey(p))
        return std::nullopt;
    importHeaders(p);
    importModels(p);

    if (m_o.value(QStringLiteral("disable")).toBool())
        note(CrushText::tr("Provider %1 was disabled in crush; it was imported anyway.")
                 .arg(label()));
    // Every other field of the provider is named in a note (crush's own extra_body,
    // provider_options, system_prompt_prefix, oauth, disable_tools … and anything unknown).
    static const QStringList Used = {QStringLiteral("id"),      QStringLiteral("type"),
                                     QStringLiteral("name"),    QStringLiteral("base_url"),
                                     QStringLiteral("api_key"), QStringLiteral("extra_headers"),
                                     QStringLiteral("models"),  QStringLiteral("disable")};
    QStringList dropped;
    for (auto it = m_o.constBegin(); it != m_o.constEnd(); ++it) {
        if (!Used.contains(it.key()))
            dropped.append(it.key());
    }
    if (!dropped.isEmpty()) {
        note(CrushText::tr("Provider %1: %2 have no equivalent in Sluice and were left out.")
                 .arg(label(), dropped.join(QStringLiteral(", "))));
    }
    return p;
}

bool ProviderImporter::importKey(ProviderEntry &p)
{
    const QString key = m_o.value(QStringLiteral("api_key")).toString().trimmed();
    if (key.isEmpty())
        return true;
    if (key.contains(QStringLiteral("$("))) {
        note(CrushText::tr("Provider %1: its api_key runs a shell command, which Sluice does "
                           "not do; enter the key in Settings.")
                 .arg(label()));
        return true;
    }
    const ExpandResult check = expandVariables(key, QProcessEnvironment());
    if (!check.malformed && !check.missingVariable.isEmpty()) {
        p.apiKey = key; // a $VAR reference stays a reference
        return true;
    }
    p.apiKey = key;
    note(CrushText::tr("Provider %1: the API key is written in the file itself; Settings can "
                       "move it to the keychain.")
             .arg(label()));
    return true;
}

void ProviderImporter::importHeaders(ProviderEntry &p)
{
    const QJsonObject headers = m_o.value(QStringLiteral("extra_headers")).toObject();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        if (!it.value().isString()) {
            note(CrushText::tr("Provider %1: the header %2 is not text and was left out.")
                     .arg(label(), it.key()));
            continue;
        }
        if (breaksHeaderLine(it.key()) || breaksHeaderLine(it.value().toString())) {
            note(CrushText::tr("Provider %1: the header %2 contains a line break or NUL "
                               "character, which would end the header on the wire, and was "
                               "left out.")
                     .arg(label(), it.key().simplified()));
            continue;
        }
        p.headers.append({it.key(), it.value().toString()});
    }
}

void ProviderImporter::importModels(ProviderEntry &p)
{
    // What Sluice takes from a model entry; anything else is named in a note.
    static const QStringList ModelFields = {
        QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("context_window"),
        QStringLiteral("default_max_tokens"), QStringLiteral("max_tokens")};
    QStringList leftOut;
    const QJsonArray models = m_o.value(QStringLiteral("models")).toArray();
    for (const QJsonValue &v : models) {
        const QJsonObject m = v.toObject();
        ModelEntry entry;
        entry.id = m.value(QStringLiteral("id")).toString();
        if (entry.id.isEmpty()) {
            note(CrushText::tr("Provider %1: a model without an id was left out.").arg(label()));
            continue;
        }
        if (p.model(entry.id))
            continue;
        entry.name = m.value(QStringLiteral("name")).toString();
        if (entry.name == entry.id)
            entry.name.clear();
        const double context = m.value(QStringLiteral("context_window")).toDouble();
        // crush reads default_max_tokens; many configs in the wild write max_tokens.
        const QJsonValue maxValue = m.contains(QStringLiteral("default_max_tokens"))
                                        ? m.value(QStringLiteral("default_max_tokens"))
                                        : m.value(QStringLiteral("max_tokens"));
        const double maxTokens = maxValue.toDouble();
        if (context > 0 && context < 1e9)
            entry.contextWindow = int(std::lround(context));
        if (maxTokens > 0 && maxTokens < 1e9)
            entry.maxTokens = int(std::lround(maxTokens));
        p.models.append(entry);
        for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
            if (!ModelFields.contains(it.key()) && !leftOut.contains(it.key()))
                leftOut.append(it.key());
        }
    }
    if (!leftOut.isEmpty()) {
        //: %2 is a list of JSON field names
        note(CrushText::tr("Provider %1: the model fields %2 have no equivalent in Sluice and "
                           "were left out.")
                 .arg(label(), leftOut.join(QStringLiteral(", "))));
    }
}

// crush's large model may carry max_tokens and temperature: they become the model's own
// defaults in Sluice (unless its entry sets them already).
void applyLargeModelSettings(ProviderEntry &p, const QString &model, const QJsonObject &large)
{
    const double maxTokens = large.value(QStringLiteral("max_tokens")).toDouble();
    const QJsonValue temperature = large.value(QStringLiteral("temperature"));
    const bool useMax = maxTokens > 0 && maxTokens < 1e9;
    const bool useTemperature =
        temperature.isDouble() && temperature.toDouble() >= 0 && temperature.toDouble() <= 2;
    if (model.isEmpty() || (!useMax && !useTemperature))
        return;
    if (!p.model(model)) {
        ModelEntry entry;
        entry.id = model;
        p.models.append(entry);
    }
    for (ModelEntry &m : p.models) {
        if (m.id != model)
            continue;
        if (useMax && m.maxTokens == 0)
            m.maxTokens = int(std::lround(maxTokens));
        if (useTemperature && !m.temperature)
            m.temperature = temperature.toDouble();
    }
}

// Names every part of the file outside "providers" that is not imported, so nothing
// disappears unmentioned.
void noteWhatIsLeftOut(const QJsonObject &root, QStringList &notes)
{
    QStringList sections;
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (it.key() != u"providers" && it.key() != u"models" && it.key() != u"$schema" &&
            it.key() != u"mcp")
            sections.append(it.key());
    }
    if (!sections.isEmpty()) {
        //: %1 is a list of crush.json sections such as "mcp, lsp, options"
        notes.append(CrushText::tr("The sections %1 are not about providers and were not "
                                   "imported.")
                         .arg(sections.join(QStringLiteral(", "))));
    }
    const QJsonObject selected = root.value(QStringLiteral("models")).toObject();
    for (auto it = selected.constBegin(); it != selected.constEnd(); ++it) {
        const QJsonObject m = it.value().toObject();
        if (it.key() != u"large") {
            notes.append(CrushText::tr("crush's %1 model (%2) was not imported: Sluice has one "
                                       "default model.")
                             .arg(it.key(), m.value(QStringLiteral("model")).toString()));
            continue;
        }
        QStringList settings;
        for (auto f = m.constBegin(); f != m.constEnd(); ++f) {
            if (f.key() != u"provider" && f.key() != u"model" && f.key() != u"max_tokens" &&
                f.key() != u"temperature")
                settings.append(f.key());
        }
        if (!settings.isEmpty()) {
            notes.append(CrushText::tr("The settings %1 of crush's large model were left out; "
                                       "set them per model or per conversation in Sluice.")
                             .arg(settings.join(QStringLiteral(", "))));
        }
    }
}

} // namespace

CrushImport importCrushConfig(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        CrushImport result;
        result.error = CrushText::tr("%1 cannot be read: %2.").arg(path, file.errorString());
        return result;
    }
    return importCrushJson(file.readAll(), path);
}

CrushImport importCrushJson(const QByteArray &json, const QString &file)
{
    CrushImport result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, parseError.offset);
        result.error = CrushText::tr("%1 is not valid JSON at line %2, column %3: %4.")
                           .arg(file)
                           .arg(line)
                           .arg(column)
                           .arg(parseError.errorString());
        return result;
    }
    const QJsonObject root = doc.object();
    const QJsonValue providers = root.value(QStringLiteral("providers"));
    if (!doc.isObject() || (!providers.isUndefined() && !providers.isObject())) {
        result.error = CrushText::tr("%1 does not look like a crush.json: it needs a "
                                     "\"providers\" object.")
                           .arg(file);
        return result;
    }
    result.ok = true;
    const QJsonObject map = providers.toObject();
    if (map.isEmpty())
        result.notes.append(CrushText::tr("%1 defines no providers.").arg(file));
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.value().isObject()) {
            result.notes.append(CrushText::tr("Provider \"%1\" was not imported: it is not an "
                                              "object.")
                                    .arg(it.key()));
            continue;
        }
        ProviderImporter importer(it.key(), it.value().toObject(), result.notes);
        if (std::optional<ProviderEntry> p = importer.run())
            result.providers.append(std::move(*p));
    }

    const QJsonObject selected = root.value(QStringLiteral("models")).toObject();
    const QJsonObject large = selected.value(QStringLiteral("large")).toObject();
    const QString provider = sanitizeId(large.value(QStringLiteral("provider")).toString());
    for (ProviderEntry &p : result.providers) {
        if (p.id != provider)
            continue;
        result.defaultProvider = provider;
        result.defaultModel = large.value(QStringLiteral("model")).toString();
        applyLargeModelSettings(p, result.defaultModel, large);
    }
    result.mcpServers =
        mcpServersFromClientJson(root.value(QStringLiteral("mcp")).toObject(), &result.notes);
    noteWhatIsLeftOut(root, result.notes);
    return result;
}

void mergeImport(Config &config, const CrushImport &import, QStringList *notes,
                 const QStringList &implicitIds)
{
    if (implicitIds.contains(config.defaultProvider) && !import.defaultProvider.isEmpty()) {
        config.defaultProvider.clear(); // crush's default, set below, wins
        config.defaultModel.clear();
    }
    for (ProviderEntry p : import.providers) {
        const QString original = p.id;
        ProviderEntry *implicit = implicitIds.contains(p.id) ? config.provider(p.id) : nullptr;
        if (!implicit)
            p.id = config.uniqueProviderId(p.id);
        if (p.id != original && notes) {
            notes->append(CrushText::tr("The imported provider \"%1\" was added as \"%2\" "
                                        "because \"%1\" already exists.")
                              .arg(original, p.id));
        }
        if (original == import.defaultProvider && !config.provider(config.defaultProvider)) {
            config.defaultProvider = p.id;
            config.defaultModel = import.defaultModel;
        }
        if (implicit)
            *implicit = std::move(p); // in its place in the list
        else
            config.providers.append(std::move(p));
    }
    mergeMcpServers(config.mcpServers, import.mcpServers, notes);
}

} // namespace Sluice
