// Small helpers for the crypto tests: hex output, file I/O and running the openssl CLI.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <catch2/catch.hpp>
#include <string>

namespace fieldcase::cryptotest {

// Lowercase hex, as a std::string so Catch2 prints it on failure.
inline std::string hex(const QByteArray& bytes)
{
    return bytes.toHex().toStdString();
}

inline QByteArray fromHex(const char* hexText)
{
    return QByteArray::fromHex(QByteArray(hexText));
}

inline void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(f.write(data) == data.size());
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// Deterministic pseudo-random bytes, so failures reproduce.
inline QByteArray patternBytes(qsizetype n, quint32 seed = 1)
{
    QByteArray out(n, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 1;
    for (qsizetype i = 0; i < n; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = static_cast<char>(x & 0xff);
    }
    return out;
}

struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs `openssl args...`; exitCode is -1 if it crashed.
inline ProcessResult runOpenssl(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), args);
    REQUIRE(p.waitForStarted());
    REQUIRE(p.waitForFinished(60'000));
    ProcessResult r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace fieldcase::cryptotest
