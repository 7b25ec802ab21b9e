// Reference packs through sync, all real: the reference centre over mutual TLS lists and serves
// signed packs, the terminal's sync client downloads the versions it lacks and imports them with
// app::importReferencePack — the path `fieldcase-admin reference import` takes — into a
// reference store on disk. Newer versions arrive in order and the rules use them; packs the
// terminal has are never downloaded again; a pack with a bad signature, one that does not match
// the centre's listing, an unparseable one and one from an untrusted key are refused with the
// reason, change nothing, are held (not downloaded every cycle) and shown by `fieldcase-admin
// sync status` until a newer version gets through or a person retries.
#include "app/common/referenceseed.h"
#include "core/rules/rulebook.h"
#include "sync/client/packupdates.h"
#include "sync/client/syncworker.h"
#include "tests/integration/syncworld.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

const QString kUnitPack = QStringLiteral("demo.unit.110105");
const QString kCalendarPack = QStringLiteral("cn.national.calendar");

QJsonObject sourceBody(const QString& file)
{
    QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference/") + file);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The demo unit pack at a version, naming the unit, in force from a date.
QJsonObject unitBody(qint64 version, const QString& name, const QString& from)
{
    QJsonObject body = sourceBody(QStringLiteral("unit-demo.json"));
    body.insert(QStringLiteral("version"), version);
    body.insert(QStringLiteral("effectiveFrom"), from);
    QJsonObject content = body.value(QStringLiteral("content")).toObject();
    content.insert(QStringLiteral("name"), name);
    body.insert(QStringLiteral("content"), content);
    return body;
}

// The terminal's reference data and a publisher it trusts; the centre's published packs.
struct PackWorld : test::SyncWorld
{
    KeyPair publisher = *KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    KeyPair impostor = *KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    std::unique_ptr<rules::ReferenceStore> reference;

    PackWorld()
    {
        auto opened = rules::ReferenceStore::open(
            app::referenceDatabasePath(terminal.store->options().directory), terminal.clock);
        REQUIRE(opened);
        reference = std::move(*opened);
        REQUIRE(reference->trustKey(publisher.publicKey(), QStringLiteral("test publisher")));
    }

    [[nodiscard]] QByteArray sign(const QJsonObject& body, const KeyPair* key = nullptr) const
    {
        auto file = rules::signPack(body, key ? *key : publisher);
        REQUIRE(file);
        return *file;
    }

    // What `fieldcase-centre admin pack publish` does: the file kept, listed with its hash.
    void publish(const QString& id, const QString& kind, qint64 version, const QByteArray& file)
    {
        const QString path
            = centreDir.file(QStringLiteral("packs/%1-%2.pack").arg(id).arg(version));
        REQUIRE(QDir().mkpath(QFileInfo(path).path()));
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        REQUIRE(f.write(file) == file.size());
        f.close();
        REQUIRE(records->publishPack({id, kind, QString::number(version),
            QString::fromLatin1(Hasher::hash(HashAlgorithm::Sha256, file).toHex()), file.size(),
            path}));
    }

    void installLocally(const QByteArray& file)
    {
        auto done = app::importReferencePack(*reference, file);
        INFO((done ? QString() : done.error().toString()).toStdString());
        REQUIRE(done);
    }

    CycleReport packCycle()
    {
        return cycle([this](SyncClient& client) {
            client.setReferencePacks(
                *reference, [this](const QByteArray& file) -> Result<rules::Pack> {
                    auto done = app::importReferencePack(*reference, file);
                    if (!done)
                        return fail(std::move(done.error()));
                    return done->pack;
                });
        });
    }

    [[nodiscard]] qint64 newest(const QString& id) const
    {
        auto all = reference->all();
        REQUIRE(all);
        qint64 v = 0;
        for (const rules::Pack& p : *all)
            if (p.id == id)
                v = std::max(v, p.version);
        return v;
    }

    [[nodiscard]] QString unitNameOn(const QString& date) const
    {
        auto book = rules::RuleBook::load(*reference, QDate::fromString(date, Qt::ISODate));
        REQUIRE(book);
        REQUIRE(book->unit);
        return book->unit->name;
    }

    [[nodiscard]] QList<PackRefusal> held()
    {
        Outbox outbox(terminal.store->database(), terminal.clock);
        auto list = packRefusals(outbox);
        REQUIRE(list);
        return *list;
    }

    // fieldcase-admin on the terminal's data folder, in English; returns stdout (+ stderr
    // unless only stdout is wanted, e.g. for JSON).
    QString admin(const QStringList& args, int* exitCode = nullptr, bool stdoutOnly = false)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FIELDCASE_LANG"), QStringLiteral("en"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FIELDCASE_ADMIN_BIN),
            args + QStringList {QStringLiteral("--data"), terminal.store->options().directory});
        REQUIRE(p.waitForStarted());
        // The centre answers on this thread: keep its event loop turning.
        REQUIRE(test::waitFor([&] { return p.state() == QProcess::NotRunning; }, 120000));
        if (exitCode)
            *exitCode = p.exitCode();
        const QByteArray out = p.readAllStandardOutput();
        return QString::fromUtf8(stdoutOnly ? out : out + p.readAllStandardError());
    }
};

} // namespace

