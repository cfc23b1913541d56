#include "core/util/logfile.h"

#include "core/util/logging.h"
#include "core/net/redaction.h"
#include "core/util/terminaltext.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>

#include <cstdio>

namespace Sluice {

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

class LogSink
{
public:
    QString open(const QString &path, LogFileLimits limits)
    {
        QMutexLocker lock(&m_mutex);
        m_file.close();
        m_path = path;
        m_limits = limits;
        m_failed = false;
        if (path.isEmpty())
            return {};
        return openLocked();
    }

    QString path()
    {
        QMutexLocker lock(&m_mutex);
        return m_file.isOpen() ? m_path : QString();
    }

    void write(const QString &line)
    {
        QMutexLocker lock(&m_mutex);
        if (!m_file.isOpen())
            return;
        const QByteArray bytes = line.toUtf8();
        if (m_file.size() > 0 && m_file.size() + bytes.size() > m_limits.maxBytes) {
            if (const QString error = rotateLocked(); !error.isEmpty()) {
                failLocked(error);
                return;
            }
        }
        if (m_file.write(bytes) != bytes.size() || !m_file.flush())
            failLocked(m_file.errorString());
    }

private:
    QString openLocked()
    {
        m_file.setFileName(m_path);
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        // Created owner-only; an existing file is made owner-only too.
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text, OwnerOnly))
            return QStringLiteral("could not open the log file %1: %2")
                .arg(QDir::toNativeSeparators(m_path), m_file.errorString());
        m_file.setPermissions(OwnerOnly);
        return {};
    }

    QString rotateLocked()
    {
        m_file.close();
        const auto name = [this](int n) {
            return n == 0 ? m_path : m_path + u'.' + QString::number(n);
        };
        QFile::remove(name(m_limits.generations));
        for (int n = m_limits.generations - 1; n >= 0; --n) {
            if (QFile::exists(name(n)) && !QFile::rename(name(n), name(n + 1)))
                QFile::remove(name(n)); // never grow past the limit
        }
        return openLocked();
    }

    void failLocked(const QString &error)
    {
        m_file.close();
        if (m_failed)
            return;
        m_failed = true;
        const QString sentence = QStringLiteral("sluice: could not write the log file %1 (%2); "
                                                "logging to it stopped\n")
                                     .arg(QDir::toNativeSeparators(m_path), error);
        std::fputs(sentence.toLocal8Bit().constData(), stderr);
    }

    QMutex m_mutex;
    QFile m_file;
    QString m_path;
    LogFileLimits m_limits;
    bool m_failed = false;
};

LogSink &sink()
{
    static LogSink s;
    return s;
}

const char *levelWord(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "log";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    const QString text = redactKnownSecrets(message);
    const QString plain = category + u": " + text + u'\n'; // what Qt writes by default
    static const bool terminal = isTerminal(stderr);
    const QByteArray shown = (terminal ? sanitizeForTerminal(plain) : plain).toLocal8Bit();
    std::fwrite(shown.constData(), 1, size_t(shown.size()), stderr);
    std::fflush(stderr);
    sink().write(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + u' ' +
                 QLatin1StringView(levelWord(type)) + u' ' + plain);
}

} // namespace

QString applyLogging(LogLevel level, const QString &file, LogFileLimits limits)
{
    static bool installed = false;
    if (!installed) {
        qInstallMessageHandler(handler);
        installed = true;
    }
    if (verboseLoggingEnabled())
        level = LogLevel::Debug;
    QString rules;
    switch (level) {
    case LogLevel::Off:
        rules = QStringLiteral("sluice.*=false");
        break;
    case LogLevel::Error:
        rules = QStringLiteral("sluice.*.warning=false");
        break;
    case LogLevel::Warning:
        break;
    case LogLevel::Info:
        rules = QStringLiteral("sluice.*.info=true");
        break;
    case LogLevel::Debug:
        rules = QStringLiteral("sluice.*.info=true\nsluice.*.debug=true");
        break;
    }
    QLoggingCategory::setFilterRules(rules);
    return sink().open(level == LogLevel::Off ? QString() : file, limits);
}

QString currentLogFile()
{
    return sink().path();
}

} // namespace Sluice
