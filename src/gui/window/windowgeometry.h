// Where the chat window was: its size and place on the screen, its bars, and the split
// between the sidebar and the conversation, kept in QSettings under "window/".
#pragma once

class QMainWindow;
class QSplitter;

namespace Sluice::WindowGeometry {

// Puts the window back where it was, fitted to the screen it is on now (centred there when
// nothing was saved).
void restore(QMainWindow *window, QSplitter *splitter);
void save(const QMainWindow *window, const QSplitter *splitter);

} // namespace Sluice::WindowGeometry
