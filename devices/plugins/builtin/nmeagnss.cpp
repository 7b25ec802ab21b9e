#include "devices/plugins/builtin/nmeagnss.h"

#include "devices/gnss/gnssassessment.h"

#include <QCoreApplication>

namespace fieldcase::devices {

NmeaGnssDevice::NmeaGnssDevice(const DeviceInfo& info)
    : GnssDevice(info)
    , m_uri(info.settings.value(QLatin1String("uri")).toString())
{
    m_source.setStaleAfterMs(info.settings.value(QLatin1String("staleAfterMs")).toInt());
    m_source.setReconnectIntervalMs(
        info.settings.value(QLatin1String("reconnectIntervalMs")).toInt());
    connect(&m_source, &NmeaSource::fixReceived, this, &NmeaGnssDevice::publishFix);
    connect(&m_source, &NmeaSource::stateChanged, this, &NmeaGnssDevice::onSourceState);
    m_selfTestTimer.setSingleShot(true);
}

void NmeaGnssDevice::doStart()
{
    const QString log = info().settings.value(QLatin1String("logFile")).toString();
    if (!log.isEmpty()) {
        if (auto status = m_source.setLogFile(log); !status) {
            setState(DeviceState::Error, status.error().message);
            return;
        }
    }
    m_source.start(m_uri);
}

void NmeaGnssDevice::doStop()
{
    m_source.stop();
}

void NmeaGnssDevice::onSourceState(NmeaSource::State state)
{
    switch (state) {
    case NmeaSource::State::Disconnected:
        break; // stop() sets Stopped
    case NmeaSource::State::Connecting:
        setState(DeviceState::Connecting);
        break;
    case NmeaSource::State::Receiving:
        setState(DeviceState::Ready);
        break;
    case NmeaSource::State::Stale:
        setState(DeviceState::Absent, tr("The receiver has stopped sending data"));
        break;
    case NmeaSource::State::Error:
        setState(DeviceState::Error, m_source.lastError());
        break;
    }
}

void NmeaGnssDevice::doSelfTest(int budgetMs)
{
    // Passes as soon as one fix clears the accuracy gate; otherwise reports what it saw when the
    // budget runs out. The receiver is started for the test if it was not running.
    const bool wasStopped = state() == DeviceState::Stopped;
    if (wasStopped)
        start();
    const NmeaCounters before = m_source.counters();
    auto finish = [this, before, wasStopped](const std::optional<GnssAssessment>& verdict) {
        disconnect(m_selfTestConnection);
        m_selfTestTimer.stop();
        const NmeaCounters now = m_source.counters();
        SelfTestReport report;
        const qint64 good = now.sentencesOk - before.sentencesOk;
        const qint64 bad = (now.checksumErrors - before.checksumErrors)
            + (now.missingChecksum - before.missingChecksum);
        report.add(tr("NMEA sentences arrive"), good > 0,
            tr("%1 good, %2 with a bad or missing checksum").arg(good).arg(bad));
        if (verdict) {
            QStringList notes = verdict->rejectReasons + verdict->warnings();
            report.add(tr("A fix passes the accuracy gate"), verdict->usable(), notes.join(u' '));
        } else {
            report.add(tr("A fix passes the accuracy gate"), false, tr("No fix arrived"));
        }
        if (wasStopped)
            stop();
        finishSelfTest(report);
    };
    auto lastVerdict = std::make_shared<std::optional<GnssAssessment>>();
    m_selfTestConnection
        = connect(this, &GnssDevice::fixReceived, this, [finish, lastVerdict](const GnssFix& fix) {
              *lastVerdict = assess(fix, std::nullopt, QDateTime::currentMSecsSinceEpoch());
              if ((*lastVerdict)->usable())
                  finish(*lastVerdict);
          });
    m_selfTestTimer.disconnect();
    connect(
        &m_selfTestTimer, &QTimer::timeout, this, [finish, lastVerdict] { finish(*lastVerdict); });
    m_selfTestTimer.start(budgetMs);
}

QStringList NmeaGnssDevice::doCapabilities() const
{
    QStringList caps {QStringLiteral("position")};
    if (!info().settings.value(QLatin1String("logFile")).toString().isEmpty())
        caps.append(QStringLiteral("nmea-log"));
    return caps;
}

QJsonObject NmeaGnssDevice::doStatus() const
{
    QJsonObject o = GnssDevice::doStatus();
    const NmeaCounters& c = m_source.counters();
    o.insert(QLatin1String("uri"), m_uri);
    o.insert(QLatin1String("sentencesOk"), c.sentencesOk);
    o.insert(QLatin1String("checksumErrors"), c.checksumErrors);
    return o;
}

std::unique_ptr<Device> NmeaGnssPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<NmeaGnssDevice>(info);
}

} // namespace fieldcase::devices
