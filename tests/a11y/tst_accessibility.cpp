// Issue #18 at the level of Qt's accessibility interfaces, offscreen: the messages as a screen
// reader reads them, their actions as buttons and from the keyboard (the focused message, not
// the hovered one), names that say what is shown, tables that Tab leaves, and the announcing
// status. tests/a11y/a11y_suite.py checks the same through AT-SPI on a real display.
#include "core/chat/chatclient.h"
#include "core/config/configstore.h"
#include "core/config/secretstore.h"
#include "gui/attachments/imageviewer.h"
#include "gui/conversation/conversationview.h"
#include "gui/conversation/messagespeech.h"
#include "gui/modelmanager/modelsdialog.h"
#include "gui/settings/settingsdialog.h"
#include "gui/widgets/livestatuslabel.h"
#include "gui/window/contextwarning.h"
#include "gui/window/conversationsettingsdialog.h"
#include "gui/window/mainwindow.h"
#include "session/chatmodel.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Sluice;

namespace {

ConversationMessage message(const char *role, const QString &content)
{
    ConversationMessage m;
    m.role = QString::fromLatin1(role);
    m.content = content;
    m.created = QDateTime(QDate(2026, 3, 4), QTime(14, 2));
    return m;
}

// "⚙  Chat settings" → "chat settings"; "&Refresh" → "refresh"; "Import…" → "import…" (the
// ellipsis stays: Qt names a button "Import…" by itself, a name without it is another name).
QString normalized(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01")).remove(u'&').replace(u'\x01', u'&');
    text.remove(QRegularExpression(QStringLiteral("^[^\\w]+|\\s+$")));
    return text.simplified().toLower();
}

QStringList childNames(QAccessibleInterface *iface)
{
    QStringList names;
    for (int i = 0; i < iface->childCount(); ++i)
        names << iface->child(i)->text(QAccessible::Name);
    return names;
}


// A one-pixel PNG.
QByteArray png()
{
    QImage image(1, 1, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The focusable controls under `root` (shown) whose accessible name is not what they show:
// a button's name is its text (without the mnemonic, a leading symbol, a trailing "…"); a
// picker needs a label (Qt on Linux names a combo box by its value); every control a name.
QStringList misnamed(QWidget *root, int *checked)
{
    QStringList wrong;
    QHash<QWidget *, QString> labelled; // what a label names (its buddy), with its text
    for (QLabel *label : root->findChildren<QLabel *>())
        labelled.insert(label->buddy(), label->text());
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || w->objectName().startsWith(u"qt_") ||
            !w->isVisibleTo(root) || qobject_cast<QComboBox *>(w->parentWidget()) ||
            (w->parentWidget() && qobject_cast<QComboBox *>(w->parentWidget()->parentWidget())))
            continue; // hidden, or a part Qt builds inside a combo box
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        const QString name = iface ? iface->text(QAccessible::Name) : QString();
        const auto *button = qobject_cast<QAbstractButton *>(w);
        // A field is shown by its label ("Connect (default 10 s):"): a name of its own starts
        // with the label's words, as voice control says them ("Connect timeout"). Combo boxes
        // are left out: Qt on Linux names them by their value.
        QString label = labelled.value(w);
        label.remove(QRegularExpression(QStringLiteral("\\(.*\\)|:\\s*$")));
        const bool field = !button && !qobject_cast<QComboBox *>(w) && !label.isEmpty() &&
                           !w->accessibleName().isEmpty();
        if (field && !normalized(name).startsWith(normalized(label))) {
            ++*checked;
            wrong << QStringLiteral("%1 %2: named '%3', its label says '%4'")
                         .arg(root->objectName(), w->objectName(), name, label);
            continue;
        }
        const QString shown = button ? normalized(button->text()) : QString();
        const QString where = QStringLiteral("%1 %2 %3").arg(
            root->objectName(), QString::fromLatin1(w->metaObject()->className()), w->objectName());
        ++*checked;
        if (qobject_cast<QComboBox *>(w) && w->accessibleName().isEmpty() && !labelled.contains(w))
            wrong << where + QStringLiteral(": a picker without a label");
        else if (name.trimmed().isEmpty() && !qobject_cast<QComboBox *>(w))
            wrong << where + QStringLiteral(": no name");
        else if (!shown.isEmpty() && normalized(name) != shown)
            wrong << where + QStringLiteral(": named '%1', shows '%2'").arg(name, button->text());
    }
    return wrong;
}

} // namespace

