#include "gui/settings/modellisteditor.h"

#include "ui_providereditor.h"

#include <QHeaderView>
#include <QLocale>
#include <QTableWidgetItem>
#include <QTreeWidget>

namespace Sluice {

namespace {

enum ModelColumn { IdColumn, NameColumn, ContextColumn, MaxTokensColumn, TemperatureColumn };

QString numberText(int value)
{
    return value > 0 ? QString::number(value) : QString();
}

int cellInt(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    bool ok = false;
    const int v = item ? item->text().trimmed().toInt(&ok) : 0;
    return ok && v > 0 ? v : 0;
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

ModelListEditor::ModelListEditor(Ui::ProviderEditor &ui, QObject *parent)
    : QObject(parent), m_ui(ui)
{
    m_ui.modelsTable->horizontalHeader()->setSectionResizeMode(IdColumn, QHeaderView::Stretch);
    m_ui.serverModelsTree->hide();
    QHeaderView *serverHeader = m_ui.serverModelsTree->header();
    serverHeader->setStretchLastSection(false);
    serverHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    serverHeader->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(m_ui.addModelButton, &QAbstractButton::clicked, this, [this] {
        addRow(ModelEntry());
        m_ui.modelsTable->setCurrentCell(m_ui.modelsTable->rowCount() - 1, IdColumn);
        m_ui.modelsTable->editItem(m_ui.modelsTable->currentItem());
        Q_EMIT edited();
    });
    connect(m_ui.removeModelButton, &QAbstractButton::clicked, this, [this] {
        if (m_ui.modelsTable->currentRow() >= 0) {
            m_ui.modelsTable->removeRow(m_ui.modelsTable->currentRow());
            Q_EMIT edited();
        }
    });
    connect(m_ui.modelsTable, &QTableWidget::itemChanged, this, &ModelListEditor::edited);
}

void ModelListEditor::show(const QList<ModelEntry> &models)
{
    m_ui.modelsTable->setRowCount(0);
    for (const ModelEntry &m : models)
        addRow(m);
    m_ui.modelsStatus->clear();
    m_ui.serverModelsTree->clear();
    m_ui.serverModelsTree->hide();
}

QList<ModelEntry> ModelListEditor::models() const
{
    ProviderEntry p;
    for (int row = 0; row < m_ui.modelsTable->rowCount(); ++row) {
        const ModelEntry m = modelAt(row);
        if (!m.id.isEmpty() && !p.model(m.id))
            p.models.append(m);
    }
    return p.models;
}

int ModelListEditor::merge(const QList<ModelEntry> &models)
{
    ProviderEntry current;
    current.models = this->models();
    int added = 0;
    for (const ModelEntry &m : models) {
        if (current.model(m.id))
            continue;
        addRow(m);
        ++added;
    }
    if (added > 0)
        Q_EMIT edited();
    return added;
}

void ModelListEditor::setStatus(const QString &text)
{
    m_ui.modelsStatus->setText(text);
}

void ModelListEditor::addRow(const ModelEntry &m)
{
    QTableWidget *t = m_ui.modelsTable;
    const QSignalBlocker block(t);
    const int row = t->rowCount();
    t->insertRow(row);
    t->setItem(row, IdColumn, new QTableWidgetItem(m.id));
    t->setItem(row, NameColumn, new QTableWidgetItem(m.name));
    t->setItem(row, ContextColumn, new QTableWidgetItem(numberText(m.contextWindow)));
    t->setItem(row, MaxTokensColumn, new QTableWidgetItem(numberText(m.maxTokens)));
    t->setItem(row, TemperatureColumn,
               new QTableWidgetItem(m.temperature ? QString::number(*m.temperature) : QString()));
}

ModelEntry ModelListEditor::modelAt(int row) const
{
    const QTableWidget *t = m_ui.modelsTable;
    ModelEntry m;
    m.id = cellText(t, row, IdColumn);
    m.name = cellText(t, row, NameColumn);
    m.contextWindow = cellInt(t, row, ContextColumn);
    m.maxTokens = cellInt(t, row, MaxTokensColumn);
    bool ok = false;
    const double temperature = cellText(t, row, TemperatureColumn).toDouble(&ok);
    if (ok && temperature >= 0 && temperature <= 2)
        m.temperature = temperature;
    return m;
}

void ModelListEditor::setServerModels(const QList<ModelInfo> &models, bool ollama)
{
    QTreeWidget *tree = m_ui.serverModelsTree;
    tree->clear();
    for (int c = 1; c < tree->columnCount(); ++c)
        tree->setColumnHidden(c, !ollama);
    for (const ModelInfo &m : models) {
        auto *item = new QTreeWidgetItem(tree);
        item->setText(0, m.id);
        if (!ollama)
            continue;
        item->setText(1, m.sizeBytes > 0 ? formatBytes(m.sizeBytes) : QString());
        item->setText(2, m.parameterSize);
        item->setText(3, m.quantization);
        item->setText(4, tr("…"));
        item->setText(5, tr("…"));
        for (int c = 1; c <= 4; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    tree->setVisible(!models.isEmpty());
}

void ModelListEditor::setServerModelDetails(const QString &model, const ModelDetails &d)
{
    const QList<QTreeWidgetItem *> items =
        m_ui.serverModelsTree->findItems(model, Qt::MatchExactly, 0);
    if (items.isEmpty())
        return;
    QTreeWidgetItem *item = items.first();
    item->setText(4, d.contextLength > 0 ? QLocale().toString(d.contextLength) : tr("unknown"));
    QStringList caps;
    if (d.hasCapability(u"vision"))
        caps.append(tr("vision"));
    if (d.hasCapability(u"tools"))
        caps.append(tr("tools"));
    if (d.hasCapability(u"thinking"))
        caps.append(tr("thinking"));
    item->setText(5, caps.isEmpty() ? tr("text only") : caps.join(tr(", ")));
    if (item->text(2).isEmpty())
        item->setText(2, d.parameterSize);
    if (item->text(3).isEmpty())
        item->setText(3, d.quantization);
}

void ModelListEditor::setServerModelFailed(const QString &model, const QString &message)
{
    const QList<QTreeWidgetItem *> items =
        m_ui.serverModelsTree->findItems(model, Qt::MatchExactly, 0);
    if (items.isEmpty())
        return;
    for (int c : {4, 5}) {
        items.first()->setText(c, tr("unknown"));
        items.first()->setToolTip(c, message);
    }
}

} // namespace Sluice
