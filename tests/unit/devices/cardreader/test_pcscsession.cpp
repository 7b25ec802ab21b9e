// PcscSession on a real pcscd with the vpcd reader and a scripted virtual card: every demo
// profile read field by field, PIN counting and blocking, missing files and records, the wrong
// card, and a card pulled out between reads.
#include "devices/cardreader/pcscreader.h"
#include "tests/support/pcscharness.h"
#include "tests/support/vpcdcard.h"
#include "tests/unit/devices/cardreader/cardtestutil.h"

#include <QJsonArray>
#include <QThread>

#include <catch2/catch.hpp>
#include <thread>

using namespace fieldcase;
using namespace fieldcase::devices;
using namespace fieldcase::devices::cardtest;
using fieldcase::test::PcscHarness;
using fieldcase::test::VpcdCard;

namespace {

const QString kReader = QString::fromLatin1(PcscHarness::kReaderName);

// Inserts the card and waits until pcscd reports it (pcscd polls vpcd for presence).
void insertAndWait(VpcdCard& card, PcscSession& session)
{
    REQUIRE(card.insert());
    auto reader = session.waitForCard(true, 5000, kReader);
    if (!reader)
        FAIL(reader.error().toString().toStdString());
    CHECK(*reader == kReader);
}

void removeAndWait(VpcdCard& card, PcscSession& session)
{
    card.remove();
    auto reader = session.waitForCard(false, 5000, kReader);
    if (!reader)
        FAIL(reader.error().toString().toStdString());
}

CardData mustRead(PcscSession& session, const CardProfile& profile, const QString& pin = {})
{
    auto data = session.readCard(profile, {}, pin);
    if (!data)
        FAIL(data.error().toString().toStdString());
    return *data;
}

// Every APDU the card saw whose hex starts with prefix.
QStringList commands(const VpcdCard& card, const QString& prefix)
{
    QStringList out;
    for (const QString& line : card.log())
        if (line.startsWith(QStringLiteral("C: ") + prefix))
            out << line;
    return out;
}

} // namespace

