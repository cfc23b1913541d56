// The Models dialog driven offscreen the way a person uses it, against the loopback server.
#include "core/chat/chatclient.h"
#include "fakellm.h"
#include "core/models/ollamamodels.h"
#include "gui/modelmanager/modelsdialog.h"
#include "gui/modelmanager/modeltablemodel.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Sluice;
using namespace Sluice::Test;

namespace {

ProviderConfig provider(const TestServer &server)
{
    ProviderConfig c;
    c.id = QStringLiteral("ollama");
    c.name = QStringLiteral("Local Ollama");
    c.type = ProviderType::Ollama;
    c.baseUrl = server.url().toString();
    return c;
}

struct Fixture
{
    explicit Fixture(FakeLlmOptions options = {})
    {
        if (!server.listen())
            qFatal("cannot listen");
        llm = FakeLlm::install(server, options);
        dialog = std::make_unique<ModelsDialog>(&client, provider(server));
        dialog->setConfirmHandler([this](const QString &, const QString &text) {
            questions.append(text);
            return answer;
        });
        dialog->show();
        table = dialog->findChild<QTableView *>(QStringLiteral("modelTable"));
        tester = std::make_unique<QAbstractItemModelTester>(
            table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    QPushButton *button(const char *name) const
    {
        return dialog->findChild<QPushButton *>(QLatin1String(name));
    }
    QString label(const char *name) const
    {
        return dialog->findChild<QLabel *>(QLatin1String(name))->text();
    }
    QProgressBar *bar() const
    {
        return dialog->findChild<QProgressBar *>(QStringLiteral("pullProgress"));
    }
    int rowOf(const QString &name) const
    {
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, 0).data().toString() == name)
                return r;
        }
        return -1;
    }
    QString loadedText(const QString &name) const
    {
        const int row = rowOf(name);
        return row < 0 ? QString()
                       : table->model()->index(row, ModelTableModel::Loaded).data().toString();
    }
    void select(const QString &name) const
    {
        const int row = rowOf(name);
        QVERIFY(row >= 0);
        table->selectRow(row);
    }
    void pull(const QString &name) const
    {
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("pullNameEdit"));
        edit->clear();
        QTest::keyClicks(edit, name);
        QTest::mouseClick(button("pullButton"), Qt::LeftButton);
    }

    TestServer server;
    FakeLlm *llm = nullptr;
    ChatClient client;
    std::unique_ptr<ModelsDialog> dialog;
    QTableView *table = nullptr;
    std::unique_ptr<QAbstractItemModelTester> tester;
    QStringList questions;
    bool answer = true;
};

} // namespace

class TestModelsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsInstalledAndLoadedModels()
    {
        Fixture f;
        f.llm->options().thinking = QByteArrayLiteral("Hmm.");
        QTRY_COMPARE(f.table->model()->rowCount(), 2);
        QVERIFY(f.label("serverLabel").contains(f.server.url().toString()));
        const int llama = f.rowOf(QStringLiteral("llama3.2:3b"));
        QVERIFY(llama >= 0);
        auto cell = [&](int col) {
            return f.table->model()->index(llama, col).data().toString();
        };
        QCOMPARE(cell(ModelTableModel::Size), QStringLiteral("2.0 GB"));
        QCOMPARE(cell(ModelTableModel::Parameters), QStringLiteral("3.2B"));
        QCOMPARE(cell(ModelTableModel::Quantization), QStringLiteral("Q4_K_M"));
        QCOMPARE(cell(ModelTableModel::Family), QStringLiteral("llama"));
        QVERIFY(!cell(ModelTableModel::Modified).isEmpty());
        QVERIFY(f.loadedText(QStringLiteral("llama3.2:3b")).isEmpty());

        // Details of the selection.
        f.select(QStringLiteral("qwen3:4b"));
        QTRY_VERIFY(f.label("capabilitiesLabel").contains(u"tools"));
        QVERIFY(f.label("capabilitiesLabel").contains(u"thinking"));
        QVERIFY(f.label("contextLabel").contains(u"131"));
        QCOMPARE(
            f.dialog->findChild<QPlainTextEdit *>(QStringLiteral("licenseView"))->toPlainText(),
            QStringLiteral("test license"));
        QVERIFY(f.button("loadButton")->isEnabled());
        QVERIFY(!f.button("unloadButton")->isEnabled());
    }

    void loadAndUnload()
    {
        Fixture f;
        QTRY_COMPARE(f.table->model()->rowCount(), 2);
        f.select(QStringLiteral("qwen3:4b"));
        QTest::mouseClick(f.button("loadButton"), Qt::LeftButton);
        QTRY_VERIFY(f.llm->isLoaded("qwen3:4b"));
        QTRY_VERIFY(f.loadedText(QStringLiteral("qwen3:4b")).contains(u"100% GPU"));
        QVERIFY(f.loadedText(QStringLiteral("qwen3:4b")).contains(u"3.3 GB"));
        QVERIFY(f.loadedText(QStringLiteral("qwen3:4b")).contains(u"unloads in"));
        QVERIFY(f.label("statusLabel").contains(u"qwen3:4b is loaded"));
        QTRY_VERIFY(f.button("unloadButton")->isEnabled());
        QVERIFY(!f.button("loadButton")->isEnabled());

        QTest::mouseClick(f.button("unloadButton"), Qt::LeftButton);
        QTRY_VERIFY(!f.llm->isLoaded("qwen3:4b"));
        QTRY_VERIFY(f.loadedText(QStringLiteral("qwen3:4b")).isEmpty());
        QTRY_VERIFY(f.button("loadButton")->isEnabled());
    }

    void deleteAsksFirst()
    {
        Fixture f;
        QTRY_COMPARE(f.table->model()->rowCount(), 2);
        QSignalSpy changed(f.dialog.get(), &ModelsDialog::modelsChanged);
        f.select(QStringLiteral("qwen3:4b"));
        f.answer = false;
        QTest::mouseClick(f.button("deleteButton"), Qt::LeftButton);
        QCOMPARE(f.questions.size(), 1);
        QVERIFY(f.questions.first().contains(u"qwen3:4b"));
        QCOMPARE(f.table->model()->rowCount(), 2);

        f.answer = true;
        QTest::mouseClick(f.button("deleteButton"), Qt::LeftButton);
        QTRY_COMPARE(f.table->model()->rowCount(), 1);
        QCOMPARE(f.rowOf(QStringLiteral("qwen3:4b")), -1);
        QVERIFY(f.label("statusLabel").contains(u"Deleted qwen3:4b"));
        QCOMPARE(changed.size(), 1);
        // The declined click sent nothing: the model was still there to be asked about again,
        // and the server saw only the confirmed delete.
        QCOMPARE(f.questions.size(), 2);
        QCOMPARE(f.server.requestCount("/api/delete"), 1);
    }

    // The details pane showed the deleted model until another was clicked.
    void deletedModelLeavesTheDetails()
    {
        Fixture f;
        QTRY_COMPARE(f.table->model()->rowCount(), 2);
        f.select(QStringLiteral("qwen3:4b"));
        QTRY_VERIFY(f.label("capabilitiesLabel").contains(u"tools"));
        auto *box = f.dialog->findChild<QGroupBox *>(QStringLiteral("detailsBox"));
        QCOMPARE(box->title(), QStringLiteral("qwen3:4b"));
        QTest::mouseClick(f.button("deleteButton"), Qt::LeftButton);
        QTRY_COMPARE(f.table->model()->rowCount(), 1);
        QTRY_VERIFY(f.label("statusLabel").contains(u"Deleted qwen3:4b"));
        QCOMPARE(box->title(), QStringLiteral("Details"));
        QVERIFY(f.label("capabilitiesLabel").isEmpty());
        QVERIFY(f.label("contextLabel").isEmpty());
        QVERIFY(f.dialog->findChild<QPlainTextEdit *>(QStringLiteral("licenseView"))
                    ->toPlainText()
                    .isEmpty());
        QVERIFY(!f.button("deleteButton")->isEnabled()); // nothing is selected any more
        QVERIFY(!f.button("loadButton")->isEnabled());
    }

    void pullShowsProgressAndTheNewModel()
    {
        FakeLlmOptions o;
        o.pullLayers = {2'000'000, 500};
        o.pullStepBytes = 200'000;
        o.pullDelayMs = 10;
        Fixture f(o);
        QTRY_COMPARE(f.table->model()->rowCount(), 2);
        QVERIFY(!f.button("pullButton")->isEnabled()); // nothing typed yet
        QList<int> values;
        connect(f.bar(), &QProgressBar::valueChanged, f.bar(), [&](int v) { values.append(v); });
        f.pull(QStringLiteral("gemma3:1b"));
        QVERIFY(f.button("cancelPullButton")->isEnabled());
        QVERIFY(!f.button("pullButton")->isEnabled());
        QTRY_VERIFY(f.label("pullStatusLabel").startsWith(u"Pulled gemma3:1b"));
        QCOMPARE(f.bar()->value(), f.bar()->maximum());
        QVERIFY(values.size() >= 5); // a real progress bar, not a jump to the end
        QVERIFY(std::is_sorted(values.cbegin(), values.cend()));
        QTRY_COMPARE(f.table->model()->rowCount(), 3);
        QTRY_COMPARE(f.table->selectionModel()->selectedRows().value(0).data().toString(),
                     QStringLiteral("gemma3:1b"));
        QVERIFY(!f.button("cancelPullButton")->isEnabled());
    }

    // Enter in the pull field pulls and does nothing else: Load is not the dialog's default
    // button (on a real server a load puts gigabytes into memory unasked).
    void enterInThePullFieldOnlyPulls()
    {
        FakeLlmOptions o;
        o.pullDelayMs = 1;
        Fixture f(o);
        QTRY_COMPARE(f.table->model()->rowCount(), 2);
        f.select(QStringLiteral("qwen3:4b"));
        QVERIFY(f.button("loadButton")->isEnabled());
        auto *edit = f.dialog->findChild<QLineEdit *>(QStringLiteral("pullNameEdit"));
        f.dialog->activateWindow();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("gemma3:1b"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(f.label("pullStatusLabel").startsWith(u"Pulled gemma3:1b"));
        QTRY_COMPARE(f.table->model()->rowCount(), 3);
        QCOMPARE(f.server.requestCount("/api/pull"), 1);
        QCOMPARE(f.server.requestCount("/api/generate"), 0); // no load
        QCOMPARE(f.server.requestCount("/api/chat"), 0);
        QCOMPARE(f.server.requestCount("/api/delete"), 0);
        QVERIFY(!f.llm->isLoaded("qwen3:4b"));
        QVERIFY(f.dialog->isVisible()); // nor Close

        // Enter on the model list or with the focus on a button presses nothing unasked;
        // Enter on a focused button presses that button.
        f.select(QStringLiteral("qwen3:4b"));
        f.table->setFocus();
        QTest::keyClick(f.table, Qt::Key_Return);
        QTest::keyClick(f.dialog.get(), Qt::Key_Enter, Qt::KeypadModifier);
        QVERIFY(f.dialog->isVisible());
        QVERIFY(!f.label("statusLabel").contains(u"Loading")); // a load starts at once …
        QVERIFY(f.button("loadButton")->isEnabled());          // … and disables Load
        f.button("loadButton")->setFocus();
        QTest::keyClick(f.button("loadButton"), Qt::Key_Return);
        QTRY_VERIFY(f.llm->isLoaded("qwen3:4b"));
        QCOMPARE(f.server.requestCount("/api/chat"), 1); // only the load asked for
    }

    void pullErrorIsASentence()
    {
        FakeLlmOptions o;
        o.pullFault = FakeLlmFault::ErrorMidStream;
        o.pullFaultAfterLines = 4;
        Fixture f(o);
        f.pull(QStringLiteral("llama3.2:1b"));
        QTRY_VERIFY(f.label("pullStatusLabel").contains(u"ran out of disk space"));
        QVERIFY(f.bar()->value() > 0); // where it stopped
        QVERIFY(f.bar()->value() < f.bar()->maximum());
        QVERIFY(f.button("pullButton")->isEnabled()); // try again
        QVERIFY(!f.button("cancelPullButton")->isEnabled());
    }

    void cancelAndCloseDuringAPull()
    {
        FakeLlmOptions o;
        o.pullDelayMs = 40;
        Fixture f(o);
        f.pull(QStringLiteral("llama3.2:1b"));
        QTRY_VERIFY(f.bar()->value() > 0);
        QTest::mouseClick(f.button("cancelPullButton"), Qt::LeftButton);
        QCOMPARE(f.label("pullStatusLabel"), QStringLiteral("Cancelled. Pull again to resume."));
        QTRY_COMPARE(f.server.interruptedCount("/api/pull"), 1);

        // Closing while pulling asks; "no" keeps the dialog and the pull.
        f.pull(QStringLiteral("llama3.2:1b"));
        QVERIFY(f.dialog->isPulling());
        QTRY_VERIFY(f.label("pullStatusLabel").contains(u" MB / "));
        f.answer = false;
        f.dialog->reject();
        QVERIFY(f.dialog->isVisible());
        QVERIFY(f.dialog->isPulling());
        QVERIFY(f.questions.last().contains(u"llama3.2:1b"));
        f.answer = true;
        f.dialog->reject();
        QVERIFY(!f.dialog->isVisible());
        QVERIFY(!f.dialog->isPulling());
        QTRY_COMPARE(f.server.interruptedCount("/api/pull"), 2);
    }

    void serverDownIsSaid()
    {
        TestServer server;
        QVERIFY(server.listen());
        ProviderConfig c = provider(server);
        c.baseUrl = QStringLiteral("http://127.0.0.1:1");
        ChatClient client;
        ModelsDialog dialog(&client, c);
        dialog.show();
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("statusLabel"));
        QTRY_VERIFY(status->text().contains(u"connection refused"));
    }
};

QTEST_MAIN(TestModelsDialog)
#include "tst_modelsdialog.moc"
