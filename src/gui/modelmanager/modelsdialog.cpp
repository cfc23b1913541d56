#include "gui/modelmanager/modelsdialog.h"

#include "core/chat/chatclient.h"
#include "core/net/endpoint.h"
#include "core/models/ollamamodels.h"
#include "gui/modelmanager/modeltablemodel.h"
#include "gui/widgets/nodefaultbutton.h"
#include "ui_modelsdialog.h"

#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>

namespace Sluice {

namespace {
constexpr int DefaultRefreshMs = 10'000;

QString capabilityText(const QStringList &caps)
{
    QStringList shown;
    for (const QString &c : caps) {
        if (c == u"vision")
            shown.append(ModelsDialog::tr("vision (images)"));
        else if (c == u"tools")
            shown.append(ModelsDialog::tr("tools"));
        else if (c == u"thinking")
            shown.append(ModelsDialog::tr("thinking"));
        else if (c == u"completion")
            shown.append(ModelsDialog::tr("chat"));
        else if (c == u"embedding")
            shown.append(ModelsDialog::tr("embeddings"));
        else
            shown.append(c);
    }
    return shown.join(QStringLiteral(", "));
}
} // namespace

ModelsDialog::ModelsDialog(ChatClient *client, const ProviderConfig &provider, QWidget *parent)
    : QDialog(parent), m_ui(new Ui::ModelsDialog), m_provider(provider),
      m_models(new OllamaModels(client, provider, this)), m_table(new ModelTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    setWindowTitle(
        tr("Models — %1").arg(provider.name.isEmpty() ? provider.baseUrl : provider.name));
    const ParsedBaseUrl parsed = parseBaseUrl(provider.baseUrl);
    m_ui->serverLabel->setText(tr("Ollama at %1")
                                   .arg(parsed.ok()
                                            ? displayBase(apiRoot(parsed.url, ProviderType::Ollama))
                                            : provider.baseUrl));

    m_proxy->setSourceModel(m_table);
    m_proxy->setSortRole(ModelTableModel::SortRole);
    m_ui->modelTable->setModel(m_proxy);
    m_ui->modelTable->sortByColumn(ModelTableModel::Name, Qt::AscendingOrder);
    m_ui->modelTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->modelTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->splitter->setStretchFactor(0, 3); // the table has seven columns to show
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->splitter->setSizes({600, 400});
    m_ui->cancelPullButton->setEnabled(false);
    m_ui->pullButton->setEnabled(false);
    // Enter in the pull field pulls; it must not also press Load (or Close).
    removeDefaultButton(this);

    connect(m_ui->refreshButton, &QPushButton::clicked, this, &ModelsDialog::refresh);
    connect(m_ui->modelTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ModelsDialog::onSelectionChanged);
    connect(m_ui->loadButton, &QPushButton::clicked, this, &ModelsDialog::loadSelected);
    connect(m_ui->unloadButton, &QPushButton::clicked, this, &ModelsDialog::unloadSelected);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &ModelsDialog::deleteSelected);
    connect(m_ui->pullButton, &QPushButton::clicked, this, &ModelsDialog::startPull);
    connect(m_ui->pullNameEdit, &QLineEdit::returnPressed, this, &ModelsDialog::startPull);
    connect(m_ui->pullNameEdit, &QLineEdit::textChanged, this, &ModelsDialog::updateButtons);
    connect(m_ui->cancelPullButton, &QPushButton::clicked, this, [this] {
        if (m_pull)
            m_pull->cancel();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ModelsDialog::reject);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ModelsDialog::refreshRunning);
    m_refreshTimer.start(DefaultRefreshMs);

    clearDetails();
    updateButtons();
    if (provider.type == ProviderType::Anthropic) {
        setStatus(tr("Model management needs an Ollama server; this provider is Anthropic."), true);
        m_ui->refreshButton->setEnabled(false);
        m_ui->pullBox->setEnabled(false);
        m_refreshTimer.stop();
        return;
    }
    refresh();
}

ModelsDialog::~ModelsDialog()
{
    delete m_ui;
}

void ModelsDialog::setConfirmHandler(ConfirmHandler handler)
{
    m_confirm = std::move(handler);
}

