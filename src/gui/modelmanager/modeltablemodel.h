// The installed models of one Ollama server (/api/tags) with what /api/ps says about the
// loaded ones, one row per model: name, size, parameters, quantisation, family, modified,
// and — for a loaded model — memory, GPU share, context and when it unloads.
#pragma once

#include "core/models/modeltypes.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace Sluice {

class ModelTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Size, Parameters, Quantization, Family, Modified, Loaded, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole, // the model's name, on every column
        LoadedRole,              // bool
        SortRole,                // numbers and dates as such
    };

    explicit ModelTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setInstalled(const QList<InstalledModel> &models);
    // `now` is when "unloads in …" is measured from.
    void setRunning(const QList<RunningModel> &models, const QDateTime &now);

    int rowOf(const QString &name) const; // -1 when not listed
    const RunningModel *runningFor(const QString &name) const;

private:
    QString loadedText(const RunningModel &m) const;

    QList<InstalledModel> m_installed;
    QList<RunningModel> m_running;
    QDateTime m_now;
};

} // namespace Sluice
