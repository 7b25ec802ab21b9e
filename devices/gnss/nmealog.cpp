#include "devices/gnss/nmealog.h"

#include "devices/api/devicestext.h"
#include "devices/gnss/nmeaparser.h"

#include <QFile>
#include <QFileInfo>

namespace fieldcase::devices {

QString NmeaLogSummary::describe() const
{
    return DevicesText::tr(
        "NMEA log: %1 sentences, %2 with a bad or missing checksum, %3 valid fixes "
        "from %4 to %5 (receiver time, UTC)")
        .arg(sentencesOk)
        .arg(checksumErrors)
        .arg(validFixes)
        .arg(firstFixUtc.toString(Qt::ISODate), lastFixUtc.toString(Qt::ISODate));
}

Result<NmeaLogSummary> summarizeNmeaLog(QIODevice& log)
{
    NmeaParser parser(Clock::system());
    NmeaLogSummary summary;
    parser.setFixCallback([&summary](const GnssFix& fix) {
        if (!fix.valid || !fix.utc.isValid())
            return;
        ++summary.validFixes;
        if (!summary.firstFixUtc.isValid())
            summary.firstFixUtc = fix.utc;
        summary.lastFixUtc = fix.utc;
    });
    while (!log.atEnd()) {
        const QByteArray chunk = log.read(64 * 1024);
        if (chunk.isEmpty())
            return fail(
                ErrorCode::Io, DevicesText::tr("Cannot read the NMEA log"), log.errorString());
        parser.feed(chunk);
    }
    parser.feed("\r\n"); // closes a last line without a terminator
    const NmeaCounters& c = parser.counters();
    summary.sentencesOk = c.sentencesOk;
    summary.checksumErrors = c.checksumErrors + c.missingChecksum;
    summary.garbageBytes = c.garbageBytes;
    if (summary.sentencesOk == 0)
        return fail(ErrorCode::InvalidArgument,
            DevicesText::tr("The file is not an NMEA log: no sentence checks out"));
    return summary;
}

Result<Event> attachNmeaLog(
    CaseStore& store, const Actor& actor, const QString& caseId, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound,
            DevicesText::tr("Cannot read %1: %2").arg(path, file.errorString()));
    auto summary = summarizeNmeaLog(file);
    if (!summary)
        return fail(summary.error().code, summary.error().message, path);
    if (!file.seek(0))
        return fail(
            ErrorCode::Io, DevicesText::tr("Cannot read %1: %2").arg(path, file.errorString()));
    EvidenceMeta meta;
    meta.kind = QStringLiteral("nmea");
    meta.mediaType = QStringLiteral("text/plain");
    meta.title = QFileInfo(path).fileName();
    meta.capturedAt = summary->firstFixUtc.isValid() ? summary->firstFixUtc.toMSecsSinceEpoch() : 0;
    meta.description = summary->describe();
    return store.attachEvidence(actor, caseId, file, meta);
}

} // namespace fieldcase::devices
