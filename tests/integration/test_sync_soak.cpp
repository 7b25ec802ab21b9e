// Exactly once over a bad link: a terminal's events and evidence go to the centre through a proxy
// that resets connections at random, a centre that fails 5 % of event batches before applying
// them and loses 2 % of its answers after applying them, and sync processes
// (`fieldcase-admin sync now`) killed with SIGKILL at random moments. In the end the centre holds
// exactly the terminal's events (none missing; the same count, so none twice) and every blob,
// verified; the terminal's outbox is empty. Sizes come from the environment so the benchmark can
// run the full soak (docs/benchmarks.md): FIELDCASE_SOAK_EVENTS, _FILES, _KILLS, _RESET_PERMILLE.
#include "tests/support/centre/centreharness.h"
#include "tests/support/faultproxy.h"
#include "tests/support/storefixture.h"
#include "tests/support/tempdir.h"
#include "tests/support/waitfor.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <atomic>
#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

int knob(const char* name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v >= 0 ? v : fallback;
}

const QString kAdmin = QStringLiteral(FIELDCASE_ADMIN_BIN);

} // namespace

TEST_CASE("Sync soak: resets, 5xx, lost receipts and killed clients lose and duplicate nothing",
    "[sync][soak]")
{
    const int events = knob("FIELDCASE_SOAK_EVENTS", 600);
    const int files = knob("FIELDCASE_SOAK_FILES", 12);
    const int kills = knob("FIELDCASE_SOAK_KILLS", 6);
    const int resetPermille = knob("FIELDCASE_SOAK_RESET_PERMILLE", 20);

    // The centre on its own thread, refusing 5 % of event batches before applying them and losing
    // 2 % of its answers after applying them.
    test::TempDir centreDir;
    QRandomGenerator faultDice(20261121); // used on the centre's thread only
    std::atomic<int> injectedBefore {0};
    std::atomic<int> injectedLost {0};
    test::CentreHarness::Config config {centreDir.path()};
    config.faults = [&](const QString&) {
        const int roll = int(faultDice.bounded(100));
        if (roll < 5) {
            ++injectedBefore;
            return CentreServer::InjectedFault::FailBefore;
        }
        if (roll < 7) {
            ++injectedLost;
            return CentreServer::InjectedFault::LoseAnswer;
        }
        return CentreServer::InjectedFault::None;
    };
    auto started = test::CentreHarness::start(config);
    INFO((started ? QString() : started.error().toString()).toStdString());
    REQUIRE(started);
    test::CentreHarness& centre = **started;
    REQUIRE(centre.addUnit(QStringLiteral("u1"), QStringLiteral("示范大队"), false));

    // The terminal: a store on disk with the events and evidence to send, enrolled directly.
    test::StoreFixture terminal;
    terminal.clock.setNowMs(QDateTime::currentMSecsSinceEpoch());
    REQUIRE(centre.enrol(*terminal.store, QStringLiteral("u1")));

    QStringList caseIds;
    int made = 0;
    while (made < events) {
        const QString c = terminal.openCase();
        caseIds.append(c);
        made += int(terminal.store->caseEvents(c)->size());
        for (int i = 0; i < 19 && made < events; ++i, ++made)
            terminal.append(terminal.single, QStringLiteral("case.note"), c,
                {{QStringLiteral("text"), QStringLiteral("现场记录 %1").arg(made)}});
    }
    QStringList blobs;
    QRandomGenerator content(7);
    for (int i = 0; i < files; ++i) {
        QByteArray bytes(qsizetype(64 * 1024 + content.bounded(448 * 1024)), Qt::Uninitialized);
        for (qsizetype at = 0; at < bytes.size(); ++at)
            bytes[at] = char(content.generate());
        QBuffer buffer(&bytes);
        REQUIRE(buffer.open(QIODevice::ReadOnly));
        EvidenceMeta meta;
        meta.mediaType = QStringLiteral("image/jpeg");
        REQUIRE(terminal.store->attachEvidence(
            terminal.single, caseIds.at(i % caseIds.size()), buffer, meta));
        blobs.append(QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, bytes).toHex()));
    }
    QList<QString> eventIds;
    for (const QString& c : caseIds) {
        auto list = terminal.store->caseEvents(c);
        REQUIRE(list);
        for (const Event& e : *list)
            eventIds.append(e.id);
    }
    const qsizetype total = eventIds.size();
    const QString data = terminal.store->options().directory;
    terminal.store.reset(); // the sync processes own the store from here

    // Between them: a proxy that resets connections at random (seeded, so reproducible).
    test::FaultProxy proxy(QStringLiteral("127.0.0.1"), centre.port());
    REQUIRE(proxy.start());
    proxy.setRandomResets({resetPermille / 1000.0, 16 * 1024, 42, true, true});
    {
        auto settings = SyncSettings::load(data);
        REQUIRE(settings);
        settings->centreUrl = QStringLiteral("https://localhost:%1").arg(proxy.port());
        settings->eventBatch = 25; // many batches: many chances for the faults
        REQUIRE(settings->save(data));
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FIELDCASE_LANG"), QStringLiteral("en"));
    const auto startSync = [&](QProcess& p) {
        p.setProcessEnvironment(env);
        p.start(kAdmin,
            {QStringLiteral("sync"), QStringLiteral("now"), QStringLiteral("--data"), data});
        REQUIRE(p.waitForStarted());
    };
    QRandomGenerator killDice(99);
    int killed = 0;
    for (int i = 0; i < kills; ++i) {
        QProcess p;
        startSync(p);
        const qint64 at = 30 + killDice.bounded(370);
        QElapsedTimer t;
        t.start();
        (void)test::waitFor(
            [&] { return p.state() == QProcess::NotRunning || t.elapsed() > at; }, 5000);
        if (p.state() != QProcess::NotRunning) {
            p.kill(); // SIGKILL: no chance to clean up
            ++killed;
        }
        REQUIRE(test::waitFor([&] { return p.state() == QProcess::NotRunning; }, 10000));
    }
    // Then cycles run to the end until one completes.
    bool complete = false;
    int cycles = 0;
    QString lastOutput;
    for (; cycles < 200 && !complete; ++cycles) {
        QProcess p;
        startSync(p);
        REQUIRE(test::waitFor([&] { return p.state() == QProcess::NotRunning; }, 120000));
        lastOutput = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        complete = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }
    INFO(lastOutput.toStdString());
    REQUIRE(complete);
    const auto counters = proxy.counters();
    // Uploads the centre created: one per blob, plus any whose creation answer a fault lost.
    const qsizetype uploads
        = QDir(centre.filesDirectory()).entryList({QStringLiteral("*.json")}, QDir::Files).size();
    WARN(QStringLiteral("soak: %1 events, %2 blobs, %3 killed, %4 cycles after, %5 random resets, "
                        "%6 refused before and %7 answers lost by the centre, %8 uploads created")
             .arg(total)
             .arg(files)
             .arg(killed)
             .arg(cycles)
             .arg(counters.randomResets)
             .arg(injectedBefore.load())
             .arg(injectedLost.load())
             .arg(uploads)
             .toStdString());

    // A killed or cut upload resumes its stored upload instead of starting another: at most one
    // extra upload per reset (a creation whose answer was cut).
    CHECK(uploads <= files + counters.randomResets);
    // The soak must have hurt: a run where no fault fired would prove nothing.
    CHECK(killed > 0);
    CHECK(counters.randomResets > 0);
    CHECK(injectedBefore + injectedLost > 0);

    // The centre has exactly the terminal's events: none missing, none twice.
    // Read on the centre's thread, checked here (Catch assertions belong to the test's thread).
    struct AtCentre
    {
        QSet<QString> ids;
        qsizetype count = 0;
        bool listed = true;
        int verifiedBlobs = 0;
    };
    const AtCentre at = centre.call([&](test::CentreHarness::Parts& p) {
        AtCentre r;
        for (const QString& c : caseIds) {
            auto list = p.cases.caseEvents(c);
            r.listed = r.listed && bool(list);
            if (!list)
                continue;
            r.count += list->size();
            for (const Event& e : *list)
                r.ids.insert(e.id);
        }
        for (const QString& b : blobs)
            r.verifiedBlobs += p.records.hasEvidence(b).value_or(false) ? 1 : 0;
        return r;
    });
    REQUIRE(at.listed);
    CHECK(at.count == total);
    CHECK(at.ids == QSet<QString>(eventIds.begin(), eventIds.end()));
    // Every blob arrived and passed the centre's decrypt-and-hash check.
    CHECK(at.verifiedBlobs == blobs.size());
    // And the terminal's outbox is empty, nothing refused.
    terminal.reopen();
    CHECK(terminal.store->database()
              .scalarInt("SELECT count(*) FROM outbox WHERE state != 'sent'")
              .value()
        == 0);
}
