#include "core/rules/deadlines.h"

#include "core/util/text.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <tuple>
#include <utility>

namespace fieldcase::rules {

namespace {

// ---- JSON reading -------------------------------------------------------------------------

// A shape error in the deadlines pack; the context is the JSON path of the offending value.
Error malformed(const QString& path, const QString& what)
{
    return Error {ErrorCode::InvalidArgument,
        CoreText::tr("The deadline rules are malformed at %1: %2").arg(path, what), path};
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

// Rejects keys the format does not define, so a misspelt "rollforward" cannot silently fall
// back to a default.
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

Result<bool> flagAt(
    const QJsonObject& object, const char* key, const QString& path, std::optional<bool> fallback)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() && fallback)
        return *fallback;
    if (!value.isBool())
        return fail(malformed(childPath(path, key), CoreText::tr("true or false is required")));
    return value.toBool();
}

Result<int> wholeAt(
    const QJsonObject& object, const char* key, const QString& path, int min, int max)
{
    const QJsonValue value = object.value(QLatin1String(key));
    const double number = value.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!value.isDouble() || number != std::floor(number) || number < min || number > max)
        return fail(malformed(childPath(path, key),
            CoreText::tr("a whole number from %1 to %2 is required").arg(min).arg(max)));
    return static_cast<int>(number);
}

Result<QJsonObject> objectAt(const QJsonObject& object, const char* key, const QString& path)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isObject())
        return fail(malformed(childPath(path, key), CoreText::tr("an object is required")));
    return value.toObject();
}

struct UnitName
{
    const char* name;
    PeriodUnit unit;
};
constexpr UnitName kUnits[]
    = {{"calendar-days", PeriodUnit::CalendarDays}, {"working-days", PeriodUnit::WorkingDays},
        {"hours", PeriodUnit::Hours}, {"months", PeriodUnit::Months}, {"years", PeriodUnit::Years}};

struct TypeName
{
    const char* name;
    DeadlineType type;
};
constexpr TypeName kTypes[] = {{"deadline", DeadlineType::Deadline},
    {"waiting-period", DeadlineType::WaitingPeriod}, {"notice-before", DeadlineType::NoticeBefore}};

Result<PeriodUnit> unitAt(const QJsonObject& object, const char* key, const QString& path)
{
    const QString name = object.value(QLatin1String(key)).toString();
    for (const UnitName& u : kUnits) {
        if (name == QLatin1String(u.name))
            return u.unit;
    }
    return fail(malformed(childPath(path, key),
        CoreText::tr("unknown unit “%1” (calendar-days, working-days, hours, "
                     "months or years)")
            .arg(name)));
}

Result<DeadlineType> typeAt(const QJsonObject& object, const QString& path)
{
    const QJsonValue value = object.value(QLatin1String("type"));
    if (value.isUndefined())
        return DeadlineType::Deadline;
    for (const TypeName& t : kTypes) {
        if (value.toString() == QLatin1String(t.name))
            return t.type;
    }
    return fail(malformed(childPath(path, "type"),
        CoreText::tr("unknown type “%1” (deadline, waiting-period or "
                     "notice-before)")
            .arg(value.toString())));
}

// Units a roll-forward applies to: counts of whole calendar days, months or years. Working days
// already end on a working day and hours run round the clock.
bool isCalendarCount(PeriodUnit unit)
{
    return unit == PeriodUnit::CalendarDays || unit == PeriodUnit::Months
        || unit == PeriodUnit::Years;
}

// Checks the combinations that make a rule meaningful.
Status checkShape(PeriodUnit unit, DeadlineType type, bool rollForward, const QString& path)
{
    if (type == DeadlineType::NoticeBefore && unit != PeriodUnit::CalendarDays
        && unit != PeriodUnit::WorkingDays)
        return fail(malformed(childPath(path, "unit"),
            CoreText::tr("a notice-before rule counts calendar-days or "
                         "working-days")));
    if (rollForward && (!isCalendarCount(unit) || type == DeadlineType::NoticeBefore))
        return fail(malformed(childPath(path, "rollForward"),
            CoreText::tr("a roll-forward applies only to calendar-days, months "
                         "or years counted forward")));
    return {};
}

