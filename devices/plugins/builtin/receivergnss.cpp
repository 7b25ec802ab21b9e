#include "devices/plugins/builtin/receivergnss.h"

#include "devices/api/devicestext.h"
#include "devices/gnss/gnssassessment.h"
#include "devices/gnss/gpsdsource.h"
#include "devices/gnss/nmeasource.h"
#include "devices/plugins/builtin/gpsdgnss.h"
#include "devices/plugins/builtin/nmeagnss.h"

namespace fieldcase::devices {

ReceiverGnssDevice::ReceiverGnssDevice(const DeviceInfo& info)
    : GnssDevice(info)
    , m_uri(info.settings.value(QLatin1String("uri")).toString())
{
    auto receiver = createGnssReceiver(m_uri);
    if (!receiver) {
        m_uriError = receiver.error().message;
    } else {
        m_receiver = std::move(*receiver);
        m_receiver->setStaleAfterMs(info.settings.value(QLatin1String("staleAfterMs")).toInt());
        m_receiver->setReconnectIntervalMs(
            info.settings.value(QLatin1String("reconnectIntervalMs")).toInt());
        connect(m_receiver.get(), &GnssReceiver::fixReceived, this, [this](const GnssFix& fix) {
            ++m_fixes;
            publishFix(fix);
        });
        connect(m_receiver.get(), &GnssReceiver::stateChanged, this,
            &ReceiverGnssDevice::onReceiverState);
    }
    m_selfTestTimer.setSingleShot(true);
}

void ReceiverGnssDevice::doStart()
{
    if (!m_receiver) {
        setState(DeviceState::Error, m_uriError);
        return;
    }
    const QString log = info().settings.value(QLatin1String("logFile")).toString();
    if (!log.isEmpty()) {
        auto* nmea = qobject_cast<NmeaSource*>(m_receiver.get());
        if (!nmea) {
            setState(DeviceState::Error, DevicesText::tr("This receiver cannot keep a raw log"));
            return;
        }
        if (auto status = nmea->setLogFile(log); !status) {
            setState(DeviceState::Error, status.error().message);
            return;
        }
    }
    m_receiver->start(m_uri);
}

void ReceiverGnssDevice::doStop()
{
    if (m_receiver)
        m_receiver->stop();
}

void ReceiverGnssDevice::onReceiverState(GnssReceiver::State state)
{
    switch (state) {
    case GnssReceiver::State::Disconnected:
        break; // stop() sets Stopped
    case GnssReceiver::State::Connecting:
        setState(DeviceState::Connecting);
        break;
    case GnssReceiver::State::Receiving:
        setState(DeviceState::Ready);
        break;
    case GnssReceiver::State::Stale:
        setState(DeviceState::Absent, DevicesText::tr("The receiver has stopped sending data"));
        break;
    case GnssReceiver::State::Error:
        setState(DeviceState::Error, m_receiver->lastError());
        break;
    }
}

void ReceiverGnssDevice::doSelfTest(int budgetMs)
{
    // Passes as soon as one fix clears the accuracy gate; otherwise reports what it saw when the
    // budget runs out. The receiver is started for the test if it was not running.
    const bool wasStopped = state() == DeviceState::Stopped;
    if (wasStopped)
        start();
    const int fixesBefore = m_fixes;
    auto lastVerdict = std::make_shared<std::optional<GnssAssessment>>();
    auto finish = [this, fixesBefore, wasStopped, lastVerdict] {
        disconnect(m_selfTestConnection);
        m_selfTestTimer.stop();
        SelfTestReport report;
        const int fixes = m_fixes - fixesBefore;
        report.add(DevicesText::tr("The receiver sends fixes"), fixes > 0,
            fixes > 0 ? DevicesText::tr("%1 fixes").arg(fixes)
                      : (lastError().isEmpty() ? DevicesText::tr("No fix arrived") : lastError()));
        if (*lastVerdict) {
            const GnssAssessment& verdict = **lastVerdict;
            report.add(DevicesText::tr("A fix passes the accuracy gate"), verdict.usable(),
                (verdict.rejectReasons + verdict.warnings()).join(u' '));
        } else {
            report.add(DevicesText::tr("A fix passes the accuracy gate"), false,
                DevicesText::tr("No fix arrived"));
        }
        if (wasStopped)
            stop();
        finishSelfTest(report);
    };
    m_selfTestConnection
        = connect(this, &GnssDevice::fixReceived, this, [finish, lastVerdict](const GnssFix& fix) {
              *lastVerdict = assess(fix, std::nullopt, QDateTime::currentMSecsSinceEpoch());
              if ((*lastVerdict)->usable())
                  finish();
          });
    m_selfTestTimer.disconnect();
    connect(&m_selfTestTimer, &QTimer::timeout, this, finish);
    m_selfTestTimer.start(budgetMs);
}

QStringList ReceiverGnssDevice::doCapabilities() const
{
    QStringList caps {QStringLiteral("position")};
    if (m_receiver && m_receiver->capabilities().testFlag(GnssReceiver::Capability::RawLog))
        caps.append(QStringLiteral("nmea-log"));
    return caps;
}

QJsonObject ReceiverGnssDevice::doStatus() const
{
    QJsonObject o = GnssDevice::doStatus();
    o.insert(QLatin1String("uri"), m_uri);
    o.insert(QLatin1String("fixes"), m_fixes);
    if (auto* nmea = qobject_cast<const NmeaSource*>(m_receiver.get())) {
        o.insert(QLatin1String("sentencesOk"), nmea->counters().sentencesOk);
        o.insert(QLatin1String("checksumErrors"), nmea->counters().checksumErrors);
    }
    return o;
}

std::unique_ptr<Device> NmeaGnssPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<ReceiverGnssDevice>(info);
}

std::unique_ptr<Device> GpsdGnssPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<ReceiverGnssDevice>(info);
}

} // namespace fieldcase::devices
