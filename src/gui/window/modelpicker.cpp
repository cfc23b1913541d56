#include "gui/window/modelpicker.h"

#include "session/conversationcontroller.h"
#include "gui/window/emptystate.h"
#include "gui/window/modelpickerdelegate.h"
#include "gui/window/modelpullbar.h"
#include "core/models/modeltypes.h"
#include "core/models/ollamamodels.h"
#include "session/servermodels.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStatusBar>
#include <QToolButton>

namespace Sluice {

ModelPicker::ModelPicker(ChatClient *client, ServerModels *serverModels, const Widgets &widgets,
                         QObject *parent)
    : QObject(parent), m_client(client), m_serverModels(serverModels), m_ui(widgets)
{
    m_ui.modelCombo->setItemDelegate(new ModelPickerDelegate(m_ui.modelCombo));
    if (QLineEdit *edit = m_ui.modelCombo->lineEdit()) // where a model name is typed
        edit->setAccessibleName(tr("Model"));
    connect(m_ui.providerCombo, &QComboBox::currentIndexChanged, this,
            &ModelPicker::onProviderChosen);
    connect(m_ui.modelCombo, &QComboBox::currentTextChanged, this, &ModelPicker::onModelEdited);

    m_pullButton = new QToolButton(m_ui.bar->parentWidget());
    m_pullButton->setObjectName(QStringLiteral("pullModelButton"));
    m_pullButton->setAccessibleDescription(tr("Download the model typed in the picker"));
    m_pullButton->setAutoRaise(true);
    m_pullButton->hide();
    m_ui.bar->insertWidget(m_ui.bar->indexOf(m_ui.modelCombo) + 1, m_pullButton);
    connect(m_pullButton, &QToolButton::clicked, this, &ModelPicker::pullTypedModel);

    m_pullBar = new ModelPullBar(m_client, m_ui.statusBar);
    m_ui.statusBar->addPermanentWidget(m_pullBar);
    connect(m_pullBar, &ModelPullBar::pulled, this, &ModelPicker::onModelPulled);
    connect(m_pullBar, &ModelPullBar::pullFailed, this,
            [this](const QString &, const QString &, const QString &sentence) {
                Q_EMIT message(sentence);
                updatePullOffer();
            });
}

ModelPicker::~ModelPicker() = default;

QString ModelPicker::lastModelKey(const QString &providerId)
{
    return QStringLiteral("models/last/") + providerId;
}

void ModelPicker::rememberModel(const QString &providerId, const QString &model)
{
    QSettings().setValue(lastModelKey(providerId), model);
}

void ModelPicker::providerIdRenamed(const QString &from, const QString &to)
{
    QSettings settings;
    const QVariant last = settings.value(lastModelKey(from));
    if (!last.isValid())
        return;
    settings.setValue(lastModelKey(to), last);
    settings.remove(lastModelKey(from));
}

bool ModelPicker::setProviders(const QList<ProviderConfig> &providers,
                               const QString &defaultProviderId, const QString &defaultModel)
{
    const bool newDefaults =
        defaultProviderId != m_defaultProviderId || defaultModel != m_defaultModel;
    m_providers = providers;
    m_defaultProviderId = defaultProviderId;
    m_defaultModel = defaultModel;
    return newDefaults;
}

const ProviderConfig *ModelPicker::providerById(const QString &id) const
{
    for (const ProviderConfig &p : m_providers) {
        if (p.id == id)
            return &p;
    }
    for (const ProviderConfig &p : m_providers) {
        if (p.id == m_defaultProviderId)
            return &p;
    }
    return m_providers.isEmpty() ? nullptr : &m_providers.first();
}

void ModelPicker::setConversation(ConversationController *conversation)
{
    m_current = conversation;
}

void ModelPicker::useDefaults(ConversationController *c)
{
    if (const ProviderConfig *p = providerById(m_defaultProviderId))
        c->setProvider(*p);
    c->setModel({});
    chooseDefaultModel(c);
    if (!m_defaultPreset)
        return;
    Conversation o = applyPreset(c->options(), *m_defaultPreset);
    if (const ProviderConfig *p = providerById(o.providerId); p && o.providerId != c->provider().id)
        c->setProvider(*p);
    else
        o.providerId = c->options().providerId; // a server no longer configured
    c->setOptions(o);
}

void ModelPicker::populateProviders()
{
    m_populating = true;
    QComboBox *combo = m_ui.providerCombo;
    combo->clear();
    for (const ProviderConfig &p : std::as_const(m_providers))
        combo->addItem(p.name.isEmpty() ? p.id : p.name, p.id);
    const ProviderConfig *p = m_current ? providerById(m_current->options().providerId) : nullptr;
    combo->setCurrentIndex(p ? combo->findData(p->id) : -1);
    combo->setVisible(m_providers.size() > 1);
    for (QLabel *label : combo->parentWidget()->findChildren<QLabel *>()) {
        if (label->buddy() == combo) // its "Server" label
            label->setVisible(combo->isVisibleTo(combo->parentWidget()));
    }
    m_ui.serverLabel->setText(p ? tr("%1 · %2").arg(serverKind(p->type), serverAddress(*p))
                                : QString());
    m_populating = false;
}

void ModelPicker::populateModels()
{
    m_populating = true;
    QComboBox *combo = m_ui.modelCombo;
    combo->clear();
    if (m_current) {
        const QString id = m_current->provider().id;
        const QStringList ids = m_serverModels->modelIds(id);
        combo->addItems(ids);
        updateModelMarks();
        const QString model = m_current->options().model;
        combo->setCurrentIndex(ids.indexOf(model));
        combo->setEditText(model);
        if (combo->lineEdit())
            combo->lineEdit()->setPlaceholderText(tr("Choose a model"));
    }
    m_populating = false;
    updatePullOffer();
}

void ModelPicker::setModelCapabilities(const QString &providerId,
                                       const QHash<QString, ModelCapabilities> &capabilities)
{
    m_modelCaps.insert(providerId, capabilities);
    if (m_current && m_current->provider().id == providerId) {
        updateModelMarks();
        Q_EMIT changed(); // the context meter's window may come from them
    }
}

ModelCapabilities ModelPicker::capabilities(const QString &providerId, const QString &model) const
{
    return capabilitiesOf(m_modelCaps.value(providerId), model);
}

// The marks of the listed models, set on the picker's items in place (an open list stays).
void ModelPicker::updateModelMarks()
{
    if (!m_current)
        return;
    QComboBox *combo = m_ui.modelCombo;
    const QHash<QString, ModelCapabilities> caps = m_modelCaps.value(m_current->provider().id);
    int widest = 0;
    bool marked = false;
    for (int i = 0; i < combo->count(); ++i) {
        const QString id = combo->itemText(i);
        const QString summary = caps.value(id).summary();
        marked = marked || !summary.isEmpty();
        combo->setItemData(i, summary, ModelPickerDelegate::MarksRole);
        combo->setItemData(i, summary.isEmpty() ? id : id + u"\n" + summary, Qt::ToolTipRole);
        widest = qMax(widest, combo->fontMetrics().horizontalAdvance(id + summary));
    }
    combo->view()->setMinimumWidth(marked ? widest + 80 : 0);
}

// Which models the Ollama server holds in memory changes with every reply (another model
// answered, Ollama unloaded one to make room, keep_alive ran out): asked again (/api/ps)
// when a reply ends, so the picker's "loaded" marks are not stale.
void ModelPicker::refreshLoadedModels(const ProviderConfig &provider)
{
    if (provider.type != ProviderType::Ollama)
        return;
    auto *ops = new OllamaModels(m_client, provider, this);
    ModelOpReply *ps = ops->listRunning();
    const QString providerId = provider.id;
    const auto done = [this, ops, ps, providerId](bool ok) {
        ops->deleteLater();
        if (!ok)
            return; // the marks stay as they were
        QHash<QString, ModelCapabilities> &caps = m_modelCaps[providerId];
        const QStringList ids = m_serverModels->modelIds(providerId);
        for (const QString &id : ids) {
            bool loaded = false;
            int context = -1; // the window it was loaded with (Ollama's default depends on
            for (const RunningModel &r : ps->running()) { // the GPU: 4k, 32k or 256k)
                if (sameModel(id, r.name)) {
                    loaded = true;
                    context = r.contextLength;
                }
            }
            caps[id].loaded = loaded;
            caps[id].loadedContext = context;
        }
        if (m_current && m_current->provider().id == providerId) {
            updateModelMarks();
            Q_EMIT changed();
        }
    };
    connect(ps, &ModelOpReply::finished, this, [done] { done(true); });
    connect(ps, &ModelOpReply::failed, this, [done] { done(false); });
}

void ModelPicker::chooseDefaultModel(ConversationController *c)
{
    if (!c || !c->options().model.isEmpty())
        return;
    const QString providerId = c->provider().id;
    const QStringList ids = m_serverModels->modelIds(providerId);
    QString model;
    const QString last = QSettings().value(lastModelKey(providerId)).toString();
    if (!m_defaultModel.isEmpty() && providerId == m_defaultProviderId)
        model = m_defaultModel;
    else if (!last.isEmpty() && (ids.isEmpty() || ids.contains(last)))
        model = last;
    else if (!ids.isEmpty())
        model = ids.first();
    if (!model.isEmpty())
        c->setModel(model);
}

void ModelPicker::onProviderChosen(int index)
{
    if (m_populating || !m_current || index < 0)
        return;
    const ProviderConfig *p = providerById(m_ui.providerCombo->itemData(index).toString());
    if (!p || p->id == m_current->provider().id)
        return;
    m_current->setProvider(*p);
    m_current->setModel({});
    chooseDefaultModel(m_current);
    populateProviders();
    if (m_serverModels->entry(p->id).state == ServerModels::State::Unknown)
        m_serverModels->refresh(*p);
    populateModels();
    Q_EMIT changed();
}

void ModelPicker::onModelEdited(const QString &text)
{
    if (m_populating || !m_current)
        return;
    m_current->setModel(text.trimmed());
    Q_EMIT changed();
    updatePullOffer();
}

void ModelPicker::refreshModels()
{
    if (!m_current)
        return;
    if (const ProviderConfig *p = providerById(m_current->options().providerId))
        m_serverModels->refresh(*p);
}

void ModelPicker::serverChanged(const QString &providerId,
                                const QList<ConversationController *> &conversations)
{
    selectPulledModel(providerId, conversations);
    for (ConversationController *c : conversations) {
        if (c->provider().id == providerId)
            chooseDefaultModel(c);
    }
    if (m_current && m_current->provider().id == providerId) {
        populateModels();
        Q_EMIT changed();
    }
}

// The name typed into the picker when the conversation's server is an Ollama server that
// listed its models and this one is not among them; empty otherwise. OpenAI-compatible and
// Anthropic servers have no pull.
QString ModelPicker::modelToPull() const
{
    if (!m_current || !m_current->hasProvider() ||
        m_current->provider().type != ProviderType::Ollama)
        return {};
    const QString providerId = m_current->provider().id;
    const ServerModels::Entry entry = m_serverModels->entry(providerId);
    if (entry.state != ServerModels::State::Reachable || !entry.error.message.isEmpty())
        return {};
    const QString name = m_ui.modelCombo->currentText().trimmed();
    if (name.isEmpty() || name.contains(u' '))
        return {};
    const QStringList ids = m_serverModels->modelIds(providerId);
    for (const QString &id : ids) {
        if (sameModel(id, name))
            return {};
    }
    if (m_pullBar->isPulling() && m_pullBar->providerId() == providerId &&
        sameModel(m_pullBar->model(), name))
        return {}; // on its way
    return name;
}

void ModelPicker::updatePullOffer()
{
    if (!m_pullButton)
        return;
    const QString name = modelToPull();
    m_pullButton->setVisible(!name.isEmpty());
    if (name.isEmpty())
        return;
    m_pullButton->setText(tr("Pull %1…").arg(name));
    m_pullButton->setToolTip(m_pullBar->isPulling()
                                 ? tr("%1 is not on this server. Another model is being pulled; "
                                      "wait for it to finish.")
                                       .arg(name)
                                 : tr("%1 is not on this server: download it (Ollama pull), "
                                      "then use it here.")
                                       .arg(name));
    m_pullButton->setEnabled(!m_pullBar->isPulling());
}

void ModelPicker::pullTypedModel()
{
    const QString name = modelToPull();
    if (name.isEmpty() || !m_pullBar->start(m_current->provider(), name))
        return;
    updatePullOffer();
}

void ModelPicker::onModelPulled(const QString &providerId, const QString &model)
{
    Q_EMIT message(tr("Pulled %1.").arg(model));
    m_pulled.insert(providerId, model);
    if (const ProviderConfig *p = providerById(providerId); p && p->id == providerId)
        m_serverModels->refresh(*p); // selectPulledModel() follows once it is listed
    Q_EMIT modelPulled(providerId, model);
}

// A pulled model becomes the choice of every conversation on its server that still asks for
// it by the name that was typed (the listed name may differ: "llama3.2" → "llama3.2:latest").
void ModelPicker::selectPulledModel(const QString &providerId,
                                    const QList<ConversationController *> &conversations)
{
    if (!m_pulled.contains(providerId) ||
        m_serverModels->entry(providerId).state != ServerModels::State::Reachable)
        return;
    const QString pulled = m_pulled.take(providerId);
    QString listed;
    const QStringList ids = m_serverModels->modelIds(providerId);
    for (const QString &id : ids) {
        if (sameModel(id, pulled))
            listed = id;
    }
    if (listed.isEmpty())
        return;
    for (ConversationController *c : conversations) {
        if (c->provider().id == providerId && sameModel(c->options().model, pulled))
            c->setModel(listed);
    }
    rememberModel(providerId, listed);
}

void ModelPicker::chooseModel()
{
    QComboBox *combo = m_ui.modelCombo;
    combo->setFocus(Qt::ShortcutFocusReason);
    if (combo->count() > 0)
        combo->showPopup();
    else if (combo->lineEdit())
        combo->lineEdit()->selectAll(); // nothing listed: type a name
}

} // namespace Sluice
