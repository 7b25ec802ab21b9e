// SIGKILL crash test: 0 acknowledged events lost, 0 integrity failures, 0 broken chains,
// 0 evidence rows without a matching file. FIELDCASE_CRASH_KILLS sets the number of kills
// (CI: 200, the benchmark: 1,000).
#include "core/store/checker.h"
#include "tests/support/storefixture.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

#include <catch2/catch.hpp>
#include <csignal>
#include <set>

using namespace fieldcase;

namespace {
struct Acked
{
    std::set<QString> events;
    std::set<QString> blobs;
};

void parse(const QByteArray& output, Acked& acked)
{
    // Only complete lines count: a line cut by the kill was never acknowledged.
    const QList<QByteArray> lines = output.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const QList<QByteArray> parts = lines.at(i).split(' ');
        if (parts.size() >= 3 && parts[0] == "ACK" && parts[1] == "event")
            acked.events.insert(QString::fromLatin1(parts[2]));
        if (parts.size() >= 4 && parts[0] == "ACK" && parts[1] == "blob") {
            acked.blobs.insert(QString::fromLatin1(parts[2]));
            acked.events.insert(QString::fromLatin1(parts[3]));
        }
    }
}
} // namespace

TEST_CASE("Killing the writer at random moments loses no acknowledged data", "[crash]")
{
    const int kills = qEnvironmentVariableIntValue("FIELDCASE_CRASH_KILLS") > 0
        ? qEnvironmentVariableIntValue("FIELDCASE_CRASH_KILLS")
        : 200;
    const QString child = QStringLiteral(FIELDCASE_CRASH_CHILD);
    test::TempDir dir;
    const QString storeDir = dir.file(QStringLiteral("store"));
    QRandomGenerator rng(20261121);
    Acked acked;
    int killedMidWork = 0;

    for (int k = 0; k < kills; ++k) {
        QProcess p;
        p.setProgram(child);
        p.setArguments({storeDir, QString::number(k + 1)});
        p.setProcessChannelMode(QProcess::SeparateChannels);
        p.start();
        REQUIRE(p.waitForStarted(5000));
        // Let it work for a random time after it is ready, then pull the plug.
        QByteArray out;
        while (!out.contains("READY\n")) {
            REQUIRE(p.waitForReadyRead(10000));
            out += p.readAllStandardOutput();
        }
        const int workMs = int(rng.bounded(5, 120));
        QThread::msleep(workMs);
        ::kill(pid_t(p.processId()), SIGKILL);
        REQUIRE(p.waitForFinished(10000));
        out += p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        INFO("child stderr: " << err.toStdString());
        REQUIRE(p.exitStatus() == QProcess::CrashExit); // killed, not failed on its own
        const auto before = acked.events.size();
        parse(out, acked);
        if (acked.events.size() > before)
            ++killedMidWork;

        // After every kill: everything acknowledged so far is there.
        StoreOptions options;
        options.directory = storeDir;
        auto store = CaseStore::open(options, Clock::system());
        REQUIRE(store);
        db::Database& db = (*store)->database();
        auto has = db.prepare("SELECT count(*) FROM events WHERE id = ?");
        for (const QString& id : acked.events) {
            has->bind(1, id);
            REQUIRE(*has->step());
            INFO("kill " << k << " lost acknowledged event " << id.toStdString());
            REQUIRE(has->int64(0) == 1);
            has->reset();
        }
        for (const QString& hash : acked.blobs)
            REQUIRE(QFile::exists((*store)->blobs().pathFor(hash)));
        // A full check now and then (and at the end): chains, signatures, every evidence file,
        // projections against a rebuild, and no evidence row without a file.
        if (k % 50 == 49 || k == kills - 1) {
            auto report = checkStore(**store);
            REQUIRE(report);
            INFO(report->summary().toStdString());
            for (const CheckIssue& i : report->issues)
                UNSCOPED_INFO(i.area.toStdString()
                    << " " << i.object.toStdString() << ": " << i.problem.toStdString());
            REQUIRE(report->ok());
            CHECK(report->events >= qint64(acked.events.size()));
        }
    }
    // The test must actually have interrupted work in progress.
    CHECK(killedMidWork > kills / 2);
    CHECK(acked.blobs.size() > 10);
    WARN(kills << " kills, " << acked.events.size() << " acknowledged events, "
               << acked.blobs.size() << " evidence files, all present");
}
