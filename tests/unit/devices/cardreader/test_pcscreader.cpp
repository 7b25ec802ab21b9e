// PcscReader (the UI's watcher) on a real pcscd + vpcd: state follows card insert/remove, reads
// run off the GUI thread, and the same object recovers from pcscd being killed (-9) and from
// the reader going away. A USB reader cannot be unplugged here: "unplugged" is pcscd restarted
// with an empty reader.conf.d, which is what pcscd shows when the reader's device disappears.
#include "devices/cardreader/pcscreader.h"
#include "tests/support/pcscharness.h"
#include "tests/support/vpcdcard.h"
#include "tests/unit/devices/cardreader/cardtestutil.h"

#include <QElapsedTimer>
#include <QTimer>

#include <catch2/catch.hpp>
#include <ctime>
#include <memory>

using namespace fieldcase;
using namespace fieldcase::devices;
using namespace fieldcase::devices::cardtest;
using fieldcase::test::PcscHarness;
using fieldcase::test::VpcdCard;
using State = PcscReader::State;

namespace {

const QString kReader = QString::fromLatin1(PcscHarness::kReaderName);

// Every state the reader announced, in order.
struct StateLog
{
    explicit StateLog(PcscReader& reader)
    {
        QObject::connect(
            &reader, &PcscReader::stateChanged, &reader, [this](State s) { states << s; });
    }
    // Whether `expected` occurs in order (other states may come in between).
    [[nodiscard]] bool passedThrough(const QList<State>& expected) const
    {
        qsizetype next = 0;
        for (const State s : states)
            if (next < expected.size() && s == expected.at(next))
                ++next;
        return next == expected.size();
    }
    QList<State> states;
};

template<typename T>
T await(const QFuture<T>& future)
{
    REQUIRE(waitUntil([&] { return future.isFinished(); }, 10000));
    REQUIRE_FALSE(future.isCanceled());
    return future.result();
}

bool waitForState(const PcscReader& reader, State state, int timeoutMs = 5000)
{
    return waitUntil([&] { return reader.state() == state; }, timeoutMs);
}

// CPU seconds this process used while the event loop ran for ms: a watcher that spins instead
// of blocking in SCardGetStatusChange shows up here.
double cpuWhileWaiting(int ms)
{
    const std::clock_t before = std::clock();
    waitUntil([] { return false; }, ms);
    return double(std::clock() - before) / CLOCKS_PER_SEC;
}

} // namespace

TEST_CASE(
    "PcscReader follows card insert and remove and reads off the GUI thread", "[pcsc][reader]")
{
    PcscHarness pcscd;
    REQUIRE(pcscd.started());
    const CardProfile profile = demoProfile("road-transport-certificate");
    PcscReader reader;
    reader.setReaderFilter(kReader);
    reader.setPollIntervalMs(300);
    StateLog log(reader);
    QList<QByteArray> cards;
    QObject::connect(
        &reader, &PcscReader::cardChanged, &reader, [&](const QByteArray& atr) { cards << atr; });
    reader.start();
    REQUIRE(waitForState(reader, State::NoCard));
    CHECK(reader.readers() == QStringList {kReader});
    CHECK(cpuWhileWaiting(600) < 0.2);

    VpcdCard card;
    script(card, "road-transport-certificate");
    REQUIRE(card.insert());
    REQUIRE(waitForState(reader, State::CardPresent));
    const QByteArray atr = QByteArray::fromHex("3B888001464344454D4F52544E");
    CHECK(reader.atr() == atr);
    CHECK(reader.activeReader() == kReader);
    REQUIRE(!cards.isEmpty());
    CHECK(cards.last() == atr);

    // A slow card (60 ms per answer): the call returns at once and the event loop keeps going.
    card.setResponseDelayMs(60);
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start();
    QElapsedTimer timer;
    timer.start();
    auto future = reader.readCard(profile);
    CHECK(timer.elapsed() < 50);
    CHECK(reader.state() == State::Reading);
    auto data = await(future);
    ticker.stop();
    REQUIRE(data);
    CHECK(timer.elapsed() >= 6 * 60); // six APDUs really went to the card
    CHECK(ticks >= 15);
    CHECK(data->text(u"plateNumber") == QStringLiteral("京A12345"));
    CHECK(data->text(u"businessScope") == QStringLiteral("道路普通货物运输"));
    CHECK(reader.state() == State::CardPresent);
    card.setResponseDelayMs(0);

    auto pin = await(reader.verifyPin(profile, QStringLiteral("000000")));
    REQUIRE(pin);
    CHECK(pin->status == PinCheck::Status::WrongPin);
    CHECK(pin->triesLeft == 2);

    card.remove();
    REQUIRE(waitForState(reader, State::NoCard));
    CHECK(cards.last().isEmpty());
    CHECK(reader.atr().isEmpty());
    CHECK(reader.activeReader().isEmpty());
    auto none = await(reader.readCard(profile));
    REQUIRE_FALSE(none);
    CHECK(none.error().message == QStringLiteral("There is no card in the reader."));
    CHECK(reader.lastError() == QStringLiteral("There is no card in the reader."));

    REQUIRE(card.insert());
    REQUIRE(waitForState(reader, State::CardPresent));
    auto again = await(reader.readCard(profile, QStringLiteral("123456")));
    REQUIRE(again);
    CHECK(again->text(u"inspectionUnit") == QStringLiteral("示范市交通运输综合执法支队"));
    CHECK(log.passedThrough({State::NoCard, State::CardPresent, State::Reading, State::CardPresent,
        State::NoCard, State::CardPresent, State::Reading, State::CardPresent}));
    card.remove();
}

