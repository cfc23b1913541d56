// The fixture the window tests share: QSettings in a temporary directory for the whole test,
// and for each test function a fresh scripted Ollama, client and (made by the test) window.
#pragma once

#include "core/chat/chatclient.h"
#include "gui/window/mainwindow.h"
#include "scriptedllm.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

namespace Sluice::GuiTest {

class WindowTest : public QObject
{
protected:
    // From initTestCase().
    bool isolateSettings(const QString &applicationName)
    {
        if (!m_settingsDir.isValid())
            return false;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("sluice-test"));
        QCoreApplication::setApplicationName(applicationName);
        return true;
    }
    // From init().
    bool startServer()
    {
        m_server = new ScriptedLlm(this);
        m_client = new ChatClient(this);
        return m_server->listen();
    }
    // From cleanup().
    void tearDown()
    {
        delete m_window;
        m_window = nullptr;
        delete m_client;
        m_client = nullptr;
        delete m_server;
        m_server = nullptr;
    }

    QTemporaryDir m_settingsDir;
    ScriptedLlm *m_server = nullptr;
    ChatClient *m_client = nullptr;
    MainWindow *m_window = nullptr;
};

} // namespace Sluice::GuiTest
