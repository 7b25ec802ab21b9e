// Fault-injection sweeps: fail the i-th SQLite write/sync/truncate (through a VFS shim) or the
// i-th evidence file operation, for i = 0, 1, … until the operation completes. Every failure
// must surface as an error; the next open must pass db check; an acknowledged write must stay.
#include "core/store/checker.h"
#include "tests/support/faultvfs.h"
#include "tests/support/storefixture.h"

#include <QBuffer>

#include <catch2/catch.hpp>
#include <functional>

using namespace fieldcase;
using namespace fieldcase::test;

namespace {

using Operation = std::function<Status(StoreFixture&, const QString& caseId)>;

Status appendNote(StoreFixture& f, const QString& c)
{
    auto e = f.store->append(f.single,
        {QStringLiteral("case.note"), c, {{QStringLiteral("text"), QStringLiteral("故障注入")}},
            {}});
    if (!e)
        return fail(e.error());
    return {};
}

Status attachPhoto(StoreFixture& f, const QString& c)
{
    QByteArray data(300'000, 'p');
    data[0] = char(f.clock.nowMs() & 0x7f); // distinct content per attempt
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    auto e = f.store->attachEvidence(f.single, c, buf, {});
    if (!e)
        return fail(e.error());
    return {};
}

qint64 count(CaseStore& s, const char* sql)
{
    return s.database().scalarInt(sql).value();
}

// Reopens with faults disarmed and checks everything; returns the event count.
qint64 verifyConsistent(StoreFixture& f)
{
    FaultVfs::disarm();
    f.store->blobs().setFaultHook({});
    f.reopen();
    auto report = checkStore(*f.store);
    REQUIRE(report);
    for (const CheckIssue& i : report->issues)
        UNSCOPED_INFO(i.area.toStdString()
            << " " << i.object.toStdString() << ": " << i.problem.toStdString());
    REQUIRE(report->ok());
    return count(*f.store, "SELECT count(*) FROM events");
}

void sweepSqlite(const char* name, const Operation& op, bool diskFull)
{
    StoreOptions options;
    options.sqliteVfs = FaultVfs::install();
    int failures = 0;
    int diskFullReports = 0;
    for (long long i = 0; i < 500; ++i) {
        StoreFixture f(options);
        const QString c = f.openCase();
        const qint64 before = count(*f.store, "SELECT count(*) FROM events");
        FaultVfs::arm(i, diskFull);
        const Status result = op(f, c);
        const bool fired = FaultVfs::fired();
        FaultVfs::disarm();
        INFO(name << ": failing SQLite file operation #" << i);
        if (fired) {
            if (!result) {
                ++failures;
                // In disk-full mode writes fail with SQLITE_FULL; a failed fsync stays an I/O
                // error.
                if (result.error().code == ErrorCode::DiskFull)
                    ++diskFullReports;
                else
                    CHECK(result.error().code == ErrorCode::Io);
                CHECK_FALSE(result.error().message.isEmpty());
                // The same handle keeps working once the fault is gone.
                REQUIRE(appendNote(f, c));
            }
            const qint64 after = verifyConsistent(f);
            // Acknowledged → present; failed → absent, or present only if the commit reached
            // the disk before the error (never half of it: db check above).
            if (result)
                CHECK(after >= before + 1);
            else
                CHECK((after == before + 1 || after == before + 2));
            continue;
        }
        // The armed fault was never reached: the operation completed with i faults tried.
        REQUIRE(result);
        CHECK(verifyConsistent(f) == before + 1);
        CHECK(failures > 0);
        CHECK((diskFull ? diskFullReports > 0 : diskFullReports == 0));
        WARN(name << ": " << i << " SQLite file operations, " << failures << " surfaced failures");
        return;
    }
    FAIL("the sweep did not converge");
}

} // namespace

TEST_CASE("SQLite I/O errors during an append surface and leave a consistent store", "[faults]")
{
    sweepSqlite("append", appendNote, false);
}

TEST_CASE(
    "SQLite I/O errors during an evidence attach surface and leave a consistent store", "[faults]")
{
    sweepSqlite("attach", attachPhoto, false);
}

TEST_CASE("SQLite disk-full errors during an append are reported as disk full", "[faults]")
{
    sweepSqlite("append (disk full)", appendNote, true);
}

TEST_CASE("Evidence file faults surface and leave no row without a file", "[faults]")
{
    int failures = 0;
    for (int i = 0; i < 100; ++i) {
        StoreFixture f;
        const QString c = f.openCase();
        int seen = 0;
        bool fired = false;
        f.store->blobs().setFaultHook([&](QStringView op) -> Status {
            if (seen++ == i) {
                fired = true;
                return fail(ErrorCode::Io, QStringLiteral("injected failure of %1").arg(op));
            }
            return {};
        });
        const qint64 before = count(*f.store, "SELECT count(*) FROM events");
        const Status result = attachPhoto(f, c);
        INFO("failing evidence file operation #" << i);
        if (fired) {
            REQUIRE_FALSE(result);
            ++failures;
            CHECK(result.error().message.contains(QStringLiteral("injected")));
            CHECK(verifyConsistent(f) == before);
            CHECK(count(*f.store, "SELECT count(*) FROM blobs") == 0);
            continue;
        }
        REQUIRE(result);
        CHECK(verifyConsistent(f) == before + 1);
        CHECK(failures >= 5);
        return;
    }
    FAIL("the sweep did not converge");
}
