// Shared helpers of the core benchmarks: timing samples, peak memory, the scratch directory on
// a real disk, a registered team on a fresh store and the one JSON line each scenario prints.
#pragma once

#include "core/store/casestore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace fieldcase::bench {

using SteadyClock = std::chrono::steady_clock;

// Seconds elapsed since start, as a double.
[[nodiscard]] inline double secondsSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// Durations of repeated operations, in microseconds.
class Samples
{
public:
    void reserve(std::size_t n) { m_us.reserve(n); }
    void add(SteadyClock::duration d)
    {
        m_us.push_back(std::chrono::duration<double, std::micro>(d).count());
    }
    [[nodiscard]] std::size_t count() const { return m_us.size(); }
    // Nearest-rank percentile (p in 0..100) of the samples; 0 if there are none.
    [[nodiscard]] double percentileUs(double p) const;
    [[nodiscard]] double meanUs() const;

private:
    std::vector<double> m_us;
};

// Median of a few repeated measurements (0 for none).
[[nodiscard]] double median(std::vector<double> values);

// VmHWM of this process from /proc/self/status, in MiB (0 if unavailable).
[[nodiscard]] double peakRssMiB();

// Command-line settings shared by every scenario.
struct BenchOptions
{
    bool quick = false;
    QString parentDir; // where the scratch directory is made; empty: /var/tmp
    bool keep = false; // keep the scratch directory (for inspection)
};

// A scratch directory for one scenario run, removed at the end unless kept. TMPDIR is pointed
// into it so that temporary files made by core (the scratch database of checkStore) land on the
// same disk as the store instead of a possible tmpfs.
class ScratchDir
{
public:
    explicit ScratchDir(const BenchOptions& options);
    [[nodiscard]] bool isValid() const { return m_dir && m_dir->isValid(); }
    [[nodiscard]] QString path() const { return m_dir->path(); }
    [[nodiscard]] QString file(const QString& name) const { return m_dir->filePath(name); }
    // True if the directory is on tmpfs/ramfs, which would make fsync free and figures useless.
    [[nodiscard]] bool onRamDisk() const;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

// The acting officers of every scenario (as registered by registerTeam).
struct Team
{
    Actor installer {{QStringLiteral("inst-1")}, Role::Installer};
    Actor single {{QStringLiteral("off-1")}, Role::Officer};
    Actor pair {{QStringLiteral("off-1"), QStringLiteral("off-2")}, Role::Officer};
};

// Registers an installer and two officers on a fresh store.
[[nodiscard]] Status registerTeam(CaseStore& store);

// Opens a store in directory with the given suite, registers the team; nullptr and a message
// on stderr on failure.
[[nodiscard]] std::unique_ptr<CaseStore> openFreshStore(
    const QString& directory, const Clock& clock, CipherSuite suite = CipherSuite::Aes256Gcm);

// Realistic payloads (Chinese text of the size officers type) for the event types the
// scenarios append; n varies the content.
[[nodiscard]] QJsonObject caseOpenedPayload(qint64 n);
[[nodiscard]] QJsonObject partyPayload(qint64 n);
[[nodiscard]] QJsonObject vehiclePayload(qint64 n);
[[nodiscard]] QJsonObject notePayload(qint64 n);

// Writes n pseudo-random bytes (seeded) to path; false on a write error.
[[nodiscard]] bool writeRandomFile(const QString& path, qint64 n, quint32 seed);

// The result of one scenario: table rows plus functional failures, printed as one JSON line.
class Report
{
public:
    Report(QString scenario, bool quick);

    // One row of the results table. ratio is value/baseline (kind "x") or a percentage ("%").
    struct Row
    {
        QString metric;
        double value = 0;
        QString unit;
        std::optional<double> baseline;
        QString baselineLabel;
        std::optional<double> ratio;
        QString ratioKind; // "x" or "%"
        QString goal; // e.g. "≤ 2×"; empty if none
        std::optional<bool> goalMet;
    };
    void addRow(const Row& row);
    // A plain figure with no baseline.
    void addValue(const QString& metric, double value, const QString& unit);
    // Extra facts (counts, sizes, settings) kept in the JSON but not in the table.
    void setInfo(const QString& key, const QJsonValue& value) { m_info.insert(key, value); }
    // A functional check; a false condition makes the scenario fail (exit status 1).
    bool check(bool condition, const QString& what);
    void failure(const QString& what);
    [[nodiscard]] bool ok() const { return m_failures.isEmpty(); }

    // Prints the JSON line on stdout (with peak RSS read now) and returns the exit status.
    int finish();

private:
    QString m_scenario;
    bool m_quick;
    QJsonArray m_rows;
    QJsonObject m_info;
    QStringList m_failures;
};

// Progress and diagnostics go to stderr, so stdout carries only the JSON line.
void note(const QString& message);

} // namespace fieldcase::bench
