// Documents as attachments (#23): text-like files (source code, Markdown, text, CSV, JSON,
// logs, …) and PDFs, whose text goes to the model (core/conversation/attachedtext.h). The
// file's own bytes are kept (to open or save it again from the message) with its text.
//
// What cannot be read as text gets one sentence and no attachment: a binary file, text in
// an encoding other than UTF-8/UTF-16, an encrypted PDF, a PDF of scanned pages (no text),
// a file over the limits below. A PDF's text comes from Poppler (poppler-qt6); reading a
// large one takes a while, so the window does it off its thread (documentreader.h).
#pragma once

#include "core/conversation/attachment.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Sluice {

// The largest text-like file attached (8 MiB: about two million tokens, beyond any window).
inline constexpr qint64 kMaxTextFileBytes = 8LL * 1024 * 1024;
// The largest PDF attached.
inline constexpr qint64 kMaxPdfFileBytes = 100LL * 1024 * 1024;

// False in a build without Poppler: a PDF then gets a sentence saying so.
bool canReadPdfs();
// True when `bytes` (the file's start will do) is a PDF ("%PDF-" in its first kilobyte).
bool looksLikePdf(const QByteArray &bytes);
// The same for a file on disk (reads its first kilobyte); false when it cannot be read.
bool isPdfFile(const QString &path);

// A text document from a file's bytes: UTF-8 (with or without a byte order mark) or UTF-16
// with one. nullopt and one sentence in *error for a binary file or another encoding.
std::optional<Attachment> textDocument(const QByteArray &bytes, const QString &fileName,
                                       QString *error);
// A PDF document from its bytes, with the text of every page (slow for a long one: call it
// off the GUI thread). nullopt and one sentence for an encrypted, damaged or textless PDF.
std::optional<Attachment> pdfDocument(const QByteArray &bytes, const QString &fileName,
                                      QString *error);
// The document in a file on disk (a PDF or text), checked against the limits first.
std::optional<Attachment> documentFromFile(const QString &path, QString *error);

// Any attachment from a file on disk: an image (imageprep.h) when it is one, else a document.
std::optional<Attachment> attachmentFromFile(const QString &path, QString *error);

} // namespace Sluice
