// Statutory deadlines (期限) from a `deadlines` reference pack, computed over a WorkingCalendar;
// the 加处罚款 late surcharge; and deadline risk warnings (执法风险预警).
// Formats and counting rules: docs/packs/calendar-and-deadlines.md.
#pragma once

#include "core/rules/calendar.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace fieldcase::rules {

// China has used UTC+8 all year since 1991; a legal “day” is a Beijing-time calendar day.
inline constexpr int kBeijingUtcOffsetSeconds = 8 * 3600;

// The calendar day (Beijing time) an instant falls on.
[[nodiscard]] QDate legalDate(const QDateTime& instant);

// How a period is measured.
enum class PeriodUnit {
    CalendarDays, // 自然日
    WorkingDays, // 工作日 (《行政处罚法》第八十五条, 《行政强制法》第六十九条)
    Hours, // 时
    Months, // 月: same day of the month, or the month's last day (《民法典》第二百零二条)
    Years, // 年
};

// What the computed day means.
enum class DeadlineType {
    Deadline, // the act must be done by the end of the last day (or by the hour)
    WaitingPeriod, // the act is allowed only once the period has run (e.g. 催告 → court)
    NoticeBefore, // counted back from a future event: the notice must be given by the last day
};

// An optional extension of a period (e.g. 查封、扣押 + 30 days, 《行政强制法》第二十五条).
struct DeadlineExtension
{
    int maxAmount = 0;
    PeriodUnit unit = PeriodUnit::CalendarDays;
    int maxTimes = 1;
    QString basis;
    QString note;
};

// The other reading of an uncertain rule, computed alongside and reported as a warning.
struct DeadlineAlternative
{
    std::optional<PeriodUnit> unit;
    std::optional<bool> clearDays;
    QString label; // what the reading is, e.g. 按自然日计算
};

// One deadline rule as published in the pack.
struct DeadlineRule
{
    QString kind; // stable id, e.g. "evidence-preservation-decision"
    QString title; // Chinese title shown to officers
    int amount = 0;
    PeriodUnit unit = PeriodUnit::CalendarDays;
    DeadlineType type = DeadlineType::Deadline;
    QString startEvent; // what starts the period
    QString basis; // law and article, e.g. 《行政处罚法》第五十六条、第八十五条
    QString countingBasis; // why this unit (optional)
    bool rollForward = false; // a last day that is a rest day moves to the next working day
    bool clearDays = false; // NoticeBefore: the whole period lies strictly between notice and event
    bool unsure = false; // the legal reading is not settled; see note
    QString note;
    std::optional<DeadlineAlternative> alternative; // only for unsure rules
    std::optional<DeadlineExtension> extension;
};

// 加处罚款 parameters (《行政处罚法》第七十二条、第七十三条).
struct LateSurchargeRule
{
    int ratePerDayBasisPoints = 0; // 300 = 3 % of the fine per overdue day
    int capPercentOfFine = 0; // 100 = the surcharge never exceeds the fine
    QString basis;
    QString pauseBasis;
    QString note;
};

// A day that was skipped (or a make-up working day that was counted) while counting.
struct SkippedDay
{
    QDate date;
    DayKind kind = DayKind::Weekend;
    QString reason; // "weekend", the holiday's name, or the make-up day's holiday
    bool counted = false; // true for a 调休 make-up working day, which counts
};

// A computed deadline with everything an officer needs to trust it.
struct DeadlineResult
{
    QString kind;
    QString title;
    QString basis;
    QString startEvent;
    DeadlineType type = DeadlineType::Deadline;
    PeriodUnit unit = PeriodUnit::CalendarDays;
    int amount = 0;
    QDateTime start; // the start instant (Beijing time)
    QDate nominalLastDay; // the last day before any roll-forward
    QDate lastDay; // the last day of the period
    // Deadline: when the period runs out (24:00 of lastDay, or start + hours). WaitingPeriod:
    // the first instant the act is allowed. NoticeBefore: the end of the last day for the notice.
    QDateTime dueAt;
    int daysCounted = 0; // working days for working-day rules, else calendar days spanned
    bool rolledForward = false;
    QList<SkippedDay> skippedDays;
    bool provisional = false; // the result depends on a provisional calendar year
    bool unsure = false; // the rule is flagged unsure in the pack
    QStringList warnings;
    QString explanation; // a readable account of the count
};

