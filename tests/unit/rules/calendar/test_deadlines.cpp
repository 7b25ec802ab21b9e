// DeadlineRules: the shipped deadlines pack (every row of the domain cheat-sheet), every kind
// across plain weeks, weekends, the 2025/2026 National Day and 春节 holidays, 调休 Saturdays and a
// year boundary; roll-forward, provisional and unsure warnings, extensions, and malformed packs.
#include "core/rules/deadlines.h"
#include "tests/support/sourcepacks.h"

#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>

using namespace fieldcase;
using namespace fieldcase::rules;

namespace {

QDate day(const char* iso)
{
    return QDate::fromString(QLatin1String(iso), Qt::ISODate);
}

// A Beijing-time instant.
QDateTime at(const char* isoDate, int hour = 9, int minute = 30)
{
    return QDateTime(
        day(isoDate), QTime(hour, minute), Qt::OffsetFromUTC, kBeijingUtcOffsetSeconds);
}

WorkingCalendar shippedCalendar()
{
    auto calendar = WorkingCalendar::fromJson(test::readSourcePackContent("calendar.json"));
    if (!calendar)
        FAIL(calendar.error().toString().toStdString());
    return *calendar;
}

DeadlineRules shippedRules()
{
    auto rules = DeadlineRules::fromJson(test::readSourcePackContent("deadlines.json"));
    if (!rules)
        FAIL(rules.error().toString().toStdString());
    return *rules;
}

DeadlineResult computeOk(const DeadlineRules& rules, const char* kind, const QDateTime& start,
    const WorkingCalendar& calendar)
{
    auto result = rules.compute(QString::fromLatin1(kind), start, calendar);
    if (!result)
        FAIL(result.error().toString().toStdString());
    return *result;
}

bool anyContains(const QStringList& texts, const QString& needle)
{
    return std::any_of(
        texts.cbegin(), texts.cend(), [&](const QString& t) { return t.contains(needle); });
}

} // namespace

TEST_CASE(
    "The deadlines pack holds every row of the cheat-sheet with its legal basis", "[deadlines]")
{
    QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference/deadlines.json"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QJsonObject pack = QJsonDocument::fromJson(f.readAll()).object();
    CHECK(pack.value(QLatin1String("id")).toString() == QStringLiteral("cn.national.deadlines"));
    CHECK(pack.value(QLatin1String("kind")).toString() == QStringLiteral("deadlines"));

    const DeadlineRules rules = shippedRules();
    struct Row
    {
        const char* kind;
        int amount;
        PeriodUnit unit;
        DeadlineType type;
        bool rollForward;
        bool unsure;
        const char* article; // must appear in the basis
    };
    const Row expected[] = {
        {"spot-decision-filing", 5, PeriodUnit::WorkingDays, DeadlineType::Deadline, false, true,
            "第六十一条"},
        {"spot-fine-handover", 2, PeriodUnit::WorkingDays, DeadlineType::Deadline, false, false,
            "第七十一条"},
        {"spot-fine-handover-water", 2, PeriodUnit::WorkingDays, DeadlineType::Deadline, false,
            false, "第七十一条"},
        {"fine-deposit-to-bank", 2, PeriodUnit::WorkingDays, DeadlineType::Deadline, false, false,
            "第七十一条"},
        {"evidence-preservation-decision", 7, PeriodUnit::WorkingDays, DeadlineType::Deadline,
            false, false, "第五十六条"},
        {"seizure-period", 30, PeriodUnit::CalendarDays, DeadlineType::Deadline, false, false,
            "第二十五条"},
        {"emergency-measure-report", 24, PeriodUnit::Hours, DeadlineType::Deadline, false, false,
            "第十九条"},
        {"hearing-request", 5, PeriodUnit::WorkingDays, DeadlineType::Deadline, false, false,
            "第六十四条"},
        {"hearing-notice", 7, PeriodUnit::WorkingDays, DeadlineType::NoticeBefore, false, true,
            "第六十四条"},
        {"penalty-decision", 90, PeriodUnit::CalendarDays, DeadlineType::Deadline, false, true,
            "第六十条"},
        {"decision-service", 7, PeriodUnit::WorkingDays, DeadlineType::Deadline, false, false,
            "第六十一条"},
        {"public-notice-service", 30, PeriodUnit::CalendarDays, DeadlineType::WaitingPeriod, true,
            false, "第九十五条"},
        {"fine-payment", 15, PeriodUnit::CalendarDays, DeadlineType::Deadline, true, false,
            "第六十七条"},
        {"surcharge-enforcement", 30, PeriodUnit::CalendarDays, DeadlineType::WaitingPeriod, true,
            false, "第四十六条"},
        {"court-application-wait", 10, PeriodUnit::WorkingDays, DeadlineType::WaitingPeriod, false,
            false, "第五十四条"},
        {"court-application", 3, PeriodUnit::Months, DeadlineType::Deadline, false, false,
            "第五十三条"},
        {"administrative-review", 60, PeriodUnit::CalendarDays, DeadlineType::Deadline, true, false,
            "第二十条"},
        {"administrative-litigation", 6, PeriodUnit::Months, DeadlineType::Deadline, true, false,
            "第四十六条"},
        {"published-decision-withdrawal", 3, PeriodUnit::WorkingDays, DeadlineType::Deadline, false,
            false, "第四十八条"},
        {"limitation", 2, PeriodUnit::Years, DeadlineType::Deadline, false, false, "第三十六条"},
        {"limitation-extended", 5, PeriodUnit::Years, DeadlineType::Deadline, false, false,
            "第三十六条"},
    };
    CHECK(rules.rules().size() == qsizetype(std::size(expected)));
    for (const Row& row : expected) {
        INFO(row.kind);
        const auto rule = rules.rule(QString::fromLatin1(row.kind));
        REQUIRE(rule);
        CHECK(rule->amount == row.amount);
        CHECK(rule->unit == row.unit);
        CHECK(rule->type == row.type);
        CHECK(rule->rollForward == row.rollForward);
        CHECK(rule->unsure == row.unsure);
        CHECK(rule->basis.contains(QString::fromUtf8(row.article)));
        CHECK(rule->basis.startsWith(QStringLiteral("《")));
        CHECK_FALSE(rule->title.isEmpty());
        CHECK_FALSE(rule->startEvent.isEmpty());
        // 《行政处罚法》第八十五条 / 《行政强制法》第六十九条 make these periods working days.
        if (row.unit == PeriodUnit::WorkingDays && !row.unsure)
            CHECK((rule->basis.contains(QStringLiteral("第八十五条"))
                || rule->basis.contains(QStringLiteral("第六十九条"))));
        if (row.unsure)
            CHECK_FALSE(rule->note.isEmpty());
    }
    REQUIRE(rules.rule(u"seizure-period")->extension);
    CHECK(rules.rule(u"seizure-period")->extension->maxAmount == 30);
    CHECK(rules.rule(u"seizure-period")->extension->maxTimes == 1);
    CHECK_FALSE(rules.rule(u"penalty-decision")->extension); // [UNSURE]: no extension shipped
    CHECK(rules.lateSurcharge().ratePerDayBasisPoints == 300);
    CHECK(rules.lateSurcharge().capPercentOfFine == 100);
    CHECK(rules.lateSurcharge().pauseBasis.contains(QStringLiteral("第七十三条")));
    CHECK_FALSE(rules.rule(u"no-such-kind"));
}

