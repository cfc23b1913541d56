// A message's documents (text-like files, PDFs) opened again from the conversation: clicking
// a document's card opens it in the application the desktop has for its type (from a copy in
// a private temporary folder: the history keeps its bytes, not a path); the message's actions
// (context menu, keyboard, screen readers) offer "Open notes.py" and "Save notes.py As…".
#pragma once

#include "gui/conversation/messageactions.h"

#include "core/conversation/attachment.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <functional>

class QWidget;

namespace Sluice {

class ConversationController;

namespace DocumentActions {

// What opens a file in the desktop's application (QDesktopServices); tests put their own.
using Opener = std::function<bool(const QUrl &file)>;
void setOpener(Opener opener);
// Where "Save As…" asks for a path (a file dialog); tests put their own. Empty: cancelled.
using SavePicker = std::function<QString(QWidget *parent, const QString &suggested)>;
void setSavePicker(SavePicker picker);

// Opens document `index` of the message at `row`; the sentence for the status bar through
// `message` (it cannot be read or written, nothing opens it).
void open(QWidget *parent, ConversationController *conversation, int row, int index,
          const std::function<void(const QString &)> &message);
// Asks where and saves it there, said through `message`.
void save(QWidget *parent, ConversationController *conversation, int row, int index,
          const std::function<void(const QString &)> &message);

// "Open notes.py" and "Save notes.py As…" for each document of a message.
void addActions(QList<MessageAction> &out, int row, const QList<Attachment> &attachments,
                const std::function<void(int row, int index)> &openOne,
                const std::function<void(int row, int index)> &saveOne);

} // namespace DocumentActions
} // namespace Sluice
