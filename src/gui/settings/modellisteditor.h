// The models part of the provider form: the table of models Sluice offers for the provider
// (id, name, context window, max tokens, temperature; Add and Remove) and, under it, what
// "Refresh from server" found (for Ollama with size, parameters, quantisation, context
// length and capabilities).
#pragma once

#include "core/config/config.h"
#include "core/models/modeltypes.h"

#include <QObject>

namespace Ui {
class ProviderEditor;
}

namespace Sluice {

class ModelListEditor final : public QObject
{
    Q_OBJECT
public:
    // `ui` is the provider form, which owns the widgets.
    ModelListEditor(Ui::ProviderEditor &ui, QObject *parent = nullptr);

    // Shows these models; the server's list and the status are cleared. No edited().
    void show(const QList<ModelEntry> &models);
    // The table's models with an id, each id once.
    QList<ModelEntry> models() const;
    // Adds the models that are not listed yet; returns how many were new.
    int merge(const QList<ModelEntry> &models);
    void setStatus(const QString &text);

    void setServerModels(const QList<ModelInfo> &models, bool ollama);
    void setServerModelDetails(const QString &model, const ModelDetails &details);
    void setServerModelFailed(const QString &model, const QString &message);

Q_SIGNALS:
    void edited(); // by the user, or by merge()

private:
    void addRow(const ModelEntry &model);
    ModelEntry modelAt(int row) const;

    Ui::ProviderEditor &m_ui;
};

} // namespace Sluice
