// Reads documents to attach off the calling thread (a 300-page PDF takes a while; the window
// stays responsive meanwhile): each file is read on a worker thread and the result comes
// back as a signal on the reader's thread, in the order the files were given.
#pragma once

#include "core/conversation/attachment.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

namespace Sluice {

class DocumentReader final : public QObject
{
    Q_OBJECT
public:
    explicit DocumentReader(QObject *parent = nullptr);
    ~DocumentReader() override; // waits for the reads under way

    // Reads each file (documentFromFile()); every one ends in exactly one `done`.
    void read(const QStringList &paths);

    bool isBusy() const { return !m_pending.isEmpty(); }
    // The file names still being read ("report.pdf").
    QStringList pendingNames() const;

Q_SIGNALS:
    // `attachment` is a document, or empty (kind Document, no data) with `error` set.
    void done(const QString &path, const Sluice::Attachment &attachment, const QString &error);
    void idle(); // the last pending read ended

private:
    void finish(quint64 ticket, const QString &path, const Attachment &attachment,
                const QString &error);

    QThreadPool m_pool;
    QList<quint64> m_pending; // tickets in the order given
    QList<QString> m_pendingPaths;
    struct Result
    {
        QString path;
        Attachment attachment;
        QString error;
    };
    QHash<quint64, Result> m_finished; // ended before an earlier one
    quint64 m_next = 1;
};

} // namespace Sluice
