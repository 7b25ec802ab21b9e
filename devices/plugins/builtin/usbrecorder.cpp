#include "devices/plugins/builtin/usbrecorder.h"

#include "devices/api/devicestext.h"
#include "devices/plugins/builtin/background.h"

#include <QJsonArray>

namespace fieldcase::devices {

namespace {

RecordingInfo toInfo(const RecorderInfo& device, const Recording& r)
{
    RecordingInfo info;
    info.filePath = device.root + QLatin1Char('/') + r.relativePath;
    info.kind = r.kind;
    info.sizeBytes = r.size;
    if (r.startMs > 0)
        info.startedAt = QDateTime::fromMSecsSinceEpoch(r.startMs, Qt::UTC);
    info.durationMs = r.durationMs;
    info.officerId = r.officerId;
    return info;
}

} // namespace

UsbRecorderDevice::UsbRecorderDevice(const DeviceInfo& info)
    : RecorderDevice(info)
{
    m_poll.setInterval(info.settings.value(QLatin1String("pollMs")).toInt());
    connect(&m_poll, &QTimer::timeout, this, &UsbRecorderDevice::poll);
}

QStringList UsbRecorderDevice::roots() const
{
    const QString folder = info().settings.value(QLatin1String("folder")).toString();
    return folder.isEmpty() ? defaultMountRoots() : QStringList {folder};
}

void UsbRecorderDevice::doStart()
{
    m_poll.start();
    poll();
}

void UsbRecorderDevice::doStop()
{
    m_poll.stop();
    m_recorder.reset();
}

void UsbRecorderDevice::poll()
{
    if (m_polling)
        return;
    m_polling = true;
    runInBackground(
        this, [roots = roots()] { return findRecorders(roots); },
        [this](const QList<RecorderInfo>& found) {
            m_polling = false;
            if (state() == DeviceState::Stopped)
                return;
            if (found.isEmpty()) {
                m_recorder.reset();
                setState(DeviceState::Absent, DevicesText::tr("No recorder is connected"));
                return;
            }
            // Several at once (a dock with two cameras): the first; the import screen picks.
            m_recorder = found.first();
            setState(DeviceState::Ready);
        });
}

void UsbRecorderDevice::doListRecordings(quint64 ticket)
{
    if (!m_recorder) {
        failList(ticket, DevicesText::tr("No recorder is connected"));
        return;
    }
    setState(DeviceState::Busy);
    runInBackground(
        this, [device = *m_recorder] { return devices::listRecordings(device); },
        [this, ticket](const Result<RecorderListing>& listing) {
            if (state() == DeviceState::Busy)
                setState(DeviceState::Ready);
            if (!listing) {
                failList(ticket, listing.error().message);
                return;
            }
            QList<RecordingInfo> items;
            for (const Recording& r : listing->recordings)
                items.append(toInfo(listing->device, r));
            finishList(ticket, items);
        });
}

void UsbRecorderDevice::doSelfTest(int)
{
    // Detection and listing both read the device, so both run on the pool.
    struct Probe
    {
        QList<RecorderInfo> found;
        std::optional<Result<RecorderListing>> listing;
    };
    const QStringList searched = roots();
    runInBackground(
        this,
        [searched] {
            Probe p {findRecorders(searched), std::nullopt};
            if (!p.found.isEmpty())
                p.listing = devices::listRecordings(p.found.first());
            return p;
        },
        [this, searched](const Probe& p) {
            SelfTestReport report;
            report.add(DevicesText::tr("A recorder is connected"), !p.found.isEmpty(),
                p.found.isEmpty()
                    ? DevicesText::tr("Looked in: %1").arg(searched.join(QLatin1String(", ")))
                    : QStringLiteral("%1 %2")
                          .arg(p.found.first().model, p.found.first().deviceId)
                          .trimmed());
            if (p.listing) {
                const Result<RecorderListing>& listing = *p.listing;
                report.add(DevicesText::tr("Its recordings can be listed"), listing.has_value(),
                    listing ? DevicesText::tr("%1 recordings, %2 entries skipped")
                                  .arg(listing->recordings.size())
                                  .arg(listing->skipped.size())
                            : listing.error().message);
            }
            finishSelfTest(report);
        });
}

QStringList UsbRecorderDevice::doCapabilities() const
{
    return {QStringLiteral("video"), QStringLiteral("audio"), QStringLiteral("photo")};
}

QJsonObject UsbRecorderDevice::doStatus() const
{
    if (!m_recorder)
        return {{QLatin1String("connected"), false}};
    return {{QLatin1String("connected"), true}, {QLatin1String("root"), m_recorder->root},
        {QLatin1String("deviceId"), m_recorder->deviceId},
        {QLatin1String("officerId"), m_recorder->officerId},
        {QLatin1String("model"), m_recorder->model}};
}

std::unique_ptr<Device> UsbRecorderPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<UsbRecorderDevice>(info);
}

} // namespace fieldcase::devices
