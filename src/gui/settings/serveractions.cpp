#include "gui/settings/serveractions.h"

#include "core/config/envexpand.h"
#include "core/config/resolve.h"
#include "gui/settings/connectiontestpanel.h"
#include "gui/settings/defaultpicker.h"
#include "gui/settings/modellisteditor.h"
#include "gui/settings/modelrefresh.h"
#include "gui/settings/providereditor.h"
#include "gui/settings/serverkindprobe.h"

namespace Sluice {

ServerActions::ServerActions(ProviderEditor *editor, DefaultPicker *defaults, QObject *parent)
    : QObject(parent), m_editor(editor), m_defaults(defaults), m_probe(new ServerKindProbe(this)),
      m_refresh(new ModelRefresh(this))
{
    connect(editor, &ProviderEditor::refreshModelsRequested, this, &ServerActions::refreshModels);
    connect(editor, &ProviderEditor::testConnectionRequested, this, &ServerActions::testConnection);
    connect(editor, &ProviderEditor::baseUrlEdited, m_probe, &ServerKindProbe::schedule);
    connect(editor, &ProviderEditor::detectRequested, this,
            [this, editor] { m_probe->probeNow(editor->entry().baseUrl); });
    connect(m_probe, &ServerKindProbe::started, editor, &ProviderEditor::showProbing);
    connect(m_probe, &ServerKindProbe::ollamaFound, editor, &ProviderEditor::showOllamaFound);
    connect(m_probe, &ServerKindProbe::otherServer, editor, &ProviderEditor::showOtherServer);
    connect(m_probe, &ServerKindProbe::noOllama, editor, &ProviderEditor::clearServerHint);
}

void ServerActions::setChatClient(ChatClient *client)
{
    m_client = client;
    m_probe->setChatClient(client);
    m_editor->setRefreshEnabled(client != nullptr);
    m_editor->setDetectEnabled(client != nullptr);
    m_editor->setTestEnabled(client != nullptr, tr("Connection tests are not available."));
}

void ServerActions::cancel()
{
    m_probe->cancel();
    m_refresh->cancel();
}

std::optional<ProviderConfig> ServerActions::resolvedForm(QString *error) const
{
    if (m_editor->isHidden()) // no provider shown
        return std::nullopt;
    ProviderEntry e = m_editor->entry();
    const QString key = m_editor->keyText();
    const bool reference = isVariableReference(key);
    e.apiKey = reference ? key : QString();
    if (const QString problem = m_editor->baseUrlProblemText(); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    ResolvedProvider r = resolveProvider(e, m_env);
    if (!r.config) {
        *error = r.error;
        return std::nullopt;
    }
    if (!reference)
        r.config->apiKey = key;
    return r.config;
}

void ServerActions::refreshModels()
{
    if (!m_client)
        return;
    ProviderEditor *editor = m_editor;
    QString error;
    const std::optional<ProviderConfig> config = resolvedForm(&error);
    if (!config) {
        editor->modelList()->setStatus(error);
        return;
    }
    editor->modelList()->setStatus(tr("Asking %1 for its models…").arg(config->baseUrl));
    editor->setRefreshEnabled(false);
    const bool ollama = config->type == ProviderType::Ollama;
    m_refresh->disconnect(this);
    auto listed = [this, editor, ollama](const QList<ModelInfo> &infos) {
        QList<ModelEntry> models;
        QStringList ids;
        for (const ModelInfo &info : infos) {
            ModelEntry m;
            m.id = info.id.isEmpty() ? info.name : info.id;
            models.append(m); // context_window stays the server's default: no surprise RAM use
            ids.append(m.id);
        }
        m_defaults->addFetchedModels(m_refresh->providerId(), ids);
        editor->modelList()->setServerModels(infos, ollama);
        const int added = editor->modelList()->merge(models);
        editor->modelList()->setStatus(
            tr("%n model(s) on the server, %1 new.", nullptr, int(models.size())).arg(added));
    };
    connect(m_refresh, &ModelRefresh::listed, this, listed);
    connect(m_refresh, &ModelRefresh::listFailed, editor, [editor](const QString &message) {
        editor->modelList()->setServerModels({}, false); // nothing stale from an earlier address
        editor->modelList()->setStatus(message);
    });
    ModelListEditor *list = editor->modelList();
    connect(m_refresh, &ModelRefresh::detailsFound, list, &ModelListEditor::setServerModelDetails);
    connect(m_refresh, &ModelRefresh::detailsFailed, list, &ModelListEditor::setServerModelFailed);
    connect(m_refresh, &ModelRefresh::finished, this,
            [this, editor] { editor->setRefreshEnabled(m_client != nullptr); });
    m_refresh->start(m_client, *config);
}

void ServerActions::testConnection()
{
    ConnectionTestPanel *panel = m_editor->testPanel();
    if (!m_client)
        return;
    QString error;
    const std::optional<ProviderConfig> config = resolvedForm(&error);
    if (!config) {
        panel->showProblem(error);
        return;
    }
    QString model = m_testModel ? m_testModel(*config) : QString();
    if (model.isEmpty() && config->id == m_defaults->providerId())
        model = m_defaults->model();
    if (model.isEmpty())
        model = m_editor->entry().models.value(0).id;
    panel->run(m_client, *config, model);
}

} // namespace Sluice