// The deadline rules of a pack.
class DeadlineRules
{
public:
    // Parses the `content` of a deadlines pack; errors name the JSON path (e.g. rules[3].unit).
    [[nodiscard]] static Result<DeadlineRules> fromJson(const QJsonObject& content);

    // Every rule, in pack order.
    [[nodiscard]] QList<DeadlineRule> rules() const;
    // The rule of a kind; nullopt if the pack has none.
    [[nodiscard]] std::optional<DeadlineRule> rule(QStringView kind) const;
    // The 加处罚款 parameters.
    [[nodiscard]] const LateSurchargeRule& lateSurcharge() const { return m_surcharge; }

    // Computes the deadline of a kind from its start event. NotFound for an unknown kind or when
    // the calendar does not cover a day the count depends on.
    [[nodiscard]] Result<DeadlineResult> compute(
        QStringView kind, QDateTime start, const WorkingCalendar& calendar) const;
    // Computes an extended period counted from the original last day (not counted). amount 0
    // means the maximum; extensionsGranted is how many extensions were granted before this one.
    [[nodiscard]] Result<DeadlineResult> computeExtended(QStringView kind, QDate originalLastDay,
        const WorkingCalendar& calendar, int amount = 0, int extensionsGranted = 0) const;

    // 加处罚款 in fen owed on asOf for a fine due by the end of dueDate: rate × fine per overdue
    // day (the first is dueDate + 1), capped, days inside a paused period (复议/诉讼, inclusive
    // ranges) not counted (《行政处罚法》第七十二条第一款第（一）项、第七十三条第三款). Rounded
    // down to the fen. 0 for a non-positive fine or invalid dates.
    [[nodiscard]] qint64 lateSurchargeFen(
        qint64 fineFen, QDate dueDate, QDate asOf, QList<QPair<QDate, QDate>> pausedPeriods) const;
    // The overdue day on which the surcharge first reaches its cap (34 for 3 % and 100 %).
    [[nodiscard]] int lateSurchargeCapDay() const;

private:
    [[nodiscard]] const DeadlineRule* find(QStringView kind) const;

    QList<DeadlineRule> m_rules;
    LateSurchargeRule m_surcharge;
    QString m_startDayRule;
    QString m_rollForwardRule;
    QString m_monthEndRule;
    QString m_workingDaysRule;
};

// A deadline still open in a case, as the risk check sees it.
struct OpenDeadline
{
    QString caseRef; // 案号 or case id shown to the officer
    QString kind; // rule kind
    QString title; // what must be done (the rule's title)
    QDateTime dueAt; // DeadlineResult::dueAt
};

// How urgent an open deadline is.
enum class RiskStatus {
    Overdue, // the due instant has passed
    DueSoon, // due today or within the next few working days
    Unchecked, // the calendar does not cover the days in between: check by hand
};

// One warning for the officer.
struct RiskWarning
{
    OpenDeadline deadline;
    RiskStatus status = RiskStatus::DueSoon;
    int workingDaysLeft = 0; // DueSoon: working days after today up to the due day (0 = today)
    int overdueDays = 0; // Overdue: calendar days since the due day (0 = ran out today)
    QString text; // the sentence the officer sees
};

// Flags open deadlines that are overdue or due within dueSoonWorkingDays working days; the
// others are left out. Overdue first, then due soon, then unchecked, each by due time.
[[nodiscard]] QList<RiskWarning> assessDeadlines(const QList<OpenDeadline>& open, QDateTime now,
    const WorkingCalendar& calendar, int dueSoonWorkingDays = 2);

} // namespace fieldcase::rules