TEST_CASE(
    "Every deadline kind across weeks, weekends, holidays, 调休 and a year end", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();
    struct Row
    {
        const char* kind;
        const char* start;
        const char* lastDay;
    };
    // Starts: Monday 2026-03-02 (plain week), Thursday 2026-03-05 (across a weekend), Friday
    // 2025-09-26 and Monday 2026-09-28 (National Day), Thursday 2026-02-12 (Saturday 02-14 is a
    // make-up day, 02-15…23 春节), Friday 2025-01-24 (2025 春节, Sunday 01-26 is a make-up day),
    // Tuesday 2025-12-30 (year boundary with 元旦 2026).
    const Row rows[] = {
        {"spot-decision-filing", "2026-03-02", "2026-03-09"}, // plain week
        {"spot-decision-filing", "2026-03-05", "2026-03-12"}, // weekend
        {"spot-decision-filing", "2025-09-26", "2025-10-10"}, // 2025 National Day
        {"spot-decision-filing", "2026-09-28", "2026-10-10"}, // 2026 National Day
        {"spot-decision-filing", "2026-02-12", "2026-02-26"}, // 调休 Saturday 2026-02-14
        {"spot-decision-filing", "2025-01-24", "2025-02-07"}, // 2025 春节
        {"spot-decision-filing", "2025-12-30", "2026-01-07"}, // year end
        {"spot-fine-handover", "2026-03-02", "2026-03-04"}, // plain week
        {"spot-fine-handover", "2026-03-05", "2026-03-09"}, // weekend
        {"spot-fine-handover", "2025-09-26", "2025-09-29"}, // 2025 National Day
        {"spot-fine-handover", "2026-09-28", "2026-09-30"}, // 2026 National Day
        {"spot-fine-handover", "2026-02-12", "2026-02-14"}, // 调休 Saturday 2026-02-14
        {"spot-fine-handover", "2025-01-24", "2025-01-27"}, // 2025 春节
        {"spot-fine-handover", "2025-12-30", "2026-01-04"}, // year end
        {"spot-fine-handover-water", "2026-03-02", "2026-03-04"}, // plain week
        {"spot-fine-handover-water", "2026-03-05", "2026-03-09"}, // weekend
        {"spot-fine-handover-water", "2025-09-26", "2025-09-29"}, // 2025 National Day
        {"spot-fine-handover-water", "2026-09-28", "2026-09-30"}, // 2026 National Day
        {"spot-fine-handover-water", "2026-02-12", "2026-02-14"}, // 调休 Saturday 2026-02-14
        {"spot-fine-handover-water", "2025-01-24", "2025-01-27"}, // 2025 春节
        {"spot-fine-handover-water", "2025-12-30", "2026-01-04"}, // year end
        {"fine-deposit-to-bank", "2026-03-02", "2026-03-04"}, // plain week
        {"fine-deposit-to-bank", "2026-03-05", "2026-03-09"}, // weekend
        {"fine-deposit-to-bank", "2025-09-26", "2025-09-29"}, // 2025 National Day
        {"fine-deposit-to-bank", "2026-09-28", "2026-09-30"}, // 2026 National Day
        {"fine-deposit-to-bank", "2026-02-12", "2026-02-14"}, // 调休 Saturday 2026-02-14
        {"fine-deposit-to-bank", "2025-01-24", "2025-01-27"}, // 2025 春节
        {"fine-deposit-to-bank", "2025-12-30", "2026-01-04"}, // year end
        {"evidence-preservation-decision", "2026-03-02", "2026-03-11"}, // plain week
        {"evidence-preservation-decision", "2026-03-05", "2026-03-16"}, // weekend
        {"evidence-preservation-decision", "2025-09-26", "2025-10-13"}, // 2025 National Day
        {"evidence-preservation-decision", "2026-09-28", "2026-10-13"}, // 2026 National Day
        {"evidence-preservation-decision", "2026-02-12", "2026-02-28"}, // 调休 Saturday 2026-02-14
        {"evidence-preservation-decision", "2025-01-24", "2025-02-10"}, // 2025 春节
        {"evidence-preservation-decision", "2025-12-30", "2026-01-09"}, // year end
        {"seizure-period", "2026-03-02", "2026-04-01"}, // plain week
        {"seizure-period", "2026-03-05", "2026-04-04"}, // weekend
        {"seizure-period", "2025-09-26", "2025-10-26"}, // 2025 National Day
        {"seizure-period", "2026-09-28", "2026-10-28"}, // 2026 National Day
        {"seizure-period", "2026-02-12", "2026-03-14"}, // 调休 Saturday 2026-02-14
        {"seizure-period", "2025-01-24", "2025-02-23"}, // 2025 春节
        {"seizure-period", "2025-12-30", "2026-01-29"}, // year end
        {"hearing-request", "2026-03-02", "2026-03-09"}, // plain week
        {"hearing-request", "2026-03-05", "2026-03-12"}, // weekend
        {"hearing-request", "2025-09-26", "2025-10-10"}, // 2025 National Day
        {"hearing-request", "2026-09-28", "2026-10-10"}, // 2026 National Day
        {"hearing-request", "2026-02-12", "2026-02-26"}, // 调休 Saturday 2026-02-14
        {"hearing-request", "2025-01-24", "2025-02-07"}, // 2025 春节
        {"hearing-request", "2025-12-30", "2026-01-07"}, // year end
        {"hearing-notice", "2026-03-02", "2026-02-12"}, // plain week
        {"hearing-notice", "2026-03-05", "2026-02-24"}, // weekend
        {"hearing-notice", "2025-09-26", "2025-09-16"}, // 2025 National Day
        {"hearing-notice", "2026-09-28", "2026-09-16"}, // 2026 National Day
        {"hearing-notice", "2026-02-12", "2026-02-02"}, // 调休 Saturday 2026-02-14
        {"hearing-notice", "2025-01-24", "2025-01-14"}, // 2025 春节
        {"hearing-notice", "2025-12-30", "2025-12-18"}, // year end
        {"penalty-decision", "2026-03-02", "2026-05-31"}, // plain week
        {"penalty-decision", "2026-03-05", "2026-06-03"}, // weekend
        {"penalty-decision", "2025-09-26", "2025-12-25"}, // 2025 National Day
        {"penalty-decision", "2026-09-28", "2026-12-27"}, // 2026 National Day
        {"penalty-decision", "2026-02-12", "2026-05-13"}, // 调休 Saturday 2026-02-14
        {"penalty-decision", "2025-01-24", "2025-04-24"}, // 2025 春节
        {"penalty-decision", "2025-12-30", "2026-03-30"}, // year end
        {"decision-service", "2026-03-02", "2026-03-11"}, // plain week
        {"decision-service", "2026-03-05", "2026-03-16"}, // weekend
        {"decision-service", "2025-09-26", "2025-10-13"}, // 2025 National Day
        {"decision-service", "2026-09-28", "2026-10-13"}, // 2026 National Day
        {"decision-service", "2026-02-12", "2026-02-28"}, // 调休 Saturday 2026-02-14
        {"decision-service", "2025-01-24", "2025-02-10"}, // 2025 春节
        {"decision-service", "2025-12-30", "2026-01-09"}, // year end
        {"public-notice-service", "2026-03-02", "2026-04-01"}, // plain week
        {"public-notice-service", "2026-03-05", "2026-04-07"}, // weekend
        {"public-notice-service", "2025-09-26", "2025-10-27"}, // 2025 National Day
        {"public-notice-service", "2026-09-28", "2026-10-28"}, // 2026 National Day
        {"public-notice-service", "2026-02-12", "2026-03-16"}, // 调休 Saturday 2026-02-14
        {"public-notice-service", "2025-01-24", "2025-02-24"}, // 2025 春节
        {"public-notice-service", "2025-12-30", "2026-01-29"}, // year end
        {"fine-payment", "2026-03-02", "2026-03-17"}, // plain week
        {"fine-payment", "2026-03-05", "2026-03-20"}, // weekend
        {"fine-payment", "2025-09-26", "2025-10-11"}, // 2025 National Day
        {"fine-payment", "2026-09-28", "2026-10-13"}, // 2026 National Day
        {"fine-payment", "2026-02-12", "2026-02-27"}, // 调休 Saturday 2026-02-14
        {"fine-payment", "2025-01-24", "2025-02-08"}, // 2025 春节
        {"fine-payment", "2025-12-30", "2026-01-14"}, // year end
        {"surcharge-enforcement", "2026-03-02", "2026-04-01"}, // plain week
        {"surcharge-enforcement", "2026-03-05", "2026-04-07"}, // weekend
        {"surcharge-enforcement", "2025-09-26", "2025-10-27"}, // 2025 National Day
        {"surcharge-enforcement", "2026-09-28", "2026-10-28"}, // 2026 National Day
        {"surcharge-enforcement", "2026-02-12", "2026-03-16"}, // 调休 Saturday 2026-02-14
        {"surcharge-enforcement", "2025-01-24", "2025-02-24"}, // 2025 春节
        {"surcharge-enforcement", "2025-12-30", "2026-01-29"}, // year end
        {"court-application-wait", "2026-03-02", "2026-03-16"}, // plain week
        {"court-application-wait", "2026-03-05", "2026-03-19"}, // weekend
        {"court-application-wait", "2025-09-26", "2025-10-16"}, // 2025 National Day
        {"court-application-wait", "2026-09-28", "2026-10-16"}, // 2026 National Day
        {"court-application-wait", "2026-02-12", "2026-03-04"}, // 调休 Saturday 2026-02-14
        {"court-application-wait", "2025-01-24", "2025-02-13"}, // 2025 春节
        {"court-application-wait", "2025-12-30", "2026-01-14"}, // year end
        {"court-application", "2026-03-02", "2026-06-02"}, // plain week
        {"court-application", "2026-03-05", "2026-06-05"}, // weekend
        {"court-application", "2025-09-26", "2025-12-26"}, // 2025 National Day
        {"court-application", "2026-09-28", "2026-12-28"}, // 2026 National Day
        {"court-application", "2026-02-12", "2026-05-12"}, // 调休 Saturday 2026-02-14
        {"court-application", "2025-01-24", "2025-04-24"}, // 2025 春节
        {"court-application", "2025-12-30", "2026-03-30"}, // year end
        {"administrative-review", "2026-03-02", "2026-05-06"}, // plain week
        {"administrative-review", "2026-03-05", "2026-05-06"}, // weekend
        {"administrative-review", "2025-09-26", "2025-11-25"}, // 2025 National Day
        {"administrative-review", "2026-09-28", "2026-11-27"}, // 2026 National Day
        {"administrative-review", "2026-02-12", "2026-04-13"}, // 调休 Saturday 2026-02-14
        {"administrative-review", "2025-01-24", "2025-03-25"}, // 2025 春节
        {"administrative-review", "2025-12-30", "2026-02-28"}, // year end
        {"administrative-litigation", "2026-03-02", "2026-09-02"}, // plain week
        {"administrative-litigation", "2026-03-05", "2026-09-07"}, // weekend
        {"administrative-litigation", "2025-09-26", "2026-03-26"}, // 2025 National Day
        {"administrative-litigation", "2026-09-28", "2027-03-29"}, // 2026 National Day
        {"administrative-litigation", "2026-02-12", "2026-08-12"}, // 调休 Saturday 2026-02-14
        {"administrative-litigation", "2025-01-24", "2025-07-24"}, // 2025 春节
        {"administrative-litigation", "2025-12-30", "2026-06-30"}, // year end
        {"published-decision-withdrawal", "2026-03-02", "2026-03-05"}, // plain week
        {"published-decision-withdrawal", "2026-03-05", "2026-03-10"}, // weekend
        {"published-decision-withdrawal", "2025-09-26", "2025-09-30"}, // 2025 National Day
        {"published-decision-withdrawal", "2026-09-28", "2026-10-08"}, // 2026 National Day
        {"published-decision-withdrawal", "2026-02-12", "2026-02-24"}, // 调休 Saturday 2026-02-14
        {"published-decision-withdrawal", "2025-01-24", "2025-02-05"}, // 2025 春节
        {"published-decision-withdrawal", "2025-12-30", "2026-01-05"}, // year end
        {"limitation", "2026-03-02", "2028-03-02"}, // plain week
        {"limitation", "2026-03-05", "2028-03-05"}, // weekend
        {"limitation", "2025-09-26", "2027-09-26"}, // 2025 National Day
        {"limitation", "2026-09-28", "2028-09-28"}, // 2026 National Day
        {"limitation", "2026-02-12", "2028-02-12"}, // 调休 Saturday 2026-02-14
        {"limitation", "2025-01-24", "2027-01-24"}, // 2025 春节
        {"limitation", "2025-12-30", "2027-12-30"}, // year end
        {"limitation-extended", "2026-03-02", "2031-03-02"}, // plain week
        {"limitation-extended", "2026-03-05", "2031-03-05"}, // weekend
        {"limitation-extended", "2025-09-26", "2030-09-26"}, // 2025 National Day
        {"limitation-extended", "2026-09-28", "2031-09-28"}, // 2026 National Day
        {"limitation-extended", "2026-02-12", "2031-02-12"}, // 调休 Saturday 2026-02-14
        {"limitation-extended", "2025-01-24", "2030-01-24"}, // 2025 春节
        {"limitation-extended", "2025-12-30", "2030-12-30"}, // year end
    };
    for (const Row& row : rows) {
        INFO(row.kind << " from " << row.start);
        const DeadlineResult result = computeOk(rules, row.kind, at(row.start), calendar);
        CHECK(result.lastDay == day(row.lastDay));
        CHECK(result.kind == QLatin1String(row.kind));
        CHECK_FALSE(result.basis.isEmpty());
        CHECK(result.dueAt == at(row.lastDay, 0, 0).addDays(1)); // 24:00 of the last day
        CHECK(result.explanation.contains(QString::fromLatin1(row.lastDay)));
        if (result.unit == PeriodUnit::WorkingDays)
            CHECK(result.daysCounted == result.amount);
    }
}

