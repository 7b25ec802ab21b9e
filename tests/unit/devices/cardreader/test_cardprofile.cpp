// Card profiles as data: the shipped demo profiles, precise errors for malformed ones, field
// decoding (GBK, BCD, dates, BER-TLV), PIN formatting, and profiles carried by a signed
// "card-profiles" reference pack. No PC/SC here.
#include "core/crypto/keys.h"
#include "core/rules/packs.h"
#include "core/rules/rulebook.h"
#include "core/util/clock.h"
#include "devices/cardreader/cardprofile.h"
#include "tests/support/tempdir.h"
#include "tests/unit/devices/cardreader/cardtestutil.h"

#include <QDir>
#include <QJsonArray>

#include <catch2/catch.hpp>
#include <functional>

using namespace fieldcase;
using namespace fieldcase::devices;
using namespace fieldcase::devices::cardtest;

namespace {

QJsonObject demoJson(const char* kind)
{
    return QJsonDocument::fromJson(
        readSource(QStringLiteral("resources/cardprofiles/%1-demo.json").arg(QLatin1String(kind))))
        .object();
}

// Replaces the value at a path of object keys and array indexes ("fields", 0, "file").
QJsonValue edited(const QJsonValue& at, const QList<QVariant>& path, const QJsonValue& value)
{
    if (path.isEmpty())
        return value;
    const QList<QVariant> rest = path.mid(1);
    if (path.first().typeId() == QMetaType::Int) {
        QJsonArray a = at.toArray();
        const int i = path.first().toInt();
        a[i] = edited(a.at(i), rest, value);
        return a;
    }
    QJsonObject o = at.toObject();
    const QString key = path.first().toString();
    if (rest.isEmpty() && value.isUndefined())
        o.remove(key);
    else
        o[key] = edited(o.value(key), rest, value);
    return o;
}

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', ""));
}

} // namespace

TEST_CASE("The shipped demo card profiles parse, cover the three card kinds and say demo",
    "[cardprofile]")
{
    const QDir dir(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/cardprofiles"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")});
    REQUIRE(files.size() == 3);
    QStringList kinds;
    for (const QString& name : files) {
        QFile f(dir.filePath(name));
        REQUIRE(f.open(QIODevice::ReadOnly));
        auto list = CardProfile::listFromJson(f.readAll());
        INFO(name.toStdString());
        REQUIRE(list);
        for (const CardProfile& p : *list) {
            CHECK(p.demo);
            CHECK(p.id.startsWith(QLatin1String("demo.")));
            CHECK(p.notes.contains(QLatin1String("nvented")));
            CHECK(p.source.value(QLatin1String("comment"))
                      .toString()
                      .contains(QLatin1String("DEMO LAYOUT")));
            CHECK(!p.nameZh.isEmpty());
            CHECK(!p.nameEn.isEmpty());
            kinds << cardKindName(p.kind);
        }
    }
    kinds.sort();
    CHECK(kinds
        == QStringList {QStringLiteral("officer-certificate"),
            QStringLiteral("qualification-certificate"),
            QStringLiteral("road-transport-certificate")});

    const CardProfile road = demoProfile("road-transport-certificate");
    CHECK(road.kind == CardKind::RoadTransportCertificate);
    CHECK(road.aid == hex("F0 46 43 44 45 4D 4F 52 54"));
    CHECK(road.selectP2 == 0x0C);
    REQUIRE(road.files.size() == 3);
    CHECK(road.files.at(1).structure == CardFile::Structure::Record);
    CHECK(road.fields.size() == 11);
    REQUIRE(road.field(u"vehicleType"));
    CHECK(road.field(u"vehicleType")->tag == hex("C1"));
    CHECK(road.field(u"vehicleType")->record == 1);
    CHECK(road.field(u"lastInspectedOn")->pinRequired);
    CHECK(!road.field(u"plateNumber")->pinRequired);
    REQUIRE(road.pin);
    CHECK(road.pin->p2 == 0x01);
    CHECK(road.pin->format == CardPinSpec::Format::Bcd);

    const CardProfile qc = demoProfile("qualification-certificate");
    CHECK(qc.selectP2 == 0x00);
    CHECK(qc.field(u"idNumber")->delimiter == "|");
    CHECK(qc.field(u"idNumber")->index == 1);
    CHECK(qc.files.at(0).size == 0);
}

