#include "gui/settings/providereditor.h"

#include "gui/settings/connectiontestpanel.h"
#include "gui/settings/modellisteditor.h"
#include "core/config/envexpand.h"
#include "ui_providereditor.h"
#include "core/config/urls.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidgetItem>
#include <QVBoxLayout>

#include <cmath>

namespace Sluice {

namespace {

QString typeLabel(ProviderType type)
{
    switch (type) {
    case ProviderType::Ollama:
        return ProviderEditor::tr("Ollama (native API)");
    case ProviderType::OpenAI:
        return ProviderEditor::tr("OpenAI-compatible");
    case ProviderType::Anthropic:
        return ProviderEditor::tr("Anthropic");
    }
    return {};
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

ProviderEditor::ProviderEditor(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ProviderEditor>())
{
    m_ui->setupUi(this);
    makeIdRow();
    for (ProviderType t : {ProviderType::Ollama, ProviderType::OpenAI, ProviderType::Anthropic})
        m_ui->typeCombo->addItem(typeLabel(t), int(t));
    m_ui->headersTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->useSuggestedTypeButton->hide();
    m_ui->useServerTypeButton->hide();
    m_ui->serverHint->hide();
    m_models = new ModelListEditor(*m_ui, this);
    connect(m_models, &ModelListEditor::edited, this, &ProviderEditor::changed);

    connect(m_ui->nameEdit, &QLineEdit::textEdited, this, &ProviderEditor::changed);
    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateUrlHint();
        updateServerHint();
        changed();
    });
    connect(m_ui->baseUrlEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        updateUrlHint();
        updateServerHint();
        changed();
        const QString url = normalizedBaseUrl(text);
        if (!m_loading && url != m_editedUrl) // showing the normalised form is no new address
            Q_EMIT baseUrlEdited(url);
        m_editedUrl = url;
    });
    // "127.0.0.1:11434" is accepted and, once the user leaves the field, shown as Sluice
    // stores and uses it: "http://127.0.0.1:11434".
    connect(m_ui->baseUrlEdit, &QLineEdit::editingFinished, this, [this] {
        const QString url = normalizedBaseUrl(m_ui->baseUrlEdit->text());
        if (url != m_ui->baseUrlEdit->text() && baseUrlProblem(url).isEmpty())
            m_ui->baseUrlEdit->setText(url);
    });
    connect(m_ui->detectButton, &QAbstractButton::clicked, this, &ProviderEditor::detectRequested);
    connect(m_ui->useServerTypeButton, &QAbstractButton::clicked, this, [this] {
        const QString url = m_suggestedUrl;
        const ProviderType type =
            m_ollamaVersion.isEmpty() ? ProviderType::OpenAI : ProviderType::Ollama;
        m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->findData(int(type)));
        m_ui->baseUrlEdit->setText(url);
    });
    connect(m_ui->useSuggestedTypeButton, &QAbstractButton::clicked, this, [this] {
        if (const auto t = guessProviderType(normalizedBaseUrl(m_ui->baseUrlEdit->text())))
            m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->findData(int(*t)));
    });
    connect(m_ui->apiKeyEdit, &QLineEdit::textEdited, this, [this] {
        updateKeyHint();
        changed();
    });
    connect(m_ui->showKeyButton, &QAbstractButton::toggled, this, [this](bool show) {
        updateKeyHint();
        m_ui->showKeyButton->setText(show ? tr("Hide") : tr("Show"));
        m_ui->showKeyButton->setAccessibleDescription(show ? tr("Hide the API key")
                                                           : tr("Show the API key"));
    });
    connect(m_ui->addHeaderButton, &QAbstractButton::clicked, this, [this] {
        addHeaderRow(QString(), QString());
        m_ui->headersTable->setCurrentCell(m_ui->headersTable->rowCount() - 1, 0);
        m_ui->headersTable->editItem(m_ui->headersTable->currentItem());
        changed();
    });
    connect(m_ui->removeHeaderButton, &QAbstractButton::clicked, this, [this] {
        if (m_ui->headersTable->currentRow() >= 0) {
            m_ui->headersTable->removeRow(m_ui->headersTable->currentRow());
            changed();
        }
    });
    connect(m_ui->headersTable, &QTableWidget::itemChanged, this, &ProviderEditor::changed);
    for (QCheckBox *box : {m_ui->streamCheck, m_ui->http2Check})
        connect(box, &QAbstractButton::toggled, this, &ProviderEditor::changed);
    for (QDoubleSpinBox *spin :
         {m_ui->connectSpin, m_ui->firstTokenSpin, m_ui->loadSpin, m_ui->idleSpin, m_ui->totalSpin})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ProviderEditor::changed);
    connect(m_ui->resetTimeoutsButton, &QAbstractButton::clicked, this,
            [this] { setTimeouts(Timeouts()); });
    connect(m_ui->refreshModelsButton, &QAbstractButton::clicked, this,
            &ProviderEditor::refreshModelsRequested);
    connect(m_ui->testConnectionButton, &QAbstractButton::clicked, this,
            &ProviderEditor::testConnectionRequested);
}

