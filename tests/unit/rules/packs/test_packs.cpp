#include "core/event/canonicaljson.h"
#include "core/rules/packs.h"
#include "core/rules/procedures.h"
#include "core/rules/registry.h"
#include "tests/support/sourcepacks.h"
#include "tests/support/storefixture.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::rules;

namespace {

QJsonObject body(const QString& id, const QString& kind, qint64 version, const QString& from,
    const QJsonObject& content, const QJsonValue& to = QJsonValue::Null)
{
    return {{QStringLiteral("format"), QStringLiteral("fieldcase-reference-pack")},
        {QStringLiteral("formatVersion"), 1}, {QStringLiteral("id"), id},
        {QStringLiteral("kind"), kind}, {QStringLiteral("version"), version},
        {QStringLiteral("effectiveFrom"), from}, {QStringLiteral("effectiveTo"), to},
        {QStringLiteral("issuer"), QStringLiteral("测试发布方")},
        {QStringLiteral("createdAt"), QStringLiteral("2026-11-21T00:00:00Z")},
        {QStringLiteral("demo"), true}, {QStringLiteral("content"), content}};
}

struct Fixture
{
    Fixture()
    {
        auto s = ReferenceStore::open(dir.file(QStringLiteral("reference.db")), clock);
        REQUIRE(s);
        store = std::move(*s);
        REQUIRE(store->trustKey(publisher.publicKey(), QStringLiteral("test publisher")));
    }
    QByteArray sign(const QJsonObject& b, const KeyPair* key = nullptr)
    {
        auto signedPack = signPack(b, key ? *key : publisher);
        REQUIRE(signedPack);
        return *signedPack;
    }

    test::TempDir dir;
    ManualClock clock;
    KeyPair publisher = *KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    std::unique_ptr<ReferenceStore> store;
};

} // namespace

TEST_CASE("Signed packs import, the version in force on the act date applies", "[packs]")
{
    Fixture f;
    const QJsonObject v1 = body(QStringLiteral("t.unit"), QStringLiteral("unit"), 1,
        QStringLiteral("2020-01-01"), {{QStringLiteral("n"), 1}}, QStringLiteral("2023-07-19"));
    const QJsonObject v2 = body(QStringLiteral("t.unit"), QStringLiteral("unit"), 2,
        QStringLiteral("2023-07-20"), {{QStringLiteral("n"), 2}});
    REQUIRE(f.store->import(f.sign(v1)));
    REQUIRE(f.store->import(f.sign(v2)));
    auto old = f.store->inForce(QStringLiteral("t.unit"), QDate(2022, 5, 1));
    REQUIRE(old);
    REQUIRE(old->has_value());
    CHECK((*old)->version == 1);
    CHECK((*f.store->inForce(QStringLiteral("t.unit"), QDate(2023, 7, 20)))->version == 2);
    CHECK_FALSE(f.store->inForce(QStringLiteral("t.unit"), QDate(2019, 12, 31))->has_value());
    CHECK(f.store->inForceOfKind(QStringLiteral("unit"), QDate(2026, 1, 1))->size() == 1);
}

