#include "core/event/canonicaljson.h"
#include "core/event/uuid.h"
#include "core/store/checker.h"
#include "core/store/projector.h"
#include "tests/support/storefixture.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::test;

namespace {
QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> items)
{
    QJsonObject o;
    for (const auto& [k, v] : items)
        o.insert(k, v);
    return o;
}

// A realistic general-procedure case touching every projection table.
QString buildFullCase(StoreFixture& f)
{
    const QString c = f.openCase();
    f.append(f.single, QStringLiteral("party.recorded"), c,
        obj({{QStringLiteral("partyId"), QStringLiteral("p1")},
            {QStringLiteral("kind"), QStringLiteral("organisation")},
            {QStringLiteral("name"), QStringLiteral("某某物流有限公司")},
            {QStringLiteral("idType"), QStringLiteral("uscc")},
            {QStringLiteral("idNumber"), QStringLiteral("91350100M000100Y43")}}));
    f.append(f.single, QStringLiteral("vehicle.recorded"), c,
        obj({{QStringLiteral("vehicleId"), QStringLiteral("v1")},
            {QStringLiteral("plate"), QStringLiteral("京A12345")},
            {QStringLiteral("plateColor"), QStringLiteral("2")}, {QStringLiteral("axles"), 6}}));
    f.append(f.single, QStringLiteral("violation.selected"), c,
        obj({{QStringLiteral("code"), QStringLiteral("GL-CX-001")}}));
    f.append(f.pair, QStringLiteral("statement.recorded"), c,
        obj({{QStringLiteral("statementId"), QStringLiteral("s1")},
            {QStringLiteral("kind"), QStringLiteral("inquiry")},
            {QStringLiteral("text"), QStringLiteral("问：你是否知道车辆超限？答：知道。")}}));
    f.append(f.pair, QStringLiteral("measure.applied"), c,
        obj({{QStringLiteral("measureId"), QStringLiteral("m1")},
            {QStringLiteral("kind"), QStringLiteral("seize")},
            {QStringLiteral("reason"), QStringLiteral("扣押超限车辆")},
            {QStringLiteral("until"), qint64(1'770'000'000'000)}}));
    f.append(f.pair, QStringLiteral("property.registered"), c,
        obj({{QStringLiteral("propertyId"), QStringLiteral("pr1")},
            {QStringLiteral("name"), QStringLiteral("重型半挂牵引车")},
            {QStringLiteral("quantity"), 1}, {QStringLiteral("unit"), QStringLiteral("辆")},
            {QStringLiteral("measureId"), QStringLiteral("m1")}}));
    f.append(f.single, QStringLiteral("measure.extended"), c,
        obj({{QStringLiteral("measureId"), QStringLiteral("m1")},
            {QStringLiteral("until"), qint64(1'772'000'000'000)},
            {QStringLiteral("reason"), QStringLiteral("情况复杂，经负责人批准延长")}}));
    f.append(f.single, QStringLiteral("document.issued"), c,
        obj({{QStringLiteral("documentId"), QStringLiteral("d1")},
            {QStringLiteral("docType"), QStringLiteral("行政强制措施决定书")},
            {QStringLiteral("number"), QStringLiteral("京交强〔2026〕00001号")},
            {QStringLiteral("contentHash"), QString(64, QLatin1Char('a'))}}));
    f.append(f.single, QStringLiteral("document.voided"), c,
        obj({{QStringLiteral("documentId"), QStringLiteral("d1")},
            {QStringLiteral("reason"), QStringLiteral("打印错位")}}));
    f.append(f.single, QStringLiteral("document.issued"), c,
        obj({{QStringLiteral("documentId"), QStringLiteral("d2")},
            {QStringLiteral("docType"), QStringLiteral("行政强制措施决定书")},
            {QStringLiteral("number"), QStringLiteral("京交强〔2026〕00002号")},
            {QStringLiteral("contentHash"), QString(64, QLatin1Char('b'))}}));
    f.append(f.single, QStringLiteral("document.served"), c,
        obj({{QStringLiteral("documentId"), QStringLiteral("d2")},
            {QStringLiteral("method"), QStringLiteral("direct")},
            {QStringLiteral("recipient"), QStringLiteral("李四")},
            {QStringLiteral("servedAt"), qint64(1'767'300'000'000)}}));
    f.append(f.single, QStringLiteral("review.requested"), c,
        obj({{QStringLiteral("reviewId"), QStringLiteral("r1")},
            {QStringLiteral("kind"), QStringLiteral("decision")}}));
    return c;
}

QByteArray headOf(CaseStore& s, const QString& caseId)
{
    auto st = s.database().prepare("SELECT head_hash FROM cases WHERE id = ?");
    st->bind(1, caseId);
    REQUIRE(*st->step());
    return st->blob(0);
}

