// fieldcase-admin gnss watch: the installer's check of a kit's GNSS receiver. It listens to a
// source URI for a while and shows every fix with the verdict of the accuracy gate.
#include "app/admin/admin.h"
#include "devices/gnss/gnssassessment.h"
#include "devices/gnss/nmeasource.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QTimer>

#include <optional>

namespace fieldcase::admin {

int Admin::gnssWatch(const QString& uri, int seconds, bool json)
{
    if (uri.isEmpty() || seconds <= 0) {
        m_err << tr("Usage: fieldcase-admin gnss watch URI [--seconds N] [--json]") << Qt::endl;
        return 64;
    }
    devices::NmeaSource source;
    std::optional<devices::GnssFix> previousAccepted;
    QJsonArray fixes;
    int usable = 0;
    QObject::connect(
        &source, &devices::NmeaSource::fixReceived, &source, [&](const devices::GnssFix& fix) {
            const devices::GnssAssessment verdict
                = devices::assess(fix, previousAccepted, Clock::system().nowMs());
            const QStringList warnings = verdict.warnings();
            if (verdict.accepted)
                previousAccepted = fix;
            if (verdict.usable())
                ++usable;
            QJsonObject row = devices::eventPosition(fix);
            row.insert(QLatin1String("valid"), fix.valid);
            row.insert(QLatin1String("accepted"), verdict.accepted);
            row.insert(QLatin1String("usable"), verdict.usable());
            row.insert(
                QLatin1String("rejectReasons"), QJsonArray::fromStringList(verdict.rejectReasons));
            row.insert(QLatin1String("warnings"), QJsonArray::fromStringList(warnings));
            fixes.append(row);
            if (json)
                return;
            m_out << tr("%1  %2, %3  %4 satellites  HDOP %5  %6")
                         .arg(fix.utc.toString(Qt::ISODate))
                         .arg(fix.latitude, 0, 'f', 6)
                         .arg(fix.longitude, 0, 'f', 6)
                         .arg(fix.satellitesUsed)
                         .arg(fix.hdop ? QString::number(*fix.hdop, 'f', 1) : QStringLiteral("-"))
                         .arg(verdict.accepted
                                 ? tr("accepted")
                                 : tr("rejected: %1").arg(verdict.rejectReasons.join(u' ')))
                  << '\n';
            for (const QString& w : warnings)
                m_out << "    " << tr("Warning: %1").arg(w) << '\n';
            m_out.flush();
        });

    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    source.start(uri);
    loop.exec();
    const QString lastError = source.lastError();
    const devices::NmeaCounters counters = source.counters();
    source.stop();

    // 0: the receiver gives positions fit for evidence (GnssAssessment::usable); 1: it talks but
    // no fix is good enough; 2: no fix arrived at all (cannot open, or silence).
    const int exitCode = usable > 0 ? 0 : (fixes.isEmpty() ? 2 : 1);
    if (json) {
        printJson({{QLatin1String("uri"), uri}, {QLatin1String("fixes"), fixes},
            {QLatin1String("usable"), usable}, {QLatin1String("sentencesOk"), counters.sentencesOk},
            {QLatin1String("checksumErrors"), counters.checksumErrors},
            {QLatin1String("missingChecksum"), counters.missingChecksum},
            {QLatin1String("garbageBytes"), counters.garbageBytes},
            {QLatin1String("lastError"), lastError}});
    } else {
        m_out << tr("%1 fixes in %2 s, %3 usable; %4 sentences, %5 checksum errors, %6 "
                    "without checksum, %7 garbage bytes")
                     .arg(fixes.size())
                     .arg(seconds)
                     .arg(usable)
                     .arg(counters.sentencesOk)
                     .arg(counters.checksumErrors)
                     .arg(counters.missingChecksum)
                     .arg(counters.garbageBytes)
              << Qt::endl;
    }
    if (fixes.isEmpty())
        m_err << (lastError.isEmpty() ? tr("No position data arrived from %1.").arg(uri)
                                      : lastError)
              << Qt::endl;
    return exitCode;
}

} // namespace fieldcase::admin
