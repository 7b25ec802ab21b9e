// Simulated body-worn recorder: on start it writes a few short WAV clips (a quiet tone) named the
// way body cams name them, ending now, into a folder that stands in for its USB storage. The file
// names carry SIM so an import can never be mistaken for real footage.
#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/plugins/simulators/simcommon.h"

#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QFile>

#include <cmath>
#include <numbers>

namespace fieldcase::devices::sim {

namespace {

constexpr int kSampleRate = 8000;

// A mono 16-bit PCM WAV file with a 440 Hz tone.
bool writeToneWav(const QString& path, int seconds)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const quint32 samples = quint32(kSampleRate * seconds);
    QDataStream out(&file);
    out.setByteOrder(QDataStream::LittleEndian);
    out.writeRawData("RIFF", 4);
    out << quint32(36 + samples * 2);
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(1) << quint32(kSampleRate)
        << quint32(kSampleRate * 2) << quint16(2) << quint16(16);
    out.writeRawData("data", 4);
    out << quint32(samples * 2);
    for (quint32 i = 0; i < samples; ++i)
        out << qint16(3000 * std::sin(2 * std::numbers::pi * 440.0 * i / kSampleRate));
    return out.status() == QDataStream::Ok && file.flush();
}

} // namespace

class SimulatedRecorder : public RecorderDevice
{
    Q_OBJECT
public:
    explicit SimulatedRecorder(const DeviceInfo& info)
        : RecorderDevice(info)
        , m_dir(outputDirectory(info.settings, info.slot))
        , m_officer(info.settings.value(QLatin1String("officerId")).toString())
        , m_clips(info.settings.value(QLatin1String("clips")).toInt())
        , m_clipSeconds(info.settings.value(QLatin1String("clipSeconds")).toInt())
    { }

private:
    void doStart() override
    {
        const QString folder = m_dir + QLatin1String("/RECORD");
        if (!QDir().mkpath(folder)) {
            setState(DeviceState::Error, tr("Cannot create the folder %1").arg(folder));
            return;
        }
        // Clips a minute apart, the last one ending now.
        const QDateTime now = QDateTime::currentDateTime();
        m_items.clear();
        for (int i = 0; i < m_clips; ++i) {
            const QDateTime start = now.addSecs(-60LL * (m_clips - i) - m_clipSeconds);
            const QString path
                = QStringLiteral("%1/SIM_%2_%3.WAV")
                      .arg(folder, m_officer, start.toString(QStringLiteral("yyyyMMdd_HHmmss")));
            if (!writeToneWav(path, m_clipSeconds)) {
                setState(DeviceState::Error, tr("Cannot write %1").arg(path));
                return;
            }
            RecordingInfo item;
            item.filePath = path;
            item.kind = QStringLiteral("audio");
            item.sizeBytes = QFileInfo(path).size();
            item.startedAt = start;
            item.durationMs = m_clipSeconds * 1000LL;
            item.officerId = m_officer;
            item.simulated = true;
            m_items.append(item);
        }
        setState(DeviceState::Ready);
    }

    void doStop() override { }

    void doSelfTest(int) override
    {
        SelfTestReport report;
        int present = 0;
        for (const RecordingInfo& item : m_items)
            present += QFileInfo::exists(item.filePath) ? 1 : 0;
        report.add(tr("Recorder storage mounted"), QDir(m_dir).exists(), m_dir);
        report.add(tr("Recordings readable"), present == m_items.size(),
            tr("%1 of %2 clips present").arg(present).arg(m_items.size()));
        finishSelfTest(report);
    }

    QStringList doCapabilities() const override { return {QStringLiteral("audio")}; }

    void doListRecordings(quint64 ticket) override
    {
        if (state() != DeviceState::Ready) {
            failList(
                ticket, lastError().isEmpty() ? tr("The recorder is not connected") : lastError());
            return;
        }
        finishList(ticket, m_items);
    }

    QString m_dir;
    QString m_officer;
    int m_clips;
    int m_clipSeconds;
    QList<RecordingInfo> m_items;
};

class SimulatedRecorderPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "simrecorder.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override
    {
        return std::make_unique<SimulatedRecorder>(info);
    }
};

} // namespace fieldcase::devices::sim

#include "simrecorder.moc"
