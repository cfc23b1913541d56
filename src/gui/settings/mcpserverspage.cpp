#include "gui/settings/mcpserverspage.h"

#include "core/config/secretstore.h"
#include "core/mcp/mcpsecrets.h"
#include "core/mcp/mcptoolbox.h"
#include "core/net/redaction.h"
#include "gui/settings/mcpservereditor.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Sluice {

namespace {

// Made inside the page: a mnemonic grabbed by a widget without a window stays dead.
QPushButton *button(QWidget *page, const QString &text, const char *name,
                    const QString &accessible)
{
    auto *b = new QPushButton(text, page);
    b->setObjectName(QString::fromLatin1(name));
    b->setAccessibleDescription(accessible); // the name is what it shows
    return b;
}

} // namespace

McpServersPage::McpServersPage(SecretStore *secrets, QWidget *parent)
    : QWidget(parent), m_secrets(secrets)
{
    setObjectName(QStringLiteral("mcpServersPage"));
    auto *intro = new QLabel(tr("Programs and services whose tools a model may call (MCP "
                                "servers). A server starts when a chat first needs it."));
    intro->setWordWrap(true);
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("mcpServerList"));
    m_list->setAccessibleName(tr("Servers"));
    auto *listLabel = new QLabel(tr("&Servers (the check box enables one):"));
    listLabel->setBuddy(m_list);
    m_add = button(this, tr("A&dd…"), "mcpAddButton", tr("Add an MCP server"));
    m_edit = button(this, tr("&Edit…"), "mcpEditButton", tr("Edit the MCP server"));
    m_remove = button(this, tr("&Remove"), "mcpRemoveButton", tr("Remove the MCP server"));
    m_test = button(this, tr("&Test"), "mcpTestButton", tr("Test the MCP server"));
    m_import = button(this, tr("&Import…"), "mcpImportButton",
                      tr("Import MCP servers from another program"));
    m_result = new QPlainTextEdit;
    m_result->setObjectName(QStringLiteral("mcpTestResult"));
    m_result->setAccessibleName(tr("Test result"));
    m_result->setReadOnly(true);
    m_result->setTabChangesFocus(true);
    m_result->setPlaceholderText(tr("Test lists the tools of the selected server."));

    m_rounds = new QSpinBox;
    m_rounds->setObjectName(QStringLiteral("mcpMaxRoundsSpin"));
    m_rounds->setRange(1, 1000);
    m_rounds->setAccessibleName(tr("Stop a reply after this many rounds of tool calls"));
    auto *roundsLabel = new QLabel(tr("Stop a reply after this many ro&unds of tool calls:"));
    roundsLabel->setBuddy(m_rounds);
    auto *roundsRow = new QHBoxLayout;
    roundsRow->addWidget(roundsLabel);
    roundsRow->addWidget(m_rounds);
    roundsRow->addStretch();

    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {m_add, m_edit, m_remove, m_test, m_import})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(listLabel);
    layout->addLayout(row, 2);
    layout->addWidget(m_result, 1);
    layout->addLayout(roundsRow);

    connect(m_add, &QPushButton::clicked, this, &McpServersPage::add);
    connect(m_edit, &QPushButton::clicked, this, &McpServersPage::edit);
    connect(m_remove, &QPushButton::clicked, this, &McpServersPage::remove);
    connect(m_test, &QPushButton::clicked, this, &McpServersPage::test);
    connect(m_import, &QPushButton::clicked, this, &McpServersPage::importFile);
    connect(m_rounds, &QSpinBox::valueChanged, this, &McpServersPage::edited);
    connect(m_list, &QListWidget::itemActivated, this, &McpServersPage::edit);
    connect(m_list, &QListWidget::currentRowChanged, this, &McpServersPage::updateButtons);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int at = m_list->row(item);
        const bool on = item->checkState() == Qt::Checked;
        if (at < 0 || at >= m_servers.size() || m_servers.at(at).enabled == on)
            return;
        m_servers[at].enabled = on;
        Q_EMIT edited();
    });
    updateButtons();
}

McpServersPage::~McpServersPage()
{
    if (m_testing)
        m_testing->shutdown();
}

void McpServersPage::show(const QList<McpServerConfig> &servers)
{
    m_servers = servers;
    rebuild(servers.isEmpty() ? -1 : 0);
}

void McpServersPage::setMaxRounds(int rounds)
{
    const QSignalBlocker block(m_rounds);
    m_rounds->setValue(rounds);
}

int McpServersPage::maxRounds() const
{
    return m_rounds->value();
}

void McpServersPage::rebuild(int select)
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const McpServerConfig &s : std::as_const(m_servers)) {
        //: %1 is an MCP server's name, %2 its program and arguments or its address
        auto *item = new QListWidgetItem(tr("%1 — %2").arg(s.name, redactKnownSecrets(s.summary())),
                                         m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(s.enabled ? Qt::Checked : Qt::Unchecked);
    }
    m_list->setCurrentRow(select);
    updateButtons();
}

int McpServersPage::current() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_servers.size() ? row : -1;
}

void McpServersPage::updateButtons()
{
    const bool has = current() >= 0;
    m_edit->setEnabled(has);
    m_remove->setEnabled(has);
    m_test->setEnabled(has && !m_testing);
}

