// Exactly once over a bad link: a terminal's events and evidence go to the centre through a proxy
// that resets connections at random, a centre that fails 5 % of event batches before applying
// them and loses 2 % of its answers after applying them, and sync processes
// (`fieldcase-admin sync now`) killed with SIGKILL at random moments. In the end the centre holds
// exactly the terminal's events (none missing; the same count, so none twice) and every blob,
// verified; the terminal's outbox is empty. Sizes come from the environment so the benchmark can
// run the full soak (docs/benchmarks.md): FIELDCASE_SOAK_EVENTS, _FILES, _KILLS, _RESET_PERMILLE.
#include "sync/centre/centreserver.h"
#include "sync/centre/centrestore.h"
#include "sync/client/enrolment.h"
#include "sync/transport/curltransport.h"
#include "tests/support/faultproxy.h"
#include "tests/support/storefixture.h"
#include "tests/support/tempdir.h"
#include "tests/support/testpki.h"
#include "tests/support/waitfor.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtConcurrent>

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

    test::TestPki pki;
    REQUIRE(pki.ok());
    test::StoreFixture cases;
    test::TempDir centreDir;
    auto records = CentreStore::open(centreDir.path(), Clock::system());
    REQUIRE(records);
    QRandomGenerator faultDice(20261121);
    int injectedBefore = 0;
    int injectedLost = 0;
    CentreServer::Options options {pki.cert(QStringLiteral("server")),
        pki.key(QStringLiteral("server")), pki.cert(QStringLiteral("ca"))};
    options.filesDirectory = centreDir.path() + QStringLiteral("/files");
    options.terminalCaCertFile = pki.cert(QStringLiteral("ca"));
    options.terminalCaKeyFile = pki.key(QStringLiteral("ca"));
    options.installerId = QStringLiteral("inst-1");
    options.faults = [&](const QString&) {
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
    CentreServer centre(*cases.store, **records, Clock::system(), options);
    auto port = centre.listen();
    REQUIRE(port);
    auto enrolPort = centre.listenForEnrolment();
    REQUIRE(enrolPort);
    REQUIRE((*records)->addUnit(QStringLiteral("u1"), QStringLiteral("示范大队")));

    // The terminal: a store on disk with the events and evidence to send, enrolled directly.
    test::StoreFixture terminal;
    terminal.clock.setNowMs(QDateTime::currentMSecsSinceEpoch());
    auto token = (*records)->createToken(QStringLiteral("u1"), {}, 3600 * 1000);
    REQUIRE(token);
    auto enrolled = QtConcurrent::run([&] {
        return enrolTerminal(*terminal.store,
            {QStringLiteral("https://localhost:%1").arg(*enrolPort),
                QStringLiteral("https://localhost:%1").arg(*port), pki.cert(QStringLiteral("ca")),
                *token, QStringLiteral("inst-1")},
            [](const TlsConfig& tls) { return std::make_unique<CurlTransport>(tls); });
    });
    REQUIRE(test::waitFor([&] { return enrolled.isFinished(); }, 30000));
    REQUIRE(enrolled.result());

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
    test::FaultProxy proxy(QStringLiteral("127.0.0.1"), *port);
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
        = QDir(options.filesDirectory).entryList({QStringLiteral("*.json")}, QDir::Files).size();
    WARN(QStringLiteral("soak: %1 events, %2 blobs, %3 killed, %4 cycles after, %5 random resets, "
                        "%6 refused before and %7 answers lost by the centre, %8 uploads created")
             .arg(total)
             .arg(files)
             .arg(killed)
             .arg(cycles)
             .arg(counters.randomResets)
             .arg(injectedBefore)
             .arg(injectedLost)
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
    QSet<QString> atCentre;
    qsizetype centreCount = 0;
    for (const QString& c : caseIds) {
        auto list = cases.store->caseEvents(c);
        REQUIRE(list);
        centreCount += list->size();
        for (const Event& e : *list)
            atCentre.insert(e.id);
    }
    CHECK(centreCount == total);
    CHECK(atCentre == QSet<QString>(eventIds.begin(), eventIds.end()));
    // Every blob arrived and passed the centre's decrypt-and-hash check.
    for (const QString& b : blobs)
        CHECK((*records)->hasEvidence(b).value());
    // And the terminal's outbox is empty, nothing refused.
    terminal.reopen();
    CHECK(terminal.store->database()
              .scalarInt("SELECT count(*) FROM outbox WHERE state != 'sent'")
              .value()
        == 0);
}
