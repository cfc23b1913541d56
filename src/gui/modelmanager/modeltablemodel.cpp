#include "gui/modelmanager/modeltablemodel.h"

#include <QLocale>

namespace Sluice {

ModelTableModel::ModelTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int ModelTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_installed.size());
}

int ModelTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const RunningModel *ModelTableModel::runningFor(const QString &name) const
{
    for (const RunningModel &r : m_running) {
        if (sameModel(r.name, name))
            return &r;
    }
    return nullptr;
}

QString ModelTableModel::loadedText(const RunningModel &m) const
{
    QStringList parts{formatBytes(m.sizeBytes)};
    const int gpu = m.gpuPercent();
    if (gpu >= 0)
        parts.append(tr("%1% GPU").arg(gpu));
    if (m.contextLength > 0)
        parts.append(tr("context %1").arg(QLocale().toString(m.contextLength)));
    if (m.staysLoaded()) {
        parts.append(tr("stays loaded"));
    } else {
        const QString until = formatTimeUntil(m.expiresAt, m_now);
        parts.append(until.isEmpty() ? tr("unloading") : tr("unloads %1").arg(until));
    }
    return parts.join(QStringLiteral(" · "));
}

QVariant ModelTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InstalledModel &m = m_installed.at(index.row());
    const RunningModel *running = runningFor(m.name);
    switch (role) {
    case NameRole:
        return m.name;
    case LoadedRole:
        return running != nullptr;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case SortRole:
        switch (index.column()) {
        case Name:
            return m.name;
        case Size:
            return role == SortRole ? QVariant(m.sizeBytes) : QVariant(formatBytes(m.sizeBytes));
        case Parameters:
            return m.parameterSize;
        case Quantization:
            return m.quantization;
        case Family:
            return m.family;
        case Modified:
            if (role == SortRole)
                return m.modified;
            return m.modified.isValid()
                       ? QLocale().toString(m.modified.toLocalTime(), QLocale::ShortFormat)
                       : QString();
        case Loaded:
            if (!running)
                return role == SortRole ? QVariant(-1) : QVariant(QString());
            return role == SortRole ? QVariant(running->sizeBytes) : QVariant(loadedText(*running));
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Size)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Size:
        return tr("Size");
    case Parameters:
        return tr("Parameters");
    case Quantization:
        return tr("Quantisation");
    case Family:
        return tr("Family");
    case Modified:
        return tr("Modified");
    case Loaded:
        return tr("Loaded");
    default:
        return {};
    }
}

void ModelTableModel::setInstalled(const QList<InstalledModel> &models)
{
    beginResetModel();
    m_installed = models;
    endResetModel();
}

void ModelTableModel::setRunning(const QList<RunningModel> &models, const QDateTime &now)
{
    m_running = models;
    m_now = now;
    if (!m_installed.isEmpty())
        Q_EMIT dataChanged(index(0, Loaded), index(rowCount() - 1, Loaded),
                           {Qt::DisplayRole, Qt::ToolTipRole, SortRole, LoadedRole});
}

int ModelTableModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_installed.size(); ++i) {
        if (sameModel(m_installed.at(i).name, name))
            return i;
    }
    return -1;
}

} // namespace Sluice
