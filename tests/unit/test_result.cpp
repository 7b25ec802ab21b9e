#include "core/util/clock.h"
#include "core/util/result.h"

#include <catch2/catch.hpp>

using namespace fieldcase;

namespace {
Result<int> half(int v)
{
    if (v % 2)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("odd"), QString::number(v));
    return v / 2;
}
Status quarterIsEven(int v)
{
    auto h = half(v);
    if (!h)
        return fail(h.error());
    FC_TRY(half(*h));
    return {};
}
} // namespace

TEST_CASE("Result carries values and errors", "[util]")
{
    REQUIRE(half(4).value() == 2);
    auto r = half(3);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(r.error().toString() == QStringLiteral("invalid-argument: odd [3]"));
    CHECK(quarterIsEven(8));
    CHECK_FALSE(quarterIsEven(6));
}

TEST_CASE("ManualClock moves only when told", "[util]")
{
    ManualClock c(1000);
    CHECK(c.nowMs() == 1000);
    c.advanceMs(500);
    CHECK(c.now().toMSecsSinceEpoch() == 1500);
    CHECK(Clock::system().nowMs() > 1'700'000'000'000);
}
