// What the doctor's answers mean: each function judges what one step found (an answer's
// status and body, a stream's arrival times) and says it as a verdict with a fix. No network
// and no state here, so every judgement is tested on plain values.
#pragma once

#include "core/diagnostics/diagnostics.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>
#include <QUrl>

namespace Sluice::StepVerdicts {

struct Verdict
{
    Diagnostics::Step::Status status = Diagnostics::Step::Status::Passed;
    QString detail;
    QString fix;
    bool stopAll = false; // the later steps cannot run
};

// "a, b, c, d, e, …"
QString listPreview(const QStringList &ids);

// The model list fetched (`ids`) from a provider of `type`.
Verdict modelList(ProviderType type, const QStringList &ids);
// The model list could not be fetched from the API at `root`.
Verdict listFailed(const ChatError &error, ProviderType type, const QUrl &root, bool hasKey);
// Whether `model` is among `ids`; `ollama`: the server is Ollama (natively or behind /v1).
Verdict model(const QString &model, const QStringList &ids, bool ollama);

// GET {ollamaRoot}/api/version answered `status` with `body`, for a provider of `type` whose
// base URL has the path `path`. `version` is set when the server is Ollama.
Verdict server(ProviderType type, const QString &path, const QUrl &ollamaRoot, int status,
               const QByteArray &body, QString *version);
// The streamed reply's pieces arrived at `arrivalsMs` (since the send).
Verdict stream(const QList<qint64> &arrivalsMs, const ReplyStats &stats);
// GET /api/ps answered `body`: is `model` loaded, how large, until when (from `now`).
Verdict loaded(const QString &model, const QByteArray &body, const QDateTime &now);

} // namespace Sluice::StepVerdicts