Result<QList<ImportOutcome>> importAll(CaseStore& from, CaseStore& into, const QString& caseId)
{
    auto events = from.caseEvents(caseId);
    REQUIRE(events);
    return into.importEvents(*events);
}
} // namespace

TEST_CASE("Canonical JSON sorts keys and prints integers exactly", "[events]")
{
    const QJsonObject o {{QStringLiteral("b"), 1.5},
        {QStringLiteral("a"), QJsonArray {1, 2.0, QStringLiteral("京\"\n")}},
        {QStringLiteral("c"), QJsonValue(qint64(9007199254740993))}};
    CHECK(canonicalJson(o)
        == QByteArray("{\"a\":[1,2,\"京\\\"\\n\"],\"b\":1.5,\"c\":9007199254740993}"));
}

TEST_CASE("UUIDv7 ids carry time and version", "[events]")
{
    const QString id = makeUuidV7(1'767'225'600'000);
    CHECK(isUuidV7(id));
    CHECK(id.left(13) == QStringLiteral("019b76da-a800")); // 1767225600000 ms = 0x019b76daa800
    CHECK_FALSE(isUuidV7(QStringLiteral("019b7730-fc00-4abc-8def-0123456789ab")));
    CHECK(makeUuidV7(1) != makeUuidV7(1));
}