ProviderEditor::~ProviderEditor() = default;

// The id, under the name: what `--provider` takes and the keychain entry is named after.
void ProviderEditor::makeIdRow()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_idEdit = new QLineEdit(box);
    m_idEdit->setObjectName(QStringLiteral("idEdit"));
    m_idEdit->setAccessibleName(tr("Identifier"));
    m_idHint = new QLabel(box);
    m_idHint->setObjectName(QStringLiteral("idHint"));
    m_idHint->setWordWrap(true);
    layout->addWidget(m_idEdit);
    layout->addWidget(m_idHint);
    //: the provider's id, as --provider takes it; the mnemonic must not clash in the form
    auto *label = new QLabel(tr("Id&entifier:"), this);
    label->setObjectName(QStringLiteral("idLabel"));
    label->setBuddy(m_idEdit);
    m_ui->formLayout->insertRow(1, label, box);
    setTabOrder(m_ui->nameEdit, m_idEdit);
    setTabOrder(m_idEdit, m_ui->typeCombo);
    connect(m_idEdit, &QLineEdit::textEdited, this, [this] {
        updateIdHint();
        changed();
    });
}

void ProviderEditor::setIdsInUse(const QStringList &ids)
{
    m_idsInUse = ids;
    updateIdHint();
}

QString ProviderEditor::idProblemText() const
{
    const QString id = m_idEdit->text().trimmed();
    if (id.isEmpty())
        return tr("The identifier is empty; it names the provider on the command line.");
    if (!isValidProviderId(id))
        return tr("The identifier may hold only letters, digits, \"-\", \"_\" and \".\", "
                  "starting with a letter or digit.");
    if (m_idsInUse.contains(id))
        return tr("Another provider has the identifier \"%1\".").arg(id);
    return {};
}

void ProviderEditor::updateIdHint()
{
    const QString problem = idProblemText();
    m_idHint->setText(problem.isEmpty()
                          ? tr("Names it on the command line: sluice run --provider %1")
                                .arg(m_idEdit->text().trimmed())
                          : u"\u2717 " + problem);
}

void ProviderEditor::changed()
{
    if (!m_loading)
        Q_EMIT edited();
}

void ProviderEditor::setEntry(const ProviderEntry &entry, const QString &keyText)
{
    m_loading = true;
    m_entry = entry;
    m_ui->nameEdit->setText(entry.displayName());
    m_idEdit->setText(entry.id);
    updateIdHint();
    m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->findData(int(entry.type)));
    m_ui->baseUrlEdit->setText(entry.baseUrl);
    m_editedUrl = normalizedBaseUrl(entry.baseUrl);
    m_ui->apiKeyEdit->setText(keyText);
    m_ui->showKeyButton->setChecked(false);
    m_ui->headersTable->setRowCount(0);
    for (const auto &[name, value] : entry.headers)
        addHeaderRow(name, value);
    m_ui->streamCheck->setChecked(entry.stream);
    m_ui->http2Check->setChecked(entry.http2);
    setTimeouts(entry.timeouts);
    m_models->show(entry.models);
    m_ui->connectionTestPanel->clear();
    clearServerHint();
    updateUrlHint();
    updateKeyHint();
    m_loading = false;
}

ProviderEntry ProviderEditor::entry() const
{
    ProviderEntry p = m_entry;
    p.id = m_idEdit->text().trimmed();
    const QString name = m_ui->nameEdit->text().trimmed();
    p.name = name == p.id ? QString() : name;
    p.type = ProviderType(m_ui->typeCombo->currentData().toInt());
    p.baseUrl = normalizedBaseUrl(m_ui->baseUrlEdit->text());
    p.headers.clear();
    for (int row = 0; row < m_ui->headersTable->rowCount(); ++row) {
        const QString header = cellText(m_ui->headersTable, row, 0);
        if (!header.isEmpty())
            p.headers.append({header, cellText(m_ui->headersTable, row, 1)});
    }
    p.stream = m_ui->streamCheck->isChecked();
    p.http2 = m_ui->http2Check->isChecked();
    // The spin boxes show tenths of seconds; a value the user did not touch keeps the
    // file's exact milliseconds.
    auto ms = [](const QDoubleSpinBox *spin, qint64 before) {
        if (qFuzzyCompare(spin->valueFromText(spin->textFromValue(double(before) / 1000.0)) + 1,
                          spin->value() + 1))
            return before;
        return qint64(std::llround(spin->value() * 1000));
    };
    const Timeouts &old = m_entry.timeouts;
    p.timeouts.connectMs = ms(m_ui->connectSpin, old.connectMs);
    p.timeouts.firstTokenMs = ms(m_ui->firstTokenSpin, old.firstTokenMs);
    p.timeouts.loadMs = ms(m_ui->loadSpin, old.loadMs);
    p.timeouts.idleMs = ms(m_ui->idleSpin, old.idleMs);
    p.timeouts.totalMs = ms(m_ui->totalSpin, old.totalMs);
    p.models = m_models->models();
    return p;
}

