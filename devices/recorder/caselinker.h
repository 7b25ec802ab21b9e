// Proposing which case a recording belongs to (same officer, overlapping time) and finding the
// stretches of a case no recording covers (一案一视频: the whole enforcement act on record).
#pragma once

#include "core/event/event.h"
#include "devices/recorder/recorder.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace fieldcase::devices {

// A case as the linker sees it: its officers and the time span of its on-scene activity.
struct CasePeriod
{
    QString caseId;
    QString title;
    QStringList officerIds; // store officer ids
    QStringList officerCodes; // their 执法证号 (certNo), which body cams record as the officer
    qint64 startMs = 0; // Unix ms
    qint64 endMs = 0;
};

// The period of a case from its event log: officers are every actor of its events, the span runs
// from the first to the last event's time (HLC ms). Events of types in `exclude` (later office
// work such as "document.reprinted") are left out. NotFound for an empty log.
[[nodiscard]] Result<CasePeriod> casePeriodFromEvents(
    const QList<Event>& events, const QStringList& exclude = {});
// casePeriodFromEvents() for each case id from the store, with the officers' certificate numbers
// filled in from the store's officer register.
[[nodiscard]] Result<QList<CasePeriod>> casePeriods(
    CaseStore& store, const QStringList& caseIds, const QStringList& exclude = {});

// Tuning of proposeLinks() and uncoveredPeriods().
struct LinkOptions
{
    qint64 slackMs = 10 * 60 * 1000; // a recording this close before/after a case still counts
    double minScore = 0.3; // proposals below are dropped
    qint64 minGapMs = 60 * 1000; // uncovered stretches shorter than this are not flagged
    // Recordings whose officer is unknown (no id file, no GA/T 947 name) count for any case.
    bool unknownOfficerMatches = true;
    int utcOffsetSeconds = 8 * 3600; // times in the reasons are local (Beijing) time
};

// One proposed (recording -> case) link for the officer to confirm.
struct LinkProposal
{
    int recording = -1; // index into the recordings passed in
    QString caseId;
    double score = 0; // 0..1
    qint64 overlapMs = 0;
    bool officerMatch = false;
    QStringList reasons; // translated, one short sentence each
};

// Proposals for every recording against every case, best first per recording. Score: 0.5 for
// the officer (0.25 if the recording's officer is unknown), plus up to 0.5 for time: the share
// of the shorter of recording and case that overlaps, or, within slackMs, less the further off.
// A recording's officer matches a case if it equals one of its officer ids or certificate
// numbers. A recording of another officer is never proposed.
[[nodiscard]] QList<LinkProposal> proposeLinks(const QList<Recording>& recordings,
    const QList<CasePeriod>& cases, const LinkOptions& options = {});

// A stretch of a case period that no recording of its officers covers.
struct CoverageGap
{
    QString caseId;
    qint64 startMs = 0;
    qint64 endMs = 0;
};

// The uncovered stretches of each case (longer than minGapMs), in time order.
[[nodiscard]] QList<CoverageGap> uncoveredPeriods(const QList<Recording>& recordings,
    const QList<CasePeriod>& cases, const LinkOptions& options = {});

} // namespace fieldcase::devices
