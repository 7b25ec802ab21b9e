// The built-in PC/SC plugin (fieldcase.cardreader.pcsc) as the app sees it: a CardReaderDevice
// made from a profile slot, on a real pcscd + vpcd with the scripted demo card.
#include "devices/api/devicekinds.h"
#include "devices/api/pluginregistry.h"
#include "devices/plugins/builtin/builtinplugins.h"
#include "tests/support/pcscharness.h"
#include "tests/support/vpcdcard.h"
#include "tests/unit/devices/cardreader/cardtestutil.h"

#include <QSignalSpy>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::devices;
using namespace fieldcase::devices::cardtest;

namespace {

std::unique_ptr<Device> makeReader()
{
    registerBuiltinDevicePlugins();
    PluginRegistry registry;
    registry.addStaticPlugins();
    auto device
        = registry.create(QStringLiteral("cardreader"), QStringLiteral("fieldcase.cardreader.pcsc"),
            {{QStringLiteral("reader"), QString::fromLatin1(test::PcscHarness::kReaderName)},
                {QStringLiteral("profiles"),
                    QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/cardprofiles")},
                {QStringLiteral("pollMs"), 300}});
    INFO((device ? QString() : device.error().message).toStdString());
    REQUIRE(device);
    return std::move(*device);
}

SelfTestReport selfTest(Device& device)
{
    QSignalSpy spy(&device, &Device::selfTestFinished);
    device.runSelfTest(2000);
    REQUIRE(spy.wait(5000));
    return spy.at(0).at(0).value<SelfTestReport>();
}

} // namespace

TEST_CASE("PC/SC plugin: states, card presence, a profile read and PIN checks", "[pcsc][plugin]")
{
    test::PcscHarness pcscd;
    REQUIRE(pcscd.started());
    auto device = makeReader();
    auto* reader = deviceAs<CardReaderDevice>(device.get());
    REQUIRE(reader);
    CHECK_FALSE(reader->simulated());
    reader->start();
    REQUIRE(waitUntil([&] { return reader->state() == DeviceState::Ready; }));
    CHECK_FALSE(reader->cardPresent());
    const SelfTestReport empty = selfTest(*reader);
    CHECK(empty.passed()); // service, reader and profiles: a card is not needed

    test::VpcdCard card;
    script(card, "qualification-certificate");
    REQUIRE(card.insert());
    REQUIRE(waitUntil([&] { return reader->cardPresent(); }));

    const CardProfile profile = demoProfile("qualification-certificate");
    QSignalSpy read(reader, &CardReaderDevice::cardRead);
    QSignalSpy failed(reader, &CardReaderDevice::cardReadFailed);
    const quint64 ticket = reader->readCard(profile.id);
    REQUIRE(waitUntil([&] { return !read.isEmpty() || !failed.isEmpty(); }, 10000));
    INFO((failed.isEmpty() ? QString() : failed.at(0).at(1).toString()).toStdString());
    REQUIRE(read.size() == 1);
    CHECK(read.at(0).at(0).toULongLong() == ticket);
    const auto readout = read.at(0).at(1).value<CardReadout>();
    CHECK(readout.cardKind == QStringLiteral("qualification-certificate"));
    CHECK_FALSE(readout.simulated);
    CHECK_FALSE(readout.fields.isEmpty());
    // Every field the reader returned is one the profile defines.
    for (auto it = readout.fields.cbegin(); it != readout.fields.cend(); ++it)
        CHECK(profile.field(it.key()) != nullptr);

    reader->readCard(QStringLiteral("no-such-profile"));
    REQUIRE(waitUntil([&] { return !failed.isEmpty(); }));
    CHECK(failed.at(0).at(1).toString().contains(QStringLiteral("no-such-profile")));

    if (profile.pin) {
        QSignalSpy pin(reader, &CardReaderDevice::pinVerified);
        reader->verifyPin(profile.id, QStringLiteral("000000"));
        REQUIRE(waitUntil([&] { return !pin.isEmpty(); }, 10000));
        const auto outcome = pin.at(0).at(1).value<PinOutcome>();
        CHECK(outcome.result == PinOutcome::Result::WrongPin);
        CHECK(outcome.triesLeft >= 0);
        reader->verifyPin(profile.id, QStringLiteral("1234")); // the card image's PIN
        REQUIRE(waitUntil([&] { return pin.size() == 2; }, 10000));
        CHECK(pin.at(1).at(1).value<PinOutcome>().result == PinOutcome::Result::Verified);
    }

    // pcscd killed: the device says so, and comes back by itself when pcscd does.
    pcscd.kill();
    REQUIRE(waitUntil([&] { return reader->state() == DeviceState::Error; }, 10000));
    CHECK(reader->lastError().contains(QStringLiteral("pcscd")));
    CHECK_FALSE(selfTest(*reader).passed());
    card.remove();
    REQUIRE(pcscd.start());
    REQUIRE(waitUntil([&] { return reader->state() == DeviceState::Ready; }, 10000));
}