bool ModelsDialog::confirm(const QString &title, const QString &text)
{
    if (m_confirm)
        return m_confirm(title, text);
    return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

void ModelsDialog::setStatus(const QString &text, bool error)
{
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setProperty("error", error);
    m_ui->statusLabel->setStyleSheet(error ? QStringLiteral("color: palette(link-visited);")
                                           : QString());
}

void ModelsDialog::track(ModelOpReply *reply)
{
    connect(reply, &ModelOpReply::finished, reply, &QObject::deleteLater);
    connect(reply, &ModelOpReply::failed, reply, &QObject::deleteLater);
}

void ModelsDialog::refresh()
{
    ModelOpReply *reply = m_models->listInstalled();
    track(reply);
    connect(reply, &ModelOpReply::failed, this,
            [this](const ChatError &e) { setStatus(e.message, true); });
    connect(reply, &ModelOpReply::finished, this, [this, reply] {
        const QString keep = m_reselect.isEmpty() ? selectedName() : m_reselect;
        m_reselect.clear();
        m_table->setInstalled(reply->installed());
        if (reply->installed().isEmpty())
            setStatus(tr("No models are installed yet: pull one below."));
        else if (m_ui->statusLabel->property("error").toBool())
            setStatus({});
        selectName(keep);
        // A reset list clears the selection without saying so: the details follow here.
        onSelectionChanged();
        refreshRunning();
    });
}

void ModelsDialog::refreshRunning()
{
    ModelOpReply *reply = m_models->listRunning();
    track(reply);
    connect(reply, &ModelOpReply::finished, this, [this, reply] {
        m_table->setRunning(reply->running(), QDateTime::currentDateTimeUtc());
        updateButtons();
    });
}

QString ModelsDialog::selectedName() const
{
    const QModelIndexList rows = m_ui->modelTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(ModelTableModel::NameRole).toString();
}

void ModelsDialog::selectName(const QString &name)
{
    const int row = name.isEmpty() ? -1 : m_table->rowOf(name);
    if (row < 0) {
        m_ui->modelTable->clearSelection();
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_table->index(row, 0));
    m_ui->modelTable->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_ui->modelTable->setCurrentIndex(index);
    m_ui->modelTable->scrollTo(index);
}

void ModelsDialog::onSelectionChanged()
{
    const QString name = selectedName();
    updateButtons();
    if (name.isEmpty()) {
        clearDetails();
        return;
    }
    if (name != m_detailsFor)
        showDetails(name);
}

void ModelsDialog::clearDetails()
{
    if (m_details) { // an answer for the previous selection must not land here
        disconnect(m_details, nullptr, this, nullptr);
        m_details->deleteLater(); // closes its connection; says nothing
    }
    m_detailsFor.clear();
    m_ui->detailsBox->setTitle(tr("Details"));
    m_ui->contextLabel->clear();
    m_ui->capabilitiesLabel->clear();
    m_ui->parametersView->clear();
    m_ui->templateView->clear();
    m_ui->licenseView->clear();
}

void ModelsDialog::showDetails(const QString &name)
{
    clearDetails();
    m_detailsFor = name;
    m_ui->detailsBox->setTitle(name);
    m_ui->capabilitiesLabel->setText(tr("Loading…"));
    m_details = m_models->show(name);
    ModelOpReply *reply = m_details;
    track(reply);
    connect(reply, &ModelOpReply::failed, this,
            [this](const ChatError &e) { m_ui->capabilitiesLabel->setText(e.message); });
    connect(reply, &ModelOpReply::finished, this, [this, reply] {
        const ModelDetails &d = reply->details();
        m_ui->contextLabel->setText(d.contextLength > 0
                                        ? tr("%1 tokens").arg(QLocale().toString(d.contextLength))
                                        : tr("unknown"));
        m_ui->capabilitiesLabel->setText(capabilityText(d.capabilities));
        m_ui->parametersView->setPlainText(d.parameters);
        m_ui->templateView->setPlainText(d.templateText);
        m_ui->licenseView->setPlainText(d.license);
    });
}

void ModelsDialog::updateButtons()
{
    const QString name = selectedName();
    const bool loaded = !name.isEmpty() && m_table->runningFor(name) != nullptr;
    const bool idle = m_busy == 0;
    m_ui->loadButton->setEnabled(idle && !name.isEmpty() && !loaded);
    m_ui->unloadButton->setEnabled(idle && loaded);
    m_ui->deleteButton->setEnabled(idle && !name.isEmpty());
    const bool pulling = isPulling();
    m_ui->pullButton->setEnabled(!pulling && !m_ui->pullNameEdit->text().trimmed().isEmpty());
    m_ui->pullNameEdit->setReadOnly(pulling);
    m_ui->cancelPullButton->setEnabled(pulling);
}

void ModelsDialog::loadSelected()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    ++m_busy;
    updateButtons();
    setStatus(tr("Loading %1 into memory…").arg(name));
    ModelOpReply *reply = m_models->load(name);
    track(reply);
    connect(reply, &ModelOpReply::finished, this, [this, name] {
        --m_busy;
        setStatus(tr("%1 is loaded.").arg(name));
        refreshRunning();
    });
    connect(reply, &ModelOpReply::failed, this, [this](const ChatError &e) {
        --m_busy;
        setStatus(e.message, true);
        updateButtons();
    });
}

