#include "core/media/documentreader.h"

#include "core/conversation/attachedtext.h"
#include "core/media/documentprep.h"

#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>

namespace Sluice {

DocumentReader::DocumentReader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1); // one file at a time: the order stays, the machine stays usable
}

DocumentReader::~DocumentReader()
{
    m_pool.waitForDone();
}

void DocumentReader::read(const QStringList &paths)
{
    for (const QString &path : paths) {
        const quint64 ticket = m_next++;
        m_pending.append(ticket);
        m_pendingPaths.append(path);
        m_pool.start([this, ticket, path] {
            QString error;
            std::optional<Attachment> a = documentFromFile(path, &error);
            Attachment result = a.value_or(Attachment{});
            if (!a)
                result.kind = Attachment::Kind::Document;
            else
                documentTokens({result}); // counted here, not on the GUI thread (attachedtext.h)
            // Back on the reader's thread; the destructor waits for this task, and a queued
            // call to a deleted reader is dropped.
            QMetaObject::invokeMethod(
                this, [this, ticket, path, result, error] { finish(ticket, path, result, error); },
                Qt::QueuedConnection);
        });
    }
}

QStringList DocumentReader::pendingNames() const
{
    QStringList names;
    for (const QString &path : m_pendingPaths)
        names.append(QFileInfo(path).fileName());
    return names;
}

void DocumentReader::finish(quint64 ticket, const QString &path, const Attachment &attachment,
                            const QString &error)
{
    m_finished.insert(ticket, {path, attachment, error});
    while (!m_pending.isEmpty() && m_finished.contains(m_pending.first())) {
        const Result r = m_finished.take(m_pending.takeFirst());
        m_pendingPaths.removeFirst();
        Q_EMIT done(r.path, r.attachment, r.error);
    }
    if (m_pending.isEmpty())
        Q_EMIT idle();
}

} // namespace Sluice