TEST_CASE("A malformed card profile is refused with the JSON path of the mistake", "[cardprofile]")
{
    struct Case
    {
        const char* what;
        QList<QVariant> path;
        QJsonValue value;
        const char* errorPath;
    };
    const QJsonValue none(QJsonValue::Undefined);
    const Case cases[] = {
        {"no id", {QStringLiteral("id")}, none, "id"},
        {"unknown kind", {QStringLiteral("kind")}, QStringLiteral("bus-ticket"), "kind"},
        {"AID too short", {QStringLiteral("application"), QStringLiteral("aid")},
            QStringLiteral("F0 46"), "application.aid"},
        {"AID not hex", {QStringLiteral("application"), QStringLiteral("aid")},
            QStringLiteral("F0 4G 43 44 45"), "application.aid"},
        {"SELECT P2 04", {QStringLiteral("application"), QStringLiteral("selectP2")},
            QStringLiteral("04"), "application.selectP2"},
        {"the MF as a file", {QStringLiteral("files"), 0, QStringLiteral("fid")},
            QStringLiteral("3F00"), "files[0].fid"},
        {"a FID twice", {QStringLiteral("files"), 1, QStringLiteral("fid")}, QStringLiteral("0015"),
            "files[1].fid"},
        {"size on a record file", {QStringLiteral("files"), 1, QStringLiteral("size")}, 10,
            "files[1].size"},
        {"unknown structure", {QStringLiteral("files"), 0, QStringLiteral("structure")},
            QStringLiteral("cyclic"), "files[0].structure"},
        {"field on an unknown file", {QStringLiteral("fields"), 0, QStringLiteral("file")},
            QStringLiteral("nope"), "fields[0].file"},
        {"a typo in a key", {QStringLiteral("fields"), 0, QStringLiteral("lenght")}, 16,
            "fields[0].lenght"},
        {"field beyond the file size", {QStringLiteral("fields"), 5, QStringLiteral("length")}, 8,
            "fields[5].offset"},
        {"negative offset", {QStringLiteral("fields"), 0, QStringLiteral("offset")}, -1,
            "fields[0].offset"},
        {"fractional length", {QStringLiteral("fields"), 0, QStringLiteral("length")}, 1.5,
            "fields[0].length"},
        {"record field without a record", {QStringLiteral("fields"), 6, QStringLiteral("record")},
            none, "fields[6].record"},
        {"record number on a transparent file",
            {QStringLiteral("fields"), 0, QStringLiteral("record")}, 1, "fields[0].record"},
        {"unknown encoding", {QStringLiteral("fields"), 0, QStringLiteral("encoding")},
            QStringLiteral("utf-16"), "fields[0].encoding"},
        {"a 3-byte tag", {QStringLiteral("fields"), 6, QStringLiteral("tag")},
            QStringLiteral("C1C2C3"), "fields[6].tag"},
        {"index without delimiter", {QStringLiteral("fields"), 0, QStringLiteral("index")}, 1,
            "fields[0].index"},
        {"a field name twice", {QStringLiteral("fields"), 1, QStringLiteral("name")},
            QStringLiteral("plateNumber"), "fields[1].name"},
        {"a field name with a space", {QStringLiteral("fields"), 0, QStringLiteral("name")},
            QStringLiteral("plate number"), "fields[0].name"},
        {"pinRequired not a boolean", {QStringLiteral("fields"), 9, QStringLiteral("pinRequired")},
            QStringLiteral("yes"), "fields[9].pinRequired"},
        {"PIN fields without a PIN", {QStringLiteral("pin")}, none, "fields[9].pinRequired"},
        {"PIN header of 3 bytes", {QStringLiteral("pin"), QStringLiteral("apdu")},
            QStringLiteral("002000"), "pin.apdu"},
        {"PIN min above max", {QStringLiteral("pin"), QStringLiteral("minLength")}, 8,
            "pin.minLength"},
        {"PIN pad shorter than the PIN", {QStringLiteral("pin"), QStringLiteral("padLength")}, 2,
            "pin.padLength"},
        {"no fields", {QStringLiteral("fields")}, QJsonArray(), "fields"},
        {"no label", {QStringLiteral("fields"), 0, QStringLiteral("label")}, none,
            "fields[0].label"},
        {"wrong format", {QStringLiteral("format")}, QStringLiteral("something-else"), "format"},
    };
    const QJsonObject good = demoJson("road-transport-certificate");
    REQUIRE(CardProfile::fromJson(good));
    for (const Case& c : cases) {
        INFO(c.what);
        const QJsonObject bad = edited(good, c.path, c.value).toObject();
        auto p = CardProfile::fromJson(bad);
        REQUIRE_FALSE(p);
        CHECK(p.error().code == ErrorCode::InvalidArgument);
        CHECK(p.error().context == QLatin1String(c.errorPath));
        CHECK(p.error().message.contains(QLatin1String(c.errorPath)));
    }

    SECTION("lists: not JSON, duplicate ids, the index of the bad profile")
    {
        auto notJson = CardProfile::listFromJson(QByteArray("{\"id\": "));
        REQUIRE_FALSE(notJson);
        CHECK(notJson.error().message.contains(QLatin1String("not JSON")));

        QJsonArray twice {good, good};
        auto duplicate = CardProfile::listFromJson(twice);
        REQUIRE_FALSE(duplicate);
        CHECK(duplicate.error().context == QLatin1String("[1].id"));

        QJsonArray secondBad {good, edited(good, {QStringLiteral("kind")}, QStringLiteral("x"))};
        auto second = CardProfile::listFromJson(secondBad);
        REQUIRE_FALSE(second);
        CHECK(second.error().message.startsWith(QLatin1String("Card profile 2:")));
    }
}

