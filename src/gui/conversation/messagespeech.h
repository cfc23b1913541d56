// A message as a screen reader says it: plain text, no Markdown syntax, with who wrote it and
// when, the thinking ("Thought for 3.2 s", and its text while it is shown), each fenced code
// block between "code block, python" and "end of code block", and the error sentence of a
// reply that failed.
#pragma once

#include "core/conversation/conversation.h"

#include <QCoreApplication>
#include <QString>

namespace Sluice {

class MessageSpeech final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::MessageSpeech)
public:
    static QString message(const ConversationMessage &m, bool thinkingShown);
    // Markdown → what a reader hears: prose as plain text, code blocks between markers.
    static QString markdown(const QString &markdown);
};

} // namespace Sluice
