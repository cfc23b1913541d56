// The message actions the conversation view adds besides the built-in ones.
#pragma once

namespace Sluice {

class ConversationView;
class MessageActions;

// Versions ("Version 2 of 3", Previous/Next version), "Branch from Here" and "Open <image>".
void addViewActions(ConversationView *view, MessageActions *actions);

} // namespace Sluice
