// What a paste or a drop offers as attachments: image data (a screenshot copied to the
// clipboard) or image files (copied or dragged from a file manager).
#pragma once

#include "core/conversation/attachment.h"

#include <QList>
#include <QStringList>

class QMimeData;

namespace Sluice {

// True when `data` holds image data or local files (which are then tried as images).
bool offersAttachments(const QMimeData *data);

// The images in `data`; one sentence per file that is not one in *errors.
QList<Attachment> attachmentsFromMime(const QMimeData *data, QStringList *errors);

// The images in these files; one sentence per file that cannot be used in *errors.
QList<Attachment> attachmentsFromFiles(const QStringList &paths, QStringList *errors);

} // namespace Sluice