TEST_CASE("Bad packs are refused with a reason and the data in force stays", "[packs]")
{
    Fixture f;
    const QJsonObject v2 = body(QStringLiteral("t.codes"), QStringLiteral("codes"), 2,
        QStringLiteral("2020-01-01"), {{QStringLiteral("a"), 1}});
    REQUIRE(f.store->import(f.sign(v2)));
    const auto countPacks
        = [&] { return f.store->database().scalarInt("SELECT count(*) FROM packs").value(); };

    SECTION("altered after signing")
    {
        QByteArray file = f.sign(body(QStringLiteral("t.codes"), QStringLiteral("codes"), 3,
            QStringLiteral("2020-01-01"), {{QStringLiteral("a"), 1}}));
        file.replace("\"a\": 1", "\"a\": 9");
        auto r = f.store->import(file);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Rejected);
        CHECK(r.error().message.contains(QStringLiteral("signature is invalid")));
    }
    SECTION("signed by an untrusted key")
    {
        const KeyPair other = *KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
        auto r = f.store->import(f.sign(body(QStringLiteral("t.codes"), QStringLiteral("codes"), 3,
                                            QStringLiteral("2020-01-01"), {}),
            &other));
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("does not trust")));
    }
    SECTION("older or equal version")
    {
        auto r = f.store->import(f.sign(body(QStringLiteral("t.codes"), QStringLiteral("codes"), 2,
            QStringLiteral("2020-01-01"), {})));
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("not newer")));
        auto older = f.store->import(f.sign(body(QStringLiteral("t.codes"), QStringLiteral("codes"),
            1, QStringLiteral("2020-01-01"), {})));
        REQUIRE_FALSE(older);
    }
    SECTION("malformed: unknown kind, bad dates, not JSON, unsigned, wrong format version")
    {
        QJsonObject b = body(
            QStringLiteral("t.x"), QStringLiteral("spells"), 1, QStringLiteral("2020-01-01"), {});
        CHECK_FALSE(signPack(b, f.publisher)); // the publisher tool refuses it too
        b.insert(QStringLiteral("kind"), QStringLiteral("codes"));
        b.insert(QStringLiteral("effectiveFrom"), QStringLiteral("2020-13-01"));
        CHECK_FALSE(signPack(b, f.publisher));
        auto notJson = f.store->import("{ nope");
        REQUIRE_FALSE(notJson);
        CHECK(notJson.error().message.contains(QStringLiteral("not JSON")));
        auto unsignedPack
            = f.store->import(QJsonDocument(QJsonObject {{QStringLiteral("pack"), v2}}).toJson());
        REQUIRE_FALSE(unsignedPack);
        CHECK(unsignedPack.error().message.contains(QStringLiteral("not signed")));
        QJsonObject future = body(QStringLiteral("t.codes"), QStringLiteral("codes"), 5,
            QStringLiteral("2020-01-01"), {});
        future.insert(QStringLiteral("formatVersion"), 2);
        QByteArray file
            = QJsonDocument(QJsonObject {{QStringLiteral("pack"), future},
                                {QStringLiteral("signature"),
                                    QJsonObject {{QStringLiteral("keyId"), QStringLiteral("x")},
                                        {QStringLiteral("value"), QStringLiteral("eA==")}}}})
                  .toJson();
        auto r = f.store->import(file);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("format version 2")));
    }
    SECTION("content rejected by the kind's validator")
    {
        auto r = f.store->import(f.sign(body(QStringLiteral("t.codes"), QStringLiteral("codes"), 3,
                                     QStringLiteral("2020-01-01"), {})),
            [](const Pack&) {
                return Status(fail(ErrorCode::InvalidArgument, QStringLiteral("table x is empty")));
            });
        REQUIRE_FALSE(r);
        CHECK(r.error().message == QStringLiteral("table x is empty"));
    }
    CHECK(countPacks() == 1);
    CHECK((*f.store->inForce(QStringLiteral("t.codes"), QDate(2026, 1, 1)))->version == 2);
}