TEST_CASE("The hybrid logical clock never goes backwards", "[events]")
{
    ManualClock clock(10'000);
    HybridLogicalClock hlc(clock);
    const auto a = hlc.now();
    clock.setNowMs(5'000); // RTC jumped back
    const auto b = hlc.now();
    CHECK(b > a);
    CHECK(b.ms == 10'000);
    hlc.observe({20'000, 3});
    CHECK(hlc.now() > HlcTimestamp {20'000, 3});
    hlc.observe({clock.nowMs() + HybridLogicalClock::maxDriftMs + 1000, 0}); // absurd remote
    CHECK(hlc.now().ms < clock.nowMs() + HybridLogicalClock::maxDriftMs);
}

TEST_CASE("Appended events are chained, hashed and signed", "[events]")
{
    StoreFixture f;
    const QString c = f.openCase();
    const Event e2 = f.append(f.single, QStringLiteral("case.note"), c,
        obj({{QStringLiteral("text"), QStringLiteral("现场天气晴")}}));
    auto events = f.store->caseEvents(c);
    REQUIRE(events->size() == 2);
    const Event& e1 = events->at(0);
    CHECK(e1.chainSeq == 1);
    CHECK(e1.prev.isEmpty());
    CHECK(e2.chainSeq == 2);
    CHECK(e2.prev == e1.hash);
    CHECK(e2.hash == Hasher::hash(HashAlgorithm::Sm3, e2.canonicalBytes()));
    CHECK(f.store->terminalKey().publicKey().verify(e2.canonicalBytes(), e2.signature));
    CHECK(isUuidV7(e2.id));
    CHECK(e2.at > e1.at);
    // Stored form decodes to the same bytes.
    auto loaded = f.store->event(e2.id);
    REQUIRE(loaded);
    CHECK(loaded->canonicalBytes() == e2.canonicalBytes());
    // Outbox row in the same transaction.
    CHECK(f.store->database().scalarInt("SELECT count(*) FROM outbox WHERE kind = 'event'").value()
        == 2);
}

TEST_CASE("ECDSA P-256 and SHA-256 stores work the same way", "[events]")
{
    StoreOptions o;
    o.hashAlgorithm = HashAlgorithm::Sha256;
    o.signatureAlgorithm = SignatureAlgorithm::EcdsaP256Sha256;
    o.cipherSuite = CipherSuite::Sm4CtrHmacSm3;
    StoreFixture f(o);
    const QString c = f.openCase();
    auto events = f.store->caseEvents(c);
    CHECK(events->at(0).hashAlgorithm == HashAlgorithm::Sha256);
    CHECK(f.store->terminalKey().algorithm() == SignatureAlgorithm::EcdsaP256Sha256);
    QByteArray data(100'000, 'z');
    QBuffer buf(&data);
    REQUIRE(buf.open(QIODevice::ReadOnly));
    REQUIRE(f.store->attachEvidence(f.single, c, buf, {}));
    auto report = checkStore(*f.store);
    REQUIRE(report);
    CHECK(report->ok());
}

TEST_CASE("Payloads are validated per type with precise messages", "[events]")
{
    StoreFixture f;
    const QString c = f.openCase();
    auto unknown = f.store->append(f.single,
        {QStringLiteral("case.note"), c, obj({{QStringLiteral("txt"), QStringLiteral("x")}}), {}});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.contains(QStringLiteral("Unknown field “txt”")));
    auto missing = f.store->append(f.single,
        {QStringLiteral("vehicle.recorded"), c,
            obj({{QStringLiteral("vehicleId"), QStringLiteral("v")}}), {}});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.contains(QStringLiteral("“plate” is missing")));
    auto badEnum = f.store->append(f.single,
        {QStringLiteral("party.recorded"), c,
            obj({{QStringLiteral("partyId"), QStringLiteral("p")},
                {QStringLiteral("kind"), QStringLiteral("alien")},
                {QStringLiteral("name"), QStringLiteral("x")}}),
            {}});
    REQUIRE_FALSE(badEnum);
    CHECK(badEnum.error().message.contains(QStringLiteral("one of: person, organisation")));
    auto badType = f.store->append(f.single, {QStringLiteral("case.exploded"), c, {}, {}});
    REQUIRE_FALSE(badType);
    auto noCase = f.store->append(f.single,
        {QStringLiteral("case.note"), makeUuidV7(1),
            obj({{QStringLiteral("text"), QStringLiteral("x")}}), {}});
    REQUIRE_FALSE(noCase);
    CHECK(noCase.error().code == ErrorCode::NotFound);
    // Nothing of the refused commands was stored.
    CHECK(f.store->caseEvents(c)->size() == 1);
}

TEST_CASE("Core refuses what the role may not do", "[roles]")
{
    StoreFixture f;
    const QString c = f.openCase();
    SECTION("installers do not handle cases")
    {
        auto r = f.store->append(f.installer,
            {QStringLiteral("case.note"), c, obj({{QStringLiteral("text"), QStringLiteral("x")}}),
                {}});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::PermissionDenied);
    }
    SECTION("an inquiry record needs two officers (行政处罚法 art 55)")
    {
        auto r = f.store->append(f.single,
            {QStringLiteral("statement.recorded"), c,
                obj({{QStringLiteral("statementId"), QStringLiteral("s")},
                    {QStringLiteral("kind"), QStringLiteral("inquiry")},
                    {QStringLiteral("text"), QStringLiteral("问答")}}),
                {}});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::PermissionDenied);
        CHECK(r.error().message.contains(QStringLiteral("第五十五条")));
    }
    SECTION("only supervisors decide reviews")
    {
        auto r = f.store->append(f.single,
            {QStringLiteral("review.decided"), c,
                obj({{QStringLiteral("reviewId"), QStringLiteral("r")},
                    {QStringLiteral("decision"), QStringLiteral("approve")},
                    {QStringLiteral("seenHead"), QString(64, QLatin1Char('0'))}}),
                {}});
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("officer role may not")));
    }
    SECTION("an officer cannot act in a role they do not hold")
    {
        const Actor fake {{QStringLiteral("off-1")}, Role::Supervisor};
        auto r = f.store->append(fake,
            {QStringLiteral("case.note"), c, obj({{QStringLiteral("text"), QStringLiteral("x")}}),
                {}});
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("does not hold the supervisor role")));
    }
    SECTION("unknown officers and officers named twice are refused")
    {
        auto r = f.store->append({{QStringLiteral("ghost")}, Role::Officer},
            {QStringLiteral("case.note"), c, obj({{QStringLiteral("text"), QStringLiteral("x")}}),
                {}});
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("not registered")));
        auto twice
            = f.store->append({{QStringLiteral("off-1"), QStringLiteral("off-1")}, Role::Officer},
                {QStringLiteral("statement.recorded"), c,
                    obj({{QStringLiteral("statementId"), QStringLiteral("s")},
                        {QStringLiteral("kind"), QStringLiteral("inquiry")},
                        {QStringLiteral("text"), QStringLiteral("问答")}}),
                    {}});
        REQUIRE_FALSE(twice);
    }
    SECTION("only installers register officers once the store is provisioned")
    {
        auto r = f.store->registerOfficer(
            f.single, {QStringLiteral("off-9"), QStringLiteral("x"), {}, {}, {Role::Supervisor}});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::PermissionDenied);
    }
    SECTION("deleting is refused and audited")
    {
        const auto before = f.store->database().scalarInt("SELECT count(*) FROM audit_log").value();
        auto r = f.store->requestDelete(f.supervisor, c);
        REQUIRE_FALSE(r);
        CHECK(f.store->database()
                  .scalarInt("SELECT count(*) FROM audit_log WHERE action = 'delete.attempt'")
                  .value()
            == 1);
        CHECK(
            f.store->database().scalarInt("SELECT count(*) FROM audit_log").value() == before + 1);
    }
    SECTION("the database itself refuses to rewrite events")
    {
        CHECK_FALSE(f.store->database().exec("UPDATE events SET payload = '{}'"));
        CHECK_FALSE(f.store->database().exec("DELETE FROM events"));
        CHECK_FALSE(f.store->database().exec("DELETE FROM audit_log"));
    }
}