Result<DeadlineExtension> parseExtension(const QJsonObject& object, const QString& path)
{
    FC_TRY(onlyKeys(object, {"maxAmount", "unit", "maxTimes", "basis", "note"}, path));
    DeadlineExtension extension;
    auto maxAmount = wholeAt(object, "maxAmount", path, 1, 100'000);
    if (!maxAmount)
        return fail(maxAmount.error());
    extension.maxAmount = *maxAmount;
    auto unit = unitAt(object, "unit", path);
    if (!unit)
        return fail(unit.error());
    extension.unit = *unit;
    auto maxTimes = wholeAt(object, "maxTimes", path, 1, 100);
    if (!maxTimes)
        return fail(maxTimes.error());
    extension.maxTimes = *maxTimes;
    auto basis = textAt(object, "basis", path, true);
    if (!basis)
        return fail(basis.error());
    extension.basis = *basis;
    auto note = textAt(object, "note", path, false);
    if (!note)
        return fail(note.error());
    extension.note = *note;
    return extension;
}

Result<DeadlineAlternative> parseAlternative(
    const QJsonObject& object, const DeadlineRule& rule, const QString& path)
{
    FC_TRY(onlyKeys(object, {"unit", "clearDays", "label"}, path));
    DeadlineAlternative alternative;
    if (object.contains(QLatin1String("unit"))) {
        auto unit = unitAt(object, "unit", path);
        if (!unit)
            return fail(unit.error());
        if (*unit == rule.unit)
            return fail(malformed(
                childPath(path, "unit"), CoreText::tr("the other reading must use another unit")));
        alternative.unit = *unit;
    }
    if (object.contains(QLatin1String("clearDays"))) {
        if (rule.type != DeadlineType::NoticeBefore)
            return fail(malformed(childPath(path, "clearDays"),
                CoreText::tr("clearDays applies only to notice-before rules")));
        auto clear = flagAt(object, "clearDays", path, std::nullopt);
        if (!clear)
            return fail(clear.error());
        if (*clear == rule.clearDays)
            return fail(malformed(childPath(path, "clearDays"),
                CoreText::tr("the other reading must change clearDays")));
        alternative.clearDays = *clear;
    }
    if (!alternative.unit && !alternative.clearDays)
        return fail(malformed(path, CoreText::tr("the other reading must set unit or clearDays")));
    auto label = textAt(object, "label", path, true);
    if (!label)
        return fail(label.error());
    alternative.label = *label;
    const PeriodUnit unit = alternative.unit.value_or(rule.unit);
    FC_TRY(checkShape(unit, rule.type, rule.rollForward && isCalendarCount(unit), path));
    return alternative;
}

Result<DeadlineRule> parseRule(const QJsonObject& object, const QString& path)
{
    FC_TRY(onlyKeys(object,
        {"kind", "title", "amount", "unit", "type", "startEvent", "basis", "countingBasis",
            "rollForward", "clearDays", "unsure", "note", "alternative", "extension"},
        path));
    DeadlineRule rule;
    auto kind = textAt(object, "kind", path, true);
    if (!kind)
        return fail(kind.error());
    static const QRegularExpression kindPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    if (!kindPattern.match(*kind).hasMatch())
        return fail(malformed(childPath(path, "kind"),
            CoreText::tr("“%1” is not a kind id (lower-case words joined by "
                         "hyphens)")
                .arg(*kind)));
    rule.kind = *kind;
    for (const auto& [key, target] : {std::pair {"title", &rule.title},
             std::pair {"startEvent", &rule.startEvent}, std::pair {"basis", &rule.basis}}) {
        // Every rule names its legal basis: a deadline without an article is not shipped.
        auto value = textAt(object, key, path, true);
        if (!value)
            return fail(value.error());
        *target = *value;
    }
    for (const auto& [key, target] :
        {std::pair {"countingBasis", &rule.countingBasis}, std::pair {"note", &rule.note}}) {
        auto value = textAt(object, key, path, false);
        if (!value)
            return fail(value.error());
        *target = *value;
    }
    auto amount = wholeAt(object, "amount", path, 1, 100'000);
    if (!amount)
        return fail(amount.error());
    rule.amount = *amount;
    auto unit = unitAt(object, "unit", path);
    if (!unit)
        return fail(unit.error());
    rule.unit = *unit;
    auto type = typeAt(object, path);
    if (!type)
        return fail(type.error());
    rule.type = *type;
    // Roll-forward is a legal choice per rule, so it must be written down, never defaulted.
    auto rollForward = flagAt(object, "rollForward", path, std::nullopt);
    if (!rollForward)
        return fail(rollForward.error());
    rule.rollForward = *rollForward;
    FC_TRY(checkShape(rule.unit, rule.type, rule.rollForward, path));
    if (rule.type == DeadlineType::NoticeBefore) {
        auto clear = flagAt(object, "clearDays", path, std::nullopt);
        if (!clear)
            return fail(clear.error());
        rule.clearDays = *clear;
    } else if (object.contains(QLatin1String("clearDays"))) {
        return fail(malformed(childPath(path, "clearDays"),
            CoreText::tr("clearDays applies only to notice-before rules")));
    }
    auto unsure = flagAt(object, "unsure", path, false);
    if (!unsure)
        return fail(unsure.error());
    rule.unsure = *unsure;
    if (rule.unsure && rule.note.trimmed().isEmpty())
        return fail(malformed(childPath(path, "note"),
            CoreText::tr("an unsure rule must say in its note what is unsure")));
    if (object.contains(QLatin1String("alternative"))) {
        if (!rule.unsure)
            return fail(malformed(childPath(path, "alternative"),
                CoreText::tr("only an unsure rule has another reading")));
        auto alternativeObject = objectAt(object, "alternative", path);
        if (!alternativeObject)
            return fail(alternativeObject.error());
        auto alternative
            = parseAlternative(*alternativeObject, rule, childPath(path, "alternative"));
        if (!alternative)
            return fail(alternative.error());
        rule.alternative = *alternative;
    }
    if (object.contains(QLatin1String("extension"))) {
        if (rule.type == DeadlineType::NoticeBefore)
            return fail(malformed(childPath(path, "extension"),
                CoreText::tr("a notice-before rule cannot be extended")));
        auto extensionObject = objectAt(object, "extension", path);
        if (!extensionObject)
            return fail(extensionObject.error());
        auto extension = parseExtension(*extensionObject, childPath(path, "extension"));
        if (!extension)
            return fail(extension.error());
        rule.extension = *extension;
    }
    return rule;
}

// ---- counting -----------------------------------------------------------------------------

QDateTime beijing(QDate date, QTime time = QTime(0, 0))
{
    return QDateTime(date, time, Qt::OffsetFromUTC, kBeijingUtcOffsetSeconds);
}

// 24:00 of a day: a day-counted period lasts to the end of its last day
// (《民法典》第二百零三条第二款).
QDateTime endOfDay(QDate date)
{
    return beijing(date.addDays(1));
}

QString isoDate(QDate date)
{
    return date.toString(Qt::ISODate);
}

QString formatInstant(const QDateTime& instant)
{
    return instant.toOffsetFromUtc(kBeijingUtcOffsetSeconds)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// How one count is done (a rule, its extension or its other reading).
struct PeriodSpec
{
    int amount = 0;
    PeriodUnit unit = PeriodUnit::CalendarDays;
    DeadlineType type = DeadlineType::Deadline;
    bool rollForward = false;
    bool clearDays = false;
};

// The outcome of one count.
struct Count
{
    QDate startDay;
    QDate nominal;
    QDate last;
    QDateTime dueAt;
    int daysCounted = 0;
    bool rolled = false;
    QList<SkippedDay> skipped;
    QSet<int> yearsUsed; // calendar years the result depends on
};

QString dayReason(const WorkingCalendar& calendar, QDate date, DayKind kind)
{
    switch (kind) {
    case DayKind::Weekend:
        return CoreText::tr("weekend");
    case DayKind::Holiday:
        return calendar.holidayName(date);
    case DayKind::MakeUpWorkday:
        return CoreText::tr("make-up working day for %1").arg(calendar.holidayName(date));
    case DayKind::Working:
    case DayKind::Unknown:
        break;
    }
    return {};
}

// Looks at one day while counting: notes rest days and counted make-up days.
Result<bool> visit(const WorkingCalendar& calendar, QDate date, Count& count)
{
    auto working = calendar.isWorkingDay(date);
    if (!working)
        return fail(working.error());
    count.yearsUsed.insert(date.year());
    const DayKind kind = calendar.kind(date);
    if (kind != DayKind::Working)
        count.skipped.append(
            {date, kind, dayReason(calendar, date, kind), kind == DayKind::MakeUpWorkday});
    return *working;
}

Result<Count> countPeriod(
    const PeriodSpec& spec, const QDateTime& start, const WorkingCalendar& calendar)
{
    Count count;
    const QDateTime local = start.toOffsetFromUtc(kBeijingUtcOffsetSeconds);
    count.startDay = local.date();
    const bool backwards = spec.type == DeadlineType::NoticeBefore;
    switch (spec.unit) {
    case PeriodUnit::Hours:
        // Counted from the stated time (《民法典》第二百零一条第二款); no calendar involved.
        count.dueAt = local.addSecs(qint64(spec.amount) * 3600);
        count.nominal = count.last = count.dueAt.date();
        return count;
    case PeriodUnit::WorkingDays: {
        // Forward: the start day is not counted (《民事诉讼法》第八十五条第二款). Backward from an
        // event: the notice day is never counted, the event day only without clear days.
        QDate day = backwards ? (spec.clearDays ? count.startDay.addDays(-1) : count.startDay)
                              : count.startDay.addDays(1);
        int counted = 0;
        while (true) {
            auto working = visit(calendar, day, count);
            if (!working)
                return fail(working.error());
            if (*working && ++counted == spec.amount)
                break;
            day = day.addDays(backwards ? -1 : 1);
        }
        count.nominal = count.last = backwards ? day.addDays(-1) : day;
        count.daysCounted = spec.amount;
        if (backwards)
            std::reverse(count.skipped.begin(), count.skipped.end()); // list days in date order
        count.dueAt = endOfDay(count.last);
        return count;
    }
    case PeriodUnit::CalendarDays:
        count.nominal = backwards
            ? count.startDay.addDays(-(spec.amount + (spec.clearDays ? 1 : 0)))
            : count.startDay.addDays(spec.amount);
        break;
    case PeriodUnit::Months:
        // QDate::addMonths clamps to the month's last day, as 《民法典》第二百零二条 requires.
        count.nominal = count.startDay.addMonths(spec.amount);
        break;
    case PeriodUnit::Years:
        count.nominal = count.startDay.addYears(spec.amount);
        break;
    }
    count.last = count.nominal;
    if (spec.rollForward) {
        // 《民事诉讼法》第八十五条第三款: a last day that is a 法定休假日 gives way to the first
        // day after it; weekends are rest days too, and a 调休 Saturday is a working day.
        while (true) {
            auto working = visit(calendar, count.last, count);
            if (!working)
                return fail(working.error());
            if (*working)
                break;
            count.last = count.last.addDays(1);
            count.rolled = true;
        }
    }
    count.daysCounted = backwards ? spec.amount : int(count.startDay.daysTo(count.last));
    count.dueAt = endOfDay(count.last);
    return count;
}

// Consecutive skipped days with the same reason, as "2026-10-01 – 2026-10-07 国庆节".
QString describeDays(const QList<SkippedDay>& days)
{
    QStringList parts;
    qsizetype i = 0;
    while (i < days.size()) {
        qsizetype j = i;
        while (j + 1 < days.size() && days.at(j + 1).reason == days.at(i).reason
            && qAbs(days.at(j).date.daysTo(days.at(j + 1).date)) == 1)
            ++j;
        const QDate first = std::min(days.at(i).date, days.at(j).date);
        const QDate last = std::max(days.at(i).date, days.at(j).date);
        parts.append(i == j ? QStringLiteral("%1 %2").arg(isoDate(first), days.at(i).reason)
                            : QStringLiteral("%1 – %2 %3")
                                  .arg(isoDate(first), isoDate(last), days.at(i).reason));
        i = j + 1;
    }
    return parts.join(QStringLiteral("; "));
}

QString unitPhrase(int amount, PeriodUnit unit)
{
    switch (unit) {
    case PeriodUnit::CalendarDays:
        return CoreText::tr("%n calendar day(s)", nullptr, amount);
    case PeriodUnit::WorkingDays:
        return CoreText::tr("%n working day(s)", nullptr, amount);
    case PeriodUnit::Hours:
        return CoreText::tr("%n hour(s)", nullptr, amount);
    case PeriodUnit::Months:
        return CoreText::tr("%n month(s)", nullptr, amount);
    case PeriodUnit::Years:
        return CoreText::tr("%n year(s)", nullptr, amount);
    }
    return {};
}

// The texts of the pack's counting rules, quoted in explanations.
struct CountingTexts
{
    QString startDay;
    QString rollForward;
    QString monthEnd;
    QString workingDays;
};

QString explain(const DeadlineRule& rule, const PeriodSpec& spec, const Count& count,
    const QDateTime& start, const CountingTexts& texts, std::optional<QDate> extending)
{
    QStringList parts;
    parts.append(CoreText::tr("%1 (%2).").arg(rule.title, rule.basis));
    if (extending)
        parts.append(CoreText::tr("Extension by %1 from the original last day, %2, which is not "
                                  "counted.")
                         .arg(unitPhrase(spec.amount, spec.unit), isoDate(*extending)));
    else if (spec.unit == PeriodUnit::Hours)
        parts.append(CoreText::tr("Start: %1, %2.").arg(rule.startEvent, formatInstant(start)));
    else
        parts.append(CoreText::tr("Start: %1, %2.").arg(rule.startEvent, isoDate(count.startDay)));

    const QString last = isoDate(count.last);
    if (spec.type == DeadlineType::NoticeBefore) {
        const QString event = isoDate(count.startDay);
        const QString period = unitPhrase(spec.amount, spec.unit);
        parts.append(spec.clearDays
                ? CoreText::tr("Counted back %1 from the event on %2, counting neither the "
                               "notice day nor the event day: give notice by the end of %3.")
                      .arg(period, event, last)
                : CoreText::tr("Counted back %1 from the event on %2, counting the event day "
                               "but not the notice day: give notice by the end of %3.")
                      .arg(period, event, last));
    } else {
        switch (spec.unit) {
        case PeriodUnit::Hours:
            parts.append(CoreText::tr("Counted %1 from the start time: %2.")
                             .arg(unitPhrase(spec.amount, spec.unit), formatInstant(count.dueAt)));
            break;
        case PeriodUnit::WorkingDays:
        case PeriodUnit::CalendarDays:
            parts.append(CoreText::tr("Counted %1 after the start day: the last day is %2. %3.")
                             .arg(unitPhrase(spec.amount, spec.unit), isoDate(count.nominal),
                                 texts.startDay));
            break;
        case PeriodUnit::Months:
        case PeriodUnit::Years:
            parts.append(CoreText::tr("Counted %1: the last day is %2. %3.")
                             .arg(unitPhrase(spec.amount, spec.unit), isoDate(count.nominal),
                                 texts.monthEnd));
            break;
        }
    }
    if (!rule.countingBasis.isEmpty())
        parts.append(rule.countingBasis + QLatin1Char('.'));
    else if (spec.unit == PeriodUnit::WorkingDays)
        parts.append(texts.workingDays + QLatin1Char('.'));

    QList<SkippedDay> rest;
    QList<SkippedDay> madeUp;
    for (const SkippedDay& day : count.skipped)
        (day.counted ? madeUp : rest).append(day);
    if (count.rolled)
        parts.append(CoreText::tr("%1 is a rest day (%2), so the period ends on the next working "
                                  "day, %3. %4.")
                         .arg(isoDate(count.nominal), describeDays(rest), last, texts.rollForward));
    else if (!rest.isEmpty())
        parts.append(CoreText::tr("Rest days not counted: %1.").arg(describeDays(rest)));
    if (!madeUp.isEmpty())
        parts.append(CoreText::tr("Make-up working days counted: %1.").arg(describeDays(madeUp)));

    if (spec.unit != PeriodUnit::Hours) {
        switch (spec.type) {
        case DeadlineType::Deadline:
            parts.append(CoreText::tr("Due by the end of %1 (24:00).").arg(last));
            break;
        case DeadlineType::WaitingPeriod:
            parts.append(CoreText::tr("The period has run at the end of %1; the act is allowed "
                                      "from %2.")
                             .arg(last, isoDate(count.last.addDays(1))));
            break;
        case DeadlineType::NoticeBefore:
            break;
        }
    } else if (spec.type == DeadlineType::WaitingPeriod) {
        parts.append(CoreText::tr("The act is allowed from %1.").arg(formatInstant(count.dueAt)));
    }
    return parts.join(QLatin1Char(' '));
}

// Fills a result from a count and adds every warning the officer must see.
DeadlineResult makeResult(const DeadlineRule& rule, const PeriodSpec& spec, Count count,
    const QDateTime& start, const WorkingCalendar& calendar, const CountingTexts& texts,
    std::optional<QDate> extending)
{
    DeadlineResult result;
    result.kind = rule.kind;
    result.title = rule.title;
    result.basis = rule.basis;
    result.startEvent = rule.startEvent;
    result.type = spec.type;
    result.unit = spec.unit;
    result.amount = spec.amount;
    result.start = start.toOffsetFromUtc(kBeijingUtcOffsetSeconds);
    result.nominalLastDay = count.nominal;
    result.lastDay = count.last;
    result.dueAt = count.dueAt;
    result.daysCounted = count.daysCounted;
    result.rolledForward = count.rolled;
    result.skippedDays = count.skipped;

    // A last day that is a rest day without a roll-forward: the officer must act earlier.
    const bool mustActEarlier
        = (spec.type == DeadlineType::Deadline && !spec.rollForward && isCalendarCount(spec.unit))
        || spec.type == DeadlineType::NoticeBefore;
    if (mustActEarlier) {
        const DayKind kind = calendar.kind(count.last);
        if (kind == DayKind::Unknown) {
            result.warnings.append(CoreText::tr("The holiday calendar does not cover %1, so it is "
                                                "not known whether the last day, %2, is a working "
                                                "day.")
                                       .arg(count.last.year())
                                       .arg(isoDate(count.last)));
        } else {
            count.yearsUsed.insert(count.last.year());
            if (kind == DayKind::Weekend || kind == DayKind::Holiday) {
                const QString reason = dayReason(calendar, count.last, kind);
                auto previous = calendar.previousWorkingDay(count.last);
                const QString previousText
                    = previous ? isoDate(*previous) : CoreText::tr("(not covered by the calendar)");
                result.warnings.append(spec.type == DeadlineType::NoticeBefore
                        ? CoreText::tr(
                            "The last day for the notice, %1, is not a working day (%2): "
                            "give notice by the working day %3 at the latest.")
                              .arg(isoDate(count.last), reason, previousText)
                        : CoreText::tr(
                            "The last day, %1, is not a working day (%2) and this period "
                            "does not roll forward: act by the previous working day, %3.")
                              .arg(isoDate(count.last), reason, previousText));
            }
        }
    }

    QList<int> years(count.yearsUsed.begin(), count.yearsUsed.end());
    std::sort(years.begin(), years.end());
    for (int year : years) {
        if (!calendar.isProvisional(year))
            continue;
        result.provisional = true;
        const auto info = calendar.yearInfo(year);
        result.warnings.append(CoreText::tr("The %1 holiday calendar is provisional (%2): a date "
                                            "that depends on it may change when the State Council "
                                            "publishes that year's arrangement.")
                                   .arg(QString::number(year), info ? info->source : QString()));
    }

    if (!extending && rule.unsure) {
        result.unsure = true;
        result.warnings.append(
            CoreText::tr("This rule is marked unsure in the deadlines pack: %1").arg(rule.note));
        if (rule.alternative) {
            PeriodSpec other = spec;
            other.unit = rule.alternative->unit.value_or(spec.unit);
            other.clearDays = rule.alternative->clearDays.value_or(spec.clearDays);
            other.rollForward = spec.rollForward && isCalendarCount(other.unit);
            auto otherCount = countPeriod(other, start, calendar);
            result.warnings.append(otherCount
                    ? CoreText::tr("Under the other reading (%1) the last day would be %2.")
                          .arg(rule.alternative->label, isoDate(otherCount->last))
                    : CoreText::tr("Under the other reading (%1) the last day cannot be "
                                   "computed: %2")
                          .arg(rule.alternative->label, otherCount.error().message));
        }
    }
    result.explanation = explain(rule, spec, count, start, texts, extending);
    return result;
}

// floor(value × numerator / 10000) for non-negative values, without overflowing for any fine a
// court could impose.
qint64 basisPointsOf(qint64 value, qint64 numerator)
{
    return (value / 10'000) * numerator + (value % 10'000) * numerator / 10'000;
}

QString describeDue(const QDateTime& dueAt)
{
    const QDateTime local = dueAt.toOffsetFromUtc(kBeijingUtcOffsetSeconds);
    if (local.time() == QTime(0, 0))
        return CoreText::tr("the end of %1").arg(isoDate(local.date().addDays(-1)));
    return formatInstant(local);
}

} // namespace

QDate legalDate(const QDateTime& instant)
{
    return instant.toOffsetFromUtc(kBeijingUtcOffsetSeconds).date();
}

Result<DeadlineRules> DeadlineRules::fromJson(const QJsonObject& content)
{
    FC_TRY(
        onlyKeys(content, {"countingRules", "rules", "lateSurcharge"}, QStringLiteral("content")));
    DeadlineRules rules;

    auto counting = objectAt(content, "countingRules", QString());
    if (!counting)
        return fail(counting.error());
    const QString countingPath = QStringLiteral("countingRules");
    FC_TRY(
        onlyKeys(*counting, {"startDay", "rollForward", "monthEnd", "workingDays"}, countingPath));
    for (const auto& [key, target] : {std::pair {"startDay", &rules.m_startDayRule},
             std::pair {"rollForward", &rules.m_rollForwardRule},
             std::pair {"monthEnd", &rules.m_monthEndRule},
             std::pair {"workingDays", &rules.m_workingDaysRule}}) {
        auto value = textAt(*counting, key, countingPath, true);
        if (!value)
            return fail(value.error());
        *target = *value;
    }

    const QJsonValue list = content.value(QLatin1String("rules"));
    if (!list.isArray() || list.toArray().isEmpty())
        return fail(
            malformed(QStringLiteral("rules"), CoreText::tr("a non-empty list is required")));
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = indexPath(QStringLiteral("rules"), i);
        if (!array.at(i).isObject())
            return fail(malformed(path, CoreText::tr("an object is required")));
        auto rule = parseRule(array.at(i).toObject(), path);
        if (!rule)
            return fail(rule.error());
        if (rules.find(rule->kind))
            return fail(malformed(childPath(path, "kind"),
                CoreText::tr("the kind “%1” is listed twice").arg(rule->kind)));
        rules.m_rules.append(*rule);
    }

    auto surcharge = objectAt(content, "lateSurcharge", QString());
    if (!surcharge)
        return fail(surcharge.error());
    const QString surchargePath = QStringLiteral("lateSurcharge");
    FC_TRY(onlyKeys(*surcharge,
        {"ratePerDayBasisPoints", "capPercentOfFine", "basis", "pauseBasis", "note"},
        surchargePath));
    auto rate = wholeAt(*surcharge, "ratePerDayBasisPoints", surchargePath, 1, 10'000);
    if (!rate)
        return fail(rate.error());
    rules.m_surcharge.ratePerDayBasisPoints = *rate;
    auto cap = wholeAt(*surcharge, "capPercentOfFine", surchargePath, 1, 1'000);
    if (!cap)
        return fail(cap.error());
    rules.m_surcharge.capPercentOfFine = *cap;
    for (const auto& [key, target, required] :
        {std::tuple {"basis", &rules.m_surcharge.basis, true},
            std::tuple {"pauseBasis", &rules.m_surcharge.pauseBasis, true},
            std::tuple {"note", &rules.m_surcharge.note, false}}) {
        auto value = textAt(*surcharge, key, surchargePath, required);
        if (!value)
            return fail(value.error());
        *target = *value;
    }
    return rules;
}

QList<DeadlineRule> DeadlineRules::rules() const
{
    return m_rules;
}

std::optional<DeadlineRule> DeadlineRules::rule(QStringView kind) const
{
    if (const DeadlineRule* found = find(kind))
        return *found;
    return std::nullopt;
}

const DeadlineRule* DeadlineRules::find(QStringView kind) const
{
    for (const DeadlineRule& rule : m_rules) {
        if (rule.kind == kind)
            return &rule;
    }
    return nullptr;
}

Result<DeadlineResult> DeadlineRules::compute(
    QStringView kind, QDateTime start, const WorkingCalendar& calendar) const
{
    const DeadlineRule* rule = find(kind);
    if (!rule)
        return fail(ErrorCode::NotFound,
            CoreText::tr("The deadlines pack has no rule “%1”.").arg(kind.toString()));
    if (!start.isValid())
        return fail(ErrorCode::InvalidArgument, CoreText::tr("The start time is not valid."));
    const PeriodSpec spec {
        rule->amount, rule->unit, rule->type, rule->rollForward, rule->clearDays};
    auto count = countPeriod(spec, start, calendar);
    if (!count)
        return fail(count.error());
    return makeResult(*rule, spec, *count, start, calendar,
        {m_startDayRule, m_rollForwardRule, m_monthEndRule, m_workingDaysRule}, std::nullopt);
}

Result<DeadlineResult> DeadlineRules::computeExtended(QStringView kind, QDate originalLastDay,
    const WorkingCalendar& calendar, int amount, int extensionsGranted) const
{
    const DeadlineRule* rule = find(kind);
    if (!rule)
        return fail(ErrorCode::NotFound,
            CoreText::tr("The deadlines pack has no rule “%1”.").arg(kind.toString()));
    if (!rule->extension)
        return fail(
            ErrorCode::InvalidArgument, CoreText::tr("%1 cannot be extended.").arg(rule->title));
    const DeadlineExtension& extension = *rule->extension;
    if (!originalLastDay.isValid() || extensionsGranted < 0)
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The original last day or the number of extensions is not valid."));
    if (extensionsGranted >= extension.maxTimes)
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("%1 may be extended at most %n time(s) (%2).", nullptr, extension.maxTimes)
                .arg(rule->title, extension.basis));
    const int length = amount == 0 ? extension.maxAmount : amount;
    if (length < 0 || length > extension.maxAmount)
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("An extension of %1 may not be longer than %2 (%3).")
                .arg(
                    rule->title, unitPhrase(extension.maxAmount, extension.unit), extension.basis));
    // The extension runs on from the end of the original period, whose last day is its start
    // day and is not counted again.
    const PeriodSpec spec {length, extension.unit, rule->type,
        rule->rollForward && isCalendarCount(extension.unit), false};
    const QDateTime start = beijing(originalLastDay);
    auto count = countPeriod(spec, start, calendar);
    if (!count)
        return fail(count.error());
    DeadlineRule extended = *rule;
    extended.basis = extension.basis;
    auto result = makeResult(extended, spec, *count, start, calendar,
        {m_startDayRule, m_rollForwardRule, m_monthEndRule, m_workingDaysRule}, originalLastDay);
    if (!extension.note.isEmpty())
        result.warnings.append(extension.note);
    return result;
}

int DeadlineRules::lateSurchargeCapDay() const
{
    const int capBasisPoints = m_surcharge.capPercentOfFine * 100;
    const int rate = std::max(1, m_surcharge.ratePerDayBasisPoints);
    return (capBasisPoints + rate - 1) / rate;
}

qint64 DeadlineRules::lateSurchargeFen(
    qint64 fineFen, QDate dueDate, QDate asOf, QList<QPair<QDate, QDate>> pausedPeriods) const
{
    if (fineFen <= 0 || !dueDate.isValid() || !asOf.isValid() || asOf <= dueDate)
        return 0;
    // 《行政处罚法》第七十三条第三款: no surcharge accrues while a 复议 or 诉讼 is pending.
    const auto paused = [&](QDate day) {
        return std::any_of(pausedPeriods.cbegin(), pausedPeriods.cend(), [&](const auto& period) {
            return period.first.isValid() && period.second.isValid() && period.first <= day
                && day <= period.second;
        });
    };
    // 《行政处罚法》第七十二条第一款第（一）项: every day after the due day counts; past the cap
    // day the amount no longer grows, so stop counting there.
    const int capDay = lateSurchargeCapDay();
    qint64 days = 0;
    for (QDate day = dueDate.addDays(1); day <= asOf && days < capDay; day = day.addDays(1)) {
        if (!paused(day))
            ++days;
    }
    const qint64 amount = basisPointsOf(fineFen, days * m_surcharge.ratePerDayBasisPoints);
    const qint64 cap = basisPointsOf(fineFen, qint64(m_surcharge.capPercentOfFine) * 100);
    return std::min(amount, cap);
}

QList<RiskWarning> assessDeadlines(const QList<OpenDeadline>& open, QDateTime now,
    const WorkingCalendar& calendar, int dueSoonWorkingDays)
{
    QList<RiskWarning> warnings;
    const QDate today = legalDate(now);
    for (const OpenDeadline& deadline : open) {
        RiskWarning warning;
        warning.deadline = deadline;
        const QString title = deadline.title.isEmpty() ? deadline.kind : deadline.title;
        if (!deadline.dueAt.isValid()) {
            warning.status = RiskStatus::Unchecked;
            warning.text = CoreText::tr("Check by hand: %1 (case %2) has no due time.")
                               .arg(title, deadline.caseRef);
            warnings.append(warning);
            continue;
        }
        // The due day is the day the last instant of the period falls on (24:00 belongs to it).
        const QDate dueDay = legalDate(deadline.dueAt.addMSecs(-1));
        const QString due = describeDue(deadline.dueAt);
        if (now >= deadline.dueAt) {
            warning.status = RiskStatus::Overdue;
            warning.overdueDays = int(std::max<qint64>(0, dueDay.daysTo(today)));
            warning.text = warning.overdueDays == 0
                ? CoreText::tr("Overdue: %1 (case %2) was due by %3.")
                      .arg(title, deadline.caseRef, due)
                : CoreText::tr("Overdue: %1 (case %2) was due by %3, %n day(s) ago.", nullptr,
                    warning.overdueDays)
                      .arg(title, deadline.caseRef, due);
            warnings.append(warning);
            continue;
        }
        if (dueDay <= today) {
            warning.status = RiskStatus::DueSoon;
            warning.text = CoreText::tr("Due today: %1 (case %2) must be done by %3.")
                               .arg(title, deadline.caseRef, due);
            warnings.append(warning);
            continue;
        }
        // Count working days up to the due day, stopping once past the threshold, so a far
        // deadline in a year the calendar does not cover raises nothing.
        int left = 0;
        std::optional<int> missingYear;
        for (QDate day = today.addDays(1); day <= dueDay && left <= dueSoonWorkingDays;
             day = day.addDays(1)) {
            auto working = calendar.isWorkingDay(day);
            if (!working) {
                missingYear = day.year();
                break;
            }
            if (*working)
                ++left;
        }
        if (missingYear) {
            warning.status = RiskStatus::Unchecked;
            warning.text = CoreText::tr("Check by hand: %1 (case %2) is due by %3, but the holiday "
                                        "calendar does not cover %4, so the working days left are "
                                        "not known.")
                               .arg(title, deadline.caseRef, due, QString::number(*missingYear));
        } else if (left <= dueSoonWorkingDays) {
            warning.status = RiskStatus::DueSoon;
            warning.workingDaysLeft = left;
            warning.text = CoreText::tr("Due soon: %1 (case %2) must be done by %3; %n working "
                                        "day(s) left.",
                nullptr, left)
                               .arg(title, deadline.caseRef, due);
        } else {
            continue;
        }
        warnings.append(warning);
    }
    std::stable_sort(
        warnings.begin(), warnings.end(), [](const RiskWarning& a, const RiskWarning& b) {
            if (a.status != b.status)
                return int(a.status) < int(b.status);
            return a.deadline.dueAt < b.deadline.dueAt;
        });
    return warnings;
}

} // namespace fieldcase::rules