TEST_CASE("The registry imports atomically and answers plate lookups", "[packs][registry]")
{
    Fixture f;
    Registry registry(*f.store);
    QByteArray data;
    data
        += R"({"t":"operator","uscc":"91350100M000100Y43","name":"某某物流有限公司","licenceNo":"闽交运管许可榕字350100000001号","licenceStatus":"valid","scope":"道路普通货物运输"})"
           "\n";
    data
        += R"({"t":"vehicle","plate":"闽A12345","plateColour":"2","transportCertNo":"350100123456","certStatus":"valid","certValidUntil":"2027-06-30","operatorUscc":"91350100M000100Y43","vehicleType":"重型半挂牵引车","axles":6})"
           "\n";
    data
        += R"({"t":"driver","idNumber":"11010519491231002X","name":"赵某","qualificationNo":"350100000000000001","qualificationStatus":"valid"})"
           "\n";
    data
        += R"({"t":"violation","subject":"闽A12345","subjectKind":"vehicle","date":"2026-03-01","code":"GLAQ-64","description":"超限运输","amountFen":300000,"paid":false})"
           "\n";
    data
        += R"({"t":"violation","subject":"91350100M000100Y43","subjectKind":"operator","date":"2025-09-01","code":"DLYS-68-2","description":"货物扬撒","amountFen":100000,"paid":true})";
    const QString digest = QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, data).toHex());
    auto packFor = [&](qint64 version, const QString& sm3, qint64 count) {
        return f.sign(body(QStringLiteral("t.registry"), QStringLiteral("registry"), version,
            QStringLiteral("2026-11-01"),
            {{QStringLiteral("exportedAt"), QStringLiteral("2026-11-20T18:00:00+08:00")},
                {QStringLiteral("dataSm3"), sm3}, {QStringLiteral("recordCount"), count}}));
    };
    SECTION("a good export")
    {
        QBuffer buf(&data);
        buf.open(QIODevice::ReadOnly);
        auto n = registry.import(packFor(1, digest, 5), &buf);
        REQUIRE(n);
        CHECK(*n == 5);
        auto v = registry.vehicle(QStringLiteral("闽A12345"));
        REQUIRE(v);
        REQUIRE(v->has_value());
        CHECK((*v)->operatorName == QStringLiteral("某某物流有限公司"));
        CHECK((*v)->violations.size() == 2);
        CHECK((*v)->unpaidFen == 300000);
        CHECK((*v)->exportedAt == QStringLiteral("2026-11-20T18:00:00+08:00"));
        CHECK_FALSE(registry.vehicle(QStringLiteral("闽A99999"))->has_value());
        auto d = registry.driver(QStringLiteral("11010519491231002X"));
        REQUIRE(d->has_value());
        CHECK((*d)->qualificationStatus == QStringLiteral("valid"));
    }
    SECTION("data that does not match the signed digest imports nothing")
    {
        QBuffer good(&data);
        good.open(QIODevice::ReadOnly);
        REQUIRE(registry.import(packFor(1, digest, 5), &good));
        QByteArray tampered = data;
        tampered.replace("\"paid\":false", "\"paid\":true ");
        QBuffer buf(&tampered);
        buf.open(QIODevice::ReadOnly);
        auto r = registry.import(packFor(2, digest, 5), &buf);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.contains(QStringLiteral("signed digest")));
        CHECK((*registry.vehicle(QStringLiteral("闽A12345")))->unpaidFen
            == 300000); // old data in force
    }
    SECTION("a wrong record count imports nothing")
    {
        QBuffer buf(&data);
        buf.open(QIODevice::ReadOnly);
        auto r = registry.import(packFor(1, digest, 6), &buf);
        REQUIRE_FALSE(r);
        CHECK(f.store->database().scalarInt("SELECT count(*) FROM registry_vehicles").value() == 0);
    }
}

TEST_CASE("Law search finds short and long Chinese queries", "[packs][lawsearch]")
{
    Fixture f;
    Registry registry(*f.store);
    REQUIRE(registry.indexLaw(
        {{QStringLiteral("GLAQ-64"), QStringLiteral("公路安全保护条例"),
             QStringLiteral("第六十四条"),
             QStringLiteral("违反本条例的规定，在公路上行驶的车辆，车货总体的外廓尺寸、轴荷或者总质"
                            "量超过公路、公路桥梁、公路隧道、汽车渡船限定标准的，由公路管理机构责令"
                            "改正，可以处3万元以下的罚款。")},
            {QStringLiteral("GLF-77"), QStringLiteral("公路法"), QStringLiteral("第七十七条"),
                QStringLiteral("违反本法第四十六条的规定，造成公路路面损坏、污染或者影响公路畅通的"
                               "，由交通主管部门责令停止违法行为，可以处五千元以下的罚款。")}}));
    auto longHits = registry.searchLaw(QStringLiteral("总质量超过"));
    REQUIRE(longHits);
    REQUIRE(longHits->size() == 1);
    CHECK(longHits->first().article.code == QStringLiteral("GLAQ-64"));
    CHECK(longHits->first().snippet.contains(QStringLiteral("【")));
    // The trigram gotcha: a direct 2-character MATCH finds nothing…
    auto raw = f.store->database().prepare(
        "SELECT count(*) FROM law_fts WHERE law_fts MATCH '\"路面\"'");
    REQUIRE(*raw->step());
    CHECK(raw->int64(0) == 0);
    // …but the search falls back to a scan for short queries.
    auto shortHits = registry.searchLaw(QStringLiteral("路面"));
    REQUIRE(shortHits->size() == 1);
    CHECK(shortHits->first().article.code == QStringLiteral("GLF-77"));
    CHECK(registry.searchLaw(QStringLiteral("公路"))->size() == 2);
    CHECK(registry.searchLaw(QStringLiteral("\" OR 1"))->isEmpty()); // user text is quoted
}

