// The page the chat window shows instead of a conversation that has no messages yet: a
// title and a sentence (which server and model will answer, or what to do), with "Try Again"
// and "Open Settings" under them, in a centred column of readable width.
#pragma once

class QFont;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;
class QWidget;

namespace Sluice {

struct EmptyState;

class EmptyPage final
{
public:
    // The form's widgets; the title, detail and buttons move into the centred column.
    struct Widgets
    {
        QWidget *page = nullptr;
        QVBoxLayout *layout = nullptr;
        QLabel *title = nullptr;
        QLabel *detail = nullptr;
        QHBoxLayout *buttons = nullptr;
        QPushButton *retryButton = nullptr;
        QPushButton *settingsButton = nullptr;
    };

    explicit EmptyPage(const Widgets &widgets);

    void show(const EmptyState &state);
    // The title a size above the window's font.
    void setFont(const QFont &windowFont);

private:
    Widgets m_ui;
};

} // namespace Sluice
