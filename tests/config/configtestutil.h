// Helpers shared by the sluice.json tests: reading and writing files, environments, fixtures.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QTest>

#include <initializer_list>
#include <utility>

namespace SluiceTest {

inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

inline QProcessEnvironment
envWith(std::initializer_list<std::pair<const char *, const char *>> vars)
{
    QProcessEnvironment env;
    for (const auto &[k, v] : vars)
        env.insert(QString::fromUtf8(k), QString::fromUtf8(v));
    return env;
}

// tests/config/fixtures/sluice-full.json: every field set, plus unknown ones to keep.
inline QByteArray fullFile()
{
    return readFile(QStringLiteral(SLUICE_CONFIG_FIXTURES "/sluice-full.json"));
}

} // namespace SluiceTest
