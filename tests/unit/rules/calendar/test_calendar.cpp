// WorkingCalendar: the shipped calendar pack (2025, 2026 notices; provisional 2027), day kinds,
// working-day arithmetic across 调休 and holidays, and precise errors for malformed packs.
#include "core/rules/calendar.h"
#include "tests/support/sourcepacks.h"

#include <QFile>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::rules;

namespace {

QDate day(const char* iso)
{
    return QDate::fromString(QLatin1String(iso), Qt::ISODate);
}

WorkingCalendar shippedCalendar()
{
    auto calendar = WorkingCalendar::fromJson(test::readSourcePackContent("calendar.json"));
    if (!calendar)
        FAIL(calendar.error().toString().toStdString());
    return *calendar;
}

const char* kindName(DayKind kind)
{
    switch (kind) {
    case DayKind::Working:
        return "working";
    case DayKind::Weekend:
        return "weekend";
    case DayKind::Holiday:
        return "holiday";
    case DayKind::MakeUpWorkday:
        return "make-up";
    case DayKind::Unknown:
        return "unknown";
    }
    return "?";
}

} // namespace

TEST_CASE("The shipped calendar pack covers 2025–2027 with 2027 provisional", "[calendar]")
{
    QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference/calendar.json"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QJsonObject pack = QJsonDocument::fromJson(f.readAll()).object();
    CHECK(pack.value(QLatin1String("id")).toString() == QStringLiteral("cn.national.calendar"));
    CHECK(pack.value(QLatin1String("kind")).toString() == QStringLiteral("calendar"));
    CHECK(pack.value(QLatin1String("version")).toInt() == 1);
    CHECK(pack.value(QLatin1String("effectiveFrom")).toString() == QStringLiteral("2025-01-01"));
    CHECK(pack.value(QLatin1String("demo")).toBool(true) == false);

    const WorkingCalendar calendar = shippedCalendar();
    CHECK(calendar.years() == QList<int> {2025, 2026, 2027});
    CHECK_FALSE(calendar.isProvisional(2025));
    CHECK_FALSE(calendar.isProvisional(2026));
    CHECK(calendar.isProvisional(2027));
    REQUIRE(calendar.yearInfo(2025));
    CHECK(calendar.yearInfo(2025)->source.contains(QStringLiteral("国办发明电〔2024〕12号")));
    CHECK(calendar.yearInfo(2026)->source.contains(QStringLiteral("2025年11月4日")));
    CHECK(calendar.yearInfo(2027)->note.contains(QStringLiteral("暂定")));
    CHECK_FALSE(calendar.yearInfo(2028));
    CHECK(calendar.covers(day("2025-01-01")));
    CHECK(calendar.covers(day("2027-12-31")));
    CHECK_FALSE(calendar.covers(day("2024-12-31")));
    CHECK_FALSE(calendar.covers(day("2028-01-01")));
    CHECK_FALSE(calendar.covers(QDate()));
}