TEST_CASE(
    "Working-day deadlines list the days they skip and the 调休 days they count", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();

    SECTION("7 working days from 2026-09-28 count Saturday 2026-10-10")
    {
        const auto r
            = computeOk(rules, "evidence-preservation-decision", at("2026-09-28"), calendar);
        CHECK(r.lastDay == day("2026-10-13"));
        CHECK(r.daysCounted == 7);
        QList<QDate> skipped;
        QList<QDate> counted;
        for (const SkippedDay& d : r.skippedDays)
            (d.counted ? counted : skipped).append(d.date);
        CHECK(counted == QList<QDate> {day("2026-10-10")});
        CHECK(skipped
            == QList<QDate> {day("2026-10-01"), day("2026-10-02"), day("2026-10-03"),
                day("2026-10-04"), day("2026-10-05"), day("2026-10-06"), day("2026-10-07"),
                day("2026-10-11")});
        CHECK(r.skippedDays.first().reason == QStringLiteral("国庆节"));
        CHECK(r.skippedDays.first().kind == DayKind::Holiday);
        CHECK(r.skippedDays.last().kind == DayKind::Weekend);
        CHECK(r.explanation.contains(QStringLiteral("2026-10-01 – 2026-10-07 国庆节")));
        CHECK(r.explanation.contains(QStringLiteral("2026-10-10")));
        CHECK(r.explanation.contains(QStringLiteral("《行政处罚法》第五十六条、第八十五条")));
        CHECK_FALSE(r.provisional);
        CHECK(r.warnings.isEmpty());
    }
    SECTION("5 working days from 2026-02-12 skip 02-15…23 and count Saturday 02-14")
    {
        const auto r = computeOk(rules, "hearing-request", at("2026-02-12"), calendar);
        CHECK(r.lastDay == day("2026-02-26"));
        REQUIRE(r.skippedDays.size() == 10);
        CHECK(r.skippedDays.at(0).date == day("2026-02-14"));
        CHECK(r.skippedDays.at(0).counted);
        CHECK(r.skippedDays.at(0).kind == DayKind::MakeUpWorkday);
        for (int i = 1; i < 10; ++i) {
            CHECK(r.skippedDays.at(i).date == day("2026-02-14").addDays(i));
            CHECK_FALSE(r.skippedDays.at(i).counted);
            CHECK(r.skippedDays.at(i).reason == QStringLiteral("春节"));
        }
    }
    SECTION("The start day is the Beijing-time day, whatever the time zone of the instant")
    {
        // 2026-09-27T17:00Z is 2026-09-28 01:00 in Beijing; counting from the UTC date (27th)
        // would give 2026-10-12.
        const QDateTime utc(day("2026-09-27"), QTime(17, 0), Qt::UTC);
        const auto r = computeOk(rules, "evidence-preservation-decision", utc, calendar);
        CHECK(r.lastDay == day("2026-10-13"));
        CHECK(legalDate(utc) == day("2026-09-28"));
        CHECK(r.start.offsetFromUtc() == kBeijingUtcOffsetSeconds);
    }
    SECTION("2025 National Day from its eve counts Saturday 2025-10-11")
    {
        const auto r = computeOk(rules, "decision-service", at("2025-09-30"), calendar);
        CHECK(r.lastDay == day("2025-10-16"));
    }
}

