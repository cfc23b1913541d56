// What a paste or a drop offers as attachments: image data (a screenshot copied to the
// clipboard) or files (copied or dragged from a file manager): images, text-like files and
// PDFs. A PDF is not read here (that takes a while): its path comes back to be read off the
// GUI thread (core/media/documentreader.h).
#pragma once

#include "core/conversation/attachment.h"

#include <QList>
#include <QStringList>

class QMimeData;

namespace Sluice {

// True when `data` holds image data or local files (which are then tried as attachments).
bool offersAttachments(const QMimeData *data);

// The attachments in `data`; one sentence per file that cannot be one in *errors; the PDFs
// to read in *pdfs.
QList<Attachment> attachmentsFromMime(const QMimeData *data, QStringList *errors,
                                      QStringList *pdfs);

// The attachments in these files; one sentence per file that cannot be used in *errors; the
// PDFs to read in *pdfs.
QList<Attachment> attachmentsFromFiles(const QStringList &paths, QStringList *errors,
                                       QStringList *pdfs);

} // namespace Sluice
