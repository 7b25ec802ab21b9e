// Simulated camera: each still is a test picture with "SIMULATED" and the capture time drawn
// across it, so no one can mistake it for a photograph of a scene.
#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/plugins/simulators/simcommon.h"

#include <QDateTime>
#include <QDir>
#include <QFont>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>

namespace fieldcase::devices::sim {

class SimulatedCamera : public CameraDevice
{
    Q_OBJECT
public:
    explicit SimulatedCamera(const DeviceInfo& info)
        : CameraDevice(info)
        , m_dir(outputDirectory(info.settings, info.slot))
        , m_size(info.settings.value(QLatin1String("width")).toInt(),
              info.settings.value(QLatin1String("height")).toInt())
    { }

private:
    void doStart() override
    {
        if (QDir().mkpath(m_dir))
            setState(DeviceState::Ready);
        else
            setState(DeviceState::Error, tr("Cannot create the folder %1").arg(m_dir));
    }

    void doStop() override { }

    void doSelfTest(int) override
    {
        SelfTestReport report;
        const QImage image = picture(QDateTime::currentDateTime());
        report.add(tr("Test picture rendered"), !image.isNull(),
            QStringLiteral("%1×%2").arg(image.width()).arg(image.height()));
        report.add(tr("Output folder is writable"), QDir().mkpath(m_dir), m_dir);
        finishSelfTest(report);
    }

    QStringList doCapabilities() const override { return {QStringLiteral("still")}; }

    void doCaptureStill(quint64 ticket) override
    {
        const QDateTime now = QDateTime::currentDateTime();
        const QString path = QStringLiteral("%1/SIMULATED-%2-%3.jpg")
                                 .arg(m_dir, now.toString(QStringLiteral("yyyyMMdd-HHmmss")))
                                 .arg(++m_count);
        if (!QDir().mkpath(m_dir) || !picture(now).save(path, "JPEG", 85)) {
            failCapture(ticket, tr("Cannot write %1").arg(path));
            return;
        }
        finishCapture(ticket, CapturedMedia {path, QStringLiteral("image/jpeg"), now, true});
    }

    QImage picture(const QDateTime& at) const
    {
        QImage image(m_size, QImage::Format_RGB32);
        QPainter p(&image);
        QLinearGradient sky(0, 0, 0, m_size.height());
        sky.setColorAt(0, QColor(90, 130, 180));
        sky.setColorAt(1, QColor(200, 200, 190));
        p.fillRect(image.rect(), sky);
        // Colour bars, so a viewer can tell the picture is synthetic at a glance.
        const QColor bars[]
            = {Qt::white, Qt::yellow, Qt::cyan, Qt::green, Qt::magenta, Qt::red, Qt::blue};
        const int barWidth = m_size.width() / 7;
        for (int i = 0; i < 7; ++i)
            p.fillRect(
                i * barWidth, m_size.height() * 2 / 3, barWidth, m_size.height() / 3, bars[i]);
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        font.setPixelSize(m_size.height() / 9);
        font.setBold(true);
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(QRect(0, 0, m_size.width(), m_size.height() * 2 / 3), Qt::AlignCenter,
            QStringLiteral("模拟相机 SIMULATED\n")
                + at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        return image;
    }

    QString m_dir;
    QSize m_size;
    int m_count = 0;
};

class SimulatedCameraPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "simcamera.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override
    {
        return std::make_unique<SimulatedCamera>(info);
    }
};

} // namespace fieldcase::devices::sim

#include "simcamera.moc"