TEST_CASE("Hour periods run round the clock", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();
    const auto r = computeOk(rules, "emergency-measure-report", at("2026-09-30", 22, 15), calendar);
    CHECK(r.dueAt == at("2026-10-01", 22, 15));
    CHECK(r.lastDay == day("2026-10-01")); // a holiday: irrelevant for hours
    CHECK(r.skippedDays.isEmpty());
    CHECK(r.warnings.isEmpty());
    CHECK(r.explanation.contains(QStringLiteral("2026-10-01 22:15")));
    CHECK(r.explanation.contains(QStringLiteral("第十九条")));
}

TEST_CASE("A calendar period ending on a rest day rolls forward only where the rule says so",
    "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();

    SECTION("fine payment ending on 2026-10-01 moves to 2026-10-08")
    {
        const auto r = computeOk(rules, "fine-payment", at("2026-09-16"), calendar);
        CHECK(r.nominalLastDay == day("2026-10-01"));
        CHECK(r.lastDay == day("2026-10-08"));
        CHECK(r.rolledForward);
        CHECK(r.daysCounted == 22);
        CHECK(r.dueAt == at("2026-10-09", 0, 0));
        REQUIRE(r.skippedDays.size() == 7);
        CHECK(r.skippedDays.first().reason == QStringLiteral("国庆节"));
        CHECK(r.explanation.contains(QStringLiteral("《民事诉讼法》第八十五条第三款")));
        CHECK(r.explanation.contains(QStringLiteral("2026-10-08")));
    }
    SECTION("行政复议 60 days ending in the 劳动节 block moves past it")
    {
        const auto r = computeOk(rules, "administrative-review", at("2026-03-05"), calendar);
        CHECK(r.nominalLastDay == day("2026-05-04"));
        CHECK(r.lastDay == day("2026-05-06"));
        CHECK(r.rolledForward);
    }
    SECTION("a weekend roll lands on a Monday; a make-up Saturday is already a working day")
    {
        const auto monday
            = computeOk(rules, "administrative-litigation", at("2026-09-28"), calendar);
        CHECK(monday.nominalLastDay == day("2027-03-28")); // Sunday
        CHECK(monday.lastDay == day("2027-03-29"));
        const auto saturday = computeOk(rules, "fine-payment", at("2025-09-26"), calendar);
        CHECK(saturday.lastDay == day("2025-10-11"));
        CHECK_FALSE(saturday.rolledForward);
    }
    SECTION("months keep the month-end (《民法典》第二百零二条) and then roll")
    {
        const auto r = computeOk(rules, "administrative-litigation", at("2026-08-31"), calendar);
        CHECK(r.nominalLastDay == day("2027-02-28")); // no 31st: the month's last day, a Sunday
        CHECK(r.lastDay == day("2027-03-01"));
    }
    SECTION("查封、扣押 does not roll: the officer is told to act the working day before")
    {
        const auto r = computeOk(rules, "seizure-period", at("2026-09-01"), calendar);
        CHECK(r.lastDay == day("2026-10-01"));
        CHECK_FALSE(r.rolledForward);
        CHECK(anyContains(r.warnings, QStringLiteral("2026-09-30")));
        CHECK(anyContains(r.warnings, QStringLiteral("国庆节")));
    }
    SECTION("court application: 3 months to a month-end Sunday, not rolled")
    {
        const auto r = computeOk(rules, "court-application", at("2026-11-30"), calendar);
        CHECK(r.lastDay == day("2027-02-28"));
        CHECK(anyContains(r.warnings, QStringLiteral("2027-02-26")));
    }
    SECTION("a limitation ending on a make-up Saturday gives no rest-day warning")
    {
        const auto r = computeOk(rules, "limitation", at("2024-02-29"), calendar);
        CHECK(r.lastDay == day("2026-02-28"));
        CHECK(r.warnings.isEmpty());
    }
}

