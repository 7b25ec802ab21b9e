#include "core/rules/calendar.h"

#include "core/util/text.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <utility>

namespace fieldcase::rules {

namespace {

// Longest count we accept; a year has about 250 working days, so this is generous.
constexpr int kMaxWorkingDays = 100'000;

// A shape error in the calendar pack; the context is the JSON path of the offending value.
Error malformed(const QString& path, const QString& what)
{
    return Error {ErrorCode::InvalidArgument,
        CoreText::tr("The holiday calendar is malformed at %1: %2").arg(path, what), path};
}

// Rejects keys the format does not define: a misspelt "makeUpWorkday" must not silently drop
// every make-up day of a year.
Status onlyKeys(
    const QJsonObject& object, std::initializer_list<const char*> allowed, const QString& path)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char* key : allowed)
            known = known || it.key() == QLatin1String(key);
        if (!known)
            return fail(malformed(path, CoreText::tr("unknown field “%1”").arg(it.key())));
    }
    return {};
}

QString childPath(const QString& path, const char* key)
{
    return path.isEmpty() ? QString(QLatin1String(key))
                          : path + QLatin1Char('.') + QLatin1String(key);
}

QString indexPath(const QString& path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

// A strict YYYY-MM-DD date.
Result<QDate> dateAt(const QJsonObject& object, const char* key, const QString& path)
{
    const QString p = childPath(path, key);
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isString())
        return fail(malformed(p, CoreText::tr("a date (YYYY-MM-DD) is required")));
    const QString text = value.toString();
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (text.size() != 10 || !date.isValid())
        return fail(malformed(p, CoreText::tr("“%1” is not a date (YYYY-MM-DD)").arg(text)));
    return date;
}

Result<QString> textAt(
    const QJsonObject& object, const char* key, const QString& path, bool required)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() && !required)
        return QString();
    if (!value.isString() || (required && value.toString().trimmed().isEmpty()))
        return fail(malformed(childPath(path, key), CoreText::tr("a non-empty text is required")));
    return value.toString();
}

Result<QJsonArray> arrayAt(const QJsonObject& object, const char* key, const QString& path)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isArray())
        return fail(malformed(childPath(path, key), CoreText::tr("a list is required")));
    return value.toArray();
}

Result<QJsonObject> objectAt(const QJsonArray& array, qsizetype index, const QString& path)
{
    if (!array.at(index).isObject())
        return fail(malformed(indexPath(path, index), CoreText::tr("an object is required")));
    return array.at(index).toObject();
}

QString weekdayName(QDate date)
{
    return date.dayOfWeek() == 6 ? CoreText::tr("Saturday")
        : date.dayOfWeek() == 7  ? CoreText::tr("Sunday")
                                 : CoreText::tr("weekday");
}

} // namespace