TEST_CASE("Procedure thresholds and refusals cite the law", "[packs][procedures]")
{
    auto rules = ProcedureRules::fromJson(
        test::readSourcePack("procedures.json").value(QStringLiteral("content")).toObject());
    REQUIRE(rules);
    const QStringList fine {QStringLiteral("fine")};
    struct Row
    {
        const char* party;
        qint64 yuan;
        bool allowed;
    };
    for (const Row& r : {Row {"person", 199, true}, Row {"person", 200, true},
             Row {"person", 201, false}, Row {"organisation", 2999, true},
             Row {"organisation", 3000, true}, Row {"organisation", 3001, false}}) {
        const auto check = rules->checkSimple(QLatin1String(r.party), fine, r.yuan * 100);
        INFO(r.party << " " << r.yuan << " 元: " << check.reason.toStdString());
        CHECK(check.allowed == r.allowed);
        CHECK(check.basis.contains(QStringLiteral("第五十一条")));
    }
    const auto revoke
        = rules->checkSimple(QStringLiteral("person"), {QStringLiteral("revoke-licence")}, 0);
    CHECK_FALSE(revoke.allowed);
    CHECK(rules->checkSimple(QStringLiteral("person"), {QStringLiteral("warning")}, 0).allowed);

    CHECK(
        rules->checkOnsiteCollection(QStringLiteral("simple"), 10000, false, false, false).allowed);
    const auto over
        = rules->checkOnsiteCollection(QStringLiteral("simple"), 10100, false, false, false);
    CHECK_FALSE(over.allowed);
    CHECK(over.basis.contains(QStringLiteral("第六十八条")));
    CHECK(
        rules->checkOnsiteCollection(QStringLiteral("simple"), 20000, true, false, false).allowed);
    CHECK(
        rules->checkOnsiteCollection(QStringLiteral("general"), 500000, false, true, true).allowed);
    const auto remoteNoRequest
        = rules->checkOnsiteCollection(QStringLiteral("general"), 500000, false, true, false);
    CHECK_FALSE(remoteNoRequest.allowed);
    CHECK(remoteNoRequest.basis.contains(QStringLiteral("第六十九条")));

    CHECK_FALSE(rules->checkOfficers(1).allowed);
    CHECK(rules->checkOfficers(1).basis.contains(QStringLiteral("第四十二条")));
    CHECK(rules->checkOfficers(2).allowed);
    CHECK(rules->hearingRight(QStringLiteral("person"), 200000, fine));
    CHECK_FALSE(rules->hearingRight(QStringLiteral("person"), 199900, fine));
    CHECK(rules->hearingRight(QStringLiteral("person"), 0, {QStringLiteral("revoke-licence")}));
    CHECK(rules->simpleSteps().size() == 8);
    CHECK(rules->generalSteps().first().approval == QStringLiteral("执法部门负责人"));

    QJsonObject broken
        = test::readSourcePack("procedures.json").value(QStringLiteral("content")).toObject();
    broken.remove(QStringLiteral("minOfficers"));
    auto bad = ProcedureRules::fromJson(broken);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.contains(QStringLiteral("minOfficers")));
}
