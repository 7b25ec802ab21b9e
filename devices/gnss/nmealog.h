// A receiver's raw NMEA log attached to a case as evidence (kind "nmea"): when the position on
// an event is disputed, the log shows what the receiver said, sentence by sentence.
#pragma once

#include "core/store/casestore.h"
#include "core/util/result.h"

#include <QIODevice>
#include <QString>

namespace fieldcase::devices {

// What a log holds, from parsing it with NmeaParser.
struct NmeaLogSummary
{
    qint64 sentencesOk = 0;
    qint64 checksumErrors = 0; // and sentences without a checksum
    qint64 garbageBytes = 0;
    int validFixes = 0;
    QDateTime firstFixUtc; // receiver time of the first and last valid fix; invalid if none
    QDateTime lastFixUtc;

    [[nodiscard]] QString describe() const; // one sentence for the evidence description
};

// Reads the whole device and summarises it. InvalidArgument if not one sentence checks out.
[[nodiscard]] Result<NmeaLogSummary> summarizeNmeaLog(QIODevice& log);

// Attaches the log file at path to the case (kind "nmea", text/plain, captured at the first
// fix). A file that is not an NMEA log is refused and nothing is attached.
[[nodiscard]] Result<Event> attachNmeaLog(
    CaseStore& store, const Actor& actor, const QString& caseId, const QString& path);

} // namespace fieldcase::devices
