// What Ollama says about its models: installed (/api/tags), loaded (/api/ps) and the details
// of one (/api/show). Plain values and socket-free parsers, tested on bytes.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Sluice {

struct InstalledModel
{
    QString name; // "llama3.2:3b"
    QString digest;
    qint64 sizeBytes = -1;
    QString parameterSize; // "3.2B"
    QString quantization;  // "Q4_K_M"
    QString family;        // "llama"
    QString format;        // "gguf"
    QDateTime modified;
};

struct RunningModel
{
    QString name;
    qint64 sizeBytes = -1; // memory in use, all of it
    qint64 vramBytes = -1; // … of which on the GPU
    int contextLength = -1;
    QDateTime expiresAt; // when Ollama unloads it; far in the future for keep_alive < 0

    // The share of the model on the GPU, 0–100; -1 when unknown.
    int gpuPercent() const;
    // True when the model stays loaded until it is unloaded by hand (keep_alive < 0).
    bool staysLoaded() const;
};

struct ModelDetails
{
    QString name;
    QString architecture;   // "llama"
    int contextLength = -1; // what the model supports: model_info["<arch>.context_length"]
    qint64 parameterCount = -1;
    QString parameterSize;
    QString quantization;
    QString family;
    QStringList capabilities; // "completion", "tools", "vision", "thinking", "embedding" …
    QString templateText;
    QString parameters; // the Modelfile's PARAMETER lines, as Ollama prints them
    QString license;

    bool hasCapability(QStringView name) const;
};

// "llama3.2" and "llama3.2:latest" name the same Ollama model.
QString canonicalModelName(const QString &name);
bool sameModel(const QString &a, const QString &b);

// Each returns false with a sentence in `error` when the body is not what Ollama sends.
bool parseInstalledModels(const QByteArray &body, QList<InstalledModel> *out, QString *error);
bool parseRunningModels(const QByteArray &body, QList<RunningModel> *out, QString *error);
bool parseModelDetails(const QByteArray &body, const QString &name, ModelDetails *out,
                       QString *error);

// "2.0 GB", "512 MB", "980 B": decimal units, as Ollama's own CLI prints sizes.
QString formatBytes(qint64 bytes);
// "in 4 min", "in 35 s", "in 2 h" from now until `when`; empty when it has passed.
QString formatTimeUntil(const QDateTime &when, const QDateTime &now);

} // namespace Sluice

Q_DECLARE_METATYPE(Sluice::InstalledModel)
Q_DECLARE_METATYPE(Sluice::RunningModel)
Q_DECLARE_METATYPE(Sluice::ModelDetails)
