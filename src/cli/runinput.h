// What `sluice run` sends: the prompt (arguments, or stdin) and the images named by
// `--image FILE` (repeatable).
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
    QList<Attachment> images;
};

// Adds --image to `run`'s options.
void addImageOption(QCommandLineParser &parser);

// The prompt and the images, read and checked (PNG, JPEG, WebP, GIF); nullopt after saying on
// stderr what is missing or which file cannot be used and why (a usage error).
std::optional<RunInput> readRunInput(const QCommandLineParser &parser);

// The images as `type` takes them; a note on stderr for each one sent scaled down.
QList<QByteArray> imagesToSend(const QList<Attachment> &images, ProviderType type);

} // namespace Sluice::Cli
