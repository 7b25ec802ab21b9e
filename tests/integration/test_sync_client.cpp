// Two terminals and one centre over mutual TLS, all real: enrolment with one-time tokens, events
// pushed from the outbox (an entry leaves it only on a receipt), the centre routing a case under
// review to the supervisor's terminal, a decision made offline coming back to the officer's
// terminal — flagged stale when the case moved on meanwhile — number blocks refilled when low,
// and a heartbeat command carried out and acknowledged.
#include "sync/centre/centreserver.h"
#include "sync/centre/centrestore.h"
#include "sync/centre/certificateauthority.h"
#include "sync/client/enrolment.h"
#include "sync/client/syncclient.h"
#include "sync/protocol/x509.h"
#include "sync/transport/curltransport.h"
#include "tests/support/storefixture.h"
#include "tests/support/tempdir.h"
#include "tests/support/testpki.h"
#include "tests/support/waitfor.h"

#include <QBuffer>
#include <QDate>
#include <QFile>
#include <QtConcurrent>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

const QString kUnit = QStringLiteral("u-demo");
const QString kDocType = QStringLiteral("当场行政处罚决定书");

// Runs a blocking client call on a worker thread while this thread serves the centre.
template<typename F>
auto onWorker(F&& f)
{
    auto future = QtConcurrent::run(std::forward<F>(f));
    REQUIRE(test::waitFor([&] { return future.isFinished(); }, 60000));
    return future.result();
}

TransportFactory curlFactory()
{
    return [](const TlsConfig& tls) { return std::make_unique<CurlTransport>(tls); };
}

struct Centre
{
    test::TestPki pki;
    test::StoreFixture cases;
    test::TempDir dir;
    ManualClock clock;
    std::unique_ptr<CentreStore> records;
    std::unique_ptr<CentreServer> server;
    quint16 port = 0;
    quint16 enrolPort = 0;

    Centre()
    {
        REQUIRE(pki.ok());
        auto opened = CentreStore::open(dir.path(), clock);
        REQUIRE(opened);
        records = std::move(*opened);
        CentreServer::Options options {pki.cert(QStringLiteral("server")),
            pki.key(QStringLiteral("server")), pki.cert(QStringLiteral("ca"))};
        options.filesDirectory = dir.path() + QStringLiteral("/files");
        options.terminalCaCertFile = pki.cert(QStringLiteral("ca"));
        options.terminalCaKeyFile = pki.key(QStringLiteral("ca"));
        options.installerId = QStringLiteral("inst-1");
        server = std::make_unique<CentreServer>(*cases.store, *records, clock, options);
        auto p = server->listen();
        REQUIRE(p);
        port = *p;
        auto e = server->listenForEnrolment();
        INFO((e ? QString() : e.error().toString()).toStdString());
        REQUIRE(e);
        enrolPort = *e;
        REQUIRE(records->addUnit(kUnit, QStringLiteral("示范县交通运输综合执法大队")));
        for (const CentreOfficer& o :
            {CentreOfficer {QStringLiteral("off-1"), QStringLiteral("张三"),
                 QStringLiteral("14010001"), kUnit, {QStringLiteral("officer")}},
                CentreOfficer {QStringLiteral("off-2"), QStringLiteral("李四"),
                    QStringLiteral("14010002"), kUnit, {QStringLiteral("officer")}},
                CentreOfficer {QStringLiteral("sup-1"), QStringLiteral("王五"),
                    QStringLiteral("14010003"), kUnit, {QStringLiteral("supervisor")}}})
            REQUIRE(records->addOfficer(o));
    }

    [[nodiscard]] QString url() const { return QStringLiteral("https://localhost:%1").arg(port); }
    [[nodiscard]] QString enrolUrl() const
    {
        return QStringLiteral("https://localhost:%1").arg(enrolPort);
    }
    [[nodiscard]] EnrolmentRequest enrolment(const QString& token) const
    {
        return {enrolUrl(), url(), pki.cert(QStringLiteral("ca")), token, QStringLiteral("inst-1"),
            QStringLiteral("FC-T10"), QStringLiteral("SN-1")};
    }
};