Result<WorkingCalendar> WorkingCalendar::fromJson(const QJsonObject& content)
{
    FC_TRY(onlyKeys(content, {"years"}, QStringLiteral("content")));
    auto years = arrayAt(content, "years", QString());
    if (!years)
        return fail(years.error());
    if (years->isEmpty())
        return fail(
            malformed(QStringLiteral("years"), CoreText::tr("at least one year is required")));

    WorkingCalendar calendar;
    for (qsizetype i = 0; i < years->size(); ++i) {
        const QString path = indexPath(QStringLiteral("years"), i);
        auto entry = objectAt(*years, i, QStringLiteral("years"));
        if (!entry)
            return fail(entry.error());
        FC_TRY(onlyKeys(
            *entry, {"year", "provisional", "source", "note", "holidays", "makeUpWorkdays"}, path));

        const QJsonValue yearValue = entry->value(QLatin1String("year"));
        const double yearNumber = yearValue.toDouble(-1);
        if (!yearValue.isDouble() || yearNumber != std::floor(yearNumber) || yearNumber < 1949
            || yearNumber > 2200)
            return fail(malformed(
                childPath(path, "year"), CoreText::tr("a year between 1949 and 2200 is required")));
        CalendarYear info;
        info.year = static_cast<int>(yearNumber);
        if (calendar.m_years.contains(info.year))
            return fail(malformed(childPath(path, "year"),
                CoreText::tr("the year %1 is listed twice").arg(info.year)));
        // Provisional must be stated, not defaulted: a missing flag would make derived data look
        // like a published notice.
        const QJsonValue provisional = entry->value(QLatin1String("provisional"));
        if (!provisional.isBool())
            return fail(malformed(
                childPath(path, "provisional"), CoreText::tr("true or false is required")));
        info.provisional = provisional.toBool();
        auto source = textAt(*entry, "source", path, true);
        if (!source)
            return fail(source.error());
        info.source = *source;
        auto note = textAt(*entry, "note", path, false);
        if (!note)
            return fail(note.error());
        info.note = *note;

        // 放假 blocks: every day from..to inclusive is a rest day, whatever its weekday.
        const QString holidaysPath = childPath(path, "holidays");
        auto holidays = arrayAt(*entry, "holidays", path);
        if (!holidays)
            return fail(holidays.error());
        if (holidays->isEmpty())
            return fail(malformed(holidaysPath, CoreText::tr("at least one holiday is required")));
        for (qsizetype h = 0; h < holidays->size(); ++h) {
            const QString hPath = indexPath(holidaysPath, h);
            auto holiday = objectAt(*holidays, h, holidaysPath);
            if (!holiday)
                return fail(holiday.error());
            FC_TRY(onlyKeys(*holiday, {"name", "from", "to"}, hPath));
            auto name = textAt(*holiday, "name", hPath, true);
            if (!name)
                return fail(name.error());
            auto from = dateAt(*holiday, "from", hPath);
            if (!from)
                return fail(from.error());
            auto to = dateAt(*holiday, "to", hPath);
            if (!to)
                return fail(to.error());
            if (*to < *from)
                return fail(malformed(childPath(hPath, "to"),
                    CoreText::tr("%1 is before the first day %2")
                        .arg(to->toString(Qt::ISODate), from->toString(Qt::ISODate))));
            for (const auto& [day, key] : {std::pair {*from, "from"}, std::pair {*to, "to"}}) {
                if (day.year() != info.year)
                    return fail(malformed(childPath(hPath, key),
                        CoreText::tr("%1 is not in %2; list it under its own year")
                            .arg(day.toString(Qt::ISODate))
                            .arg(info.year)));
            }
            for (QDate day = *from; day <= *to; day = day.addDays(1)) {
                if (calendar.m_holidays.contains(day))
                    return fail(malformed(hPath,
                        CoreText::tr("%1 is already a day of %2")
                            .arg(day.toString(Qt::ISODate), calendar.m_holidays.value(day))));
                calendar.m_holidays.insert(day, *name);
            }
        }

        // 调休上班 days: always a Saturday or Sunday that becomes a working day.
        const QString workdaysPath = childPath(path, "makeUpWorkdays");
        auto workdays = arrayAt(*entry, "makeUpWorkdays", path);
        if (!workdays)
            return fail(workdays.error());
        for (qsizetype w = 0; w < workdays->size(); ++w) {
            const QString wPath = indexPath(workdaysPath, w);
            auto workday = objectAt(*workdays, w, workdaysPath);
            if (!workday)
                return fail(workday.error());
            FC_TRY(onlyKeys(*workday, {"date", "name"}, wPath));
            auto date = dateAt(*workday, "date", wPath);
            if (!date)
                return fail(date.error());
            auto name = textAt(*workday, "name", wPath, true);
            if (!name)
                return fail(name.error());
            const QString datePath = childPath(wPath, "date");
            const QString iso = date->toString(Qt::ISODate);
            if (date->year() != info.year)
                return fail(malformed(datePath,
                    CoreText::tr("%1 is not in %2; list it under its own year")
                        .arg(iso)
                        .arg(info.year)));
            if (date->dayOfWeek() < 6)
                return fail(malformed(datePath,
                    CoreText::tr("%1 is a %2; a make-up working day is always a "
                                 "Saturday or Sunday")
                        .arg(iso, weekdayName(*date))));
            if (calendar.m_holidays.contains(*date))
                return fail(malformed(datePath,
                    CoreText::tr("%1 is listed both as a holiday (%2) and as a "
                                 "make-up working day")
                        .arg(iso, calendar.m_holidays.value(*date))));
            if (calendar.m_makeUpDays.contains(*date))
                return fail(malformed(datePath,
                    CoreText::tr("%1 is listed twice as a make-up working day").arg(iso)));
            calendar.m_makeUpDays.insert(*date, *name);
        }
        calendar.m_years.insert(info.year, info);
    }
    return calendar;
}

