#include "devices/gnss/nmeareplay.h"

#include "devices/gnss/nmeaparser.h"

#include <QCoreApplication>
#include <QFile>

#include <cstring>

namespace fieldcase::devices {

namespace {

// "GGA" / "RMC" for "$GNGGA,...", empty for anything else.
QByteArrayView sentenceType(QByteArrayView line)
{
    if (line.size() < 7 || line[0] != '$' || line[6] != ',')
        return {};
    const QByteArrayView type = line.sliced(3, 3);
    return type == "GGA" || type == "RMC" ? type : QByteArrayView();
}

// The UTC time field (field 1 of GGA and RMC), or empty.
QByteArray timeField(QByteArrayView line)
{
    if (sentenceType(line).isEmpty())
        return {};
    const qsizetype start = 7;
    const qsizetype end = line.indexOf(',', start);
    return end < 0 ? QByteArray() : line.sliced(start, end - start).toByteArray();
}

} // namespace

QList<QByteArray> NmeaReplayDevice::splitEpochs(const QByteArray& recording)
{
    QList<QByteArray> epochs;
    QByteArray current;
    QByteArray currentTime;
    for (QByteArray line : recording.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        const QByteArray time = timeField(line);
        if (!time.isEmpty() && !currentTime.isEmpty() && time != currentTime) {
            epochs.append(current);
            current.clear();
        }
        if (!time.isEmpty())
            currentTime = time;
        current += line + "\r\n";
    }
    if (!current.isEmpty())
        epochs.append(current);
    return epochs;
}

QByteArray NmeaReplayDevice::retimeLine(const QByteArray& line, const QDateTime& utc)
{
    const QByteArrayView type = sentenceType(line);
    const qsizetype star = line.lastIndexOf('*');
    if (type.isEmpty() || star < 0 || star + 3 > line.size())
        return line;
    const QByteArrayView body = QByteArrayView(line).sliced(1, star - 1);
    bool ok = false;
    const uint stated = line.mid(star + 1, 2).toUInt(&ok, 16);
    if (!ok || stated != NmeaParser::checksum(body))
        return line;

    QList<QByteArray> fields = body.toByteArray().split(',');
    const QDateTime t = utc.toUTC();
    fields[1] = t.toString(QStringLiteral("HHmmss.zzz")).left(9).toLatin1(); // hhmmss.ss
    if (type == "RMC" && fields.size() > 9) // field 9: ddmmyy
        fields[9] = t.toString(QStringLiteral("ddMMyy")).toLatin1();
    return NmeaParser::withChecksum(fields.join(','));
}

Result<std::unique_ptr<NmeaReplayDevice>> NmeaReplayDevice::open(
    const QString& path, const NmeaReplayOptions& options, const Clock& clock)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
            QCoreApplication::translate("Devices", "Cannot open the NMEA recording %1: %2")
                .arg(path, file.errorString()),
            path);
    QList<QByteArray> epochs = splitEpochs(file.readAll());
    if (epochs.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "The NMEA recording %1 contains no sentences.")
                .arg(path),
            path);
    std::unique_ptr<NmeaReplayDevice> device(
        new NmeaReplayDevice(std::move(epochs), options, clock));
    device->QIODevice::open(QIODevice::ReadOnly);
    // The first epoch right away, as a receiver that was already running would give.
    QMetaObject::invokeMethod(
        device.get(), &NmeaReplayDevice::releaseNextEpoch, Qt::QueuedConnection);
    device->m_timer.start();
    return device;
}

NmeaReplayDevice::NmeaReplayDevice(
    QList<QByteArray> epochs, const NmeaReplayOptions& options, const Clock& clock)
    : m_epochs(std::move(epochs))
    , m_options(options)
    , m_clock(clock)
{
    m_timer.setInterval(qMax(1, options.intervalMs));
    connect(&m_timer, &QTimer::timeout, this, &NmeaReplayDevice::releaseNextEpoch);
}

void NmeaReplayDevice::releaseNextEpoch()
{
    if (m_next >= m_epochs.size()) {
        if (!m_options.loop) {
            m_timer.stop();
            return;
        }
        m_next = 0;
    }
    QByteArray epoch = m_epochs.at(m_next++);
    if (m_options.retime) {
        const QDateTime now = m_clock.now();
        QByteArray retimed;
        for (const QByteArray& line : epoch.split('\n')) {
            const QByteArray bare = line.endsWith('\r') ? line.chopped(1) : line;
            if (!bare.isEmpty())
                retimed += retimeLine(bare, now) + "\r\n";
        }
        epoch = retimed;
    }
    m_pending += epoch;
    Q_EMIT readyRead();
}

qint64 NmeaReplayDevice::bytesAvailable() const
{
    return m_pending.size() + QIODevice::bytesAvailable();
}

qint64 NmeaReplayDevice::readData(char* data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_pending.size());
    std::memcpy(data, m_pending.constData(), size_t(n));
    m_pending.remove(0, n);
    return n;
}

qint64 NmeaReplayDevice::writeData(const char*, qint64)
{
    return -1; // read-only
}

} // namespace fieldcase::devices
