#include "connectiontest.h"

namespace Sluice {

ConnectionTest::ConnectionTest(ChatClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{}

QString ConnectionTest::stepLine(const Diagnostics::Step &s)
{
    QString line = statusMark(s.status) + u' ' + s.title;
    if (!s.detail.isEmpty())
        line += QStringLiteral("  ") + s.detail;
    if (s.ms >= 0 && s.status != Diagnostics::Step::Status::Skipped)
        line += tr("  (%1 ms)").arg(s.ms);
    if (!s.fix.isEmpty())
        line += u'\n' + tr("    fix: %1").arg(s.fix);
    return line;
}

void ConnectionTest::run(const ProviderConfig &provider, const QString &model, Report report)
{
    if (m_diagnostics) {
        m_diagnostics->disconnect(this);
        m_diagnostics->cancel();
        m_diagnostics->deleteLater();
    }
    auto *d = new Diagnostics(m_client, provider, model, this);
    m_diagnostics = d;
    auto lines = std::make_shared<QStringList>();
    report(tr("Testing %1…").arg(provider.baseUrl));
    connect(d, &Diagnostics::stepFinished, this, [d, lines, report](int index) {
        lines->append(stepLine(d->steps().at(index)));
        report(lines->join(u'\n'));
    });
    connect(d, &Diagnostics::finished, this, [this, d, lines, report](bool passed) {
        lines->append(passed ? tr("All checks passed.") : tr("Some checks failed."));
        report(lines->join(u'\n'));
        d->deleteLater();
        m_diagnostics.clear();
    });
    d->start();
}

} // namespace Sluice
