#include "gui/tools/windowtools.h"

#include "gui/tools/toolconsentbar.h"
#include "session/conversationcontroller.h"

#include <QBoxLayout>

namespace Sluice {

WindowTools::WindowTools(QBoxLayout *layout, int position, QObject *parent)
    : QObject(parent), m_bar(new ToolConsentBar)
{
    layout->insertWidget(position, m_bar);
    connect(m_bar, &ToolConsentBar::answered, this, [this](bool allow, bool always) {
        ToolLoop *loop = m_loops.value(m_current);
        if (!loop || loop->waitingIndex() < 0)
            return;
        const ToolCallRecord &r = loop->records().at(loop->waitingIndex());
        if (allow && always)
            m_alwaysAllowed.insert(r.server + u'\n' + r.tool);
        m_bar->clear();
        loop->answerConsent(allow);
    });
}

WindowTools::~WindowTools()
{
    if (m_toolbox)
        m_toolbox->shutdown(); // the window closes: every server stops
}

void WindowTools::setToolbox(Toolbox *toolbox)
{
    m_toolbox = toolbox;
    if (toolbox)
        toolbox->prepare();
    const QList<ConversationController *> conversations = m_loops.keys();
    for (ConversationController *c : conversations)
        attach(c);
}

void WindowTools::attach(ConversationController *c)
{
    if (!c)
        return;
    if (!m_loops.contains(c))
        connect(c, &QObject::destroyed, this, [this, c] { delete m_loops.take(c); });
    ToolLoop *loop = m_loops.value(c);
    if (!m_toolbox) {
        if (loop && !loop->isRunning()) {
            c->setToolLoop(nullptr);
            delete loop;
        }
        m_loops.insert(c, nullptr);
        return;
    }
    if (loop && loop->toolbox() == m_toolbox)
        return;
    if (!c->isBusy())
        c->setToolLoop(nullptr);
    delete loop;
    loop = new ToolLoop(m_toolbox, this);
    loop->setPolicy([this](const ToolCallRecord &r) {
        return m_alwaysAllowed.contains(r.server + u'\n' + r.tool) ? ToolLoop::Consent::Allow
                                                                   : ToolLoop::Consent::Ask;
    });
    m_loops.insert(c, loop);
    c->setToolLoop(loop);
    connect(loop, &ToolLoop::consentNeeded, this, [this, loop] {
        if (m_loops.value(m_current) == loop)
            showQuestion();
    });
    connect(loop, &ToolLoop::roundFinished, this, [this, loop] {
        if (m_loops.value(m_current) == loop)
            m_bar->clear();
    });
}

void WindowTools::setCurrent(ConversationController *c)
{
    m_current = c;
    showQuestion();
}

void WindowTools::showQuestion()
{
    ToolLoop *loop = m_loops.value(m_current);
    if (!loop || loop->waitingIndex() < 0) {
        m_bar->clear();
        return;
    }
    m_bar->ask(loop->records().at(loop->waitingIndex()));
}

} // namespace Sluice