TEST_CASE("Projections follow the events", "[projections]")
{
    StoreFixture f;
    const QString c = buildFullCase(f);
    db::Database& db = f.store->database();
    CHECK(db.scalarInt("SELECT event_count FROM cases").value() == 13);
    auto doc = db.prepare(
        "SELECT document_id, status, void_reason, served_to FROM documents ORDER BY document_id");
    REQUIRE(*doc->step());
    CHECK(doc->text(1) == QStringLiteral("voided"));
    CHECK(doc->text(2) == QStringLiteral("打印错位"));
    REQUIRE(*doc->step());
    CHECK(doc->text(1) == QStringLiteral("served"));
    CHECK(doc->text(3) == QStringLiteral("李四"));
    CHECK(
        db.scalarInt("SELECT due_at FROM deadlines WHERE ref = 'm1'").value() == 1'772'000'000'000);
    CHECK(db.scalarInt("SELECT count(*) FROM properties WHERE status = 'seized'").value() == 1);
    CHECK(db.scalarInt("SELECT axles FROM vehicles").value() == 6);

    f.append(f.single, QStringLiteral("measure.released"), c,
        obj({{QStringLiteral("measureId"), QStringLiteral("m1")},
            {QStringLiteral("reason"), QStringLiteral("已接受处理")}}));
    CHECK(db.scalarInt("SELECT count(*) FROM properties WHERE status = 'released'").value() == 1);
    f.append(f.pair, QStringLiteral("penalty.decided"), c,
        obj({{QStringLiteral("decisionId"), QStringLiteral("x1")},
            {QStringLiteral("kinds"), QJsonArray {QStringLiteral("fine")}},
            {QStringLiteral("amountFen"), 500000}}));
    f.append(f.single, QStringLiteral("payment.recorded"), c,
        obj({{QStringLiteral("paymentId"), QStringLiteral("pay1")},
            {QStringLiteral("amountFen"), 500000},
            {QStringLiteral("method"), QStringLiteral("bank")},
            {QStringLiteral("paidAt"), qint64(1'767'400'000'000)}}));
    f.append(f.single, QStringLiteral("case.closed"), c,
        obj({{QStringLiteral("reason"), QStringLiteral("executed")}}));
    CHECK(db.scalarInt("SELECT paid_fen FROM cases").value() == 500000);
    auto closed = f.store->append(f.single,
        {QStringLiteral("vehicle.recorded"), c,
            obj({{QStringLiteral("vehicleId"), QStringLiteral("v2")},
                {QStringLiteral("plate"), QStringLiteral("京B1")}}),
            {}});
    REQUIRE_FALSE(closed);
    CHECK(closed.error().message.contains(QStringLiteral("closed")));
}

TEST_CASE("A rebuild from the log gives byte-identical projections", "[projections]")
{
    StoreFixture f;
    buildFullCase(f);
    buildFullCase(f);
    const QByteArray before = dumpProjections(f.store->database());
    REQUIRE(before.count('\n') > 20);
    REQUIRE(f.store->rebuildProjections());
    CHECK(dumpProjections(f.store->database()) == before);
    f.reopen();
    REQUIRE(f.store->rebuildProjections());
    CHECK(dumpProjections(f.store->database()) == before);
}

