// A small disk for fault tests: a tmpfs mounted on a temporary folder (root only, as in CI),
// that a test can fill up, free again or make read-only. Unmounted when it goes out of
// scope, also when the test fails half-way. Where nothing can be mounted, mounted() is
// false and whyNot() says why, for QSKIP.
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace Sluice::Test {

class SmallDisk
{
public:
    explicit SmallDisk(int kib = 200)
    {
#ifdef Q_OS_LINUX
        if (::geteuid() != 0) {
            m_why = QStringLiteral("mounting a small tmpfs needs root (CI runs as root)");
            return;
        }
        if (!m_dir.isValid()) {
            m_why = QStringLiteral("no temporary folder");
            return;
        }
        QString error;
        m_mounted = run({QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                         QStringLiteral("size=%1k,mode=0700").arg(kib), QStringLiteral("tmpfs"),
                         m_dir.path()},
                        &error);
        if (!m_mounted)
            m_why = QStringLiteral("cannot mount a tmpfs here: ") + error;
#else
        Q_UNUSED(kib)
        m_why = QStringLiteral("tmpfs is Linux only");
#endif
    }
    ~SmallDisk()
    {
        if (!m_mounted)
            return;
        QProcess umount;
        umount.start(QStringLiteral("umount"), {m_dir.path()});
        if (!umount.waitForFinished(10000) || umount.exitCode() != 0) {
            // Something still holds a file open: detach it now, it goes when released.
            QProcess lazy;
            lazy.start(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir.path()});
            lazy.waitForFinished(10000);
        }
    }
    SmallDisk(const SmallDisk &) = delete;
    SmallDisk &operator=(const SmallDisk &) = delete;

    bool mounted() const
    {
        return m_mounted;
    }
    QString whyNot() const
    {
        return m_why;
    }
    QString path() const
    {
        return m_dir.path();
    }
    QString filePath(const QString &name) const
    {
        return m_dir.filePath(name);
    }

    // Fills what is left with one file, to the last byte the disk takes.
    bool fill()
    {
        QFile filler(filePath(QStringLiteral(".filler")));
        if (!filler.open(QIODevice::Append | QIODevice::Unbuffered))
            return false;
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size()) {
        }
        while (filler.write("x", 1) == 1) {
        }
        return true;
    }
    // Makes room again.
    bool free()
    {
        return QFile::remove(filePath(QStringLiteral(".filler")));
    }

    bool makeReadOnly()
    {
        QString error;
        return run({QStringLiteral("-o"), QStringLiteral("remount,ro"), m_dir.path()}, &error);
    }

private:
    static bool run(const QStringList &args, QString *error)
    {
        QProcess mount;
        mount.start(QStringLiteral("mount"), args);
        if (!mount.waitForFinished(10000)) {
            *error = mount.errorString();
            return false;
        }
        *error = QString::fromLocal8Bit(mount.readAllStandardError()).trimmed();
        return mount.exitStatus() == QProcess::NormalExit && mount.exitCode() == 0;
    }

    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_why;
};

} // namespace Sluice::Test