void McpServersPage::setResult(const QString &text)
{
    m_result->setPlainText(text);
    Q_EMIT tested(text);
}

bool McpServersPage::runEditor(McpServerConfig &server, const QStringList &taken)
{
    if (m_editorHook)
        return m_editorHook(server, taken);
    McpServerEditor editor(server, taken, this);
    if (editor.exec() != QDialog::Accepted)
        return false;
    server = editor.server();
    return true;
}

void McpServersPage::add()
{
    McpServerConfig s;
    QStringList taken;
    for (const McpServerConfig &c : std::as_const(m_servers))
        taken.append(c.name);
    if (!runEditor(s, taken))
        return;
    m_servers.append(s);
    rebuild(int(m_servers.size()) - 1);
    storeSecrets(int(m_servers.size()) - 1);
    Q_EMIT edited();
}

void McpServersPage::edit()
{
    const int row = current();
    if (row < 0)
        return;
    McpServerConfig s = m_servers.at(row);
    QStringList taken;
    for (const McpServerConfig &c : std::as_const(m_servers))
        if (c.name != s.name)
            taken.append(c.name);
    if (!runEditor(s, taken) || s == m_servers.at(row))
        return;
    m_servers[row] = s;
    rebuild(row);
    storeSecrets(row);
    Q_EMIT edited();
}

void McpServersPage::remove()
{
    const int row = current();
    if (row < 0)
        return;
    m_servers.removeAt(row);
    rebuild(qMin(row, int(m_servers.size()) - 1));
    Q_EMIT edited();
}

void McpServersPage::importFile()
{
    const QString path =
        m_fileHook ? m_fileHook()
                   : QFileDialog::getOpenFileName(this, tr("Import MCP servers"), QString(),
                                                  tr("MCP settings (*.json)"));
    if (path.isEmpty())
        return;
    QList<McpServerConfig> imported;
    QStringList notes;
    QString error;
    if (!readMcpServersFile(path, &imported, &notes, &error)) {
        setResult(error);
        return;
    }
    mergeMcpServers(m_servers, imported, &notes);
    rebuild(int(m_servers.size()) - 1);
    //: %1 is a file path
    notes.prepend(tr("Imported %n MCP server(s) from %1; Save keeps them.", nullptr,
                     int(imported.size()))
                      .arg(path));
    setResult(notes.join(u'\n'));
    if (!imported.isEmpty())
        Q_EMIT edited();
}

void McpServersPage::test()
{
    const int row = current();
    if (row < 0 || m_testing)
        return;
    McpServerConfig s = m_servers.at(row);
    s.enabled = true;
    auto *box = new McpToolbox({s}, m_secrets, this);
    m_testing = box;
    updateButtons();
    //: %1 is an MCP server's name
    setResult(tr("Starting \"%1\"…").arg(s.name));
    connect(box, &Toolbox::ready, this, [this, box, s](const QStringList &problems) {
        QString text;
        if (!problems.isEmpty()) {
            text = problems.join(u'\n');
        } else {
            const QList<ToolSpec> all = box->client(s.name)->tools();
            //: %1 is a server's name, %2 an MCP revision such as 2025-11-25
            QStringList lines{tr("\"%1\" works (MCP %2). Its tools:", nullptr, int(all.size()))
                                  .arg(s.name, box->client(s.name)->protocolVersion())};
            for (const ToolSpec &t : all)
                lines.append((s.allows(t.name) ? QStringLiteral("• ") : QStringLiteral("  ")) +
                             t.name +
                             (t.description.isEmpty()
                                  ? QString()
                                  : QStringLiteral(" — ") + t.description.section(u'\n', 0, 0)) +
                             (s.allows(t.name) ? QString() : tr(" (not allowed)")));
            if (all.isEmpty())
                lines.append(tr("(none)"));
            text = lines.join(u'\n');
        }
        box->shutdown();
        box->deleteLater();
        m_testing = nullptr;
        updateButtons();
        setResult(text);
    });
    box->prepare();
}

void McpServersPage::storeSecrets(int row)
{
    if (!m_secrets || row < 0 || row >= m_servers.size())
        return;
    const McpServerConfig s = m_servers.at(row);
    auto moveAll = [this, name = s.name](QList<QPair<QString, QString>> pairs, bool headers) {
        for (const auto &[key, value] : pairs) {
            if (!isSecretName(key) || value.isEmpty() || value.contains(u'$') ||
                !mcpKeychainAccount(value).isEmpty())
                continue;
            const QString account = mcpKeychainAccountFor(name, key);
            m_secrets->write(account, value, this,
                             [this, name, key = key, account, headers](const SecretResult &r) {
                for (McpServerConfig &c : m_servers) {
                    if (c.name != name)
                        continue;
                    if (!r.ok()) {
                        //: %1 is a header or variable name, %2 a server name, %3 why
                        setResult(tr("%1 of \"%2\" stays in sluice.json: the keychain could not "
                                     "keep it (%3). A $VARIABLE keeps it out of the file.")
                                      .arg(key, name, r.message));
                        return;
                    }
                    for (auto &pair : headers ? c.headers : c.env)
                        if (pair.first == key)
                            pair.second = QStringLiteral("keychain:") + account;
                    Q_EMIT edited();
                }
            });
        }
    };
    moveAll(s.env, false);
    moveAll(s.headers, true);
}

} // namespace Sluice