TEST_CASE("Sync packs: newer versions arrive in order and are used, unchanged packs are never "
          "downloaded again",
    "[sync][packs]")
{
    PackWorld w;
    const QByteArray unit1
        = w.sign(unitBody(1, QStringLiteral("一大队"), QStringLiteral("2025-01-01")));
    const QByteArray calendar1 = w.sign(sourceBody(QStringLiteral("calendar.json")));
    w.installLocally(unit1);
    w.installLocally(calendar1);
    REQUIRE(w.unitNameOn(QStringLiteral("2026-03-01")) == QStringLiteral("一大队"));

    // The centre has what the terminal has, and two newer unit versions in force from later dates.
    w.publish(kUnitPack, QStringLiteral("unit"), 1, unit1);
    w.publish(kCalendarPack, QStringLiteral("calendar"), 1, calendar1);
    w.publish(kUnitPack, QStringLiteral("unit"), 2,
        w.sign(unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-06-01"))));
    w.publish(kUnitPack, QStringLiteral("unit"), 3,
        w.sign(unitBody(3, QStringLiteral("三大队"), QStringLiteral("2026-01-01"))));

    CycleReport r = w.packCycle();
    INFO(r.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(r.complete);
    CHECK(r.packsInstalled == 2);
    CHECK(r.packsUnchanged == 1); // the calendar
    CHECK(r.packsRefused == 0);
    // Only the versions the terminal lacked were downloaded, each once.
    CHECK(w.count(QStringLiteral("GET /v1/packs/")) == 2);
    CHECK(w.count(QStringLiteral("GET /v1/packs/demo.unit.110105/2")) == 1);
    CHECK(w.count(QStringLiteral("GET /v1/packs/demo.unit.110105/3")) == 1);
    CHECK(w.newest(kUnitPack) == 3);
    // The rules use them: the version in force on each date, the intermediate one included.
    CHECK(w.unitNameOn(QStringLiteral("2025-03-01")) == QStringLiteral("一大队"));
    CHECK(w.unitNameOn(QStringLiteral("2025-07-01")) == QStringLiteral("二大队"));
    CHECK(w.unitNameOn(QStringLiteral("2026-03-01")) == QStringLiteral("三大队"));

    // The next cycle asks for the list and downloads nothing.
    w.routes.clear();
    CycleReport again = w.packCycle();
    INFO(again.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(again.complete);
    CHECK(again.packsInstalled == 0);
    CHECK(again.packsUnchanged == 2);
    CHECK(w.count(QStringLiteral("GET /v1/packs")) == 1);
    CHECK(w.count(QStringLiteral("GET /v1/packs/")) == 0);

    // The heartbeat tells the centre which versions the terminal holds.
    auto terminals = w.records->terminals();
    REQUIRE(terminals);
    const QJsonArray reported = terminals->first()
                                    .toObject()
                                    .value(QStringLiteral("heartbeat"))
                                    .toObject()
                                    .value(QStringLiteral("packs"))
                                    .toArray();
    CHECK(reported.contains(
        QJsonObject {{QStringLiteral("id"), kUnitPack}, {QStringLiteral("version"), 3}}));
}

TEST_CASE("Sync packs: a pack the centre cannot serve holds back neither records nor evidence",
    "[sync][packs]")
{
    PackWorld w;
    w.installLocally(w.sign(unitBody(1, QStringLiteral("一大队"), QStringLiteral("2025-01-01"))));
    // Published, then its file lost on the centre: every download of it fails (5xx).
    w.publish(kUnitPack, QStringLiteral("unit"), 2,
        w.sign(unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-06-01"))));
    REQUIRE(QFile::remove(w.centreDir.file(QStringLiteral("packs/%1-2.pack").arg(kUnitPack))));
    const QString caseId = w.terminal.openCase();
    const QString blob = w.attachPhoto(caseId, QByteArray(150000, 'x'));

    CycleReport r = w.packCycle();
    INFO(r.errors.join(QLatin1Char('\n')).toStdString());
    CHECK_FALSE(r.complete); // the pack's failure is reported...
    CHECK(r.eventsAccepted > 0); // ...after the records
    CHECK(r.blobsUploaded == 1); // ...and the evidence went
    CHECK(w.records->hasEvidence(blob).value());
    CHECK(w.newest(kUnitPack) == 1);
}

TEST_CASE("Sync packs: the terminal's background sync installs a newer pack through the import "
          "path, and refuses a forged one",
    "[sync][packs][worker]")
{
    PackWorld w;
    const QByteArray unit1
        = w.sign(unitBody(1, QStringLiteral("一大队"), QStringLiteral("2025-01-01")));
    w.installLocally(unit1);
    w.publish(kUnitPack, QStringLiteral("unit"), 1, unit1);
    w.publish(kUnitPack, QStringLiteral("unit"), 2,
        w.sign(unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-06-01"))));

    // Set up as the terminal's main() does: its own connections, the app's import path.
    sync::BackgroundSync::Options options;
    options.worker.storeDirectory = w.terminal.store->options().directory;
    options.worker.referenceDatabase
        = app::referenceDatabasePath(w.terminal.store->options().directory);
    options.worker.importPack
        = [](rules::ReferenceStore& reference, const QByteArray& file) -> Result<rules::Pack> {
        auto done = app::importReferencePack(reference, file);
        if (!done)
            return fail(std::move(done.error()));
        return done->pack;
    };
    options.worker.heartbeatIntervalMs = 10 * 60 * 1000;
    options.watchSystemNetwork = false;
    options.assumeMetered = false;
    sync::BackgroundSync background(options);
    QList<CycleReport> reports;
    QObject::connect(&background, &sync::BackgroundSync::cycleFinished,
        [&](const CycleReport& report) { reports.append(report); });
    background.start();
    REQUIRE(test::waitFor([&] { return !reports.isEmpty(); }, 60000));
    INFO(reports.last().errors.join(QLatin1Char('\n')).toStdString());
    CHECK(reports.last().packsInstalled == 1);
    CHECK(w.newest(kUnitPack) == 2);
    CHECK(w.unitNameOn(QStringLiteral("2026-03-01")) == QStringLiteral("二大队"));

    // A version altered after signing: refused by the worker's cycle, nothing applied, held.
    QJsonObject forged = QJsonDocument::fromJson(
        w.sign(unitBody(3, QStringLiteral("三大队"), QStringLiteral("2026-01-01"))))
                             .object();
    QJsonObject body = forged.value(QStringLiteral("pack")).toObject();
    QJsonObject content = body.value(QStringLiteral("content")).toObject();
    content.insert(QStringLiteral("name"), QStringLiteral("伪造大队"));
    body.insert(QStringLiteral("content"), content);
    forged.insert(QStringLiteral("pack"), body);
    w.publish(kUnitPack, QStringLiteral("unit"), 3, QJsonDocument(forged).toJson());
    background.syncNow();
    REQUIRE(test::waitFor([&] { return reports.size() >= 2; }, 60000));
    CHECK(reports.last().packsRefused == 1);
    CHECK(w.newest(kUnitPack) == 2);
    const QList<PackRefusal> held = w.held();
    REQUIRE(held.size() == 1);
    CHECK(held.first().version == 3);
    background.stop();
}

TEST_CASE("Sync packs: a pack with a bad signature is refused with its reason, held, shown by "
          "status, and a later good version gets through",
    "[sync][packs]")
{
    PackWorld w;
    w.installLocally(w.sign(unitBody(1, QStringLiteral("一大队"), QStringLiteral("2025-01-01"))));
    // Signed, then its content changed: the signature no longer covers what it carries.
    QJsonObject forged = QJsonDocument::fromJson(
        w.sign(unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-01-01"))))
                             .object();
    QJsonObject body = forged.value(QStringLiteral("pack")).toObject();
    QJsonObject content = body.value(QStringLiteral("content")).toObject();
    content.insert(QStringLiteral("fineAccount"), QStringLiteral("6222 0000 0000 0000 999"));
    body.insert(QStringLiteral("content"), content);
    forged.insert(QStringLiteral("pack"), body);
    w.publish(kUnitPack, QStringLiteral("unit"), 2, QJsonDocument(forged).toJson());

    CycleReport r = w.packCycle();
    CHECK_FALSE(r.complete);
    CHECK(r.packsRefused == 1);
    CHECK(r.packsInstalled == 0);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors.first().contains(QStringLiteral("demo.unit.110105 version 2 was refused")));
    CHECK(r.errors.first().contains(QStringLiteral("signature is invalid")));
    // Nothing applied.
    CHECK(w.newest(kUnitPack) == 1);
    CHECK(w.unitNameOn(QStringLiteral("2026-03-01")) == QStringLiteral("一大队"));
    // Held, with the reason, in the store.
    QList<PackRefusal> held = w.held();
    REQUIRE(held.size() == 1);
    CHECK(held.first().id == kUnitPack);
    CHECK(held.first().version == 2);
    CHECK(held.first().reason.contains(QStringLiteral("signature is invalid")));

    // Not downloaded again while nothing newer is published; the cycle is complete.
    w.routes.clear();
    CycleReport again = w.packCycle();
    INFO(again.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(again.complete);
    CHECK(again.packsRefused == 0);
    CHECK(w.count(QStringLiteral("GET /v1/packs/")) == 0);
    CHECK(w.held().size() == 1);

    // fieldcase-admin sync status shows it, in text and JSON.
    int rc = -1;
    const QString status = w.admin({QStringLiteral("sync"), QStringLiteral("status")}, &rc);
    INFO(status.toStdString());
    CHECK(rc == 0);
    CHECK(status.contains(QStringLiteral("[refused] pack demo.unit.110105 version 2")));
    CHECK(status.contains(QStringLiteral("signature is invalid")));
    CHECK(status.contains(QStringLiteral("sync retry pack demo.unit.110105")));
    CHECK(status.contains(QStringLiteral("Reference packs: 1 installed")));
    const QJsonObject json = QJsonDocument::fromJson(
        w.admin({QStringLiteral("sync"), QStringLiteral("status"), QStringLiteral("--json")},
             nullptr, true)
            .toUtf8())
                                 .object();
    const QJsonArray refused
        = json.value(QStringLiteral("packs")).toObject().value(QStringLiteral("refused")).toArray();
    REQUIRE(refused.size() == 1);
    CHECK(refused.first().toObject().value(QStringLiteral("version")).toInteger() == 2);
    CHECK(refused.first()
              .toObject()
              .value(QStringLiteral("reason"))
              .toString()
              .contains(QStringLiteral("signature")));

    SECTION("a person retries: downloaded again, and refused again while it is still bad")
    {
        const QString out = w.admin(
            {QStringLiteral("sync"), QStringLiteral("retry"), QStringLiteral("pack"), kUnitPack},
            &rc);
        INFO(out.toStdString());
        CHECK(rc == 0);
        CHECK(w.held().isEmpty());
        w.routes.clear();
        CycleReport retried = w.packCycle();
        CHECK(w.count(QStringLiteral("GET /v1/packs/demo.unit.110105/2")) == 1);
        CHECK(retried.packsRefused == 1);
        CHECK(w.held().size() == 1);
        CHECK(w.newest(kUnitPack) == 1);
    }
    SECTION("the publisher puts out a good version: it gets through and the refusal is history")
    {
        w.publish(kUnitPack, QStringLiteral("unit"), 3,
            w.sign(unitBody(3, QStringLiteral("三大队"), QStringLiteral("2025-01-01"))));
        w.routes.clear();
        CycleReport good = w.packCycle();
        INFO(good.errors.join(QLatin1Char('\n')).toStdString());
        CHECK(good.complete);
        CHECK(good.packsInstalled == 1);
        CHECK(w.count(QStringLiteral("GET /v1/packs/demo.unit.110105/2")) == 0);
        CHECK(w.newest(kUnitPack) == 3);
        CHECK(w.unitNameOn(QStringLiteral("2026-03-01")) == QStringLiteral("三大队"));
        CHECK(w.held().isEmpty());
        CHECK_FALSE(w.admin({QStringLiteral("sync"), QStringLiteral("status")})
                        .contains(QStringLiteral("[refused] pack")));
    }
}

TEST_CASE("Sync packs: a file that does not match its listing, an unparseable one and one from "
          "an untrusted key are refused and change nothing",
    "[sync][packs]")
{
    PackWorld w;
    w.installLocally(w.sign(unitBody(1, QStringLiteral("一大队"), QStringLiteral("2025-01-01"))));
    QString expected;
    SECTION("altered on the centre's disk after it was listed")
    {
        const QByteArray good
            = w.sign(unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-01-01")));
        w.publish(kUnitPack, QStringLiteral("unit"), 2, good);
        QFile stored(w.centreDir.file(QStringLiteral("packs/demo.unit.110105-2.pack")));
        REQUIRE(stored.open(QIODevice::WriteOnly | QIODevice::Truncate));
        stored.write(w.sign(unitBody(2, QStringLiteral("假大队"), QStringLiteral("2025-01-01"))));
        stored.close();
        expected = QStringLiteral("does not match its listing");
    }
    SECTION("not a pack at all")
    {
        w.publish(kUnitPack, QStringLiteral("unit"), 2, QByteArray("<html>502 Bad Gateway</html>"));
        expected = QStringLiteral("not JSON");
    }
    SECTION("signed by a key the terminal does not trust")
    {
        w.publish(kUnitPack, QStringLiteral("unit"), 2,
            w.sign(
                unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-01-01")), &w.impostor));
        expected = QStringLiteral("does not trust");
    }
    SECTION("listed as another version than the file is")
    {
        w.publish(kUnitPack, QStringLiteral("unit"), 5,
            w.sign(unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-01-01"))));
        expected = QStringLiteral("the centre listed demo.unit.110105 version 5");
    }
    CycleReport r = w.packCycle();
    INFO(r.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(r.packsRefused == 1);
    CHECK_FALSE(r.complete);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors.first().contains(expected));
    CHECK(w.newest(kUnitPack) == 1);
    CHECK(w.unitNameOn(QStringLiteral("2026-03-01")) == QStringLiteral("一大队"));
    REQUIRE(w.held().size() == 1);
    CHECK(w.held().first().reason.contains(expected));
    w.routes.clear();
    CHECK(w.packCycle().complete);
    CHECK(w.count(QStringLiteral("GET /v1/packs/")) == 0);
}

TEST_CASE("Sync packs: a pack-update command is carried out by the pack step and acknowledged in "
          "the next heartbeat",
    "[sync][packs]")
{
    PackWorld w;
    w.installLocally(w.sign(unitBody(1, QStringLiteral("一大队"), QStringLiteral("2025-01-01"))));
    w.publish(kUnitPack, QStringLiteral("unit"), 2,
        w.sign(unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-01-01"))));
    auto id = w.records->queueCommand(w.terminal.store->terminalId(), QStringLiteral("pack-update"),
        {{QStringLiteral("pack"), kUnitPack}});
    REQUIRE(id);
    CycleReport first = w.packCycle();
    INFO(first.errors.join(QLatin1Char('\n')).toStdString());
    CHECK(first.commands == QStringList {QStringLiteral("pack-update")});
    CHECK(first.packsInstalled == 1);
    const auto acked = [&] {
        auto st = w.records->database().prepare("SELECT result FROM commands WHERE id = ?");
        REQUIRE(st);
        st->bind(1, *id);
        REQUIRE(*st->step());
        return st->isNull(0) ? QString() : st->text(0);
    };
    CHECK(acked().isEmpty()); // carried out; the acknowledgement rides the next heartbeat
    CycleReport second = w.packCycle();
    CHECK(second.commands.isEmpty()); // not carried out twice
    CHECK(acked() == QStringLiteral("done"));
    Outbox outbox(w.terminal.store->database(), w.terminal.clock);
    CHECK(outbox.state(QStringLiteral("packUpdateDue")).value().isEmpty());
}

TEST_CASE("Sync packs: fieldcase-admin sync now imports packs through the reference import path",
    "[sync][packs][cli]")
{
    PackWorld w;
    const QString keyFile = w.centreDir.file(QStringLiteral("publisher.pub.pem"));
    {
        QFile f(keyFile);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(w.publisher.publicKey().toPem());
    }
    w.publish(kUnitPack, QStringLiteral("unit"), 1,
        w.sign(unitBody(1, QStringLiteral("一大队"), QStringLiteral("2025-01-01"))));
    w.publish(kUnitPack, QStringLiteral("unit"), 2,
        w.sign(unitBody(2, QStringLiteral("二大队"), QStringLiteral("2025-01-01")), &w.impostor));
    w.reference.reset(); // the admin processes own the reference store from here
    int rc = -1;
    QString out = w.admin({QStringLiteral("reference"), QStringLiteral("trust"), keyFile}, &rc);
    INFO(out.toStdString());
    REQUIRE(rc == 0);
    out = w.admin(
        {QStringLiteral("sync"), QStringLiteral("now"), QStringLiteral("--json")}, &rc, true);
    INFO(out.toStdString());
    CHECK(rc == 1); // version 2 was refused
    const QJsonObject report = QJsonDocument::fromJson(out.toUtf8()).object();
    CHECK(report.value(QStringLiteral("packsInstalled")).toInt() == 1);
    CHECK(report.value(QStringLiteral("packsRefused")).toInt() == 1);
    out = w.admin({QStringLiteral("reference"), QStringLiteral("status"), QStringLiteral("--json")},
        nullptr, true);
    const QJsonArray packs
        = QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("packs")).toArray();
    REQUIRE(packs.size() == 1);
    CHECK(packs.first().toObject().value(QStringLiteral("version")).toInteger() == 1);
    out = w.admin({QStringLiteral("sync"), QStringLiteral("status")});
    CHECK(out.contains(QStringLiteral("[refused] pack demo.unit.110105 version 2")));
    CHECK(out.contains(QStringLiteral("does not trust")));
}
