// The working-day calendar: weekends, statutory holidays (放假) and 调休 make-up working days per
// year, read from a `calendar` reference pack (format: docs/packs/calendar-and-deadlines.md).
// Periods of “二日”“三日”“五日”“七日” under 《行政处罚法》第八十五条 and of ten days or fewer under
// 《行政强制法》第六十九条 are counted in working days, so they need this calendar.
#pragma once

#include "core/util/result.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace fieldcase::rules {

// What a day is when counting working days.
enum class DayKind {
    Working, // Monday to Friday and not a holiday
    Weekend, // Saturday or Sunday that is not a make-up working day
    Holiday, // a 放假 day of the year's arrangement (weekend days inside the block included)
    MakeUpWorkday, // a Saturday or Sunday on which people work (调休上班): a working day
    Unknown, // the calendar does not cover the year; nothing is guessed
};

// One year's arrangement as published, with where it comes from.
struct CalendarYear
{
    int year = 0;
    bool provisional = false; // not from the State Council notice (statutory days only)
    QString source; // the notice (title, number, date) or the rule the days were derived from
    QString note;
};

// The holiday calendar. A year is covered only if the pack lists it; asking about any other
// year is an error, never a weekend-only guess.
class WorkingCalendar
{
public:
    // Parses the `content` of a calendar pack; errors name the JSON path (e.g.
    // years[1].holidays[2].to).
    [[nodiscard]] static Result<WorkingCalendar> fromJson(const QJsonObject& content);

    // True if the date's year is in the calendar.
    [[nodiscard]] bool covers(QDate date) const;
    // True if the year is in the calendar.
    [[nodiscard]] bool coversYear(int year) const;
    // The covered years, ascending.
    [[nodiscard]] QList<int> years() const;
    // True if the year's data is provisional (results computed over it carry a warning).
    [[nodiscard]] bool isProvisional(int year) const;
    // The year's source and notes; nullopt if the year is not covered.
    [[nodiscard]] std::optional<CalendarYear> yearInfo(int year) const;

    // The kind of day; Unknown for a year the calendar does not cover.
    [[nodiscard]] DayKind kind(QDate date) const;
    // The holiday a Holiday or MakeUpWorkday belongs to (e.g. 国庆节); empty for other days.
    [[nodiscard]] QString holidayName(QDate date) const;
    // Whether people work that day; NotFound for a year the calendar does not cover.
    [[nodiscard]] Result<bool> isWorkingDay(QDate date) const;
    // The n-th working day after start (the start day is not counted); n < 0 counts backwards,
    // n == 0 returns start. NotFound if a day it has to look at is not covered.
    [[nodiscard]] Result<QDate> addWorkingDays(QDate start, int n) const;
    // The first working day after date (date itself excluded).
    [[nodiscard]] Result<QDate> nextWorkingDay(QDate date) const;
    // The last working day before date (date itself excluded).
    [[nodiscard]] Result<QDate> previousWorkingDay(QDate date) const;
    // The number of working days d with from < d ≤ to (0 if to ≤ from).
    [[nodiscard]] Result<int> workingDaysBetween(QDate from, QDate to) const;

private:
    [[nodiscard]] Error notCovered(QDate date) const;

    QMap<int, CalendarYear> m_years;
    QHash<QDate, QString> m_holidays; // 放假 day → holiday name
    QHash<QDate, QString> m_makeUpDays; // 调休上班 day → holiday it makes up for
};

} // namespace fieldcase::rules
