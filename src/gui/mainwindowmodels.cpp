// MainWindow's model picker: the models of the conversation's server, the default choice,
// what the user types, and pulling a model that an Ollama server does not have yet.
#include "mainwindow.h"

#include "conversationcontroller.h"
#include "modelpickerdelegate.h"
#include "models/modelcapabilities.h"
#include "servermodels.h"

#include "ui_mainwindow.h"

#include <QAbstractItemView>
#include <QLineEdit>
#include <QSettings>

namespace Sluice {

QString MainWindow::lastModelKey(const QString &providerId)
{
    return QStringLiteral("models/last/") + providerId;
}

void MainWindow::populateModels()
{
    m_populating = true;
    QComboBox *combo = m_ui->modelCombo;
    combo->clear();
    if (m_current) {
        const QString id = m_current->provider().id;
        const QStringList ids = m_serverModels->modelIds(id);
        combo->addItems(ids);
        const QHash<QString, QString> marks = m_modelMarks.value(id);
        int widest = 0;
        for (int i = 0; i < ids.size(); ++i) {
            const QString summary = marks.value(ids.at(i));
            combo->setItemData(i, summary, ModelPickerDelegate::MarksRole);
            combo->setItemData(i, summary.isEmpty() ? ids.at(i) : ids.at(i) + u"\n" + summary,
                               Qt::ToolTipRole);
            widest = qMax(widest, combo->fontMetrics().horizontalAdvance(ids.at(i) + summary));
        }
        combo->view()->setMinimumWidth(marks.isEmpty() ? 0 : widest + 80);
        const QString model = m_current->options().model;
        combo->setCurrentIndex(ids.indexOf(model));
        combo->setEditText(model);
        if (combo->lineEdit())
            combo->lineEdit()->setPlaceholderText(tr("Choose a model"));
    }
    m_populating = false;
}

void MainWindow::setModelCapabilities(const QString &providerId,
                                      const QHash<QString, ModelCapabilities> &capabilities)
{
    QHash<QString, QString> marks;
    for (auto it = capabilities.cbegin(); it != capabilities.cend(); ++it) {
        const QString summary = it.value().summary();
        if (!summary.isEmpty())
            marks.insert(it.key(), summary);
    }
    m_modelMarks.insert(providerId, marks);
    if (m_current && m_current->provider().id == providerId)
        populateModels();
}

void MainWindow::chooseDefaultModel(ConversationController *c)
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

void MainWindow::onProviderChosen(int index)
{
    if (m_populating || !m_current || index < 0)
        return;
    const ProviderConfig *p = providerById(m_ui->providerCombo->itemData(index).toString());
    if (!p || p->id == m_current->provider().id)
        return;
    m_current->setProvider(*p);
    m_current->setModel({});
    chooseDefaultModel(m_current);
    populateProviders();
    if (m_serverModels->entry(p->id).state == ServerModels::State::Unknown)
        m_serverModels->refresh(*p);
    populateModels();
    updateEmptyState();
}

void MainWindow::onModelEdited(const QString &text)
{
    if (m_populating || !m_current)
        return;
    m_current->setModel(text.trimmed());
    updateEmptyState();
}

void MainWindow::refreshModels()
{
    if (!m_current)
        return;
    if (const ProviderConfig *p = providerById(m_current->options().providerId))
        m_serverModels->refresh(*p);
}

void MainWindow::onServerChanged(const QString &providerId)
{
    for (ConversationController *c : std::as_const(m_conversations)) {
        if (c->provider().id == providerId)
            chooseDefaultModel(c);
    }
    if (m_current && m_current->provider().id == providerId) {
        populateModels();
        updateEmptyState();
    }
}

} // namespace Sluice