TEST_CASE("Each demo profile reads its card through pcscd and vpcd", "[pcsc][session]")
{
    PcscHarness pcscd;
    REQUIRE(pcscd.started());
    INFO(pcscd.error().toStdString());
    PcscSession session;
    auto readers = session.listReaders();
    REQUIRE(readers);
    CHECK(readers->contains(kReader));
    VpcdCard card;

    SECTION("road transport certificate: GBK, BCD, dates, records with TLV, PIN in BCD")
    {
        const CardProfile profile = demoProfile("road-transport-certificate");
        script(card, "road-transport-certificate");
        insertAndWait(card, session);
        CardData data = mustRead(session, profile);
        CHECK(data.profileId == QLatin1String("demo.road-transport-certificate"));
        CHECK(data.demo);
        CHECK(data.reader == kReader);
        CHECK(data.atr == QByteArray::fromHex("3B88800146434445 4D4F52544E"));
        CHECK(data.text(u"plateNumber") == QStringLiteral("京A12345"));
        CHECK(data.text(u"plateColourCode") == QStringLiteral("2"));
        CHECK(data.text(u"certificateNumber") == QStringLiteral("110108123456"));
        CHECK(data.text(u"operatorName") == QStringLiteral("北京示范运输有限公司"));
        CHECK(data.text(u"issuedOn") == QStringLiteral("2024-03-15"));
        CHECK(data.text(u"validUntil") == QStringLiteral("2028-03-14"));
        CHECK(data.text(u"vehicleType") == QStringLiteral("重型半挂牵引车"));
        CHECK(data.text(u"approvedLoadKg") == QStringLiteral("40000"));
        CHECK(data.text(u"businessScope") == QStringLiteral("道路普通货物运输"));
        CHECK(data.fields.size() == 9);
        CHECK(data.lockedFields
            == QStringList {QStringLiteral("lastInspectedOn"), QStringLiteral("inspectionUnit")});
        CHECK_FALSE(data.has(u"lastInspectedOn"));
        // SELECT without FCI (P2=0C), one READ BINARY of the 80 declared bytes, no PIN file read.
        CHECK(commands(card, QStringLiteral("00A4040C09F04643444")).size() == 1);
        CHECK(commands(card, QStringLiteral("00B0000050")).size() == 1);
        CHECK(commands(card, QStringLiteral("00A4000C020018")).isEmpty());

        data = mustRead(session, profile, QStringLiteral("123456"));
        CHECK(data.lockedFields.isEmpty());
        CHECK(data.text(u"lastInspectedOn") == QStringLiteral("2026-11-01"));
        CHECK(data.text(u"inspectionUnit") == QStringLiteral("示范市交通运输综合执法支队"));
        CHECK(commands(card, QStringLiteral("0020000103123456")).size() == 1);
    }
    SECTION("qualification certificate: FCI, delimited text read to its end, record TLV, ASCII PIN")
    {
        const CardProfile profile = demoProfile("qualification-certificate");
        script(card, "qualification-certificate");
        insertAndWait(card, session);
        const CardData data = mustRead(session, profile);
        CHECK(data.text(u"holderName") == QStringLiteral("张三"));
        CHECK(data.text(u"idNumber") == QStringLiteral("110101199001011234"));
        CHECK(data.text(u"qualificationCategory") == QStringLiteral("道路货物运输驾驶员"));
        CHECK(data.text(u"validUntil") == QStringLiteral("2029-12-31"));
        CHECK(data.text(u"certificateNumber") == QStringLiteral("QC-110101-000123"));
        CHECK(data.text(u"issuingAuthority") == QStringLiteral("示范市道路运输管理局"));
        CHECK(data.lockedFields == QStringList {QStringLiteral("integrityRating")});
        // P2=00 asks for the FCI; the 448-byte file takes two 224-byte chunks, then 6B00 ends it.
        CHECK(commands(card, QStringLiteral("00A4040009")).size() == 1);
        const QStringList reads = commands(card, QStringLiteral("00B0"));
        REQUIRE(reads.size() == 3);
        CHECK(reads.at(0).startsWith(QStringLiteral("C: 00B00000E0 R: 9000")));
        CHECK(reads.at(1).startsWith(QStringLiteral("C: 00B000E0E0 R: 9000")));
        CHECK(reads.at(2).startsWith(QStringLiteral("C: 00B001C0E0 R: 6B00")));

        const CardData withPin = mustRead(session, profile, QStringLiteral("1234"));
        CHECK(withPin.text(u"integrityRating") == QStringLiteral("AA"));
    }
    SECTION("officer certificate: data objects in a template, PIN reference 81")
    {
        const CardProfile profile = demoProfile("officer-certificate");
        script(card, "officer-certificate");
        insertAndWait(card, session);
        const CardData data = mustRead(session, profile);
        CHECK(data.text(u"officerName") == QStringLiteral("李四"));
        CHECK(data.text(u"certificateNumber") == QStringLiteral("13010119880001"));
        CHECK(data.text(u"agency") == QStringLiteral("示范市交通运输综合行政执法支队"));
        CHECK(data.text(u"enforcementArea") == QStringLiteral("道路运政"));
        CHECK(data.text(u"validUntil") == QStringLiteral("2030-12-31"));
        CHECK(data.lockedFields == QStringList {QStringLiteral("personalIdNumber")});
        const CardData withPin = mustRead(session, profile, QStringLiteral("246810"));
        CHECK(withPin.text(u"personalIdNumber") == QStringLiteral("110101198801011236"));
    }
    SECTION("the card says which profile fits it")
    {
        script(card, "qualification-certificate");
        insertAndWait(card, session);
        const QList<CardProfile> all {demoProfile("road-transport-certificate"),
            demoProfile("officer-certificate"), demoProfile("qualification-certificate")};
        auto detected = session.detectProfile(all);
        REQUIRE(detected);
        CHECK(detected->id == QLatin1String("demo.qualification-certificate"));
        auto none = session.detectProfile(all.mid(0, 2));
        REQUIRE_FALSE(none);
        CHECK(none.error().code == ErrorCode::NotFound);
    }
    card.remove();
}