TEST_CASE("Importing from another terminal is idempotent and verified", "[import]")
{
    StoreFixture a;
    StoreFixture b;
    const QString c = buildFullCase(a);
    auto events = *a.store->caseEvents(c);

    SECTION("unknown terminals are rejected")
    {
        auto r = b.store->importEvents(events);
        REQUIRE(r);
        CHECK(r->at(0).kind == ImportOutcome::Kind::Rejected);
        CHECK(r->at(0).reason.contains(QStringLiteral("unknown terminal")));
    }
    REQUIRE(b.store->registerTerminal(
        b.installer, a.store->terminalId(), a.store->terminalKey().publicKey()));

    SECTION("apply, then duplicates are no-ops")
    {
        auto r = b.store->importEvents(events);
        REQUIRE(r);
        for (const auto& o : *r)
            CHECK(o.kind == ImportOutcome::Kind::Applied);
        const QByteArray projA = dumpProjections(a.store->database());
        CHECK(dumpProjections(b.store->database()) == projA);
        auto again = b.store->importEvents(events);
        for (const auto& o : *again)
            CHECK(o.kind == ImportOutcome::Kind::Duplicate);
        CHECK(
            b.store->database().scalarInt("SELECT count(*) FROM events").value() == events.size());
        CHECK(dumpProjections(b.store->database()) == projA);
    }
    SECTION("a chain gap is rejected and nothing after it applied")
    {
        QList<Event> gap = events;
        gap.removeAt(3);
        auto r = b.store->importEvents(gap);
        REQUIRE(r);
        CHECK(r->at(2).kind == ImportOutcome::Kind::Applied);
        CHECK(r->at(3).kind == ImportOutcome::Kind::Rejected);
        CHECK(r->at(3).reason.contains(QStringLiteral("chain gap")));
        CHECK(b.store->database().scalarInt("SELECT count(*) FROM events").value() == 3);
    }
    SECTION("altered content is rejected")
    {
        QList<Event> bad = events;
        bad[0].payload.insert(QStringLiteral("title"), QStringLiteral("篡改"));
        auto r = b.store->importEvents(bad);
        CHECK(r->at(0).kind == ImportOutcome::Kind::Rejected);
        CHECK(r->at(0).reason.contains(QStringLiteral("hash mismatch")));
        CHECK(b.store->database().scalarInt("SELECT count(*) FROM events").value() == 0);
    }
    SECTION("a signature by another key is rejected")
    {
        QList<Event> forged = events.mid(0, 1);
        forged[0].signature = *b.store->terminalKey().sign(forged[0].canonicalBytes());
        auto r = b.store->importEvents(forged);
        CHECK(r->at(0).kind == ImportOutcome::Kind::Rejected);
        CHECK(r->at(0).reason.contains(QStringLiteral("bad signature")));
    }
    SECTION("a known id with other content is rejected")
    {
        REQUIRE(b.store->importEvents(events.mid(0, 1)));
        QList<Event> clash = events.mid(0, 1);
        clash[0].hash[0] = char(clash[0].hash[0] ^ 1);
        auto r = b.store->importEvents(clash);
        CHECK(r->at(0).kind == ImportOutcome::Kind::Rejected);
    }
}

TEST_CASE("Out-of-order merges re-project the case to match a rebuild", "[import]")
{
    StoreFixture a;
    StoreFixture b;
    b.clock.setNowMs(a.clock.nowMs() + 3'600'000); // B's clock runs an hour ahead
    REQUIRE(b.store->registerTerminal(
        b.installer, a.store->terminalId(), a.store->terminalKey().publicKey()));
    REQUIRE(a.store->registerTerminal(
        a.installer, b.store->terminalId(), b.store->terminalKey().publicKey()));
    const QString c = a.openCase();
    REQUIRE(importAll(*a.store, *b.store, c));
    // Both terminals record while apart; B's events carry later timestamps.
    b.append(b.single, QStringLiteral("party.recorded"), c,
        obj({{QStringLiteral("partyId"), QStringLiteral("p1")},
            {QStringLiteral("kind"), QStringLiteral("person")},
            {QStringLiteral("name"), QStringLiteral("B 记录的姓名")}}));
    a.append(a.single, QStringLiteral("party.recorded"), c,
        obj({{QStringLiteral("partyId"), QStringLiteral("p1")},
            {QStringLiteral("kind"), QStringLiteral("person")},
            {QStringLiteral("name"), QStringLiteral("A 记录的姓名")}}));
    REQUIRE(importAll(*b.store, *a.store, c)); // arrives "late" but sorts after A's event
    REQUIRE(importAll(*a.store, *b.store, c)); // arrives and sorts before B's: re-projection
    const QByteArray projA = dumpProjections(a.store->database());
    CHECK(dumpProjections(b.store->database()) == projA);
    REQUIRE(b.store->rebuildProjections());
    CHECK(dumpProjections(b.store->database()) == projA);
    CHECK(projA.contains("B 记录的姓名")); // the later record (by HLC) wins on both
}

