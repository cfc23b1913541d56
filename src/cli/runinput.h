// What `sluice run` sends: the prompt (arguments, or stdin), the images named by
// `--image FILE` and the documents named by `--file FILE` (both repeatable; a document's text
// goes before the prompt, core/conversation/attachedtext.h).
#pragma once

#include "core/chat/chattypes.h"
#include "core/conversation/attachment.h"

#include <QCommandLineParser>
#include <QList>
#include <QString>

#include <optional>

namespace Sluice::Cli {

struct RunInput
{
    QString prompt;
    QList<Attachment> images; // the images, then the documents
};

// Adds --image and --file to `run`'s options.
void addImageOption(QCommandLineParser &parser);

// The prompt, the images (PNG, JPEG, WebP, GIF) and the documents (text-like files, PDFs),
// read and checked; nullopt after saying on stderr what is missing or which file cannot be
// used and why (a usage error).
std::optional<RunInput> readRunInput(const QCommandLineParser &parser);

// The images as `type` takes them; a note on stderr for each one sent scaled down.
QList<QByteArray> imagesToSend(const QList<Attachment> &images, ProviderType type);

} // namespace Sluice::Cli
