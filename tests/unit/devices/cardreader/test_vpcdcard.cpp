// The virtual card itself, without pcscd: its answers follow ISO/IEC 7816-4, so the reader
// tests that rely on it test the reader and not the emulator's quirks.
#include "tests/support/vpcdcard.h"
#include "tests/unit/devices/cardreader/cardtestutil.h"

#include <catch2/catch.hpp>

using namespace fieldcase::devices::cardtest;
using fieldcase::test::VpcdCard;

namespace {

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', ""));
}

// The status word of the answer, as hex.
QString sw(VpcdCard& card, const char* apdu)
{
    return QString::fromLatin1(card.respond(hex(apdu)).right(2).toHex().toUpper());
}

} // namespace

TEST_CASE("The virtual card answers like an ISO 7816-4 card", "[vpcdcard]")
{
    VpcdCard card;
    script(card, "road-transport-certificate");

    // Nothing selected yet.
    CHECK(sw(card, "00 B0 00 00 10") == QLatin1String("6986"));
    CHECK(sw(card, "00 A4 00 0C 02 00 15") == QLatin1String("6A82"));
    // Unknown AID, wrong P2, wrong class, unknown instruction, bad length.
    CHECK(sw(card, "00 A4 04 0C 05 A0 00 00 00 01") == QLatin1String("6A82"));
    CHECK(sw(card, "00 A4 04 08 09 F0 46 43 44 45 4D 4F 52 54") == QLatin1String("6A86"));
    CHECK(sw(card, "80 A4 04 0C 09 F0 46 43 44 45 4D 4F 52 54") == QLatin1String("6E00"));
    CHECK(sw(card, "00 CA 00 00 00") == QLatin1String("6D00"));
    CHECK(sw(card, "00 A4 04 0C 09 F0 46") == QLatin1String("6700"));

    // SELECT with FCI: 6F { 84 AID, A5 }.
    const QByteArray fci = card.respond(hex("00 A4 04 00 09 F0 46 43 44 45 4D 4F 52 54 00"));
    CHECK(fci == hex("6F 0D 84 09 F0 46 43 44 45 4D 4F 52 54 A5 00 90 00"));
    CHECK(sw(card, "00 A4 00 0C 02 00 99") == QLatin1String("6A82"));
    CHECK(sw(card, "00 A4 00 0C 02 00 15") == QLatin1String("9000"));

    // READ BINARY: offsets, short end (6282), beyond the end (6B00), wrong structure.
    CHECK(card.respond(hex("00 B0 00 00 03")) == hex("BE A9 41 90 00"));
    CHECK(card.respond(hex("00 B0 00 48 04")) == hex("20 24 03 15 90 00"));
    CHECK(card.respond(hex("00 B0 00 4E 08")) == hex("03 14 62 82"));
    CHECK(sw(card, "00 B0 00 50 01") == QLatin1String("6B00"));
    CHECK(sw(card, "00 B2 01 04 00") == QLatin1String("6981"));

    // READ RECORD on the record file; a missing record.
    CHECK(sw(card, "00 A4 00 0C 02 00 16") == QLatin1String("9000"));
    CHECK(card.respond(hex("00 B2 02 04 00")).left(3) == QByteArray("\xE9\x81\x93"));
    CHECK(sw(card, "00 B2 03 04 00") == QLatin1String("6A83"));
    CHECK(sw(card, "00 B0 00 00 01") == QLatin1String("6981"));

    // The PIN-protected file needs VERIFY first; the counter is kept and restored.
    CHECK(sw(card, "00 A4 00 0C 02 00 18") == QLatin1String("9000"));
    CHECK(sw(card, "00 B0 00 00 04") == QLatin1String("6982"));
    CHECK(sw(card, "00 20 00 01") == QLatin1String("63C3"));
    CHECK(sw(card, "00 20 00 02 03 12 34 56") == QLatin1String("6A88")); // other reference
    CHECK(sw(card, "00 20 00 01 03 99 99 99") == QLatin1String("63C2"));
    CHECK(card.pinTriesLeft() == 2);
    CHECK(sw(card, "00 20 00 01 03 12 34 56") == QLatin1String("9000"));
    CHECK(card.pinTriesLeft() == 3);
    CHECK(card.respond(hex("00 B0 00 00 04")) == hex("20 26 11 01 90 00"));
    CHECK(sw(card, "00 20 00 01") == QLatin1String("9000"));

    CHECK(card.log().size() == 27);
    CHECK(card.log().first() == QLatin1String("C: 00B0000010 R: 6986"));
}
