// What MessageDelegate keeps per message: its laid-out text and geometry (messagedelegate.cpp
// paints and measures with it, messagehittest.cpp finds the parts in it).
#pragma once

#include "core/conversation/conversation.h"
#include "gui/conversation/markdownlayout.h"
#include "gui/conversation/messagedelegate.h"
#include "gui/conversation/messagegeometry.h"

#include <memory>

namespace Sluice {

struct MessageDelegate::Entry
{
    bool dirty = true;
    qreal width = -1;
    ConversationMessage message;
    bool expanded = false;
    std::unique_ptr<MarkdownLayout> content;
    std::unique_ptr<MarkdownLayout> thinking;
    MessageGeometry geo;
    quint64 lastUse = 0;
};

} // namespace Sluice
