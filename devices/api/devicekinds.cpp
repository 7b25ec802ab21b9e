#include "devices/api/devicekinds.h"

#include <QJsonArray>

namespace fieldcase::devices {

namespace {

// Answers go through the event loop so they never arrive inside the request call.
template<typename F>
void later(QObject* context, F&& f)
{
    QMetaObject::invokeMethod(context, std::forward<F>(f), Qt::QueuedConnection);
}

} // namespace

quint64 PrinterDevice::print(const PrintJob& job)
{
    const quint64 ticket = m_nextTicket++;
    doPrint(ticket, job);
    return ticket;
}

void PrinterDevice::finishPrint(quint64 ticket, const PrintOutcome& outcome)
{
    later(this, [this, ticket, outcome] {
        Q_EMIT printFinished(ticket, outcome);
        Q_EMIT statusChanged();
    });
}

void GnssDevice::publishFix(const GnssFix& fix)
{
    m_fix = fix;
    m_hasFix = true;
    Q_EMIT fixReceived(fix);
    Q_EMIT statusChanged();
}

QJsonObject GnssDevice::doStatus() const
{
    if (!m_hasFix)
        return {{QLatin1String("fix"), false}};
    QJsonObject o {{QLatin1String("fix"), m_fix.valid}, {QLatin1String("lat"), m_fix.latitude},
        {QLatin1String("lon"), m_fix.longitude},
        {QLatin1String("satellites"), m_fix.satellitesUsed}};
    if (m_fix.hdop)
        o.insert(QLatin1String("hdop"), *m_fix.hdop);
    if (m_fix.utc.isValid())
        o.insert(QLatin1String("utc"), m_fix.utc.toString(Qt::ISODate));
    return o;
}

quint64 CardReaderDevice::readCard(const QString& profileId)
{
    const quint64 ticket = m_nextTicket++;
    doReadCard(ticket, profileId);
    return ticket;
}

quint64 CardReaderDevice::verifyPin(const QString& profileId, const QString& pin)
{
    const quint64 ticket = m_nextTicket++;
    doVerifyPin(ticket, profileId, pin);
    return ticket;
}

void CardReaderDevice::setCardPresent(bool present)
{
    if (present == m_cardPresent)
        return;
    m_cardPresent = present;
    Q_EMIT cardPresenceChanged(present);
    Q_EMIT statusChanged();
}

void CardReaderDevice::finishRead(quint64 ticket, const CardReadout& readout)
{
    later(this, [this, ticket, readout] { Q_EMIT cardRead(ticket, readout); });
}

void CardReaderDevice::failRead(quint64 ticket, const QString& message)
{
    later(this, [this, ticket, message] { Q_EMIT cardReadFailed(ticket, message); });
}

void CardReaderDevice::finishPin(quint64 ticket, const PinOutcome& outcome)
{
    later(this, [this, ticket, outcome] { Q_EMIT pinVerified(ticket, outcome); });
}

QJsonObject CardReaderDevice::doStatus() const
{
    return {{QLatin1String("cardPresent"), m_cardPresent}};
}

quint64 CameraDevice::captureStill()
{
    const quint64 ticket = m_nextTicket++;
    doCaptureStill(ticket);
    return ticket;
}

void CameraDevice::finishCapture(quint64 ticket, const CapturedMedia& media)
{
    later(this, [this, ticket, media] { Q_EMIT captured(ticket, media); });
}

void CameraDevice::failCapture(quint64 ticket, const QString& message)
{
    later(this, [this, ticket, message] { Q_EMIT captureFailed(ticket, message); });
}

quint64 RecorderDevice::listRecordings()
{
    const quint64 ticket = m_nextTicket++;
    doListRecordings(ticket);
    return ticket;
}

void RecorderDevice::finishList(quint64 ticket, const QList<RecordingInfo>& items)
{
    later(this, [this, ticket, items] { Q_EMIT recordingsListed(ticket, items); });
}

void RecorderDevice::failList(quint64 ticket, const QString& message)
{
    later(this, [this, ticket, message] { Q_EMIT listFailed(ticket, message); });
}

void BarcodeDevice::publishScan(const QString& text, const QString& format)
{
    Q_EMIT scanned(text, format);
}

bool implementsKindInterface(Device* device)
{
    switch (device->kind()) {
    case DeviceKind::Printer:
        return deviceAs<PrinterDevice>(device);
    case DeviceKind::Gnss:
        return deviceAs<GnssDevice>(device);
    case DeviceKind::CardReader:
        return deviceAs<CardReaderDevice>(device);
    case DeviceKind::Camera:
        return deviceAs<CameraDevice>(device);
    case DeviceKind::Recorder:
        return deviceAs<RecorderDevice>(device);
    case DeviceKind::Barcode:
        return deviceAs<BarcodeDevice>(device);
    }
    return false;
}

} // namespace fieldcase::devices
