// The tus chunk size: about four seconds of sending on a steady link, much shorter on a link
// that cuts (a cut PATCH may be lost whole), remembered across uploads, fading with traffic.
#include "sync/tus/chunksizer.h"

#include <catch2/catch.hpp>

using fieldcase::sync::ChunkSizer;

TEST_CASE("Chunk size follows the link's throughput and shrinks on a link that cuts",
    "[sync][tus][chunk]")
{
    ChunkSizer sizer;
    CHECK(sizer.next() == 256 * 1024); // nothing measured yet

    SECTION("a steady 1 Mbit/s link: about four seconds per chunk")
    {
        for (int i = 0; i < 5; ++i)
            sizer.sent(125'000, 1000);
        CHECK(sizer.next() == 500'000);
    }

    SECTION("a fast link is capped; a dead-slow one is floored")
    {
        sizer.sent(100'000'000, 1000);
        CHECK(sizer.next() == qint64(8) << 20);
        ChunkSizer slow;
        slow.sent(1000, 1000);
        CHECK(slow.next() == 64 * 1024);
    }

    SECTION("after cuts, a chunk stays below a sixteenth of the bytes between cuts")
    {
        // 1 MB/s: 4 MB chunks while the link holds.
        for (int i = 0; i < 4; ++i)
            sizer.sent(1'000'000, 1000);
        CHECK(sizer.next() == 4'000'000);
        sizer.cut(); // 4 MB went through before this cut
        CHECK(sizer.next() == 4'000'000 / 16);
        for (int i = 0; i < 16; ++i)
            sizer.sent(250'000, 250);
        sizer.cut(); // 8 MB over two cuts: 4 MB between cuts
        CHECK(sizer.next() == 8'000'000 / 2 / 16);
    }

    SECTION("a failed PATCH halves the throughput estimate, so a chunk sized for a faster link "
            "shrinks until it fits")
    {
        sizer.sent(4'000'000, 1000); // depot Wi-Fi: 4 MB/s
        CHECK(sizer.bytesPerMs() == 4000);
        sizer.cut(); // on 3G now: the 8 MiB chunk timed out
        CHECK(sizer.bytesPerMs() == 2000);
        sizer.cut();
        CHECK(sizer.bytesPerMs() == 1000);
        CHECK(sizer.next() < 4'000'000 / 16);
    }

    SECTION("a short PATCH (a file's tail) does not drag the estimate down; forget starts afresh")
    {
        sizer.sent(1'000'000, 1000);
        sizer.sent(10'000, 300); // mostly the round trip
        CHECK(sizer.bytesPerMs() == 1000);
        sizer.forget();
        CHECK(sizer.next() == 256 * 1024);
        CHECK(sizer.toJson().isEmpty());
    }

    SECTION("what was learned survives a restart, and bad saved state is ignored")
    {
        sizer.sent(1'000'000, 1000);
        sizer.cut();
        ChunkSizer again;
        again.restore(sizer.toJson());
        CHECK(again.next() == sizer.next());
        CHECK(again.next() < 256 * 1024);

        ChunkSizer fresh;
        fresh.restore({{QStringLiteral("bytesPerMs"), -4}, {QStringLiteral("bytes"), 1},
            {QStringLiteral("cuts"), 1}});
        CHECK(fresh.next() == 256 * 1024);
        fresh.restore({{QStringLiteral("bytesPerMs"), QStringLiteral("fast")}});
        CHECK(fresh.next() == 256 * 1024);
        CHECK(ChunkSizer().toJson().isEmpty());
    }

    SECTION("old cuts fade once the link has carried a lot since")
    {
        sizer.sent(1'000'000, 1000);
        sizer.cut();
        const qint64 small = sizer.next();
        for (int i = 0; i < 600; ++i) // 600 MB without a cut on depot Wi-Fi
            sizer.sent(1'000'000, 1000);
        CHECK(sizer.next() > small);
        CHECK(sizer.next() == 4'000'000);
        CHECK(sizer.cuts() == 0);
    }
}