TEST_CASE("A card pulled out in the middle of a read fails that read cleanly", "[pcsc][session]")
{
    PcscHarness pcscd;
    REQUIRE(pcscd.started());
    PcscSession session;
    VpcdCard card;
    const CardProfile profile = demoProfile("road-transport-certificate");
    script(card, "road-transport-certificate");
    insertAndWait(card, session);
    card.setResponseDelayMs(150);
    Result<CardData> read = fail(ErrorCode::Internal, QString());
    std::thread reading([&] { read = session.readCard(profile); });
    QThread::msleep(350); // two or three APDUs in
    card.remove();
    reading.join();
    REQUIRE_FALSE(read);
    INFO(read.error().toString().toStdString());
    CHECK(read.error().code == ErrorCode::NotFound);
    CHECK(read.error().message
        == QStringLiteral("The card was removed while it was being read. Insert it again."));
    // The session (and pcscd) carry on: the card reinserted reads again.
    card.setResponseDelayMs(0);
    insertAndWait(card, session);
    CHECK(mustRead(session, profile).text(u"plateNumber") == QStringLiteral("京A12345"));
    card.remove();
}

TEST_CASE("PIN checks count down, block, and the right PIN resets the counter", "[pcsc][session]")
{
    PcscHarness pcscd;
    REQUIRE(pcscd.started());
    PcscSession session;
    VpcdCard card;
    const CardProfile profile = demoProfile("road-transport-certificate");
    script(card, "road-transport-certificate");
    insertAndWait(card, session);

    const auto verify = [&](const char* pin) {
        auto r = session.verifyPin(profile, QString::fromLatin1(pin));
        if (!r)
            FAIL(r.error().toString().toStdString());
        return *r;
    };

    auto status = session.pinStatus(profile);
    REQUIRE(status);
    CHECK(status->status == PinCheck::Status::NotVerified);
    CHECK(status->triesLeft == 3);

    PinCheck r = verify("000000");
    CHECK(r.status == PinCheck::Status::WrongPin);
    CHECK(r.triesLeft == 2);
    CHECK(r.message() == QStringLiteral("Wrong PIN: 2 tries left."));
    CHECK(card.pinTriesLeft() == 2);

    r = verify("123456");
    CHECK(r.status == PinCheck::Status::Verified);
    CHECK(card.pinTriesLeft() == 3);
    // The session reset the card afterwards: the PIN is not left verified for anyone else.
    CHECK(session.pinStatus(profile)->status == PinCheck::Status::NotVerified);

    SECTION("a wrong PIN fails a protected read and costs a try")
    {
        auto read = session.readCard(profile, {}, QStringLiteral("654321"));
        REQUIRE_FALSE(read);
        CHECK(read.error().code == ErrorCode::PermissionDenied);
        CHECK(read.error().message == QStringLiteral("Wrong PIN: 2 tries left."));
        CHECK(card.pinTriesLeft() == 2);
    }
    SECTION("a malformed PIN never reaches the card")
    {
        card.clearLog();
        auto bad = session.verifyPin(profile, QStringLiteral("12"));
        REQUIRE_FALSE(bad);
        CHECK(bad.error().code == ErrorCode::InvalidArgument);
        CHECK(commands(card, QStringLiteral("0020")).isEmpty());
        CHECK(card.pinTriesLeft() == 3);
    }
    SECTION("three wrong PINs block it; then even the right one is refused")
    {
        CHECK(verify("111111").triesLeft == 2);
        CHECK(verify("222222").triesLeft == 1);
        r = verify("333333");
        CHECK(r.status == PinCheck::Status::Blocked); // 63C0
        CHECK(r.triesLeft == 0);
        r = verify("123456");
        CHECK(r.status == PinCheck::Status::Blocked); // 6983
        CHECK(commands(card, QStringLiteral("0020000103123456"))
                  .last()
                  .endsWith(QLatin1String("R: 6983")));
        auto read = session.readCard(profile, {}, QStringLiteral("123456"));
        REQUIRE_FALSE(read);
        CHECK(read.error().message.contains(QLatin1String("blocked")));
        // Public data stays readable without the PIN.
        CHECK(mustRead(session, profile).text(u"plateNumber") == QStringLiteral("京A12345"));
    }
    SECTION("no PIN in the profile, or a card that does not know VERIFY: not supported")
    {
        CardProfile noPin = profile;
        noPin.pin.reset();
        CHECK(session.verifyPin(noPin, QStringLiteral("123456"))->status
            == PinCheck::Status::NotSupported);

        QJsonObject image = cardImage("road-transport-certificate");
        image.remove(QStringLiteral("pin"));
        QString error;
        REQUIRE(card.loadJson(image, &error));
        r = verify("123456");
        CHECK(r.status == PinCheck::Status::NotSupported); // 6D00
        CHECK(commands(card, QStringLiteral("0020")).last().endsWith(QLatin1String("R: 6D00")));
    }
    card.remove();
}

