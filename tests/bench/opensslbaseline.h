// The openssl command-line baseline of the evidence scenarios (evidence-aes, evidence-sm4 and the
// recorder import of devices): the same cryptographic passes over the same file, run one command
// after the other and timed as one total, plus the plain-disk context figure.
#pragma once

#include "core/crypto/cipher.h"
#include "core/util/result.h"
#include "tests/bench/benchutil.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace fieldcase::bench {

// One timed openssl run.
struct OpensslRun
{
    double seconds = 0;
    QString sm3Hex; // from `openssl dgst -sm3`
    QStringList commands; // as run, key and IV replaced by <key>/<iv>
};

// Runs the openssl commands that do the work of `suite` over input:
//   aes-256-gcm:       openssl dgst -sm3  +  openssl enc -aes-256-ctr
//   sm4-ctr-hmac-sm3:  openssl dgst -sm3  +  openssl enc -sm4-ctr  +  openssl mac HMAC-SM3
// The ciphertext goes to /dev/null, or to output (then fsynced and removed) if output is set.
[[nodiscard]] Result<OpensslRun> runOpenssl(
    const QString& openssl, const QString& input, CipherSuite suite, const QString& output = {});

// Plain sequential write of n bytes to path and one fsync, in seconds (the file is removed).
[[nodiscard]] Result<double> writeAndSync(const QString& path, qint64 n);

[[nodiscard]] QJsonArray jsonArray(const std::vector<double>& values);

// Adds the ingest row (our MB/s against openssl's to /dev/null, goal ≥ 80 %) and, when measured,
// the context row against openssl writing a file + fsync. theirs/theirsToDisk are seconds for mb
// megabytes; an empty list leaves that comparison out.
void addIngestRows(Report& report, const QString& metric, double oursMBps, double mb,
    const std::vector<double>& theirs, const std::vector<double>& theirsToDisk,
    const QString& baselineLabel);

} // namespace fieldcase::bench
