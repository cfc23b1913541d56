// The sampling parameters of the conversation settings dialog beyond its form's own
// (temperature, context size, max tokens): top P, top K, min P, the three penalties, seed,
// stop sequences and Ollama's keep-alive. Each unset value shows "Server default" and is not
// sent. A parameter the conversation's protocol cannot send is shown disabled, with the
// reason in its tooltip and in a note under the form (core/chat/samplingsupport.h).
#pragma once

#include "core/chat/chattypes.h"
#include "core/chat/samplingsupport.h"

#include <QCoreApplication>
#include <QHash>

class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QWidget;

namespace Sluice {

class SamplingFields
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::SamplingFields)
public:
    // Adds its rows at the end of `form`, and its note under them. `existing` are the form's
    // own fields of the other parameters, disabled the same way.
    SamplingFields(QFormLayout *form, const QHash<SamplingParam, QWidget *> &existing);

    void setOptions(const ChatOptions &options);
    // The shown values written into `options` (the form's own fields are not touched).
    void apply(ChatOptions *options) const;
    // Disables what `type`'s protocol cannot send, with the reason.
    void setProviderType(ProviderType type);

    QWidget *field(SamplingParam param) const { return m_fields.value(param); }
    QLabel *note() const { return m_note; }

private:
    QDoubleSpinBox *addDouble(QFormLayout *form, SamplingParam param, const QString &label,
                              const QString &tip, double min, double max, double step);

    QHash<SamplingParam, QWidget *> m_fields;
    QHash<SamplingParam, QString> m_labels; // as the form shows them, without the mnemonic
    QHash<SamplingParam, QString> m_tips;
    QSpinBox *m_topK = nullptr;
    QSpinBox *m_seed = nullptr;
    QPlainTextEdit *m_stop = nullptr;
    QLineEdit *m_keepAlive = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace Sluice