TEST_CASE("Results over the provisional 2027 calendar carry a warning", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();
    const auto r = computeOk(rules, "evidence-preservation-decision", at("2027-04-29"), calendar);
    CHECK(r.lastDay == day("2027-05-10")); // 05-01/02 off; 补假 days not yet known
    CHECK(r.provisional);
    CHECK(anyContains(r.warnings, QStringLiteral("2027 holiday calendar is provisional")));

    const auto crossing = computeOk(rules, "spot-fine-handover", at("2026-12-30"), calendar);
    CHECK(crossing.lastDay == day("2027-01-04"));
    CHECK(crossing.provisional);

    const auto plain
        = computeOk(rules, "evidence-preservation-decision", at("2026-04-29"), calendar);
    CHECK_FALSE(plain.provisional);
    CHECK(plain.warnings.isEmpty());
}

TEST_CASE("Dates outside the covered years are errors where the calendar matters", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();

    auto working = rules.compute(u"evidence-preservation-decision", at("2027-12-28"), calendar);
    REQUIRE_FALSE(working);
    CHECK(working.error().code == ErrorCode::NotFound);
    CHECK(working.error().message.contains(QStringLiteral("2028")));

    auto rolled = rules.compute(u"fine-payment", at("2027-12-20"), calendar); // → 2028-01-04
    REQUIRE_FALSE(rolled);
    CHECK(rolled.error().code == ErrorCode::NotFound);

    // No roll-forward: the date does not depend on the calendar, but the officer is told that
    // nobody checked whether the last day is a working day.
    const auto decision = computeOk(rules, "penalty-decision", at("2027-12-01"), calendar);
    CHECK(decision.lastDay == day("2028-02-29"));
    CHECK(anyContains(decision.warnings, QStringLiteral("does not cover 2028")));

    auto unknown = rules.compute(u"no-such-kind", at("2026-03-02"), calendar);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(unknown.error().message.contains(QStringLiteral("no-such-kind")));

    auto invalid = rules.compute(u"fine-payment", QDateTime(), calendar);
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("Unsure rules are computed on the default reading and show the other one", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();

    SECTION("当场处罚 备案: 5 working days by default, 5 calendar days as the other reading")
    {
        const auto r = computeOk(rules, "spot-decision-filing", at("2026-09-28"), calendar);
        CHECK(r.lastDay == day("2026-10-10"));
        CHECK(r.unsure);
        CHECK(anyContains(r.warnings, QStringLiteral("marked unsure")));
        CHECK(anyContains(r.warnings, QStringLiteral("按自然日计算")));
        CHECK(anyContains(r.warnings, QStringLiteral("2026-10-03")));
    }
    SECTION("听证 notice: 7 clear working days before the hearing by default")
    {
        const auto r = computeOk(rules, "hearing-notice", at("2026-10-13"), calendar);
        CHECK(r.type == DeadlineType::NoticeBefore);
        CHECK(r.lastDay == day("2026-09-27")); // a 中秋节 Sunday
        CHECK(r.daysCounted == 7);
        CHECK(anyContains(r.warnings, QStringLiteral("2026-09-24"))); // last working day before
        CHECK(anyContains(r.warnings, QStringLiteral("2026-09-28"))); // hearing day counted
        CHECK(r.explanation.contains(
            QStringLiteral("counting neither the notice day nor the event day")));
    }
    SECTION("a plain hearing week")
    {
        const auto r = computeOk(rules, "hearing-notice", at("2026-03-18"), calendar); // Wednesday
        CHECK(r.lastDay == day("2026-03-08")); // Sunday: Mar 9–17 holds 7 working days
        CHECK(anyContains(r.warnings, QStringLiteral("2026-03-06")));
    }
}

TEST_CASE("查封、扣押 may be extended once by up to 30 days", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();
    const auto original = computeOk(rules, "seizure-period", at("2026-03-02"), calendar);
    REQUIRE(original.lastDay == day("2026-04-01"));

    auto full = rules.computeExtended(u"seizure-period", original.lastDay, calendar);
    REQUIRE(full);
    CHECK(full->lastDay == day("2026-05-01"));
    CHECK(full->daysCounted == 30);
    CHECK(full->basis.contains(QStringLiteral("第二十五条第一款、第二款")));
    CHECK(anyContains(full->warnings, QStringLiteral("2026-04-30"))); // 05-01 is 劳动节
    CHECK(anyContains(full->warnings, QStringLiteral("书面告知当事人")));
    CHECK(full->explanation.contains(QStringLiteral("2026-04-01")));

    auto shorter = rules.computeExtended(u"seizure-period", original.lastDay, calendar, 10);
    REQUIRE(shorter);
    CHECK(shorter->lastDay == day("2026-04-11"));

    auto tooLong = rules.computeExtended(u"seizure-period", original.lastDay, calendar, 31);
    REQUIRE_FALSE(tooLong);
    CHECK(tooLong.error().code == ErrorCode::InvalidArgument);
    CHECK(tooLong.error().message.contains(QStringLiteral("第二十五条")));

    auto negative = rules.computeExtended(u"seizure-period", original.lastDay, calendar, -3);
    CHECK_FALSE(negative);

    auto second = rules.computeExtended(u"seizure-period", full->lastDay, calendar, 0, 1);
    REQUIRE_FALSE(second);
    CHECK(second.error().code == ErrorCode::InvalidArgument);

    auto none
        = rules.computeExtended(u"evidence-preservation-decision", day("2026-03-11"), calendar);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == ErrorCode::InvalidArgument);

    auto unknown = rules.computeExtended(u"no-such-kind", day("2026-03-11"), calendar);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
}

