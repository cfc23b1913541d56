#include "gui/window/samplingfields.h"

#include <QDoubleSpinBox>
#include <QFontMetrics>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>

#include <limits>

namespace Sluice {

namespace {

std::optional<double> doubleValue(QWidget *w)
{
    auto *spin = static_cast<QDoubleSpinBox *>(w);
    return spin->value() < spin->minimum() + spin->singleStep() / 2
               ? std::nullopt
               : std::optional<double>(spin->value());
}

void setDouble(QWidget *w, const std::optional<double> &v)
{
    auto *spin = static_cast<QDoubleSpinBox *>(w);
    spin->setValue(v ? *v : spin->minimum());
}

// "topPField", "keepAliveField" …: the option's name in camel case.
QString fieldName(SamplingParam param)
{
    QStringList words = samplingOptionName(param).split(u'-');
    for (qsizetype i = 1; i < words.size(); ++i)
        words[i][0] = words.at(i).at(0).toUpper();
    return words.join(QString()) + QStringLiteral("Field");
}

QString plain(QString label)
{
    return label.remove(u'&');
}

} // namespace

QDoubleSpinBox *SamplingFields::addDouble(QFormLayout *form, SamplingParam param,
                                          const QString &label, const QString &tip, double min,
                                          double max, double step)
{
    auto *spin = new QDoubleSpinBox;
    spin->setDecimals(2);
    spin->setRange(min - step, max); // the lowest step: the server's default
    spin->setSingleStep(step);
    spin->setSpecialValueText(tr("Server default"));
    spin->setValue(spin->minimum());
    form->addRow(label, spin);
    m_fields.insert(param, spin);
    m_labels.insert(param, plain(label));
    m_tips.insert(param, tip);
    return spin;
}

SamplingFields::SamplingFields(QFormLayout *form, const QHash<SamplingParam, QWidget *> &existing)
{
    QWidget *parent = form->parentWidget();
    for (auto it = existing.begin(); it != existing.end(); ++it) {
        m_fields.insert(it.key(), it.value());
        m_tips.insert(it.key(), it.value()->toolTip());
        m_labels.insert(it.key(), it.value()->accessibleName());
    }
    addDouble(form, SamplingParam::TopP, tr("Top &P"),
              tr("Sample only from the likeliest tokens that together reach this probability."),
              0, 1, 0.05);
    m_topK = new QSpinBox(parent);
    m_topK->setRange(0, 1000);
    m_topK->setSpecialValueText(tr("Server default"));
    form->addRow(tr("Top &K"), m_topK);
    m_fields.insert(SamplingParam::TopK, m_topK);
    m_labels.insert(SamplingParam::TopK, tr("Top K"));
    m_tips.insert(SamplingParam::TopK, tr("Sample only from this many of the likeliest tokens."));
    addDouble(form, SamplingParam::MinP, tr("M&in P"),
              tr("Leave out tokens less likely than this share of the likeliest one."), 0, 1,
              0.01);
    addDouble(form, SamplingParam::RepeatPenalty, tr("&Repeat penalty"),
              tr("Above 1 makes repeating recent tokens less likely."), 0, 5, 0.05);
    addDouble(form, SamplingParam::FrequencyPenalty, tr("&Frequency penalty"),
              tr("Makes a token less likely the more often it appeared."), -2, 2, 0.1);
    addDouble(form, SamplingParam::PresencePenalty, tr("Presence pena&lty"),
              tr("Makes any token that appeared less likely, once."), -2, 2, 0.1);
    m_seed = new QSpinBox(parent);
    m_seed->setRange(-1, std::numeric_limits<int>::max());
    m_seed->setSpecialValueText(tr("Random"));
    m_seed->setValue(-1);
    form->addRow(tr("S&eed"), m_seed);
    m_fields.insert(SamplingParam::Seed, m_seed);
    m_labels.insert(SamplingParam::Seed, tr("Seed"));
    m_tips.insert(SamplingParam::Seed, tr("The same seed and prompt give the same reply."));
    m_stop = new QPlainTextEdit(parent);
    m_stop->setTabChangesFocus(true);
    m_stop->setPlaceholderText(tr("One per line"));
    m_stop->setFixedHeight(QFontMetrics(m_stop->font()).lineSpacing() * 3 + 12);
    form->addRow(tr("Stop se&quences"), m_stop);
    m_fields.insert(SamplingParam::Stop, m_stop);
    m_labels.insert(SamplingParam::Stop, tr("Stop sequences"));
    m_tips.insert(SamplingParam::Stop, tr("The reply ends where it would write one of these."));
    m_keepAlive = new QLineEdit(parent);
    m_keepAlive->setPlaceholderText(tr("Server default"));
    // Ollama's api/types.go Duration: a Go duration or seconds; negative: stay loaded.
    m_keepAlive->setValidator(new QRegularExpressionValidator(
        QRegularExpression(ollamaDurationPattern()), m_keepAlive));
    form->addRow(tr("Keep loaded f&or"), m_keepAlive);
    m_fields.insert(SamplingParam::KeepAlive, m_keepAlive);
    m_labels.insert(SamplingParam::KeepAlive, tr("Keep loaded for"));
    m_tips.insert(SamplingParam::KeepAlive,
                  tr("How long Ollama keeps the model in memory after a reply: 5m, 1h, 0 "
                     "(unload at once), -1 (always)."));
    for (SamplingParam p : allSamplingParams()) {
        QWidget *w = m_fields.value(p);
        if (!w)
            continue;
        if (w->objectName().isEmpty())
            w->setObjectName(fieldName(p));
        if (w->accessibleName().isEmpty())
            w->setAccessibleName(m_labels.value(p));
        w->setToolTip(m_tips.value(p));
    }
    m_note = new QLabel(parent);
    m_note->setObjectName(QStringLiteral("unsentParametersNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->hide();
    form->addRow(m_note);
}

void SamplingFields::setOptions(const ChatOptions &o)
{
    setDouble(m_fields.value(SamplingParam::TopP), o.topP);
    m_topK->setValue(o.topK.value_or(0));
    setDouble(m_fields.value(SamplingParam::MinP), o.minP);
    setDouble(m_fields.value(SamplingParam::RepeatPenalty), o.repeatPenalty);
    setDouble(m_fields.value(SamplingParam::FrequencyPenalty), o.frequencyPenalty);
    setDouble(m_fields.value(SamplingParam::PresencePenalty), o.presencePenalty);
    m_seed->setValue(o.seed && *o.seed >= 0 && *o.seed <= std::numeric_limits<int>::max()
                         ? int(*o.seed)
                         : -1);
    m_stop->setPlainText(o.stop.join(u'\n'));
    m_keepAlive->setText(o.keepAlive);
}

void SamplingFields::apply(ChatOptions *o) const
{
    o->topP = doubleValue(m_fields.value(SamplingParam::TopP));
    o->topK = m_topK->value() > 0 ? std::optional<int>(m_topK->value()) : std::nullopt;
    o->minP = doubleValue(m_fields.value(SamplingParam::MinP));
    o->repeatPenalty = doubleValue(m_fields.value(SamplingParam::RepeatPenalty));
    o->frequencyPenalty = doubleValue(m_fields.value(SamplingParam::FrequencyPenalty));
    o->presencePenalty = doubleValue(m_fields.value(SamplingParam::PresencePenalty));
    if (m_seed->value() >= 0)
        o->seed = m_seed->value();
    else if (o->seed && *o->seed >= 0 && *o->seed <= std::numeric_limits<int>::max())
        o->seed.reset(); // shown, and set back to Random
    o->stop.clear();
    const QStringList lines = m_stop->toPlainText().split(u'\n');
    for (const QString &line : lines) {
        if (!line.isEmpty())
            o->stop.append(line);
    }
    o->keepAlive = m_keepAlive->text().trimmed();
}

void SamplingFields::setProviderType(ProviderType type)
{
    QStringList unsent;
    for (SamplingParam p : allSamplingParams()) {
        QWidget *w = m_fields.value(p);
        if (!w)
            continue;
        const QString reason = samplingUnsupportedReason(type, p);
        w->setEnabled(reason.isEmpty());
        w->setToolTip(reason.isEmpty() ? m_tips.value(p)
                                       : tr("Not sent to this server. %1").arg(reason));
        w->setAccessibleDescription(reason.isEmpty() ? QString() : w->toolTip());
        if (!reason.isEmpty())
            unsent.append(tr("%1: %2").arg(m_labels.value(p), reason));
    }
    m_note->setText(unsent.isEmpty() ? QString()
                                     : tr("Not sent to this server:") + u'\n' + unsent.join(u'\n'));
    m_note->setVisible(!unsent.isEmpty());
}

} // namespace Sluice