void ModelsDialog::unloadSelected()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    ++m_busy;
    updateButtons();
    setStatus(tr("Unloading %1…").arg(name));
    ModelOpReply *reply = m_models->unload(name);
    track(reply);
    connect(reply, &ModelOpReply::finished, this, [this, name] {
        --m_busy;
        setStatus(tr("%1 was unloaded; its memory is free.").arg(name));
        refreshRunning();
    });
    connect(reply, &ModelOpReply::failed, this, [this](const ChatError &e) {
        --m_busy;
        setStatus(e.message, true);
        updateButtons();
    });
}

void ModelsDialog::deleteSelected()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    if (!confirm(tr("Delete model"),
                 tr("Delete %1 from the server? Its files are removed; pulling it again "
                    "downloads it again.")
                     .arg(name)))
        return;
    ++m_busy;
    updateButtons();
    setStatus(tr("Deleting %1…").arg(name));
    ModelOpReply *reply = m_models->remove(name);
    track(reply);
    connect(reply, &ModelOpReply::finished, this, [this, name] {
        --m_busy;
        if (m_detailsFor == name) { // even when the list cannot be read again
            m_ui->modelTable->clearSelection();
            clearDetails();
        }
        setStatus(tr("Deleted %1.").arg(name));
        refresh();
        Q_EMIT modelsChanged();
    });
    connect(reply, &ModelOpReply::failed, this, [this](const ChatError &e) {
        --m_busy;
        setStatus(e.message, true);
        updateButtons();
    });
}

bool ModelsDialog::isPulling() const
{
    return m_pull && m_pull->isRunning();
}

void ModelsDialog::pull(const QString &model)
{
    if (isPulling())
        return;
    m_ui->pullNameEdit->setText(model);
    startPull();
}

void ModelsDialog::startPull()
{
    const QString name = m_ui->pullNameEdit->text().trimmed();
    if (name.isEmpty() || isPulling())
        return;
    if (m_pull)
        m_pull->deleteLater();
    m_ui->pullProgress->setValue(0);
    m_ui->pullProgress->setFormat(QString());
    m_ui->pullStatusLabel->setText(tr("Starting the pull of %1…").arg(name));
    m_pull = m_models->pull(name);
    connect(m_pull, &PullReply::progressChanged, this, &ModelsDialog::onPullProgress);
    connect(m_pull, &PullReply::finished, this, [this] { onPullEnded(true); });
    connect(m_pull, &PullReply::failed, this, [this] { onPullEnded(false); });
    updateButtons();
}

void ModelsDialog::onPullProgress(const PullProgress &p)
{
    if (p.percent >= 0) {
        m_ui->pullProgress->setValue(int(p.percent * 10));
        m_ui->pullProgress->setFormat(QStringLiteral("%1%").arg(int(p.percent)));
    }
    m_ui->pullStatusLabel->setText(formatPullLine(p));
}

void ModelsDialog::onPullEnded(bool ok)
{
    PullReply *reply = m_pull;
    const QString name = reply->model();
    if (ok) {
        m_ui->pullProgress->setValue(m_ui->pullProgress->maximum());
        m_ui->pullProgress->setFormat(QStringLiteral("100%"));
        m_ui->pullStatusLabel->setText(
            tr("Pulled %1 (%2).").arg(name, formatBytes(reply->progress().totalBytes)));
        m_ui->pullNameEdit->clear();
        m_reselect = name;
        refresh();
        Q_EMIT modelsChanged();
    } else {
        // The bar stays where the pull stopped: pulling again resumes from there.
        m_ui->pullStatusLabel->setText(reply->error().kind == ChatError::Kind::Cancelled
                                           ? tr("Cancelled. Pull again to resume.")
                                           : reply->error().message);
    }
    updateButtons();
}

void ModelsDialog::reject()
{
    if (isPulling()) {
        if (!confirm(tr("Stop pulling"),
                     tr("%1 is still being pulled. Stop the pull? Pulling it again later "
                        "resumes where it stopped.")
                         .arg(m_pull->model())))
            return;
        m_pull->cancel();
    }
    QDialog::reject();
}

} // namespace Sluice