TEST_CASE("PcscReader recovers from pcscd killed with -9 and restarted, without being recreated",
    "[pcsc][reader]")
{
    PcscHarness pcscd;
    REQUIRE(pcscd.started());
    const CardProfile profile = demoProfile("qualification-certificate");
    PcscReader reader;
    reader.setReaderFilter(kReader);
    reader.setPollIntervalMs(300);
    StateLog log(reader);
    reader.start();
    VpcdCard card;
    script(card, "qualification-certificate");
    REQUIRE(card.insert());
    REQUIRE(waitForState(reader, State::CardPresent));
    REQUIRE(await(reader.readCard(profile)));

    pcscd.kill();
    REQUIRE(waitForState(reader, State::NoService));
    CHECK(reader.lastError()
        == QStringLiteral("The smart card service (pcscd) is not running. Restart the terminal or "
                          "call county IT."));
    CHECK(reader.readers().isEmpty());
    REQUIRE(waitUntil([&] { return !card.inserted(); })); // vpcd died with pcscd
    auto down = await(reader.readCard(profile));
    REQUIRE_FALSE(down);
    CHECK(down.error().message
        == QStringLiteral("The smart card service (pcscd) is not running. Restart the terminal or "
                          "call county IT."));
    CHECK(cpuWhileWaiting(500) < 0.2); // retries on a timer, not in a loop

    REQUIRE(pcscd.start());
    REQUIRE(waitForState(reader, State::NoCard));
    REQUIRE(card.insert());
    REQUIRE(waitForState(reader, State::CardPresent));
    auto data = await(reader.readCard(profile));
    if (!data)
        FAIL(data.error().toString().toStdString());
    CHECK(data->text(u"holderName") == QStringLiteral("张三"));
    CHECK(log.passedThrough(
        {State::CardPresent, State::NoService, State::NoCard, State::CardPresent}));
    card.remove();
}

TEST_CASE(
    "PcscReader shows NoReader while the reader is gone and picks it up again", "[pcsc][reader]")
{
    PcscHarness pcscd;
    REQUIRE(pcscd.started());
    const CardProfile profile = demoProfile("officer-certificate");
    PcscReader reader;
    reader.setPollIntervalMs(300);
    StateLog log(reader);
    QList<QStringList> readerLists;
    QObject::connect(&reader, &PcscReader::readersChanged, &reader,
        [&](const QStringList& names) { readerLists << names; });
    reader.start();
    REQUIRE(waitForState(reader, State::NoCard));
    CHECK(reader.readers().contains(kReader)); // no filter: both vpcd slots count

    pcscd.kill();
    REQUIRE(pcscd.start(false)); // the reader's device is gone
    const bool noReader = waitForState(reader, State::NoReader);
    INFO("state " << int(reader.state()) << ": " << reader.lastError().toStdString() << "\n"
                  << pcscd.log().right(1500).toStdString());
    REQUIRE(noReader);
    CHECK(reader.readers().isEmpty());
    CHECK(reader.lastError() == QStringLiteral("The card reader is not connected."));
    auto read = await(reader.readCard(profile));
    REQUIRE_FALSE(read);
    CHECK(read.error().code == ErrorCode::NotFound);
    CHECK(read.error().message == QStringLiteral("The card reader is not connected."));
    CHECK(cpuWhileWaiting(500) < 0.2); // waits in SCardGetStatusChange with no reader too

    pcscd.kill();
    REQUIRE(pcscd.start(true));
    REQUIRE(waitForState(reader, State::NoCard));
    VpcdCard card;
    script(card, "officer-certificate");
    REQUIRE(card.insert());
    REQUIRE(waitForState(reader, State::CardPresent));
    auto data = await(reader.readCard(profile));
    REQUIRE(data);
    CHECK(data->text(u"officerName") == QStringLiteral("李四"));
    CHECK(log.passedThrough({State::NoCard, State::NoService, State::NoReader, State::NoService,
        State::NoCard, State::CardPresent}));
    REQUIRE(readerLists.size() >= 3);
    CHECK(readerLists.contains(QStringList()));
    CHECK(readerLists.last().contains(kReader));
    card.remove();
}

TEST_CASE(
    "A PcscReader destroyed during a read cancels the future and does not crash", "[pcsc][reader]")
{
    PcscHarness pcscd;
    REQUIRE(pcscd.started());
    VpcdCard card;
    script(card, "road-transport-certificate");
    auto reader = std::make_unique<PcscReader>();
    reader->setReaderFilter(kReader);
    reader->start();
    REQUIRE(card.insert());
    REQUIRE(waitForState(*reader, State::CardPresent));
    card.setResponseDelayMs(50);
    auto future = reader->readCard(demoProfile("road-transport-certificate"));
    reader.reset(); // waits for the running read, then drops its answer
    REQUIRE(waitUntil([&] { return future.isFinished(); }, 5000));
    CHECK(future.isCanceled());
    card.remove();
}
