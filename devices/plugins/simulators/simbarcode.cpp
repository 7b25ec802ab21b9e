// Simulated barcode scanner: "scans" the configured payloads in turn, on a timer or in its
// self-test, the way a keyboard-wedge scanner delivers complete codes.
#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/plugins/simulators/simcommon.h"

#include <QTimer>

namespace fieldcase::devices::sim {

class SimulatedBarcode : public BarcodeDevice
{
    Q_OBJECT
public:
    explicit SimulatedBarcode(const DeviceInfo& info)
        : BarcodeDevice(info)
        , m_payloads(info.settings.value(QLatin1String("payloads"))
                         .toString()
                         .split(u'|', Qt::SkipEmptyParts))
    {
        m_timer.setInterval(info.settings.value(QLatin1String("intervalMs")).toInt());
        connect(&m_timer, &QTimer::timeout, this, &SimulatedBarcode::scanNext);
    }

private:
    void doStart() override
    {
        setState(DeviceState::Ready);
        if (m_timer.interval() > 0 && !m_payloads.isEmpty())
            m_timer.start();
    }

    void doStop() override { m_timer.stop(); }

    void doSelfTest(int) override
    {
        SelfTestReport report;
        int seen = 0;
        const auto connection = connect(this, &BarcodeDevice::scanned, this, [&seen] { ++seen; });
        scanNext();
        disconnect(connection);
        report.add(tr("A scan is delivered"), seen == 1,
            m_payloads.isEmpty() ? tr("No payloads configured") : QString());
        finishSelfTest(report);
    }

    QStringList doCapabilities() const override { return {QStringLiteral("scan")}; }

    void scanNext()
    {
        if (m_payloads.isEmpty())
            return;
        publishScan(m_payloads.at(m_next % m_payloads.size()), QString());
        ++m_next;
    }

    QStringList m_payloads;
    QTimer m_timer;
    int m_next = 0;
};

class SimulatedBarcodePlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "simbarcode.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override
    {
        return std::make_unique<SimulatedBarcode>(info);
    }
};

} // namespace fieldcase::devices::sim

#include "simbarcode.moc"
