#include "devices/recorder/caselinker.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace fieldcase::devices {

namespace {

bool officerMatches(const Recording& r, const CasePeriod& c, const LinkOptions& options)
{
    if (r.officerId.isEmpty())
        return options.unknownOfficerMatches;
    return c.officerIds.contains(r.officerId) || c.officerCodes.contains(r.officerId);
}

QString hhmm(qint64 ms, int utcOffsetSeconds)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::OffsetFromUTC, utcOffsetSeconds)
        .toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

Result<CasePeriod> casePeriodFromEvents(const QList<Event>& events, const QStringList& exclude)
{
    CasePeriod p;
    bool any = false;
    for (const Event& e : events) {
        if (exclude.contains(e.type))
            continue;
        if (p.caseId.isEmpty())
            p.caseId = e.caseId;
        if (e.type == u"case.opened")
            p.title = e.payload.value(QLatin1String("title")).toString();
        for (const QString& officer : e.actors) {
            if (!p.officerIds.contains(officer))
                p.officerIds.append(officer);
        }
        p.startMs = any ? std::min(p.startMs, e.at.ms) : e.at.ms;
        p.endMs = any ? std::max(p.endMs, e.at.ms) : e.at.ms;
        any = true;
    }
    if (!any)
        return fail(ErrorCode::NotFound,
            QCoreApplication::translate(
                "Devices", "The case has no events to take a period from."));
    return p;
}

Result<QList<CasePeriod>> casePeriods(
    CaseStore& store, const QStringList& caseIds, const QStringList& exclude)
{
    QList<CasePeriod> out;
    for (const QString& id : caseIds) {
        auto events = store.caseEvents(id);
        if (!events)
            return fail(std::move(events.error()));
        auto period = casePeriodFromEvents(*events, exclude);
        if (!period)
            return fail(std::move(period.error()));
        for (const QString& officerId : std::as_const(period->officerIds)) {
            auto officer = store.officer(officerId);
            if (officer && !officer->certNo.isEmpty())
                period->officerCodes.append(officer->certNo);
        }
        out.append(std::move(*period));
    }
    return out;
}

QList<LinkProposal> proposeLinks(
    const QList<Recording>& recordings, const QList<CasePeriod>& cases, const LinkOptions& options)
{
    QList<LinkProposal> out;
    for (int i = 0; i < recordings.size(); ++i) {
        const Recording& r = recordings[i];
        QList<LinkProposal> mine;
        for (const CasePeriod& c : cases) {
            if (!officerMatches(r, c, options))
                continue;
            LinkProposal p;
            p.recording = i;
            p.caseId = c.caseId;
            p.officerMatch = !r.officerId.isEmpty();
            p.score = p.officerMatch ? 0.5 : 0.25;
            p.reasons << (p.officerMatch
                    ? QCoreApplication::translate("Devices", "Recorded by officer %1 of the case.")
                          .arg(r.officerId)
                    : QCoreApplication::translate(
                        "Devices", "The recorder does not say which officer it is issued to."));
            const qint64 overlap = std::min(r.endMs(), c.endMs) - std::max(r.startMs, c.startMs);
            if (overlap > 0
                || (overlap == 0 && r.durationMs <= 0 && r.startMs >= c.startMs
                    && r.startMs <= c.endMs)) {
                p.overlapMs = std::max<qint64>(overlap, 0);
                const qint64 shorter = std::max<qint64>(
                    1, std::min(std::max<qint64>(r.durationMs, 0), c.endMs - c.startMs));
                p.score += 0.5 * std::min(1.0, double(p.overlapMs) / double(shorter));
                if (p.overlapMs == 0)
                    p.score += 0.5; // a still taken inside the case period
                p.reasons << QCoreApplication::translate(
                    "Devices", "Overlaps the case from %1 to %2.")
                                 .arg(
                                     hhmm(std::max(r.startMs, c.startMs), options.utcOffsetSeconds),
                                     hhmm(std::min(r.endMs(), c.endMs), options.utcOffsetSeconds));
            } else {
                const qint64 distance = -overlap;
                if (distance > options.slackMs)
                    continue; // no time relation: never proposed on the officer alone
                p.score += 0.25
                    * (1.0 - double(distance) / double(std::max<qint64>(1, options.slackMs)));
                p.reasons << QCoreApplication::translate(
                    "Devices", "Recorded %1 min from the case period.")
                                 .arg(double(distance) / 60000.0, 0, 'f', 1);
            }
            if (r.lowConfidence()) {
                p.score *= 0.8;
                p.reasons << QCoreApplication::translate(
                    "Devices", "The recording's start time is only the file time.");
            }
            if (p.score >= options.minScore)
                mine.append(std::move(p));
        }
        std::stable_sort(mine.begin(), mine.end(),
            [](const LinkProposal& a, const LinkProposal& b) { return a.score > b.score; });
        out += mine;
    }
    return out;
}

QList<CoverageGap> uncoveredPeriods(
    const QList<Recording>& recordings, const QList<CasePeriod>& cases, const LinkOptions& options)
{
    QList<CoverageGap> out;
    for (const CasePeriod& c : cases) {
        QList<std::pair<qint64, qint64>> covered;
        for (const Recording& r : recordings) {
            if (r.durationMs <= 0 || r.kind == u"photo" || !officerMatches(r, c, options))
                continue;
            const qint64 from = std::max(r.startMs, c.startMs);
            const qint64 to = std::min(r.endMs(), c.endMs);
            if (to > from)
                covered.append({from, to});
        }
        std::sort(covered.begin(), covered.end());
        qint64 cursor = c.startMs;
        const auto flag = [&](qint64 from, qint64 to) {
            if (to - from >= options.minGapMs)
                out.append({c.caseId, from, to});
        };
        for (const auto& [from, to] : covered) {
            if (from > cursor)
                flag(cursor, from);
            cursor = std::max(cursor, to);
        }
        if (cursor < c.endMs)
            flag(cursor, c.endMs);
    }
    return out;
}

} // namespace fieldcase::devices