QString ProviderEditor::keyText() const
{
    return m_ui->apiKeyEdit->text().trimmed();
}

void ProviderEditor::setKeyText(const QString &keyText)
{
    m_ui->apiKeyEdit->setText(keyText);
    updateKeyHint();
}

void ProviderEditor::setKeyStatus(const QString &text)
{
    m_ui->apiKeyStatus->setText(text);
}

void ProviderEditor::setSavedKey(const QString &keyText, KeyPlace place, bool keychainUsable)
{
    m_savedKeyText = keyText;
    m_savedKeyPlace = place;
    m_keychainUsable = keychainUsable;
    updateKeyHint();
}

void ProviderEditor::updateKeyHint()
{
    const QString text = keyText();
    // A $VARIABLE reference is not a secret: it stays readable.
    const bool visible = m_ui->showKeyButton->isChecked() || isVariableReference(text);
    m_ui->apiKeyEdit->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
    const bool saved = text == m_savedKeyText;
    QString hint;
    if (text.isEmpty() && saved && m_savedKeyPlace == KeyPlace::Keychain) {
        hint = m_keychainUsable ? tr("Reading the key from the system keychain…")
                                : tr("The key is in the system keychain, which cannot be "
                                     "reached now.");
    } else if (text.isEmpty()) {
        hint = saved ? tr("No key: nothing is sent. Local servers need none.")
               : m_savedKeyPlace == KeyPlace::Nowhere ? tr("No key: once saved, nothing is sent.")
                                                      : tr("No key: once saved, nothing is sent "
                                                           "and the stored key is removed.");
    } else if (isVariableReference(text)) {
        const QString var = referencedVariables(text).first();
        const bool set = qEnvironmentVariableIsSet(var.toLocal8Bit().constData());
        if (saved)
            hint =
                set ? tr("Read from the environment variable %1 for each request.").arg(var)
                    : tr("Read from the environment variable %1, which is not set now.").arg(var);
        else
            hint = set ? tr("Once saved, read from the environment variable %1 for each "
                            "request.")
                             .arg(var)
                       : tr("Once saved, read from the environment variable %1, which is not "
                            "set now.")
                             .arg(var);
    } else if (saved && m_savedKeyPlace == KeyPlace::Keychain) {
        hint = tr("Stored in the system keychain.");
    } else if (saved && m_savedKeyPlace == KeyPlace::File) {
        hint = tr("Stored in sluice.json in plain text (only your user account can read it). "
                  "A $VARIABLE reference keeps it out of the file.");
    } else if (m_keychainUsable) {
        hint = tr("Not saved yet: Save stores it in the system keychain.");
    } else {
        hint = tr("Not saved yet: no keychain is available, so Save asks before writing it to "
                  "sluice.json in plain text.");
    }
    m_ui->apiKeyStatus->setText(hint);
}

QString ProviderEditor::baseUrlProblemText() const
{
    const QString problem = baseUrlProblem(normalizedBaseUrl(m_ui->baseUrlEdit->text()));
    //: %1 continues a sentence, e.g. "must be an http or https URL, not …"
    return problem.isEmpty() ? QString() : tr("The base URL %1.").arg(problem);
}

void ProviderEditor::focusId()
{
    m_idEdit->setFocus();
    m_idEdit->selectAll();
}

void ProviderEditor::focusBaseUrl()
{
    m_ui->baseUrlEdit->setFocus();
    m_ui->baseUrlEdit->selectAll();
}

void ProviderEditor::updateUrlHint()
{
    const QString problem = baseUrlProblemText();
    m_ui->useSuggestedTypeButton->hide();
    if (!problem.isEmpty()) {
        m_ui->baseUrlHint->setText(u"\u2717 " + problem);
        return;
    }
    const auto current = ProviderType(m_ui->typeCombo->currentData().toInt());
    const QString url = normalizedBaseUrl(m_ui->baseUrlEdit->text());
    const auto suggested = guessProviderType(url);
    // What the server said about this very URL beats a guess from its shape.
    const bool probed = !m_probedUrl.isEmpty() && m_probedUrl == url;
    if (suggested && *suggested != current && !probed) {
        m_ui->baseUrlHint->setText(tr("This address looks like %1.").arg(typeLabel(*suggested)));
        m_ui->useSuggestedTypeButton->setText(tr("Use %1").arg(typeLabel(*suggested)));
        m_ui->useSuggestedTypeButton->show();
        return;
    }
    m_ui->baseUrlHint->setText(u"\u2713 " +
                               (url == m_ui->baseUrlEdit->text().trimmed()
                                    ? tr("Valid address.")
                                    : tr("Valid address: %1").arg(url))); // what is saved and used
}

