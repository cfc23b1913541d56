#include "gui/settings/defaultpicker.h"

#include <QComboBox>
#include <QLineEdit>

namespace Sluice {

DefaultPicker::DefaultPicker(QComboBox *providers, QComboBox *models, QObject *parent)
    : QObject(parent), m_providers(providers), m_models(models)
{
    m_models->setEditable(true);
    m_models->setInsertPolicy(QComboBox::NoInsert);
    m_models->lineEdit()->setPlaceholderText(tr("The provider's first model"));
    connect(m_providers, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        m_models->setEditText(QString());
        fillModels();
        Q_EMIT changed();
    });
    connect(m_models, &QComboBox::currentTextChanged, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
}

void DefaultPicker::setProviders(const QList<ProviderEntry> &providers)
{
    const QString id = providerId();
    m_entries = providers;
    m_filling = true;
    m_providers->clear();
    m_providers->addItem(tr("The first provider"), QString());
    for (const ProviderEntry &p : providers)
        m_providers->addItem(p.displayName(), p.id);
    const int index = m_providers->findData(id);
    m_providers->setCurrentIndex(index < 0 ? 0 : index);
    m_filling = false;
    fillModels();
}

void DefaultPicker::addFetchedModels(const QString &providerId, const QStringList &models)
{
    QStringList &list = m_fetched[providerId];
    for (const QString &m : models) {
        if (!list.contains(m))
            list.append(m);
    }
    if (providerId == this->providerId())
        fillModels();
}

void DefaultPicker::select(const QString &providerId, const QString &model)
{
    m_filling = true;
    const int index = m_providers->findData(providerId);
    m_providers->setCurrentIndex(index < 0 ? 0 : index);
    m_filling = false;
    fillModels();
    m_filling = true;
    m_models->setEditText(index < 0 ? QString() : model);
    m_filling = false;
}

QString DefaultPicker::providerId() const
{
    return m_providers->currentData().toString();
}

QString DefaultPicker::model() const
{
    return providerId().isEmpty() ? QString() : m_models->currentText().trimmed();
}

void DefaultPicker::fillModels()
{
    const QString id = providerId();
    QStringList ids;
    for (const ProviderEntry &p : std::as_const(m_entries)) {
        if (p.id != id)
            continue;
        for (const ModelEntry &m : p.models)
            ids.append(m.id);
    }
    for (const QString &m : m_fetched.value(id)) {
        if (!ids.contains(m))
            ids.append(m);
    }
    const QString text = m_models->currentText();
    m_filling = true;
    m_models->clear();
    m_models->addItems(ids);
    m_models->setEditText(text);
    m_models->setEnabled(!id.isEmpty());
    m_filling = false;
}

} // namespace Sluice
