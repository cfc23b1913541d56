// The dialog that adds or edits one MCP server: its name, how it runs (a program on stdio, or
// an HTTP address), its environment or headers, which tools the model may use, its limits and
// whether it is enabled. OK checks the entry as sluice.json would (one sentence, the field
// focused) and keeps the dialog open until it is right.
#pragma once

#include "core/mcp/mcpserverconfig.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Sluice {

class McpServerEditor final : public QDialog
{
    Q_OBJECT
public:
    // `taken`: the names other servers have (a new name must differ).
    McpServerEditor(const McpServerConfig &server, const QStringList &taken,
                    QWidget *parent = nullptr);

    McpServerConfig server() const;
    // The entry checked; empty when it is right, else one sentence.
    QString problem() const;

    void accept() override;

private:
    void updateTransport();

    QStringList m_taken;
    QLineEdit *m_name;
    QComboBox *m_transport;
    QLineEdit *m_command;
    QLineEdit *m_args;
    QLineEdit *m_cwd;
    QPlainTextEdit *m_env;
    QLineEdit *m_url;
    QPlainTextEdit *m_headers;
    QLineEdit *m_tools;
    QSpinBox *m_startup;
    QSpinBox *m_call;
    QCheckBox *m_enabled;
    QLabel *m_status;
    QList<QWidget *> m_stdioOnly;
    QList<QWidget *> m_httpOnly;
};

// "NAME=value" lines (env) or "Name: value" lines (headers) and back.
QList<QPair<QString, QString>> parsePairs(const QString &text, QChar separator);
QString pairsText(const QList<QPair<QString, QString>> &pairs, const QString &separator);

} // namespace Sluice