TEST_CASE("Malformed deadline packs are refused with the exact place", "[deadlines]")
{
    const QByteArray counting
        = R"("countingRules": {"startDay": "a", "rollForward": "b", "monthEnd": "c", "workingDays": "d"})";
    const QByteArray surcharge
        = R"("lateSurcharge": {"ratePerDayBasisPoints": 300, "capPercentOfFine": 100, "basis": "x", "pauseBasis": "y"})";
    const QByteArray rule
        = R"({"kind": "k", "title": "t", "amount": 7, "unit": "working-days", "startEvent": "s", "basis": "《行政处罚法》第五十六条", "rollForward": false)";
    // rule is left open so a case can add fields before closing it.
    const auto pack = [&](const QByteArray& rules) {
        return "{" + counting + ", \"rules\": [" + rules + "], " + surcharge + "}";
    };
    struct Row
    {
        const char* why;
        QByteArray json;
        const char* path;
        const char* says;
    };
    const Row rows[] = {
        {"missing basis",
            pack(
                R"({"kind": "k", "title": "t", "amount": 7, "unit": "working-days", "startEvent": "s", "rollForward": false})"),
            "rules[0].basis", "text"},
        {"unknown unit",
            pack(
                R"({"kind": "k", "title": "t", "amount": 7, "unit": "weeks", "startEvent": "s", "basis": "b", "rollForward": false})"),
            "rules[0].unit", "weeks"},
        {"kind twice", pack(rule + "}, " + rule + "}"), "rules[1].kind", "twice"},
        {"bad kind id",
            pack(
                R"({"kind": "Bad Kind", "title": "t", "amount": 7, "unit": "working-days", "startEvent": "s", "basis": "b", "rollForward": false})"),
            "rules[0].kind", "Bad Kind"},
        {"unsure without note", pack(rule + R"(, "unsure": true})"), "rules[0].note", "unsure"},
        {"roll-forward on working days",
            pack(
                R"({"kind": "k", "title": "t", "amount": 7, "unit": "working-days", "startEvent": "s", "basis": "b", "rollForward": true})"),
            "rules[0].rollForward", "roll-forward"},
        {"roll-forward missing",
            pack(
                R"({"kind": "k", "title": "t", "amount": 7, "unit": "working-days", "startEvent": "s", "basis": "b"})"),
            "rules[0].rollForward", "true or false"},
        {"amount zero",
            pack(
                R"({"kind": "k", "title": "t", "amount": 0, "unit": "working-days", "startEvent": "s", "basis": "b", "rollForward": false})"),
            "rules[0].amount", "whole number"},
        {"amount not whole",
            pack(
                R"({"kind": "k", "title": "t", "amount": 1.5, "unit": "working-days", "startEvent": "s", "basis": "b", "rollForward": false})"),
            "rules[0].amount", "whole number"},
        {"unknown type", pack(rule + R"(, "type": "soon"})"), "rules[0].type", "soon"},
        {"misspelt field", pack(rule + R"(, "rollforward": true})"), "rules[0]", "rollforward"},
        {"notice-before in months",
            pack(
                R"({"kind": "k", "title": "t", "amount": 1, "unit": "months", "type": "notice-before", "startEvent": "s", "basis": "b", "rollForward": false, "clearDays": true})"),
            "rules[0].unit", "notice-before"},
        {"notice-before without clearDays", pack(rule + R"(, "type": "notice-before"})"),
            "rules[0].clearDays", "true or false"},
        {"clearDays on a deadline", pack(rule + R"(, "clearDays": true})"), "rules[0].clearDays",
            "notice-before"},
        {"other reading on a sure rule",
            pack(rule + R"(, "alternative": {"unit": "calendar-days", "label": "l"}})"),
            "rules[0].alternative", "unsure"},
        {"other reading with the same unit",
            pack(rule
                + R"(, "unsure": true, "note": "n", "alternative": {"unit": "working-days", "label": "l"}})"),
            "rules[0].alternative.unit", "another unit"},
        {"other reading without a label",
            pack(rule
                + R"(, "unsure": true, "note": "n", "alternative": {"unit": "calendar-days"}})"),
            "rules[0].alternative.label", "text"},
        {"extension without basis",
            pack(rule
                + R"(, "extension": {"maxAmount": 30, "unit": "calendar-days", "maxTimes": 1}})"),
            "rules[0].extension.basis", "text"},
        {"no rules", pack(""), "rules", "non-empty"},
        {"missing monthEnd",
            "{\"countingRules\": {\"startDay\": \"a\", \"rollForward\": \"b\", \"workingDays\": "
            "\"d\"}, \"rules\": ["
                + rule + "}], " + surcharge + "}",
            "countingRules.monthEnd", "text"},
        {"no late surcharge", "{" + counting + ", \"rules\": [" + rule + "}]}", "lateSurcharge",
            "object"},
        {"zero surcharge rate",
            "{" + counting + ", \"rules\": [" + rule
                + R"(}], "lateSurcharge": {"ratePerDayBasisPoints": 0, "capPercentOfFine": 100, "basis": "x", "pauseBasis": "y"}})",
            "lateSurcharge.ratePerDayBasisPoints", "whole number"},
    };
    for (const Row& row : rows) {
        INFO(row.why);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(row.json, &parseError);
        REQUIRE(parseError.error == QJsonParseError::NoError);
        auto rules = DeadlineRules::fromJson(doc.object());
        REQUIRE_FALSE(rules);
        CHECK(rules.error().code == ErrorCode::InvalidArgument);
        CHECK(rules.error().context == QString::fromUtf8(row.path));
        CHECK(rules.error().message.contains(QString::fromUtf8(row.says)));
    }
    // The base rule on its own is valid.
    auto valid = DeadlineRules::fromJson(QJsonDocument::fromJson(pack(rule + "}")).object());
    REQUIRE(valid);
    CHECK(valid->rules().size() == 1);
}