TEST_CASE("Card fields decode GBK, UTF-8, ASCII, BCD, BCD dates and hex", "[cardprofile]")
{
    auto text = [](const char* bytes, FieldEncoding e) { return decodeCardField(hex(bytes), e); };

    CHECK(*text("BEA9 41 3132333435 0000 0000", FieldEncoding::Gbk) == QStringLiteral("京A12345"));
    CHECK(*text("E4BAAC 41 FF FF", FieldEncoding::Utf8) == QStringLiteral("京A"));
    CHECK(*text("41 42 20 20", FieldEncoding::Ascii) == QStringLiteral("AB"));
    CHECK(*text("11 01 08 12 34 56", FieldEncoding::Bcd) == QStringLiteral("110108123456"));
    CHECK(*text("12 34 5F FF", FieldEncoding::Bcd) == QStringLiteral("12345"));
    CHECK(*text("20 24 03 15", FieldEncoding::BcdDate) == QStringLiteral("2024-03-15"));
    CHECK(*text("00 00 00 00", FieldEncoding::BcdDate) == QString());
    CHECK(*text("0a ff", FieldEncoding::Hex) == QStringLiteral("0AFF"));

    for (const auto& [bytes, encoding] : {std::pair {"C3 28", FieldEncoding::Utf8},
             {"41 80", FieldEncoding::Ascii}, {"1A", FieldEncoding::Bcd},
             {"1F 23", FieldEncoding::Bcd}, {"20 24 13 32", FieldEncoding::BcdDate},
             {"BE", FieldEncoding::Gbk}, {"41 E4 BA", FieldEncoding::Utf8}}) {
        INFO(bytes);
        auto r = text(bytes, encoding);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Corrupt);
    }
}

TEST_CASE("BER-TLV lookup: nested templates, long tags and lengths, padding", "[cardprofile]")
{
    const QByteArray data = hex("00 FF E1 09 C1 02 41 42 5F 20 02 43 44 C2 81 03 31 32 33 FF");
    CHECK(findTlv(data, hex("C1")) == hex("41 42"));
    CHECK(findTlv(data, hex("5F20")) == hex("43 44"));
    CHECK(findTlv(data, hex("C2")) == hex("31 32 33"));
    CHECK(findTlv(data, hex("E1"))->size() == 9);
    CHECK_FALSE(findTlv(data, hex("C9")));
    CHECK_FALSE(findTlv(hex("C1 05 41 42"), hex("C1"))); // length beyond the data
    CHECK_FALSE(findTlv(hex("C1 83 00 00 01 41"), hex("C1"))); // 3-byte lengths not used
}

TEST_CASE("PIN formatting into VERIFY follows the profile", "[cardprofile]")
{
    const CardProfile road = demoProfile("road-transport-certificate");
    CHECK(*road.pin->verifyApdu(QStringLiteral("123456")) == hex("00 20 00 01 03 12 34 56"));
    CHECK_FALSE(road.pin->verifyApdu(QStringLiteral("12345")));
    CHECK_FALSE(road.pin->verifyApdu(QStringLiteral("12a456")));

    const CardProfile qc = demoProfile("qualification-certificate");
    CHECK(*qc.pin->verifyApdu(QStringLiteral("1234"))
        == hex("00 20 00 00 08 31 32 33 34 FF FF FF FF"));
    auto tooLong = qc.pin->verifyApdu(QStringLiteral("123456789"));
    REQUIRE_FALSE(tooLong);
    CHECK(tooLong.error().code == ErrorCode::InvalidArgument);
    CHECK(tooLong.error().message == QStringLiteral("The PIN has 4 to 8 digits."));

    CardPinSpec odd;
    odd.format = CardPinSpec::Format::Bcd;
    odd.p2 = 0x02;
    CHECK(*odd.verifyApdu(QStringLiteral("12345")) == hex("00 20 00 02 03 12 34 5F"));
}