void ProviderEditor::addHeaderRow(const QString &name, const QString &value)
{
    const int row = m_ui->headersTable->rowCount();
    m_ui->headersTable->insertRow(row);
    m_ui->headersTable->setItem(row, 0, new QTableWidgetItem(name));
    m_ui->headersTable->setItem(row, 1, new QTableWidgetItem(value));
}

void ProviderEditor::setRefreshEnabled(bool enabled)
{
    m_ui->refreshModelsButton->setEnabled(enabled);
}

ConnectionTestPanel *ProviderEditor::testPanel() const
{
    return m_ui->connectionTestPanel;
}

void ProviderEditor::setTestEnabled(bool enabled, const QString &whyNot)
{
    m_ui->testConnectionButton->setEnabled(enabled);
    m_ui->testConnectionButton->setToolTip(enabled ? tr("Test the connection to this provider")
                                                   : whyNot);
}

void ProviderEditor::setTimeouts(const Timeouts &t)
{
    m_ui->connectSpin->setValue(double(t.connectMs) / 1000.0);
    m_ui->firstTokenSpin->setValue(double(t.firstTokenMs) / 1000.0);
    m_ui->loadSpin->setValue(double(t.loadMs) / 1000.0);
    m_ui->idleSpin->setValue(double(t.idleMs) / 1000.0);
    m_ui->totalSpin->setValue(double(t.totalMs) / 1000.0);
}

void ProviderEditor::setDetectEnabled(bool enabled)
{
    m_ui->detectButton->setEnabled(enabled);
}

void ProviderEditor::showProbing(const QString &baseUrl)
{
    if (baseUrl != normalizedBaseUrl(m_ui->baseUrlEdit->text()))
        return;
    clearServerHint();
    m_ui->serverHint->setText(tr("Asking the server what it is…"));
    m_ui->serverHint->show();
}

void ProviderEditor::showOllamaFound(const QString &baseUrl, const QString &version,
                                     const QString &nativeUrl)
{
    clearServerHint();
    m_probedUrl = baseUrl;
    m_ollamaVersion = version;
    m_suggestedUrl = nativeUrl;
    updateServerHint();
    updateUrlHint();
}

void ProviderEditor::showOtherServer(const QString &baseUrl, int httpStatus,
                                     const QString &openAiUrl)
{
    clearServerHint();
    m_probedUrl = baseUrl;
    m_otherStatus = httpStatus;
    m_suggestedUrl = openAiUrl;
    updateServerHint();
    updateUrlHint();
}

void ProviderEditor::clearServerHint()
{
    m_probedUrl.clear();
    m_ollamaVersion.clear();
    m_otherStatus = 0;
    m_suggestedUrl.clear();
    updateServerHint();
    updateUrlHint();
}

void ProviderEditor::updateServerHint()
{
    m_ui->useServerTypeButton->hide();
    const auto type = ProviderType(m_ui->typeCombo->currentData().toInt());
    const bool current =
        !m_probedUrl.isEmpty() && m_probedUrl == normalizedBaseUrl(m_ui->baseUrlEdit->text());
    if (current && m_otherStatus != 0 && type == ProviderType::Ollama) {
        //: %1 is an HTTP status code, %2 a base URL ending in /v1
        m_ui->serverHint->setText(tr("No Ollama API answers here (GET /api/version: HTTP %1). "
                                     "If this is an OpenAI-compatible server, use %2.")
                                      .arg(m_otherStatus)
                                      .arg(m_suggestedUrl));
        m_ui->useServerTypeButton->setText(tr("Use OpenAI-compatible"));
        m_ui->useServerTypeButton->show();
        m_ui->serverHint->show();
        return;
    }
    if (!current || m_ollamaVersion.isEmpty()) {
        m_ui->serverHint->clear();
        m_ui->serverHint->hide();
        return;
    }
    m_ui->serverHint->show();
    if (type == ProviderType::Ollama) {
        m_ui->serverHint->setText(u"\u2713 " + tr("Ollama %1 answers here.").arg(m_ollamaVersion));
        return;
    }
    //: %1 is Ollama's version, %2 the base URL of its native API
    m_ui->serverHint->setText(tr("This is Ollama %1 — use the native API at %2: it can set the "
                                 "context size and keep the model loaded.")
                                  .arg(m_ollamaVersion, m_suggestedUrl));
    m_ui->useServerTypeButton->setText(tr("Use the native API"));
    m_ui->useServerTypeButton->show();
}

} // namespace Sluice
