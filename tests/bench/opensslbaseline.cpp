// The openssl baseline shared by the evidence scenarios (see opensslbaseline.h).
#include "tests/bench/opensslbaseline.h"

#include "core/crypto/random.h"
#include "tests/bench/benchutil.h"

#include <QFile>
#include <QProcess>

#include <fcntl.h>
#include <unistd.h>

namespace fieldcase::bench {

namespace {

// Flushes a file to disk (for the openssl run that writes its ciphertext to a file).
bool syncFile(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

// Runs the openssl commands; the ciphertext goes to /dev/null, or to output (then fsynced)
// if output is not empty.
Result<OpensslRun> runOpenssl(
    const QString& openssl, const QString& input, CipherSuite suite, const QString& output)
{
    const QString sink = output.isEmpty() ? QStringLiteral("/dev/null") : output;
    const QString keyHex = QString::fromLatin1(randomBytes(32).toHex());
    const QString ivHex = QString::fromLatin1(randomBytes(16).toHex());
    QList<QStringList> commands {{QStringLiteral("dgst"), QStringLiteral("-sm3"), input}};
    if (suite == CipherSuite::Aes256Gcm) {
        commands.append({QStringLiteral("enc"), QStringLiteral("-aes-256-ctr"),
            QStringLiteral("-K"), keyHex, QStringLiteral("-iv"), ivHex, QStringLiteral("-in"),
            input, QStringLiteral("-out"), sink});
    } else {
        commands.append({QStringLiteral("enc"), QStringLiteral("-sm4-ctr"), QStringLiteral("-K"),
            keyHex.left(32), QStringLiteral("-iv"), ivHex, QStringLiteral("-in"), input,
            QStringLiteral("-out"), sink});
        commands.append({QStringLiteral("mac"), QStringLiteral("-digest"), QStringLiteral("SM3"),
            QStringLiteral("-macopt"), QStringLiteral("hexkey:") + keyHex, QStringLiteral("-in"),
            input, QStringLiteral("HMAC")});
    }
    OpensslRun out;
    const auto t0 = SteadyClock::now();
    for (const QStringList& args : commands) {
        QProcess p;
        p.start(openssl, args);
        if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return fail(ErrorCode::Internal, QStringLiteral("openssl failed"),
                args.join(QLatin1Char(' ')) + QStringLiteral(": ")
                    + QString::fromLocal8Bit(p.readAllStandardError()));
        if (args.first() == QLatin1String("dgst")) {
            // "SM3(file)= <hex>"
            const QString line = QString::fromLatin1(p.readAllStandardOutput()).trimmed();
            out.sm3Hex = line.section(QLatin1Char(' '), -1);
        }
    }
    if (!output.isEmpty() && !syncFile(output))
        return fail(ErrorCode::Io, QStringLiteral("fsync failed"), output);
    out.seconds = secondsSince(t0);
    if (!output.isEmpty())
        QFile::remove(output);
    for (QStringList args : commands) {
        args.replaceInStrings(keyHex, QStringLiteral("<key>"));
        args.replaceInStrings(keyHex.left(32), QStringLiteral("<key>"));
        args.replaceInStrings(ivHex, QStringLiteral("<iv>"));
        out.commands << QStringLiteral("openssl ") + args.join(QLatin1Char(' '));
    }
    return out;
}

QJsonArray jsonArray(const std::vector<double>& values)
{
    QJsonArray array;
    for (double v : values)
        array.append(v);
    return array;
}

// Plain sequential write of n bytes and one fsync, for the disk's own throughput.
Result<double> writeAndSync(const QString& path, qint64 n)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(ErrorCode::Io, QStringLiteral("cannot create"), path);
    const QByteArray chunk(1 << 20, 'x');
    const auto t0 = SteadyClock::now();
    for (qint64 done = 0; done < n; done += chunk.size()) {
        if (::write(fd, chunk.constData(), std::size_t(chunk.size())) != chunk.size()) {
            ::close(fd);
            return fail(ErrorCode::Io, QStringLiteral("write failed"), path);
        }
    }
    const bool synced = ::fsync(fd) == 0;
    const double seconds = secondsSince(t0);
    ::close(fd);
    QFile::remove(path);
    if (!synced)
        return fail(ErrorCode::Io, QStringLiteral("fsync failed"), path);
    return seconds;
}

void addIngestRows(Report& report, const QString& metric, double oursMBps, double mb,
    const std::vector<double>& theirs, const std::vector<double>& theirsToDisk,
    const QString& baselineLabel)
{
    Report::Row row;
    row.metric = metric;
    row.value = oursMBps;
    row.unit = QStringLiteral("MB/s");
    if (!theirs.empty()) {
        const double theirMBps = mb / median(theirs);
        row.baseline = theirMBps;
        row.baselineLabel = baselineLabel;
        row.ratio = 100 * oursMBps / theirMBps;
        row.ratioKind = QStringLiteral("%");
        row.goal = QStringLiteral("≥ 80 %");
        row.goalMet = *row.ratio >= 80;
    }
    report.addRow(row);
    if (!theirsToDisk.empty()) {
        Report::Row disk;
        disk.metric = QStringLiteral("context: same, openssl writing to a file + fsync");
        disk.value = oursMBps;
        disk.unit = row.unit;
        disk.baseline = mb / median(theirsToDisk);
        disk.baselineLabel = QStringLiteral("openssl … -out FILE, fsync");
        disk.ratio = 100 * oursMBps / *disk.baseline;
        disk.ratioKind = QStringLiteral("%");
        report.addRow(disk);
    }
}

} // namespace fieldcase::bench