// Keeps every clock on the same time, as NTP/GNSS time would: signatures carry it.
void align(Centre& centre, std::initializer_list<test::StoreFixture*> terminals, qint64 stepMs)
{
    qint64 now = centre.clock.nowMs();
    for (auto* t : terminals)
        now = std::max(now, t->clock.nowMs());
    now += stepMs;
    centre.clock.setNowMs(now);
    for (auto* t : terminals)
        t->clock.setNowMs(now);
}

SyncSettings enrol(Centre& centre, test::StoreFixture& terminal, const QStringList& officers)
{
    auto token = centre.records->createToken(kUnit, officers, 3600 * 1000);
    REQUIRE(token);
    auto settings = onWorker(
        [&] { return enrolTerminal(*terminal.store, centre.enrolment(*token), curlFactory()); });
    INFO((settings ? QString() : settings.error().toString()).toStdString());
    REQUIRE(settings);
    return *settings;
}

CycleReport cycle(test::StoreFixture& terminal, const SyncSettings& settings, bool metered = false)
{
    return onWorker([&] {
        CurlTransport transport(settings.tls);
        SyncClient client(*terminal.store, transport, settings);
        client.setInitialChunkSize(64 * 1024);
        return client.runCycle({true, metered});
    });
}

QString attach(test::StoreFixture& terminal, const QString& caseId, const QString& kind,
    const QByteArray& content)
{
    QBuffer buffer;
    buffer.setData(content);
    REQUIRE(buffer.open(QIODevice::ReadOnly));
    EvidenceMeta meta;
    meta.kind = kind;
    meta.mediaType = kind == QLatin1String("photo") ? QStringLiteral("image/jpeg")
                                                    : QStringLiteral("audio/wav");
    meta.title = kind;
    auto e = terminal.store->attachEvidence(terminal.single, caseId, buffer, meta);
    REQUIRE(e);
    return QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, content).toHex());
}

qint64 scalar(CaseStore& store, const char* sql)
{
    auto v = store.database().scalarInt(sql);
    REQUIRE(v);
    return *v;
}

QByteArray headOf(CaseStore& s, const QString& caseId)
{
    auto st = s.database().prepare("SELECT head_hash FROM cases WHERE id = ?");
    REQUIRE(st);
    st->bind(1, caseId);
    REQUIRE(*st->step());
    return st->blob(0);
}

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> items)
{
    QJsonObject o;
    for (const auto& [k, v] : items)
        o.insert(k, v);
    return o;
}

} // namespace

TEST_CASE("Sync: enrolment tokens are single-use, expire and are checked", "[sync][client]")
{
    Centre centre;
    test::StoreFixture terminal;
    const SyncSettings settings
        = enrol(centre, terminal, {QStringLiteral("off-1"), QStringLiteral("off-2")});
    // The certificate names this terminal and the unit; officers came with the answer.
    QFile certFile(settings.tls.clientCertFile);
    REQUIRE(certFile.open(QIODevice::ReadOnly));
    auto info = inspectCertificate(certFile.readAll());
    REQUIRE(info);
    CHECK(info->commonName == terminal.store->terminalId());
    CHECK(info->organisation == kUnit);
    CHECK(settings.unitId == kUnit);
    CHECK(QFileInfo(settings.tls.clientKeyFile).permissions()
        == (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser));
    auto boss = terminal.store->officer(QStringLiteral("sup-1"));
    REQUIRE(boss);
    CHECK(boss->name == QStringLiteral("王五"));

    auto tryEnrol = [&](test::StoreFixture& t, const QString& token) {
        return onWorker(
            [&] { return enrolTerminal(*t.store, centre.enrolment(token), curlFactory()); });
    };
    test::StoreFixture other;
    SECTION("unknown token")
    {
        auto r = tryEnrol(other, QStringLiteral("AAAAA-BBBBB-CCCCC-DDDDD"));
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("Unknown enrolment token")));
    }
    SECTION("a used token")
    {
        auto token = centre.records->createToken(kUnit, {}, 60000);
        REQUIRE(token);
        REQUIRE(tryEnrol(other, *token));
        test::StoreFixture third;
        auto r = tryEnrol(third, *token);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("already used")));
    }
    SECTION("an expired token")
    {
        auto token = centre.records->createToken(kUnit, {}, 60000);
        REQUIRE(token);
        centre.clock.advanceMs(120000);
        other.clock.setNowMs(centre.clock.nowMs());
        auto r = tryEnrol(other, *token);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("expired")));
        CHECK_FALSE(QFile::exists(SyncSettings::directory(other.store->options().directory)
            + QStringLiteral("/client.pem")));
    }
    SECTION("not enrolled: sync says so")
    {
        auto s = SyncSettings::load(other.store->options().directory);
        REQUIRE_FALSE(s);
        CHECK(s.error().message.contains(QStringLiteral("not enrolled")));
    }
}