TEST_CASE("Missing files and records, the wrong card and a pulled card give clear errors",
    "[pcsc][session]")
{
    PcscHarness pcscd;
    REQUIRE(pcscd.started());
    PcscSession session;
    VpcdCard card;
    const CardProfile profile = demoProfile("road-transport-certificate");
    QJsonObject image = cardImage("road-transport-certificate");
    const auto withFiles = [&](const std::function<void(QJsonArray&)>& edit) {
        QJsonObject copy = image;
        QJsonArray apps = copy.value(QStringLiteral("applications")).toArray();
        QJsonObject app = apps.at(0).toObject();
        QJsonArray files = app.value(QStringLiteral("files")).toArray();
        edit(files);
        app[QStringLiteral("files")] = files;
        apps[0] = app;
        copy[QStringLiteral("applications")] = apps;
        QString error;
        REQUIRE(card.loadJson(copy, &error));
    };

    SECTION("a file the profile expects is missing (6A82)")
    {
        withFiles([](QJsonArray& files) { files.removeAt(1); }); // 0016, the vehicle records
        insertAndWait(card, session);
        auto read = session.readCard(profile);
        REQUIRE_FALSE(read);
        CHECK(read.error().code == ErrorCode::NotFound);
        CHECK(read.error().message
            == QStringLiteral("The card has no file 0016 (\"vehicle\") that the profile "
                              "\"demo.road-transport-certificate\" expects."));
        CHECK(read.error().context == QLatin1String("6A82"));
    }
    SECTION("a record is missing (6A83)")
    {
        withFiles([](QJsonArray& files) {
            QJsonObject vehicle = files.at(1).toObject();
            vehicle[QStringLiteral("records")]
                = QJsonArray {vehicle.value(QStringLiteral("records")).toArray().at(0)};
            files[1] = vehicle;
        });
        insertAndWait(card, session);
        auto read = session.readCard(profile);
        REQUIRE_FALSE(read);
        CHECK(read.error().code == ErrorCode::NotFound);
        CHECK(read.error().message.startsWith(QLatin1String("Reading record 2 of file 0016")));
        CHECK(read.error().message.contains(QLatin1String("6A83")));
    }
    SECTION("a file shorter than the layout")
    {
        withFiles([](QJsonArray& files) {
            QJsonObject basic = files.at(0).toObject();
            basic[QStringLiteral("data")] = QStringLiteral("BEA94131323334350000000000000000");
            files[0] = basic;
        });
        insertAndWait(card, session);
        auto read = session.readCard(profile);
        REQUIRE_FALSE(read);
        CHECK(read.error().code == ErrorCode::Corrupt);
        CHECK(read.error().message.contains(QLatin1String("the data is only 16 bytes long")));
        CHECK(read.error().context == QLatin1String("plateColourCode"));
    }
    SECTION("a card of another kind")
    {
        script(card, "qualification-certificate");
        insertAndWait(card, session);
        auto read = session.readCard(profile);
        REQUIRE_FALSE(read);
        CHECK(read.error().code == ErrorCode::NotFound);
        CHECK(read.error().message.contains(QLatin1String("F04643444")));
    }
    SECTION("the card is pulled out and put back")
    {
        script(card, "road-transport-certificate");
        insertAndWait(card, session);
        CHECK(mustRead(session, profile).text(u"plateNumber") == QStringLiteral("京A12345"));
        removeAndWait(card, session);
        auto read = session.readCard(profile, kReader);
        REQUIRE_FALSE(read);
        CHECK(read.error().code == ErrorCode::NotFound);
        CHECK(read.error().message == QStringLiteral("There is no card in the reader."));
        auto any = session.readCard(profile); // no reader named: none holds a card
        REQUIRE_FALSE(any);
        CHECK(any.error().message == QStringLiteral("There is no card in the reader."));
        insertAndWait(card, session);
        CHECK(mustRead(session, profile).text(u"vehicleType") == QStringLiteral("重型半挂牵引车"));
    }
    card.remove();
}