class TestAccessibility final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;
    ChatModel *m_model = nullptr;
    ConversationView *m_view = nullptr;

    // The entries of the message menu that `trigger` opens (the menu is closed again).
    QStringList menuOf(const std::function<void()> &trigger)
    {
        QStringList entries;
        QTimer::singleShot(0, this, [&entries] {
            if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
                for (QAction *a : menu->actions())
                    if (!a->isSeparator())
                        entries << a->text();
                menu->close();
            }
        });
        trigger();
        return entries;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("sluice-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
    }

    void init()
    {
        m_model = new ChatModel(this);
        m_model->appendMessage(message("user", QStringLiteral("Show me **code**")));
        ConversationMessage reply = message(
            "assistant",
            QStringLiteral("Here:\n\n```python\nprint(1)\n```\n\nSee [docs](https://x.y)."));
        reply.model = QStringLiteral("qwen3:8b");
        reply.thinking = QStringLiteral("They want *code*.");
        reply.thinkingMs = 3200;
        m_model->appendMessage(reply);
        m_view = new ConversationView;
        m_view->setModel(m_model);
        m_view->resize(700, 500);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
    }

    void cleanup()
    {
        delete m_view;
        delete m_model;
    }

    void markdownIsReadAsPlainTextWithCodeMarkers()
    {
        QCOMPARE(MessageSpeech::markdown(QStringLiteral(
                     "Intro **bold** [link](http://x.y)\n\n```python\nprint(1)\n```\nAfter")),
                 QStringLiteral("Intro bold link\ncode block, python\nprint(1)\n"
                                "end of code block\nAfter"));
        // A reply still streaming has not closed its fence yet.
        QCOMPARE(MessageSpeech::markdown(QStringLiteral("~~~\nlet a")),
                 QStringLiteral("code block\nlet a\nend of code block"));
    }

    void aMessageSaysWhoWhenThinkingAndError()
    {
        ConversationMessage m = m_model->message(1);
        const QString hidden = MessageSpeech::message(m, false);
        QVERIFY2(hidden.startsWith(u"qwen3:8b, "), qPrintable(hidden));
        QVERIFY2(QRegularExpression(QStringLiteral("\\d{1,2}[:.]02")).match(hidden).hasMatch(),
                 qPrintable(hidden));
        QVERIFY(hidden.contains(u"Thought for 3.2 s"));
        QVERIFY(!hidden.contains(u"They want")); // closed: only the summary
        QVERIFY(MessageSpeech::message(m, true).contains(u"Thinking: They want code."));
        m.state = MessageState::Failed;
        m.errorText = QStringLiteral("Ollama reported an error: model is busy");
        QVERIFY(MessageSpeech::message(m, false).endsWith(
            u"Failed: Ollama reported an error: model is busy"));
        QVERIFY(MessageSpeech::message(m_model->message(0), false).startsWith(u"You, "));
    }

    void theViewIsAListOfMessagesWithTheirButtons()
    {
        QAccessibleInterface *list = QAccessible::queryAccessibleInterface(m_view);
        QCOMPARE(list->role(), QAccessible::List);
        QCOMPARE(list->childCount(), 2);
        QAccessibleInterface *reply = list->child(1);
        QCOMPARE(reply->role(), QAccessible::ListItem);
        QCOMPARE(list->child(1), reply); // one interface per message: its id stays
        QCOMPARE(list->indexOfChild(reply), 1);
        QCOMPARE(reply->parent(), list);
        const QString text = reply->text(QAccessible::Name);
        QVERIFY2(text.contains(u"code block, python\nprint(1)\nend of code block"),
                 qPrintable(text));
        QVERIFY2(!text.contains(u"```") && !text.contains(u"**"), qPrintable(text));
        QCOMPARE(reply->textInterface()->text(0, -1), text);

        const QStringList buttons = childNames(reply);
        for (const char *wanted : {"Copy", "Copy as Markdown", "Copy code block 1, python",
                                   "Thought for 3.2 s", "Regenerate", "Delete"})
            QVERIFY2(buttons.contains(QString::fromUtf8(wanted)), qPrintable(buttons.join(u", ")));
        QVERIFY(childNames(list->child(0)).contains(u"Edit & Resend…"));
        QVERIFY(reply->actionInterface()->actionNames().contains(u"Regenerate"));

        // The thinking toggle is an expander: collapsed, its Toggle action opens the thinking.
        QAccessibleInterface *toggle = reply->child(int(buttons.indexOf(u"Thought for 3.2 s")));
        QVERIFY(toggle->state().checkable && !toggle->state().checked);
        QVERIFY(toggle->state().expandable && toggle->state().collapsed &&
                !toggle->state().expanded);
        toggle->actionInterface()->doAction(QAccessibleActionInterface::toggleAction());
        QTRY_VERIFY(m_model->index(1).data(ChatModel::ThinkingExpandedRole).toBool());
        QVERIFY(toggle->state().checked);
        QVERIFY(toggle->state().expanded && !toggle->state().collapsed);
        QVERIFY(reply->text(QAccessible::Name).contains(u"Thinking: They want code."));

        // Retry replaces the buttons of a failed reply.
        QSignalSpy retry(m_view, &ConversationView::retryRequested);
        m_model->setState(1, MessageState::Failed,
                          QStringLiteral("The server closed the connection."));
        QVERIFY(
            reply->text(QAccessible::Name).endsWith(u"Failed: The server closed the connection."));
        QAccessibleInterface *retryButton = reply->child(int(childNames(reply).indexOf(u"Retry")));
        QVERIFY(retryButton);
        retryButton->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
        QTRY_COMPARE(retry.count(), 1);
        QCOMPARE(retry.first().first().toInt(), 1);
    }

    void theKeyboardActsOnTheFocusedMessage()
    {
        m_view->activateWindow();
        m_view->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(m_view->hasFocus());
        QCOMPARE(m_view->currentIndex().row(), 1); // the newest message gets the focus
        const QStringList replyMenu = menuOf([this] { QTest::keyClick(m_view, Qt::Key_Return); });
        QVERIFY2(replyMenu.contains(u"Copy code block 1, python"),
                 qPrintable(replyMenu.join(u", ")));
        QVERIFY(replyMenu.contains(u"Show thinking"));
        QVERIFY(replyMenu.contains(u"Regenerate"));

        // Offscreen, a closed popup does not give the focus back (a display does).
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view));
        m_view->setFocus();
        QTRY_VERIFY(m_view->hasFocus());
        QTest::keyClick(m_view, Qt::Key_Up);
        QCOMPARE(m_view->currentIndex().row(), 0);
        QAccessibleInterface *user = QAccessible::queryAccessibleInterface(m_view)->child(0);
        QVERIFY(user->state().focused);
        const QStringList userMenu =
            menuOf([this] { QTest::keyClick(m_view, Qt::Key_F10, Qt::ShiftModifier); });
        QVERIFY2(userMenu.contains(u"Edit && Resend…"), qPrintable(userMenu.join(u", ")));
        QVERIFY(!userMenu.contains(u"Regenerate"));
        QVERIFY(menuOf([this] { QTest::keyClick(m_view, Qt::Key_Menu); }) == userMenu);
    }

    void controlsAreNamedAsShown()
    {
        ChatClient client;
        MainWindow window(&client);
        ConversationSettingsDialog chat;
        ModelsDialog models(&client, ProviderConfig());
        QTemporaryDir dir;
        ConfigStore store(dir.filePath(QStringLiteral("sluice.json")));
        store.load(QProcessEnvironment()); // first run: one Ollama provider
        MemorySecretStore secrets;
        SettingsDialog settings(&store, &secrets);
        Attachment picture;
        picture.kind = Attachment::Kind::Image;
        picture.fileName = QStringLiteral("dot.png");
        ImageViewer viewer(picture, png(), 1);
        int checked = 0;
        QStringList wrong;
        for (QWidget *root : {static_cast<QWidget *>(&window), static_cast<QWidget *>(&chat),
                              static_cast<QWidget *>(&models), static_cast<QWidget *>(&viewer)})
            wrong << misnamed(root, &checked);
        auto *pages = settings.findChild<QTabWidget *>();
        QVERIFY(pages && pages->count() == 4);
        for (int page = 0; page < pages->count(); ++page) { // the hidden pages' widgets are not visible
            pages->setCurrentIndex(page);
            wrong << misnamed(&settings, &checked);
        }
        // The context warning with every button it can show (Raise, Drop, Summary…).
        ContextWindow small{2048, QStringLiteral("Ollama's default"), true, 8192};
        ContextWarning warning(3000, small, QStringLiteral("qwen3:8b"), 2, nullptr);
        warning.setSummaryOffered(true);
        QTimer::singleShot(0, this, [&] {
            QWidget *box = QApplication::activeModalWidget();
            QVERIFY(box);
            QCOMPARE(box->findChildren<QPushButton *>().size(), 5);
            wrong << misnamed(box, &checked);
            box->close();
        });
        warning.ask();
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u"; ")));
        QVERIFY2(checked >= 120, qPrintable(QString::number(checked)));
    }

    // Ctrl+PgDown and Ctrl+PgUp step through Settings' pages, going round, from wherever the
    // focus is (a field inside a page, the OK button).
    void settingsPagesFollowCtrlPageKeys()
    {
        QTemporaryDir dir;
        ConfigStore store(dir.filePath(QStringLiteral("sluice.json")));
        store.load(QProcessEnvironment());
        MemorySecretStore secrets;
        SettingsDialog settings(&store, &secrets);
        settings.show();
        settings.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&settings));
        auto *pages = settings.findChild<QTabWidget *>();
        QVERIFY(pages);
        QCOMPARE(pages->currentIndex(), 0);
        const QStringList shown = [pages] {
            QStringList tabs;
            for (int i = 0; i < pages->count(); ++i)
                tabs << normalized(pages->tabText(i));
            return tabs;
        }();
        QCOMPARE(shown, QStringList({u"providers"_qs, u"application"_qs, u"mcp servers"_qs,
                                     u"presets"_qs}));
        auto *field = pages->widget(0)->findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
        QVERIFY(field && field->isVisible()); // a field of the Providers page
        field->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), field);
        for (int expected : {1, 2, 3, 0}) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown, Qt::ControlModifier);
            QCOMPARE(pages->currentIndex(), expected);
            QWidget *focus = QApplication::focusWidget();
            QVERIFY2(focus && focus->isVisible() && settings.isAncestorOf(focus),
                     "the focus stays on something shown in Settings");
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(pages->currentIndex(), 3); // round, backwards
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(pages->currentIndex(), 2);
        // From a button outside the pages too.
        auto *ok = settings.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        ok->setFocus();
        QTest::keyClick(ok, Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(pages->currentIndex(), 1);
        QCOMPARE(QApplication::focusWidget(), ok);
    }

    void tablesLetTabLeave()
    {
        ChatClient client;
        ModelsDialog models(&client, ProviderConfig());
        const QList<QTableView *> tables = models.findChildren<QTableView *>();
        QVERIFY(!tables.isEmpty());
        for (QTableView *table : tables)
            QVERIFY2(!table->tabKeyNavigation(), qPrintable(table->objectName()));
    }

    void theStatusAnnouncesWhatItShows()
    {
        LiveStatusLabel label;
        QSignalSpy said(&label, &LiveStatusLabel::announced);
        label.setText(QStringLiteral("Streaming · 41 tok/s")); // a tick: not announced
        QCOMPARE(said.count(), 0);
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(&label);
        QCOMPARE(iface->text(QAccessible::Name), u"Streaming · 41 tok/s"); // no fixed name
        label.announce(QStringLiteral("qwen3:8b: Failed · The server closed the connection."),
                       LiveStatusLabel::Urgency::Assertive);
        QCOMPARE(said.count(), 1);
        QCOMPARE(iface->textInterface()->text(0, -1),
                 u"qwen3:8b: Failed · The server closed the connection.");
        // The notification Orca 43 speaks: the label's child, named by the spoken sentence.
        label.announce(QStringLiteral("Done · 41 tok/s"), LiveStatusLabel::Urgency::Polite,
                       QStringLiteral("qwen3:8b: Done · 41 tok/s"));
        QCOMPARE(iface->childCount(), 1);
        QAccessibleInterface *note = iface->child(0);
        QCOMPARE(note->role(), QAccessible::Notification);
        QCOMPARE(note->text(QAccessible::Name), u"qwen3:8b: Done · 41 tok/s");
        QCOMPARE(note->parent(), iface);
        QCOMPARE(iface->indexOfChild(note), 0);
        QCOMPARE(iface->text(QAccessible::Name), u"Done · 41 tok/s");
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
