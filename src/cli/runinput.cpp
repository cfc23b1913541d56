#include "cli/runinput.h"

#include "cli/clicommon.h"
#include "core/media/documentprep.h"
#include "core/media/imageprep.h"
#include "session/imagerequest.h"

#include <QFile>

#include <cstdio>

namespace Sluice::Cli {

void addImageOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("image"),
                      QStringLiteral("Send an image with the prompt (PNG, JPEG, WebP or GIF; "
                                     "repeat for more)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("file"),
                      QStringLiteral("Send a text file (source code, Markdown, CSV, JSON, a log "
                                     "…) or a PDF's text with the prompt (repeat for more)."),
                      QStringLiteral("FILE")});
}

std::optional<RunInput> readRunInput(const QCommandLineParser &parser)
{
    RunInput input;
    const QStringList words = parser.positionalArguments();
    if (words.isEmpty() || words == QStringList{QStringLiteral("-")}) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            printError(QStringLiteral("could not read the prompt from stdin"));
            return std::nullopt;
        }
        input.prompt = QString::fromUtf8(in.readAll());
    } else {
        input.prompt = words.join(u' ');
    }
    if (input.prompt.trimmed().isEmpty()) {
        printError(usageError(QStringLiteral("no prompt given (pass it as arguments or on stdin)"),
                              QStringLiteral("run")));
        return std::nullopt;
    }
    const QStringList paths = parser.values(QStringLiteral("image"));
    for (const QString &path : paths) {
        QString error;
        std::optional<Attachment> image = imageAttachmentFromFile(path, &error);
        if (!image) {
            printError(error);
            return std::nullopt;
        }
        input.images.append(*image);
    }
    const QStringList files = parser.values(QStringLiteral("file"));
    for (const QString &path : files) {
        QString error;
        std::optional<Attachment> document = documentFromFile(path, &error);
        if (!document) {
            printError(QStringLiteral("--file: ") + error);
            return std::nullopt;
        }
        input.images.append(*document);
    }
    return input;
}

QList<QByteArray> imagesToSend(const QList<Attachment> &images, ProviderType type)
{
    const int count = int(images.size());
    const QStringList notes = scaledImageNotes(images, type, count);
    for (const QString &note : notes)
        writeStderr(QString(u"sluice: " + note + u'\n'));
    return imagesForRequest(images, type, {}, nullptr, count);
}

} // namespace Sluice::Cli