TEST_CASE("Sync: a case reviewed offline on the supervisor's terminal comes back, stale when the "
          "case moved on",
    "[sync][client][review]")
{
    Centre centre;
    test::StoreFixture officer;
    test::StoreFixture boss;
    const SyncSettings officerSync
        = enrol(centre, officer, {QStringLiteral("off-1"), QStringLiteral("off-2")});
    const SyncSettings bossSync = enrol(centre, boss, {QStringLiteral("sup-1")});
    align(centre, {&officer, &boss}, 1000);

    // The officer opens a case and asks for review; one sync empties the outbox.
    const QString c = officer.openCase();
    officer.append(officer.single, QStringLiteral("review.requested"), c,
        obj({{QStringLiteral("reviewId"), QStringLiteral("r1")},
            {QStringLiteral("kind"), QStringLiteral("filing")}}));
    const qint64 made = scalar(*officer.store, "SELECT count(*) FROM outbox WHERE kind = 'event'");
    align(centre, {&officer, &boss}, 1000);
    CycleReport pushed = cycle(officer, officerSync);
    INFO(pushed.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(pushed.eventsAccepted == made);
    CHECK(scalar(*officer.store, "SELECT count(*) FROM outbox WHERE state = 'pending'") == 0);
    CHECK(centre.cases.store->caseEvents(c)->size() == made);

    // The supervisor's terminal receives the case because it is under review.
    align(centre, {&officer, &boss}, 1000);
    CycleReport received = cycle(boss, bossSync);
    INFO(received.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(received.pulled == made);
    CHECK(headOf(*boss.store, c) == headOf(*officer.store, c));
    // A second cycle pulls nothing again (the cursor moved).
    CHECK(cycle(boss, bossSync).pulled == 0);

    SECTION("approved while nothing changed: fresh")
    {
        align(centre, {&officer, &boss}, 1000);
        boss.append(boss.supervisor, QStringLiteral("review.decided"), c,
            obj({{QStringLiteral("reviewId"), QStringLiteral("r1")},
                {QStringLiteral("decision"), QStringLiteral("approve")},
                {QStringLiteral("seenHead"),
                    QString::fromLatin1(headOf(*boss.store, c).toHex())}}));
        align(centre, {&officer, &boss}, 1000);
        CHECK(cycle(boss, bossSync).eventsAccepted == 1);
        align(centre, {&officer, &boss}, 1000);
        CHECK(cycle(officer, officerSync).pulled == 1);
        CHECK(scalar(*officer.store,
                  "SELECT count(*) FROM reviews WHERE decision = 'approve' AND stale = 0")
            == 1);
    }
    SECTION("approved offline while the officer added to the case: stale")
    {
        align(centre, {&officer, &boss}, 1000);
        officer.append(officer.single, QStringLiteral("case.note"), c,
            obj({{QStringLiteral("text"), QStringLiteral("当事人补充提交了行驶证复印件")}}));
        align(centre, {&officer, &boss}, 1000);
        boss.append(boss.supervisor, QStringLiteral("review.decided"), c,
            obj({{QStringLiteral("reviewId"), QStringLiteral("r1")},
                {QStringLiteral("decision"), QStringLiteral("approve")},
                {QStringLiteral("seenHead"),
                    QString::fromLatin1(headOf(*boss.store, c).toHex())}}));
        align(centre, {&officer, &boss}, 1000);
        CHECK(cycle(officer, officerSync).eventsAccepted == 1);
        align(centre, {&officer, &boss}, 1000);
        CycleReport both = cycle(boss, bossSync);
        CHECK(both.eventsAccepted == 1);
        CHECK(both.pulled == 1); // the officer's note
        align(centre, {&officer, &boss}, 1000);
        CHECK(cycle(officer, officerSync).pulled == 1);
        // Both terminals agree: the approval saw an older head and must be redone.
        CHECK(scalar(*officer.store, "SELECT stale FROM reviews WHERE review_id = 'r1'") == 1);
        CHECK(scalar(*boss.store, "SELECT stale FROM reviews WHERE review_id = 'r1'") == 1);
        CHECK(headOf(*boss.store, c) == headOf(*officer.store, c));
    }
}

TEST_CASE("Sync: refusals are kept with the reason, numbers are refilled, commands acknowledged",
    "[sync][client]")
{
    Centre centre;
    test::StoreFixture terminal;
    const SyncSettings settings = enrol(centre, terminal, {QStringLiteral("off-1")});
    align(centre, {&terminal}, 1000);
    const int year = QDateTime::fromMSecsSinceEpoch(terminal.clock.nowMs()).date().year();

    SECTION("an event the centre refuses stays, held with its reason, and is not resent")
    {
        const QString c = terminal.openCase();
        test::tamper(*terminal.store,
            QStringLiteral("UPDATE events SET payload = replace(payload, '超限', '超载') "
                           "WHERE case_id = '%1' AND type = 'case.opened'")
                .arg(c));
        CycleReport r = cycle(terminal, settings);
        CHECK(r.eventsRejected == 1);
        REQUIRE_FALSE(r.errors.isEmpty());
        CHECK(r.errors.first().contains(QStringLiteral("hash")));
        Outbox outbox(terminal.store->database(), terminal.clock);
        auto rejected = outbox.entries(QStringLiteral("rejected"));
        REQUIRE(rejected);
        REQUIRE(rejected->size() == 1);
        CHECK(rejected->first().lastError.contains(QStringLiteral("hash")));
        CHECK_FALSE(r.complete);
        CHECK(cycle(terminal, settings).eventsRejected == 0); // held, not sent again
    }
    SECTION("an expired certificate: refused, said, nothing lost")
    {
        const QString c = terminal.openCase();
        auto ca = CertificateAuthority::load(
            centre.pki.cert(QStringLiteral("ca")), centre.pki.key(QStringLiteral("ca")));
        REQUIRE(ca);
        auto fresh = makeTlsKeyAndRequest(terminal.store->terminalId());
        REQUIRE(fresh);
        // Valid for one day, 400 days ago.
        auto expired = ca->issue(fresh->csrPem, terminal.store->terminalId(), kUnit, 1,
            QDateTime::currentMSecsSinceEpoch() - qint64(400) * 24 * 3600 * 1000);
        REQUIRE(expired);
        QFile cert(settings.tls.clientCertFile);
        QFile key(settings.tls.clientKeyFile);
        REQUIRE(cert.open(QIODevice::WriteOnly | QIODevice::Truncate));
        cert.write(*expired);
        cert.close();
        REQUIRE(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
        key.write(fresh->keyPem);
        key.close();
        const qint64 before
            = scalar(*terminal.store, "SELECT count(*) FROM outbox WHERE state = 'pending'");
        CycleReport r = cycle(terminal, settings);
        CHECK_FALSE(r.complete);
        REQUIRE_FALSE(r.errors.isEmpty());
        CHECK(r.errors.first().contains(QStringLiteral("certificate")));
        CHECK(scalar(*terminal.store, "SELECT count(*) FROM outbox WHERE state = 'pending'")
            == before);
        CHECK(scalar(*terminal.store,
                  "SELECT count(*) FROM outbox WHERE state = 'pending' AND last_error LIKE "
                  "'%certificate%'")
            == before);
        CHECK(centre.cases.store->caseEvents(c).value_or(QList<Event> {}).isEmpty());
    }
    SECTION("evidence: photos go on a metered link, audio waits; the centre verifies every blob")
    {
        const QString c = terminal.openCase();
        QByteArray photo(300 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < photo.size(); ++i)
            photo[i] = char((i * 131) ^ (i >> 7));
        const QByteArray audio = QByteArray(200 * 1024, 'a');
        const QString photoHash = attach(terminal, c, QStringLiteral("photo"), photo);
        const QString audioHash = attach(terminal, c, QStringLiteral("audio"), audio);
        CycleReport metered = cycle(terminal, settings, /*metered=*/true);
        INFO(metered.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(metered.blobsUploaded == 1);
        CHECK(centre.records->hasEvidence(photoHash).value());
        CHECK_FALSE(centre.records->hasEvidence(audioHash).value());
        CHECK(scalar(*terminal.store,
                  "SELECT count(*) FROM outbox WHERE kind = 'blob' AND state = 'pending'")
            == 1);
        align(centre, {&terminal}, 1000);
        CycleReport wifi = cycle(terminal, settings, /*metered=*/false);
        CHECK(wifi.blobsUploaded == 1);
        CHECK(centre.records->hasEvidence(audioHash).value());
        CHECK(scalar(*terminal.store, "SELECT count(*) FROM outbox WHERE state = 'pending'") == 0);
    }
    SECTION("evidence altered on the terminal: the centre refuses it, the item is held with the "
            "reason and not sent again")
    {
        const QString c = terminal.openCase();
        const QString hash = attach(terminal, c, QStringLiteral("photo"), QByteArray(100000, 'p'));
        QFile stored(terminal.store->blobs().pathFor(hash));
        REQUIRE(stored.open(QIODevice::ReadWrite));
        stored.seek(5000);
        stored.write("XXXX");
        stored.close();
        CycleReport r = cycle(terminal, settings);
        CHECK(r.blobsUploaded == 0);
        CHECK_FALSE(r.complete);
        CHECK_FALSE(centre.records->hasEvidence(hash).value());
        Outbox outbox(terminal.store->database(), terminal.clock);
        CHECK(outbox.pending(QStringLiteral("blob"), 10)->isEmpty());
        auto held = outbox.entries(QStringLiteral("rejected"));
        REQUIRE(held);
        REQUIRE(held->size() == 1);
        CHECK(held->first().ref == hash);
        CHECK(held->first().uploadUrl.isEmpty()); // a retry starts a new upload
        CHECK(held->first().lastError.contains(QStringLiteral("422")));
        CHECK(held->first().lastError.contains(QStringLiteral("altered")));
        CHECK(held->first().lastError.contains(QStringLiteral("db check")));
        // The next cycle does not spend the link on it again.
        CycleReport again = cycle(terminal, settings);
        CHECK(again.blobBytesSent == 0);
        // A person who repaired the store says retry: it goes again (and is refused again here,
        // since the file is still damaged).
        REQUIRE(outbox.retry(QStringLiteral("blob"), hash));
        CycleReport retried = cycle(terminal, settings);
        CHECK(retried.blobBytesSent > 0);
        CHECK(outbox.entries(QStringLiteral("rejected"))->size() == 1);
    }
    SECTION("a low number block is refilled once, idempotently")
    {
        REQUIRE(centre.records->addNumberSeries(
            kDocType, year, QStringLiteral("示交罚〔{year}〕{seq:5}号"), 1001));
        REQUIRE(terminal.store->loadNumberBlock(terminal.installer,
            {QStringLiteral("local-1"), kDocType, year, 1, 5,
                QStringLiteral("示交罚〔{year}〕{seq:5}号"), QStringLiteral("installer")}));
        CycleReport r = cycle(terminal, settings);
        INFO(r.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(r.blocksReceived == 1);
        CHECK(scalar(*terminal.store,
                  "SELECT count(*) FROM number_blocks WHERE source = 'centre' AND first_seq = 1001 "
                  "AND last_seq = 1100")
            == 1);
        CHECK(cycle(terminal, settings).blocksReceived == 0);
    }
    SECTION("a lock command is carried out and acknowledged in the next heartbeat")
    {
        auto id = centre.records->queueCommand(
            terminal.store->terminalId(), QStringLiteral("lock"), {});
        REQUIRE(id);
        CycleReport first = cycle(terminal, settings);
        CHECK(first.commands == QStringList {QStringLiteral("lock")});
        Outbox outbox(terminal.store->database(), terminal.clock);
        CHECK(outbox.state(QStringLiteral("locked")).value() == QStringLiteral("1"));
        align(centre, {&terminal}, 1000);
        CycleReport second = cycle(terminal, settings);
        CHECK(second.commands.isEmpty());
        CHECK(scalar(*terminal.store, "SELECT 1") == 1);
        auto acked = centre.records->database().scalarInt(
            "SELECT count(*) FROM commands WHERE acked_at IS NOT NULL");
        CHECK(acked.value() == 1);
        auto terminals = centre.records->terminals();
        REQUIRE(terminals);
        CHECK(terminals->first()
                  .toObject()
                  .value(QStringLiteral("heartbeat"))
                  .toObject()
                  .contains(QStringLiteral("queue")));
    }
}