bool WorkingCalendar::covers(QDate date) const
{
    return date.isValid() && m_years.contains(date.year());
}

bool WorkingCalendar::coversYear(int year) const
{
    return m_years.contains(year);
}

QList<int> WorkingCalendar::years() const
{
    return m_years.keys();
}

bool WorkingCalendar::isProvisional(int year) const
{
    return m_years.value(year).provisional;
}

std::optional<CalendarYear> WorkingCalendar::yearInfo(int year) const
{
    if (!m_years.contains(year))
        return std::nullopt;
    return m_years.value(year);
}

DayKind WorkingCalendar::kind(QDate date) const
{
    if (!covers(date))
        return DayKind::Unknown;
    if (m_makeUpDays.contains(date))
        return DayKind::MakeUpWorkday;
    if (m_holidays.contains(date))
        return DayKind::Holiday;
    if (date.dayOfWeek() >= 6)
        return DayKind::Weekend;
    return DayKind::Working;
}

QString WorkingCalendar::holidayName(QDate date) const
{
    if (m_makeUpDays.contains(date))
        return m_makeUpDays.value(date);
    return m_holidays.value(date);
}

Error WorkingCalendar::notCovered(QDate date) const
{
    QStringList covered;
    for (int year : m_years.keys())
        covered.append(QString::number(year));
    return Error {ErrorCode::NotFound,
        CoreText::tr("The holiday calendar does not cover %1 (it covers %2); import a "
                     "calendar pack for that year.")
            .arg(QString::number(date.year()), covered.join(QStringLiteral(", "))),
        date.toString(Qt::ISODate)};
}

Result<bool> WorkingCalendar::isWorkingDay(QDate date) const
{
    if (!date.isValid())
        return fail(ErrorCode::InvalidArgument, CoreText::tr("The date is not valid."));
    switch (kind(date)) {
    case DayKind::Working:
    case DayKind::MakeUpWorkday:
        return true;
    case DayKind::Weekend:
    case DayKind::Holiday:
        return false;
    case DayKind::Unknown:
        break;
    }
    return fail(notCovered(date));
}

Result<QDate> WorkingCalendar::addWorkingDays(QDate start, int n) const
{
    if (!start.isValid())
        return fail(ErrorCode::InvalidArgument, CoreText::tr("The start date is not valid."));
    if (n > kMaxWorkingDays || n < -kMaxWorkingDays)
        return fail(
            ErrorCode::InvalidArgument, CoreText::tr("%1 working days is out of range.").arg(n));
    const int step = n < 0 ? -1 : 1;
    int remaining = std::abs(n);
    QDate day = start;
    while (remaining > 0) {
        day = day.addDays(step);
        auto working = isWorkingDay(day);
        if (!working)
            return fail(working.error());
        if (*working)
            --remaining;
    }
    return day;
}

Result<QDate> WorkingCalendar::nextWorkingDay(QDate date) const
{
    return addWorkingDays(date, 1);
}

Result<QDate> WorkingCalendar::previousWorkingDay(QDate date) const
{
    return addWorkingDays(date, -1);
}

Result<int> WorkingCalendar::workingDaysBetween(QDate from, QDate to) const
{
    if (!from.isValid() || !to.isValid())
        return fail(ErrorCode::InvalidArgument, CoreText::tr("The date is not valid."));
    int count = 0;
    for (QDate day = from.addDays(1); day <= to; day = day.addDays(1)) {
        auto working = isWorkingDay(day);
        if (!working)
            return fail(working.error());
        if (*working)
            ++count;
    }
    return count;
}

} // namespace fieldcase::rules