TEST_CASE("Card profiles travel in a signed card-profiles reference pack", "[cardprofile][packs]")
{
    test::TempDir dir;
    ManualClock clock;
    auto store = rules::ReferenceStore::open(dir.file(QStringLiteral("reference.db")), clock);
    REQUIRE(store);
    auto key = KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    REQUIRE(key);
    REQUIRE((*store)->trustKey(key->publicKey(), QStringLiteral("test publisher")));

    const auto pack = [](qint64 version, const QJsonArray& profiles) {
        return QJsonObject {{QStringLiteral("format"), QStringLiteral("fieldcase-reference-pack")},
            {QStringLiteral("formatVersion"), 1},
            {QStringLiteral("id"), QStringLiteral("demo.card-profiles")},
            {QStringLiteral("kind"), QStringLiteral("card-profiles")},
            {QStringLiteral("version"), version},
            {QStringLiteral("effectiveFrom"), QStringLiteral("2025-01-01")},
            {QStringLiteral("effectiveTo"), QJsonValue::Null},
            {QStringLiteral("issuer"), QStringLiteral("示范省交通运输厅（示范数据）")},
            {QStringLiteral("createdAt"), QStringLiteral("2026-11-21T00:00:00Z")},
            {QStringLiteral("demo"), true},
            {QStringLiteral("notes"), QStringLiteral("demo layouts")},
            {QStringLiteral("content"), QJsonObject {{QStringLiteral("profiles"), profiles}}}};
    };
    // What the app would pass to ReferenceStore::import: core's check, then the devices layer's.
    const auto validator = [](const rules::Pack& p) -> Status {
        FC_TRY(rules::validatePackContent(p));
        return validateCardProfilePack(p);
    };
    const QJsonArray profiles {demoJson("road-transport-certificate"),
        demoJson("qualification-certificate"), demoJson("officer-certificate")};

    auto signedPack = rules::signPack(pack(1, profiles), *key);
    REQUIRE(signedPack);
    auto imported = (*store)->import(*signedPack, validator);
    if (!imported)
        FAIL(imported.error().toString().toStdString());
    CHECK(imported->kind == QLatin1String("card-profiles"));

    auto loaded = loadCardProfiles(**store, QDate(2026, 6, 1));
    REQUIRE(loaded);
    REQUIRE(loaded->size() == 3);
    QStringList ids;
    for (const CardProfile& p : *loaded)
        ids << p.id;
    ids.sort();
    CHECK(ids
        == QStringList {QStringLiteral("demo.officer-certificate"),
            QStringLiteral("demo.qualification-certificate"),
            QStringLiteral("demo.road-transport-certificate")});
    CHECK(loaded->at(0).fields.size() == demoProfile("road-transport-certificate").fields.size());
    CHECK(loadCardProfiles(**store, QDate(2024, 12, 31))->isEmpty()); // not yet in force

    SECTION("a profile error the shape check cannot see is refused by the devices validator")
    {
        QJsonArray bad = profiles;
        bad[1] = edited(bad.at(1), {QStringLiteral("fields"), 2, QStringLiteral("encoding")},
            QStringLiteral("utf-16"));
        auto body = pack(2, bad);
        auto parsed = rules::parsePack(*rules::signPack(body, *key));
        REQUIRE(parsed);
        CHECK(rules::validatePackContent(*parsed)); // core: the shape is fine
        auto refused = (*store)->import(*rules::signPack(body, *key), validator);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().message.contains(QLatin1String("fields[2].encoding")));
        CHECK(refused.error().message.startsWith(QLatin1String("Card profile 2:")));
        CHECK((*store)->all()->size() == 1); // nothing stored
    }
    SECTION("core refuses a pack without profiles or with a profile without an id")
    {
        auto empty = rules::parsePack(*rules::signPack(pack(2, {}), *key));
        REQUIRE(empty);
        CHECK_FALSE(rules::validatePackContent(*empty));
        QJsonArray noId = profiles;
        noId[0] = edited(noId.at(0), {QStringLiteral("id")}, QJsonValue(QJsonValue::Undefined));
        auto withoutId = rules::parsePack(*rules::signPack(pack(2, noId), *key));
        REQUIRE(withoutId);
        auto status = rules::validatePackContent(*withoutId);
        REQUIRE_FALSE(status);
        CHECK(status.error().message.contains(QLatin1String("id")));
    }
}
