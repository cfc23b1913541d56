// The message box: multi-line, Enter sends, Shift+Enter breaks the line, grows with its text.
#pragma once

#include <QPlainTextEdit>

namespace Sluice {

class Composer final : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    void setMaximumLines(int lines);

Q_SIGNALS:
    void submitted(); // Enter (without Shift) with text in the box
    void escapePressed();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    int heightForLines(int lines) const;
    void adjustHeight();

    int m_maxLines = 10;
};

} // namespace Sluice
