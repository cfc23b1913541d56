#include "gui/settings/mcpservereditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Sluice {

QList<QPair<QString, QString>> parsePairs(const QString &text, QChar separator)
{
    QList<QPair<QString, QString>> out;
    for (const QString &line : text.split(u'\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype at = line.indexOf(separator);
        out.append({line.left(at < 0 ? line.size() : at).trimmed(),
                    at < 0 ? QString() : line.mid(at + 1).trimmed()});
    }
    return out;
}

QString pairsText(const QList<QPair<QString, QString>> &pairs, const QString &separator)
{
    QStringList lines;
    for (const auto &[k, v] : pairs)
        lines.append(k + separator + v);
    return lines.join(u'\n');
}

namespace {

QString quoteArg(QString arg)
{
    if (!arg.isEmpty() && !arg.contains(u' ') && !arg.contains(u'"'))
        return arg;
    return u'"' + arg.replace(u'"', QStringLiteral("\"\"\"")) + u'"';
}

template <class W> W *named(W *w, const char *objectName, const QString &accessible)
{
    w->setObjectName(QString::fromLatin1(objectName));
    w->setAccessibleName(accessible);
    return w;
}

} // namespace

McpServerEditor::McpServerEditor(const McpServerConfig &s, const QStringList &taken,
                                 QWidget *parent)
    : QDialog(parent), m_taken(taken)
{
    setObjectName(QStringLiteral("mcpServerEditor"));
    setWindowTitle(s.name.isEmpty() ? tr("Add MCP server") : tr("Edit MCP server"));
    auto *form = new QFormLayout;
    m_name = named(new QLineEdit(s.name), "mcpNameEdit", tr("Name"));
    m_transport = named(new QComboBox, "mcpTransportCombo", tr("Runs as"));
    m_transport->addItem(tr("A program (stdio)"));
    m_transport->addItem(tr("An HTTP address"));
    m_transport->setCurrentIndex(s.transport == McpServerConfig::Transport::Http ? 1 : 0);
    m_command = named(new QLineEdit(s.command), "mcpCommandEdit", tr("Program"));
    m_command->setPlaceholderText(QStringLiteral("npx"));
    QStringList quoted;
    for (const QString &a : s.args)
        quoted.append(quoteArg(a));
    m_args = named(new QLineEdit(quoted.join(u' ')), "mcpArgsEdit", tr("Arguments"));
    m_args->setPlaceholderText(QStringLiteral("-y @modelcontextprotocol/server-filesystem ~/notes"));
    m_cwd = named(new QLineEdit(s.cwd), "mcpCwdEdit", tr("Working folder"));
    m_cwd->setPlaceholderText(tr("your home folder"));
    m_env = named(new QPlainTextEdit(pairsText(s.env, QStringLiteral("="))), "mcpEnvEdit",
                  tr("Environment"));
    m_env->setPlaceholderText(QStringLiteral("GITHUB_TOKEN=$GITHUB_TOKEN"));
    m_env->setTabChangesFocus(true);
    m_url = named(new QLineEdit(s.url), "mcpUrlEdit", tr("Address"));
    m_url->setPlaceholderText(QStringLiteral("http://localhost:3001/mcp"));
    m_headers = named(new QPlainTextEdit(pairsText(s.headers, QStringLiteral(": "))),
                      "mcpHeadersEdit", tr("Headers"));
    m_headers->setPlaceholderText(QStringLiteral("Authorization: Bearer $TOKEN"));
    m_headers->setTabChangesFocus(true);
    m_tools = named(new QLineEdit(s.allowedTools.join(QStringLiteral(", "))), "mcpToolsEdit",
                    tr("Allowed tools"));
    m_tools->setPlaceholderText(tr("all of them"));
    m_startup = named(new QSpinBox, "mcpStartupSpin", tr("Start-up limit"));
    m_call = named(new QSpinBox, "mcpCallSpin", tr("Call limit"));
    for (QSpinBox *spin : {m_startup, m_call}) {
        spin->setRange(1, 86'400);
        spin->setSuffix(tr(" s"));
    }
    m_startup->setValue(qMax(1, s.startupTimeoutMs / 1000));
    m_call->setValue(qMax(1, s.callTimeoutMs / 1000));
    m_enabled = named(new QCheckBox(tr("Enabled: chats may use its tools")), "mcpEnabledCheck",
                      tr("Enabled"));
    m_enabled->setChecked(s.enabled);

    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Runs as:"), m_transport);
    form->addRow(tr("&Program:"), m_command);
    form->addRow(tr("&Arguments:"), m_args);
    form->addRow(tr("&Working folder:"), m_cwd);
    form->addRow(tr("En&vironment:"), m_env);
    form->addRow(tr("A&ddress:"), m_url);
    form->addRow(tr("&Headers:"), m_headers);
    form->addRow(tr("Allowed &tools:"), m_tools);
    form->addRow(tr("&Start-up limit:"), m_startup);
    form->addRow(tr("&Call limit:"), m_call);
    form->addRow(QString(), m_enabled);
    m_stdioOnly = {m_command, m_args, m_cwd, m_env};
    m_httpOnly = {m_url, m_headers};

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("mcpEditorStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("mcpEditorOk"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("mcpEditorCancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &McpServerEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(m_transport, &QComboBox::currentIndexChanged, this, &McpServerEditor::updateTransport);
    updateTransport();
}

void McpServerEditor::updateTransport()
{
    const bool http = m_transport->currentIndex() == 1;
    auto *form = qobject_cast<QFormLayout *>(static_cast<QVBoxLayout *>(layout())->itemAt(0)->layout());
    for (QWidget *w : m_stdioOnly)
        form->setRowVisible(w, !http);
    for (QWidget *w : m_httpOnly)
        form->setRowVisible(w, http);
}

McpServerConfig McpServerEditor::server() const
{
    McpServerConfig s;
    s.name = m_name->text().trimmed();
    s.transport = m_transport->currentIndex() == 1 ? McpServerConfig::Transport::Http
                                                   : McpServerConfig::Transport::Stdio;
    if (s.transport == McpServerConfig::Transport::Stdio) {
        s.command = m_command->text().trimmed();
        s.args = QProcess::splitCommand(m_args->text());
        s.cwd = m_cwd->text().trimmed();
        s.env = parsePairs(m_env->toPlainText(), u'=');
    } else {
        s.url = m_url->text().trimmed();
        s.headers = parsePairs(m_headers->toPlainText(), u':');
    }
    for (const QString &t : m_tools->text().split(u',', Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            s.allowedTools.append(t.trimmed());
    s.startupTimeoutMs = m_startup->value() * 1000;
    s.callTimeoutMs = m_call->value() * 1000;
    s.enabled = m_enabled->isChecked();
    return s;
}

QString McpServerEditor::problem() const
{
    const McpServerConfig s = server();
    if (m_taken.contains(s.name))
        //: %1 is an MCP server's name
        return tr("There is already an MCP server named \"%1\".").arg(s.name);
    for (const auto &[k, v] : s.env + s.headers)
        if (k.isEmpty() || k.contains(u' '))
            //: %1 is what the user typed as a variable or header name
            return tr("\"%1\" is not a name: write one NAME=value (or Name: value) a line.").arg(k);
    McpServerConfig parsed;
    QString field, problem;
    if (!mcpServerFromJson(s.name, mcpServerToJson(s), parsed, &field, &problem))
        //: %1 is a field such as mcp.files.command, %2 what is wrong with it
        return tr("%1 %2.").arg(field, problem);
    return QString();
}

void McpServerEditor::accept()
{
    const QString p = problem();
    m_status->setText(p);
    if (p.isEmpty()) {
        QDialog::accept();
        return;
    }
    const McpServerConfig s = server();
    if (!isValidMcpServerName(s.name) || m_taken.contains(s.name))
        m_name->setFocus();
    else if (s.transport == McpServerConfig::Transport::Http)
        m_url->setFocus();
    else
        m_command->setFocus();
}

} // namespace Sluice