TEST_CASE("An approval of a stale case head is flagged", "[review]")
{
    StoreFixture officer;
    StoreFixture boss;
    REQUIRE(boss.store->registerTerminal(
        boss.installer, officer.store->terminalId(), officer.store->terminalKey().publicKey()));
    REQUIRE(officer.store->registerTerminal(
        officer.installer, boss.store->terminalId(), boss.store->terminalKey().publicKey()));
    const QString c = officer.openCase();
    officer.append(officer.single, QStringLiteral("review.requested"), c,
        obj({{QStringLiteral("reviewId"), QStringLiteral("r1")},
            {QStringLiteral("kind"), QStringLiteral("filing")}}));
    REQUIRE(importAll(*officer.store, *boss.store, c));
    const QByteArray seen = headOf(*boss.store, c);
    CHECK(seen == headOf(*officer.store, c));

    SECTION("fresh approval")
    {
        boss.append(boss.supervisor, QStringLiteral("review.decided"), c,
            obj({{QStringLiteral("reviewId"), QStringLiteral("r1")},
                {QStringLiteral("decision"), QStringLiteral("approve")},
                {QStringLiteral("seenHead"), QString::fromLatin1(seen.toHex())}}));
        REQUIRE(importAll(*boss.store, *officer.store, c));
        CHECK(officer.store->database().scalarInt("SELECT stale FROM reviews").value() == 0);
        CHECK(officer.store->database()
                  .scalarInt("SELECT count(*) FROM reviews WHERE decision = 'approve'")
                  .value()
            == 1);
    }
    SECTION("the officer changed the case while the supervisor reviewed offline")
    {
        officer.clock.advanceMs(60'000);
        officer.append(officer.single, QStringLiteral("case.note"), c,
            obj({{QStringLiteral("text"), QStringLiteral("补充现场照片")}}));
        boss.clock.setNowMs(officer.clock.nowMs() + 120'000); // decided two minutes later
        boss.append(boss.supervisor, QStringLiteral("review.decided"), c,
            obj({{QStringLiteral("reviewId"), QStringLiteral("r1")},
                {QStringLiteral("decision"), QStringLiteral("approve")},
                {QStringLiteral("seenHead"), QString::fromLatin1(seen.toHex())}}));
        REQUIRE(importAll(*boss.store, *officer.store, c));
        CHECK(officer.store->database().scalarInt("SELECT stale FROM reviews").value() == 1);
        REQUIRE(importAll(*officer.store, *boss.store, c));
        CHECK(boss.store->database().scalarInt("SELECT stale FROM reviews").value() == 1);
        CHECK(
            dumpProjections(boss.store->database()) == dumpProjections(officer.store->database()));
    }
    SECTION("a change recorded after the approval does not make it stale")
    {
        boss.clock.setNowMs(officer.clock.nowMs() + 60'000);
        boss.append(boss.supervisor, QStringLiteral("review.decided"), c,
            obj({{QStringLiteral("reviewId"), QStringLiteral("r1")},
                {QStringLiteral("decision"), QStringLiteral("approve")},
                {QStringLiteral("seenHead"), QString::fromLatin1(seen.toHex())}}));
        officer.clock.setNowMs(boss.clock.nowMs() + 60'000);
        officer.append(officer.single, QStringLiteral("case.note"), c,
            obj({{QStringLiteral("text"), QStringLiteral("已按批准执行")}}));
        REQUIRE(importAll(*boss.store, *officer.store, c));
        CHECK(officer.store->database().scalarInt("SELECT stale FROM reviews").value() == 0);
    }
}

TEST_CASE("Evidence is stored encrypted, named by content and read back", "[evidence]")
{
    StoreFixture f;
    const QString c = f.openCase();
    const QString path
        = writeRandomFile(f.dir.file(QStringLiteral("photo.jpg")), 3 * 1024 * 1024 + 17);
    QFile in(path);
    REQUIRE(in.open(QIODevice::ReadOnly));
    EvidenceMeta meta;
    meta.kind = QStringLiteral("photo");
    meta.mediaType = QStringLiteral("image/jpeg");
    meta.title = QStringLiteral("车辆正面");
    auto e = f.store->attachEvidence(f.single, c, in, meta);
    REQUIRE(e);
    const QString hash = e->payload.value(QStringLiteral("blobHash")).toString();
    in.seek(0);
    const QByteArray original = in.readAll();
    CHECK(hash == QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, original).toHex()));

    QFile stored(f.store->blobs().pathFor(hash));
    REQUIRE(stored.open(QIODevice::ReadOnly));
    CHECK_FALSE(stored.readAll().contains(original.mid(1000, 64))); // encrypted at rest

    QByteArray back;
    QBuffer sink(&back);
    REQUIRE(sink.open(QIODevice::WriteOnly));
    REQUIRE(f.store->readEvidence(hash, sink).value() == original.size());
    CHECK(back == original);
    CHECK(f.store->database()
              .scalarInt("SELECT count(*) FROM outbox WHERE kind = 'blob' AND priority = 2")
              .value()
        == 1);
    CHECK(f.store->database().scalarInt("SELECT count(*) FROM evidence").value() == 1);

    // The same content attached again (another case) reuses the file.
    const QString c2 = f.openCase();
    in.seek(0);
    REQUIRE(f.store->attachEvidence(f.single, c2, in, meta));
    CHECK(f.store->database().scalarInt("SELECT count(*) FROM blobs").value() == 1);
    CHECK(f.store->database().scalarInt("SELECT count(*) FROM evidence").value() == 2);
}

TEST_CASE("db check passes on a healthy store and after reopening", "[check]")
{
    StoreFixture f;
    const QString c = buildFullCase(f);
    QByteArray data(50'000, 'e');
    QBuffer buf(&data);
    REQUIRE(buf.open(QIODevice::ReadOnly));
    REQUIRE(f.store->attachEvidence(f.single, c, buf, {}));
    REQUIRE(
        f.store->audit().record(QStringLiteral("off-1"), Role::Officer, QStringLiteral("view"), c));
    auto report = checkStore(*f.store);
    REQUIRE(report);
    INFO(report->summary().toStdString());
    CHECK(report->ok());
    CHECK(report->events == 14);
    CHECK(report->blobs == 1);
    f.reopen();
    CHECK(checkStore(*f.store)->ok());
}

TEST_CASE("db check reports exactly the tampered item", "[check][tamper]")
{
    StoreFixture f;
    const QString c = buildFullCase(f);
    QByteArray data(70'000, 'q');
    QBuffer buf(&data);
    REQUIRE(buf.open(QIODevice::ReadOnly));
    auto ev = f.store->attachEvidence(f.single, c, buf, {});
    REQUIRE(ev);
    REQUIRE(checkStore(*f.store)->ok());
    auto events = *f.store->caseEvents(c);
    const Event& victim = events.at(5);

    auto expectOnly = [&](const QString& area, const QString& object, const QString& words) {
        auto report = checkStore(*f.store);
        REQUIRE(report);
        INFO(QJsonDocument(report->toJson()).toJson().toStdString());
        REQUIRE(report->issues.size() == 1);
        CHECK(report->issues[0].area == area);
        CHECK(report->issues[0].object == object);
        CHECK(report->issues[0].problem.contains(words));
    };

    // Every stored column of an event row that the hash covers.
    const char* columns[] = {"case_id", "type", "schema_version", "actors", "role", "hlc_ms",
        "hlc_counter", "position", "payload", "prev", "hash_alg", "hash", "sig"};
    for (const char* column : columns) {
        DYNAMIC_SECTION("event column " << column)
        {
            QString sql;
            const QString col = QLatin1String(column);
            if (col == QLatin1String("payload"))
                sql = QStringLiteral(
                    "UPDATE events SET payload = replace(payload, '扣押', '归还') WHERE id = '%1'");
            else if (col == QLatin1String("actors"))
                sql = QStringLiteral(
                    "UPDATE events SET actors = '[\"off-1\",\"sup-1\"]' WHERE id = '%1'");
            else if (col == QLatin1String("position"))
                sql = QStringLiteral(
                    "UPDATE events SET position = '{\"lat\":39.9}' WHERE id = '%1'");
            else if (col == QLatin1String("type"))
                sql = QStringLiteral("UPDATE events SET type = 'case.note' WHERE id = '%1'");
            else if (col == QLatin1String("role"))
                sql = QStringLiteral("UPDATE events SET role = 'supervisor' WHERE id = '%1'");
            else if (col == QLatin1String("case_id"))
                sql = QStringLiteral("UPDATE events SET case_id = '%2' WHERE id = '%1'");
            else if (col == QLatin1String("hash_alg"))
                sql = QStringLiteral("UPDATE events SET hash_alg = 'sha256' WHERE id = '%1'");
            else if (col == QLatin1String("prev") || col == QLatin1String("hash")
                || col == QLatin1String("sig")) {
                // flip one bit of the first byte
                auto read = f.store->database().prepare(
                    QStringLiteral("SELECT %1 FROM events WHERE id = ?").arg(col).toStdString());
                read->bind(1, victim.id);
                REQUIRE(*read->step());
                QByteArray value = read->blob(0);
                value[0] = char(value[0] ^ 0x01);
                sql = QStringLiteral("UPDATE events SET %2 = X'")
                    + QString::fromLatin1(value.toHex()) + QStringLiteral("' WHERE id = '%1'");
            } else
                sql = QStringLiteral("UPDATE events SET %2 = %2 + 1 WHERE id = '%1'");
            sql.replace(QStringLiteral("%1"), victim.id);
            sql.replace(
                QStringLiteral("%2"), col == QLatin1String("case_id") ? makeUuidV7(5) : col);
            tamper(*f.store, sql);
            auto report = checkStore(*f.store, {false, false});
            REQUIRE(report);
            INFO(QJsonDocument(report->toJson()).toJson().toStdString());
            REQUIRE_FALSE(report->ok());
            bool named = false;
            for (const CheckIssue& i : report->issues)
                named = named || i.object == victim.id;
            CHECK(named);
            if (col != QLatin1String("case_id") && col != QLatin1String("prev"))
                CHECK(report->issues.size() == 1);
        }
    }
    SECTION("an audit row")
    {
        tamper(*f.store, QStringLiteral("UPDATE audit_log SET officer_id = 'off-2' WHERE seq = 2"));
        expectOnly(
            QStringLiteral("audit"), QStringLiteral("audit #2"), QStringLiteral("hash mismatch"));
    }
    SECTION("an evidence file")
    {
        const QString hash = ev->payload.value(QStringLiteral("blobHash")).toString();
        QFile file(f.store->blobs().pathFor(hash));
        REQUIRE(file.open(QIODevice::ReadWrite));
        file.seek(file.size() / 2);
        char byte = 0;
        file.getChar(&byte);
        file.seek(file.size() / 2);
        file.putChar(char(byte ^ 0x01));
        file.close();
        expectOnly(QStringLiteral("evidence"), hash, QString());
    }
    SECTION("a missing evidence file")
    {
        const QString hash = ev->payload.value(QStringLiteral("blobHash")).toString();
        REQUIRE(QFile::remove(f.store->blobs().pathFor(hash)));
        expectOnly(QStringLiteral("evidence"), hash, QString());
    }
    SECTION("a projection row")
    {
        REQUIRE(f.store->database().exec("UPDATE vehicles SET plate = '京A99999'"));
        auto report = checkStore(*f.store);
        REQUIRE(report);
        REQUIRE(report->issues.size() == 2); // one row too many, one missing, same table
        CHECK(report->issues[0].object == QStringLiteral("vehicles"));
        CHECK(report->issues[1].object == QStringLiteral("vehicles"));
    }
}

TEST_CASE("An orphan evidence file left by a crash is replaced on the next attach", "[evidence]")
{
    StoreFixture f;
    const QString c = f.openCase();
    QByteArray data(40'000, 'o');
    // Simulate the crash window: the file landed, its manifest row never committed.
    QBuffer first(&data);
    REQUIRE(first.open(QIODevice::ReadOnly));
    auto orphan = f.store->blobs().ingest(first);
    REQUIRE(orphan);
    REQUIRE_FALSE(orphan->alreadyPresent);
    QBuffer again(&data);
    REQUIRE(again.open(QIODevice::ReadOnly));
    auto e = f.store->attachEvidence(f.single, c, again, {});
    REQUIRE(e);
    QByteArray back;
    QBuffer sink(&back);
    REQUIRE(sink.open(QIODevice::WriteOnly));
    REQUIRE(f.store->readEvidence(orphan->hashHex, sink));
    CHECK(back == data);
    CHECK(checkStore(*f.store)->ok());
}

TEST_CASE("Only installers register peer terminal keys, and it is audited", "[roles]")
{
    StoreFixture a;
    StoreFixture b;
    auto refused = b.store->registerTerminal(
        b.single, a.store->terminalId(), a.store->terminalKey().publicKey());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    REQUIRE(b.store->registerTerminal(
        b.installer, a.store->terminalId(), a.store->terminalKey().publicKey()));
    CHECK(b.store->database()
              .scalarInt("SELECT count(*) FROM audit_log WHERE action = 'terminal.registered'")
              .value()
        == 1);
    // A second, different key for the same terminal id is refused (key substitution).
    auto swapped = b.store->registerTerminal(
        b.installer, a.store->terminalId(), b.store->terminalKey().publicKey());
    REQUIRE_FALSE(swapped);
    CHECK(swapped.error().code == ErrorCode::Conflict);
    const QString c = a.openCase();
    REQUIRE(b.store->importEvents(*a.store->caseEvents(c)));
    auto st = b.store->database().prepare(
        "SELECT json_extract(detail, '$.applied') FROM audit_log WHERE action = 'events.imported'");
    REQUIRE(*st->step());
    CHECK(st->int64(0) == 1);
}

TEST_CASE("Positions are validated before they are signed", "[events]")
{
    StoreFixture f;
    const QString c = f.openCase();
    const QJsonObject text {{QStringLiteral("text"), QStringLiteral("定位")}};
    auto bad = f.store->append(f.single,
        {QStringLiteral("case.note"), c, text,
            {{QStringLiteral("lat"), 95.0}, {QStringLiteral("lon"), 116.4}}});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.contains(QStringLiteral("latitude")));
    auto good = f.store->append(f.single,
        {QStringLiteral("case.note"), c, text,
            {{QStringLiteral("lat"), 39.9042}, {QStringLiteral("lon"), 116.4074},
                {QStringLiteral("accuracyM"), 4.5},
                {QStringLiteral("fixAt"), qint64(1'767'225'600'000)},
                {QStringLiteral("source"), QStringLiteral("gnss")}}});
    REQUIRE(good);
    auto loaded = f.store->event(good->id);
    CHECK(loaded->position.value(QStringLiteral("lat")).toDouble() == 39.9042);
    CHECK(loaded->canonicalBytes() == good->canonicalBytes());
}
