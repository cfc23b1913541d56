// Images in a chat request: what goes on the wire for a message's attachments, and the
// sentence when a server refuses them.
#pragma once

#include "core/chat/chattypes.h"
#include "core/conversation/conversation.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace Sluice {

// The bytes of a stored attachment by its id (messages loaded from the history carry only
// thumbnails); nullopt when they cannot be read.
using AttachmentLoader = std::function<std::optional<QByteArray>(qint64 attachmentId)>;

// The images of `attachments` as `type` accepts them (scaled down, re-encoded; see
// imageForProvider). One that has no bytes and cannot be loaded is left out and named in
// *missing when given.
// `imagesInRequest`: how many the whole request carries (Anthropic's limit depends on it).
QList<QByteArray> imagesForRequest(const QList<Attachment> &attachments, ProviderType type,
                                   const AttachmentLoader &load, QStringList *missing = nullptr,
                                   int imagesInRequest = 1);

// How many images the messages before `endRow` carry.
int imagesBefore(const QList<ConversationMessage> &messages, int endRow);

// Notes for the images that will be sent scaled down (scaledImageNote), one per image.
QStringList scaledImageNotes(const QList<Attachment> &attachments, ProviderType type,
                             int imagesInRequest = 1);

// When a request that carried images failed because of them (the model reads no images, or
// one is too large), the sentence to show instead of the server's bare error; nullopt when
// the failure looks unrelated to the images.
std::optional<QString> imageRejectionSentence(const ChatError &error);

} // namespace Sluice
