// 加处罚款 (《行政处罚法》第七十二条、第七十三条) and deadline risk warnings (执法风险预警).
#include "core/rules/deadlines.h"
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

QDateTime at(const char* isoDate, int hour, int minute = 0)
{
    return QDateTime(
        day(isoDate), QTime(hour, minute), Qt::OffsetFromUTC, kBeijingUtcOffsetSeconds);
}

// 24:00 of a day, the dueAt of a day-counted deadline.
QDateTime endOf(const char* isoDate)
{
    return at(isoDate, 0).addDays(1);
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

using Pauses = QList<QPair<QDate, QDate>>;

} // namespace

TEST_CASE("加处罚款 is 3 % of the fine per overdue day, capped at the fine", "[deadlines]")
{
    const DeadlineRules rules = shippedRules();
    const qint64 fine = 20'000; // 200 元
    const QDate due = day("2026-03-16");
    // The cap is reached on the 34th overdue day: 33 × 3 % = 99 %, 34 × 3 % = 102 % → 100 %.
    CHECK(rules.lateSurchargeCapDay() == 34);
    struct Row
    {
        int overdueDays;
        qint64 fen;
    };
    const Row rows[] = {
        {-5, 0},
        {0, 0},
        {1, 600},
        {2, 1'200},
        {10, 6'000},
        {33, 19'800},
        {34, 20'000},
        {35, 20'000},
        {400, 20'000},
    };
    for (const Row& row : rows) {
        INFO("day " << row.overdueDays);
        CHECK(rules.lateSurchargeFen(fine, due, due.addDays(row.overdueDays), {}) == row.fen);
    }
    CHECK(rules.lateSurchargeFen(fine, due, due.addDays(33), {}) < fine);
    CHECK(rules.lateSurchargeFen(fine, due, due.addDays(34), {}) == fine);
}

TEST_CASE("加处罚款 rounds down to the fen and never overflows", "[deadlines]")
{
    const DeadlineRules rules = shippedRules();
    const QDate due = day("2026-03-16");
    CHECK(rules.lateSurchargeFen(101, due, due.addDays(1), {}) == 3); // 3.03 fen
    CHECK(rules.lateSurchargeFen(101, due, due.addDays(34), {}) == 101);
    CHECK(rules.lateSurchargeFen(1, due, due.addDays(1), {}) == 0);
    CHECK(rules.lateSurchargeFen(1, due, due.addDays(34), {}) == 1);
    CHECK(rules.lateSurchargeFen(0, due, due.addDays(5), {}) == 0);
    CHECK(rules.lateSurchargeFen(-500, due, due.addDays(5), {}) == 0);
    CHECK(rules.lateSurchargeFen(500, QDate(), due, {}) == 0);
    const qint64 huge = 9'000'000'000'000'000'000;
    CHECK(rules.lateSurchargeFen(huge, due, due.addDays(10), {}) == 2'700'000'000'000'000'000);
    CHECK(rules.lateSurchargeFen(huge, due, due.addDays(40), {}) == huge);
}

TEST_CASE("No 加处罚款 accrues while a 复议 or 诉讼 is pending (第七十三条第三款)", "[deadlines]")
{
    const DeadlineRules rules = shippedRules();
    const qint64 fine = 20'000;
    const QDate due = day("2026-03-16");
    const QDate asOf = day("2026-04-05"); // 20 overdue days
    CHECK(rules.lateSurchargeFen(fine, due, asOf, {}) == 12'000);
    // 10 paused days (inclusive range) leave 10 counted days.
    CHECK(rules.lateSurchargeFen(fine, due, asOf, Pauses {{day("2026-03-20"), day("2026-03-29")}})
        == 6'000);
    // Two pauses, one starting before the due day.
    CHECK(
        rules.lateSurchargeFen(fine, due, asOf,
            Pauses {{day("2026-03-10"), day("2026-03-17")}, {day("2026-04-01"), day("2026-04-02")}})
        == 17 * 600);
    // A pause covering the whole overdue time.
    CHECK(rules.lateSurchargeFen(fine, due, asOf, Pauses {{day("2026-03-17"), day("2026-12-31")}})
        == 0);
    // A pause entirely before the due day changes nothing; a reversed range is ignored.
    CHECK(rules.lateSurchargeFen(fine, due, asOf, Pauses {{day("2026-03-01"), day("2026-03-10")}})
        == 12'000);
    CHECK(rules.lateSurchargeFen(fine, due, asOf, Pauses {{day("2026-03-29"), day("2026-03-20")}})
        == 12'000);
    // The pause delays the cap: 34 counted days are needed.
    CHECK(rules.lateSurchargeFen(
              fine, due, due.addDays(40), Pauses {{due.addDays(1), due.addDays(10)}})
        == 30 * 600);
    CHECK(rules.lateSurchargeFen(
              fine, due, due.addDays(44), Pauses {{due.addDays(1), due.addDays(10)}})
        == fine);
}

TEST_CASE("The surcharge rate and cap come from the pack", "[deadlines]")
{
    QJsonObject content = test::readSourcePackContent("deadlines.json");
    QJsonObject surcharge = content.value(QLatin1String("lateSurcharge")).toObject();
    surcharge.insert(QLatin1String("ratePerDayBasisPoints"), 500);
    surcharge.insert(QLatin1String("capPercentOfFine"), 50);
    content.insert(QLatin1String("lateSurcharge"), surcharge);
    auto rules = DeadlineRules::fromJson(content);
    REQUIRE(rules);
    CHECK(rules->lateSurchargeCapDay() == 10); // 10 × 5 % = 50 %
    const QDate due = day("2026-03-16");
    CHECK(rules->lateSurchargeFen(10'000, due, due.addDays(9), {}) == 4'500);
    CHECK(rules->lateSurchargeFen(10'000, due, due.addDays(10), {}) == 5'000);
    CHECK(rules->lateSurchargeFen(10'000, due, due.addDays(11), {}) == 5'000);
}

TEST_CASE("Risk warnings flag overdue and due-soon deadlines in working days", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const QDateTime now = at("2026-09-29", 10); // Tuesday before the National Day holiday
    const QList<OpenDeadline> open = {
        {QStringLiteral("A"), QStringLiteral("decision-service"), QStringLiteral("送达"),
            endOf("2026-09-30")},
        {QStringLiteral("B"), QStringLiteral("evidence-preservation-decision"),
            QStringLiteral("处理决定"), endOf("2026-10-08")},
        {QStringLiteral("C"), QStringLiteral("hearing-request"), QStringLiteral("听证"),
            endOf("2026-10-09")},
        {QStringLiteral("D"), QStringLiteral("spot-fine-handover"), QStringLiteral("交款"),
            endOf("2026-09-28")},
        {QStringLiteral("E"), QStringLiteral("emergency-measure-report"), QStringLiteral("报告"),
            at("2026-09-29", 8)},
        {QStringLiteral("F"), QStringLiteral("published-decision-withdrawal"),
            QStringLiteral("撤回"), endOf("2026-09-29")},
        {QStringLiteral("G"), QStringLiteral("limitation"), QStringLiteral("时效"),
            endOf("2028-01-10")},
    };
    const QList<RiskWarning> warnings = assessDeadlines(open, now, calendar);
    QStringList order;
    for (const RiskWarning& w : warnings)
        order.append(w.deadline.caseRef);
    // Overdue first (by due time), then due soon (by due time); C and G are not due soon.
    CHECK(order
        == QStringList {QStringLiteral("D"), QStringLiteral("E"), QStringLiteral("F"),
            QStringLiteral("A"), QStringLiteral("B")});
    REQUIRE(warnings.size() == 5);

    CHECK(warnings.at(0).status == RiskStatus::Overdue);
    CHECK(warnings.at(0).overdueDays == 1);
    CHECK(warnings.at(0).text.contains(QStringLiteral("Overdue")));
    CHECK(warnings.at(0).text.contains(QStringLiteral("the end of 2026-09-28")));
    CHECK(warnings.at(0).text.contains(QStringLiteral("交款")));
    CHECK(warnings.at(1).status == RiskStatus::Overdue);
    CHECK(warnings.at(1).overdueDays == 0);
    CHECK(warnings.at(1).text.contains(QStringLiteral("2026-09-29 08:00")));

    CHECK(warnings.at(2).status == RiskStatus::DueSoon);
    CHECK(warnings.at(2).workingDaysLeft == 0);
    CHECK(warnings.at(2).text.contains(QStringLiteral("Due today")));
    CHECK(warnings.at(3).status == RiskStatus::DueSoon);
    CHECK(warnings.at(3).workingDaysLeft == 1);
    CHECK(warnings.at(3).text.contains(QStringLiteral("case A")));
    CHECK(warnings.at(3).text.contains(QStringLiteral("1 working day")));
    // 10-01…07 are holidays: B is only two working days away.
    CHECK(warnings.at(4).status == RiskStatus::DueSoon);
    CHECK(warnings.at(4).workingDaysLeft == 2);

    // A wider threshold catches C; the same instant given in UTC changes nothing.
    const auto wider = assessDeadlines(open, now.toUTC(), calendar, 3);
    CHECK(wider.size() == 6);
    CHECK(std::any_of(wider.cbegin(), wider.cend(),
        [](const RiskWarning& w) { return w.deadline.caseRef == QStringLiteral("C"); }));
}

TEST_CASE("Risk warnings say when the calendar cannot tell", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const QDateTime now = at("2027-12-30", 9);
    const QList<OpenDeadline> open = {
        {QStringLiteral("X"), QStringLiteral("decision-service"), QStringLiteral("送达"),
            endOf("2028-01-04")},
        {QStringLiteral("Y"), QStringLiteral("decision-service"), QStringLiteral("送达"),
            endOf("2027-12-31")},
        {QStringLiteral("Z"), QStringLiteral("decision-service"), QStringLiteral("送达"),
            QDateTime()},
    };
    const auto warnings = assessDeadlines(open, now, calendar);
    REQUIRE(warnings.size() == 3);
    CHECK(warnings.at(0).deadline.caseRef == QStringLiteral("Y"));
    CHECK(warnings.at(0).status == RiskStatus::DueSoon);
    CHECK(warnings.at(1).status == RiskStatus::Unchecked);
    CHECK(warnings.at(2).status == RiskStatus::Unchecked);
    const RiskWarning& x
        = warnings.at(1).deadline.caseRef == QStringLiteral("X") ? warnings.at(1) : warnings.at(2);
    CHECK(x.deadline.caseRef == QStringLiteral("X"));
    CHECK(x.text.contains(QStringLiteral("does not cover 2028")));
}

TEST_CASE("A computed deadline feeds the risk check and the surcharge", "[deadlines]")
{
    const WorkingCalendar calendar = shippedCalendar();
    const DeadlineRules rules = shippedRules();
    auto payment = rules.compute(u"fine-payment", at("2026-09-16", 15), calendar);
    REQUIRE(payment);
    REQUIRE(payment->lastDay == day("2026-10-08")); // rolled past the National Day holiday
    // No surcharge during the rolled days; the first surcharge day is 10-09.
    CHECK(rules.lateSurchargeFen(5'000, payment->lastDay, day("2026-10-08"), {}) == 0);
    CHECK(rules.lateSurchargeFen(5'000, payment->lastDay, day("2026-10-09"), {}) == 150);

    const OpenDeadline open {
        QStringLiteral("粤交罚〔2026〕1号"), payment->kind, payment->title, payment->dueAt};
    const auto soon = assessDeadlines({open}, at("2026-09-30", 9), calendar);
    REQUIRE(soon.size() == 1);
    CHECK(soon.first().status == RiskStatus::DueSoon);
    CHECK(soon.first().workingDaysLeft == 1);
    const auto late = assessDeadlines({open}, at("2026-10-12", 9), calendar);
    REQUIRE(late.size() == 1);
    CHECK(late.first().status == RiskStatus::Overdue);
    CHECK(late.first().overdueDays == 4);
}