TEST_CASE("Day kinds follow the State Council notices", "[calendar]")
{
    const WorkingCalendar calendar = shippedCalendar();
    struct Row
    {
        const char* date;
        DayKind kind;
        const char* holiday;
    };
    const Row rows[] = {
        // 2025 (国办发明电〔2024〕12号)
        {"2025-01-01", DayKind::Holiday, "元旦"},
        {"2025-01-02", DayKind::Working, ""},
        {"2025-01-26", DayKind::MakeUpWorkday, "春节"}, // Sunday 上班
        {"2025-01-27", DayKind::Working, ""},
        {"2025-01-28", DayKind::Holiday, "春节"},
        {"2025-02-01", DayKind::Holiday, "春节"}, // a Saturday inside the block
        {"2025-02-04", DayKind::Holiday, "春节"},
        {"2025-02-05", DayKind::Working, ""},
        {"2025-02-08", DayKind::MakeUpWorkday, "春节"}, // Saturday 上班
        {"2025-02-09", DayKind::Weekend, ""},
        {"2025-04-04", DayKind::Holiday, "清明节"},
        {"2025-04-27", DayKind::MakeUpWorkday, "劳动节"},
        {"2025-05-05", DayKind::Holiday, "劳动节"},
        {"2025-06-02", DayKind::Holiday, "端午节"},
        {"2025-09-28", DayKind::MakeUpWorkday, "国庆节、中秋节"},
        {"2025-10-08", DayKind::Holiday, "国庆节、中秋节"},
        {"2025-10-09", DayKind::Working, ""},
        {"2025-10-11", DayKind::MakeUpWorkday, "国庆节、中秋节"},
        {"2025-10-12", DayKind::Weekend, ""},
        // 2026 (国务院办公厅 2025-11-04)
        {"2026-01-02", DayKind::Holiday, "元旦"},
        {"2026-01-03", DayKind::Holiday, "元旦"},
        {"2026-01-04", DayKind::MakeUpWorkday, "元旦"},
        {"2026-02-14", DayKind::MakeUpWorkday, "春节"},
        {"2026-02-15", DayKind::Holiday, "春节"},
        {"2026-02-23", DayKind::Holiday, "春节"}, // Monday
        {"2026-02-24", DayKind::Working, ""},
        {"2026-02-28", DayKind::MakeUpWorkday, "春节"},
        {"2026-04-06", DayKind::Holiday, "清明节"},
        {"2026-05-09", DayKind::MakeUpWorkday, "劳动节"},
        {"2026-06-19", DayKind::Holiday, "端午节"},
        {"2026-09-20", DayKind::MakeUpWorkday, "国庆节"},
        {"2026-09-25", DayKind::Holiday, "中秋节"},
        {"2026-10-01", DayKind::Holiday, "国庆节"},
        {"2026-10-07", DayKind::Holiday, "国庆节"},
        {"2026-10-08", DayKind::Working, ""},
        {"2026-10-10", DayKind::MakeUpWorkday, "国庆节"},
        {"2026-10-11", DayKind::Weekend, ""},
        {"2026-12-25", DayKind::Working, ""},
        // 2027 (provisional: statutory days only)
        {"2027-01-01", DayKind::Holiday, "元旦"},
        {"2027-02-05", DayKind::Holiday, "春节"}, // 除夕
        {"2027-02-08", DayKind::Holiday, "春节"}, // 初三
        {"2027-02-09", DayKind::Working, ""},
        {"2027-04-05", DayKind::Holiday, "清明节"},
        {"2027-05-03", DayKind::Working, ""}, // 补假 not yet known
        {"2027-06-09", DayKind::Holiday, "端午节"},
        {"2027-09-15", DayKind::Holiday, "中秋节"},
        {"2027-10-03", DayKind::Holiday, "国庆节"},
        {"2027-10-04", DayKind::Working, ""},
        // not covered
        {"2024-12-31", DayKind::Unknown, ""},
        {"2028-01-03", DayKind::Unknown, ""},
    };
    for (const Row& row : rows) {
        INFO(row.date);
        CHECK(std::string(kindName(calendar.kind(day(row.date)))) == kindName(row.kind));
        CHECK(calendar.holidayName(day(row.date)) == QString::fromUtf8(row.holiday));
        if (row.kind != DayKind::Unknown) {
            const bool working = row.kind == DayKind::Working || row.kind == DayKind::MakeUpWorkday;
            REQUIRE(calendar.isWorkingDay(day(row.date)));
            CHECK(*calendar.isWorkingDay(day(row.date)) == working);
        }
    }
}

TEST_CASE(
    "Every covered notice year keeps 248 working days, provisional 2027 lacks 补假", "[calendar]")
{
    // 365 days − 104 weekend days − 13 statutory days = 248 in 2025 and 2026: 调休 moves days
    // but never changes the total, so a typo in a block or a make-up day shows up here.
    const WorkingCalendar calendar = shippedCalendar();
    const auto workingDaysIn = [&](int year) {
        // The first day is not looked at, so 2024-12-31 (not covered) is fine as a start.
        auto count = calendar.workingDaysBetween(QDate(year - 1, 12, 31), QDate(year, 12, 31));
        REQUIRE(count);
        return *count;
    };
    CHECK(workingDaysIn(2025) == 248);
    CHECK(workingDaysIn(2026) == 248);
    // Statutory days only: 7 fall on weekdays, none of the weekend ones is made up (补假).
    CHECK(workingDaysIn(2027) == 254);
}

