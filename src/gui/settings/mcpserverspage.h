// Settings → MCP servers: the servers whose tools chats may call. Add, Edit, Remove, Import…
// (another client's mcpServers file), an Enabled check box per server, and Test, which starts
// the selected server as a chat would and lists its tools or says why it could not. A secret
// typed for a credential-like header or variable goes to the keychain when the editor is
// closed (as "keychain:mcp.SERVER.NAME"); without a keychain it stays in the entry and the
// page says so. Below the list: how many rounds of tool calls a question may take
// (app.max_tool_rounds). The dialog saves both with the rest of the settings.
#pragma once

#include "core/mcp/mcpserverconfig.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace Sluice {

class McpToolbox;
class SecretStore;

class McpServersPage final : public QWidget
{
    Q_OBJECT
public:
    explicit McpServersPage(SecretStore *secrets, QWidget *parent = nullptr);
    ~McpServersPage() override;

    void show(const QList<McpServerConfig> &servers);
    QList<McpServerConfig> servers() const { return m_servers; }
    void setMaxRounds(int rounds);
    int maxRounds() const;

    // Tests use these instead of the dialogs.
    using EditorHook = std::function<bool(McpServerConfig &server, const QStringList &taken)>;
    void setEditorHook(EditorHook hook) { m_editorHook = std::move(hook); }
    using FileHook = std::function<QString()>;
    void setImportFileHook(FileHook hook) { m_fileHook = std::move(hook); }

    void add();
    void edit();
    void remove();
    void test();
    void importFile();

Q_SIGNALS:
    void edited();
    void tested(const QString &result); // the text the result box shows

private:
    void rebuild(int select);
    int current() const;
    bool runEditor(McpServerConfig &server, const QStringList &taken);
    void storeSecrets(int row);
    void updateButtons();
    void setResult(const QString &text);

    SecretStore *m_secrets;
    QList<McpServerConfig> m_servers;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_test;
    QPushButton *m_import;
    QPlainTextEdit *m_result;
    QSpinBox *m_rounds;
    QPointer<McpToolbox> m_testing;
    EditorHook m_editorHook;
    FileHook m_fileHook;
};

} // namespace Sluice
