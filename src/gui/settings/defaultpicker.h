// The default provider and model for new conversations (config `default`): a combo of the
// providers as the dialog has them and an editable combo of the chosen provider's models —
// the ones configured and the ones a Refresh fetched. Empty values mean "the first one".
#pragma once

#include "core/config/config.h"

#include <QHash>
#include <QObject>
#include <QStringList>

class QComboBox;

namespace Sluice {

class DefaultPicker final : public QObject
{
    Q_OBJECT
public:
    DefaultPicker(QComboBox *providers, QComboBox *models, QObject *parent = nullptr);

    // Refills the provider combo (and the model list), keeping the choice where it can.
    void setProviders(const QList<ProviderEntry> &providers);
    void addFetchedModels(const QString &providerId, const QStringList &models);
    void select(const QString &providerId, const QString &model);

    QString providerId() const;
    QString model() const;

Q_SIGNALS:
    void changed();

private:
    void fillModels();

    QComboBox *m_providers;
    QComboBox *m_models;
    QList<ProviderEntry> m_entries;
    QHash<QString, QStringList> m_fetched;
    bool m_filling = false;
};

} // namespace Sluice
