// How a message's documents (text-like files, PDFs) reach the model: each one's text in a
// delimited block before the message's own text, in the same words on every protocol:
//
//   ===== file: notes.py (text/x-python) =====
//   …the file's text…
//   ===== end of file: notes.py =====
//
// A file whose text holds such a line would end its block early: the marker of `=` is
// always longer than the longest run of `=` in the text, so no line of the text can be the
// end line. The file name is kept to one line (control characters become spaces).
#pragma once

#include "core/conversation/attachment.h"

#include <QList>
#include <QString>

namespace Sluice {

// The block for one document (see above), ending with a line break.
QString documentBlock(const Attachment &document, int ordinal);

// What the model reads for a message: the blocks of its documents, a blank line, then
// `content`. `content` itself when the message has no documents.
QString contentWithDocuments(const QString &content, const QList<Attachment> &attachments);

// Tokens the documents among `attachments` add to a message (estimateTextTokens() of their
// blocks). A long text's count is kept, so asking again (the meter, on every key) is quick;
// thread-safe (the reader counts a document on its worker thread first).
qint64 documentTokens(const QList<Attachment> &attachments);

} // namespace Sluice