TEST_CASE("Asking about a year the calendar does not cover is an error, not a guess", "[calendar]")
{
    const WorkingCalendar calendar = shippedCalendar();
    auto before = calendar.isWorkingDay(day("2024-12-31"));
    REQUIRE_FALSE(before);
    CHECK(before.error().code == ErrorCode::NotFound);
    CHECK(before.error().context == QStringLiteral("2024-12-31"));
    CHECK(before.error().message.contains(QStringLiteral("2024")));
    CHECK(before.error().message.contains(QStringLiteral("2025, 2026, 2027")));

    auto after = calendar.addWorkingDays(day("2027-12-28"), 5);
    REQUIRE_FALSE(after);
    CHECK(after.error().code == ErrorCode::NotFound);
    CHECK(after.error().context == QStringLiteral("2028-01-01"));

    auto next = calendar.nextWorkingDay(day("2027-12-31"));
    REQUIRE_FALSE(next);
    CHECK(next.error().code == ErrorCode::NotFound);

    CHECK(calendar.isWorkingDay(QDate()).error().code == ErrorCode::InvalidArgument);
    CHECK(calendar.addWorkingDays(QDate(), 1).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("Working days are added across weekends, holidays and 调休 days", "[calendar]")
{
    const WorkingCalendar calendar = shippedCalendar();
    struct Row
    {
        const char* why;
        const char* start;
        int n;
        const char* expected;
    };
    const Row rows[] = {
        {"plain week", "2026-03-02", 3, "2026-03-05"},
        {"across a weekend", "2026-03-05", 2, "2026-03-09"},
        {"start on a Saturday", "2026-03-07", 1, "2026-03-09"},
        {"zero days", "2026-03-07", 0, "2026-03-07"},
        {"2026 National Day counts Saturday 10-10", "2026-09-28", 7, "2026-10-13"},
        {"2026 春节 counts Saturday 02-14, skips 02-15…23", "2026-02-12", 5, "2026-02-26"},
        {"2025 National Day counts Saturday 10-11", "2025-09-30", 7, "2025-10-16"},
        {"2025 National Day from the Friday before", "2025-09-26", 2, "2025-09-29"},
        {"2025 春节 counts Sunday 01-26", "2025-01-24", 5, "2025-02-07"},
        {"2025 春节 week itself", "2025-01-28", 1, "2025-02-05"},
        {"year boundary 2025→2026 with 元旦 and Sunday 01-04", "2025-12-30", 3, "2026-01-05"},
        {"year boundary 2026→2027 (provisional)", "2026-12-30", 2, "2027-01-04"},
        {"backwards across 2026 National Day", "2026-10-13", -7, "2026-09-28"},
        {"backwards across 2026 春节", "2026-02-26", -5, "2026-02-12"},
        {"backwards one day from a Monday", "2026-03-09", -1, "2026-03-06"},
    };
    for (const Row& row : rows) {
        INFO(row.why);
        auto result = calendar.addWorkingDays(day(row.start), row.n);
        REQUIRE(result);
        CHECK(*result == day(row.expected));
    }
}

TEST_CASE("Next and previous working days honour make-up days", "[calendar]")
{
    const WorkingCalendar calendar = shippedCalendar();
    CHECK(*calendar.nextWorkingDay(day("2026-09-30")) == day("2026-10-08"));
    CHECK(*calendar.nextWorkingDay(day("2026-10-09")) == day("2026-10-10"));
    CHECK(*calendar.nextWorkingDay(day("2025-01-24")) == day("2025-01-26"));
    CHECK(*calendar.nextWorkingDay(day("2026-03-02")) == day("2026-03-03"));
    CHECK(*calendar.previousWorkingDay(day("2026-10-08")) == day("2026-09-30"));
    CHECK(*calendar.previousWorkingDay(day("2026-10-12")) == day("2026-10-10"));
    CHECK(*calendar.workingDaysBetween(day("2026-09-30"), day("2026-10-12")) == 4);
    CHECK(*calendar.workingDaysBetween(day("2026-10-12"), day("2026-09-30")) == 0);
}

TEST_CASE("Malformed calendar packs are refused with the exact place", "[calendar]")
{
    // A valid year to start from; each case changes one thing.
    const char* valid = R"({"year": 2025, "provisional": false, "source": "通知",
        "holidays": [{"name": "春节", "from": "2025-01-28", "to": "2025-02-04"}],
        "makeUpWorkdays": [{"date": "2025-01-26", "name": "春节"}]})";
    struct Row
    {
        const char* why;
        QByteArray json;
        const char* path;
        const char* says;
    };
    const auto years = [](const QByteArray& list) { return "{\"years\": [" + list + "]}"; };
    const Row rows[] = {
        {"no years", "{}", "years", "list"},
        {"empty years", "{\"years\": []}", "years", "at least one year"},
        {"unknown top-level field", "{\"years\": [" + QByteArray(valid) + "], \"weekend\": [6, 7]}",
            "content", "weekend"},
        {"year listed twice", years(QByteArray(valid) + "," + valid), "years[1].year", "twice"},
        {"year not whole", years(R"({"year": 2025.5, "provisional": false, "source": "s",
            "holidays": [{"name": "元旦", "from": "2025-01-01", "to": "2025-01-01"}],
            "makeUpWorkdays": []})"),
            "years[0].year", "year"},
        {"provisional missing", years(R"({"year": 2025, "source": "s",
            "holidays": [{"name": "元旦", "from": "2025-01-01", "to": "2025-01-01"}],
            "makeUpWorkdays": []})"),
            "years[0].provisional", "true or false"},
        {"source missing", years(R"({"year": 2025, "provisional": false,
            "holidays": [{"name": "元旦", "from": "2025-01-01", "to": "2025-01-01"}],
            "makeUpWorkdays": []})"),
            "years[0].source", "text"},
        {"misspelt make-up key", years(R"({"year": 2025, "provisional": false, "source": "s",
            "holidays": [{"name": "元旦", "from": "2025-01-01", "to": "2025-01-01"}],
            "makeUpWorkday": [{"date": "2025-01-26", "name": "春节"}]})"),
            "years[0]", "makeUpWorkday"},
        {"no holidays", years(R"({"year": 2025, "provisional": false, "source": "s",
            "holidays": [], "makeUpWorkdays": []})"),
            "years[0].holidays", "at least one holiday"},
        {"holiday outside its year", years(R"({"year": 2025, "provisional": false, "source": "s",
            "holidays": [{"name": "元旦", "from": "2024-12-31", "to": "2025-01-01"}],
            "makeUpWorkdays": []})"),
            "years[0].holidays[0].from", "not in 2025"},
        {"holiday ends before it starts", years(R"({"year": 2025, "provisional": false,
            "source": "s", "holidays": [{"name": "春节", "from": "2025-02-04", "to": "2025-01-28"}],
            "makeUpWorkdays": []})"),
            "years[0].holidays[0].to", "before"},
        {"impossible date", years(R"({"year": 2025, "provisional": false, "source": "s",
            "holidays": [{"name": "春节", "from": "2025-02-30", "to": "2025-03-01"}],
            "makeUpWorkdays": []})"),
            "years[0].holidays[0].from", "2025-02-30"},
        {"overlapping holidays", years(R"({"year": 2025, "provisional": false, "source": "s",
            "holidays": [{"name": "劳动节", "from": "2025-05-01", "to": "2025-05-05"},
                         {"name": "青年节", "from": "2025-05-04", "to": "2025-05-04"}],
            "makeUpWorkdays": []})"),
            "years[0].holidays[1]", "already"},
        {"date both holiday and make-up day", years(R"({"year": 2025, "provisional": false,
            "source": "s", "holidays": [{"name": "春节", "from": "2025-01-25", "to": "2025-02-04"}],
            "makeUpWorkdays": [{"date": "2025-01-26", "name": "春节"}]})"),
            "years[0].makeUpWorkdays[0].date", "both"},
        {"make-up day not a weekend", years(R"({"year": 2025, "provisional": false, "source": "s",
            "holidays": [{"name": "春节", "from": "2025-01-28", "to": "2025-02-04"}],
            "makeUpWorkdays": [{"date": "2025-01-27", "name": "春节"}]})"),
            "years[0].makeUpWorkdays[0].date", "Saturday or Sunday"},
        {"make-up day outside its year", years(R"({"year": 2025, "provisional": false,
            "source": "s", "holidays": [{"name": "春节", "from": "2025-01-28", "to": "2025-02-04"}],
            "makeUpWorkdays": [{"date": "2026-01-04", "name": "元旦"}]})"),
            "years[0].makeUpWorkdays[0].date", "not in 2025"},
        {"make-up day twice", years(R"({"year": 2025, "provisional": false, "source": "s",
            "holidays": [{"name": "春节", "from": "2025-01-28", "to": "2025-02-04"}],
            "makeUpWorkdays": [{"date": "2025-01-26", "name": "春节"},
                               {"date": "2025-01-26", "name": "春节"}]})"),
            "years[0].makeUpWorkdays[1].date", "twice"},
    };
    for (const Row& row : rows) {
        INFO(row.why);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(row.json, &parseError);
        REQUIRE(parseError.error == QJsonParseError::NoError);
        auto calendar = WorkingCalendar::fromJson(doc.object());
        REQUIRE_FALSE(calendar);
        CHECK(calendar.error().code == ErrorCode::InvalidArgument);
        CHECK(calendar.error().context == QString::fromUtf8(row.path));
        CHECK(calendar.error().message.contains(QString::fromUtf8(row.says)));
    }
    // And the unchanged year parses.
    CHECK(WorkingCalendar::fromJson(QJsonDocument::fromJson(years(valid)).object()));
}
