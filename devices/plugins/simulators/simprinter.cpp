// Simulated printer: accepts ESC/P and PDF jobs, writes each to a file whose name starts with
// SIMULATED, and reports them printed after a delay. For training it can run out of paper.
#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/plugins/simulators/simcommon.h"

#include <QDir>
#include <QFile>
#include <QTimer>

namespace fieldcase::devices::sim {

class SimulatedPrinter : public PrinterDevice
{
    Q_OBJECT
public:
    explicit SimulatedPrinter(const DeviceInfo& info)
        : PrinterDevice(info)
        , m_dir(outputDirectory(info.settings, info.slot))
        , m_delayMs(info.settings.value(QLatin1String("delayMs")).toInt())
        , m_paperOutAfter(info.settings.value(QLatin1String("paperOutAfterJobs")).toInt())
    { }

private:
    void doStart() override
    {
        if (!QDir().mkpath(m_dir)) {
            setState(DeviceState::Error, tr("Cannot create the folder %1").arg(m_dir));
            return;
        }
        setState(outOfPaper() ? DeviceState::Error : DeviceState::Ready,
            outOfPaper() ? tr("Paper out (simulated)") : QString());
    }

    void doStop() override { }

    void doSelfTest(int) override
    {
        SelfTestReport report;
        QFile probe(m_dir + QLatin1String("/.selftest"));
        const bool writable = QDir().mkpath(m_dir) && probe.open(QIODevice::WriteOnly);
        probe.remove();
        report.add(tr("Output folder is writable"), writable, m_dir);
        report.add(tr("Paper loaded"), !outOfPaper(),
            outOfPaper() ? tr("Paper out (simulated)") : QString());
        finishSelfTest(report);
    }

    QStringList doCapabilities() const override
    {
        return {QStringLiteral("escp"), QStringLiteral("pdf"), QStringLiteral("status")};
    }

    QJsonObject doStatus() const override
    {
        return {{QLatin1String("jobs"), m_jobs}, {QLatin1String("outputDir"), m_dir}};
    }

    void doPrint(quint64 ticket, const PrintJob& job) override
    {
        if (outOfPaper()) {
            finishPrint(ticket, PrintOutcome {PrintResult::Failed, 0, tr("Paper out (simulated)")});
            return;
        }
        setState(DeviceState::Busy);
        QTimer::singleShot(m_delayMs, this, [this, ticket, job] {
            const QString suffix = job.format == QLatin1String(kPdfFormat) ? QStringLiteral("pdf")
                                                                           : QStringLiteral("escp");
            const QString path = QStringLiteral("%1/SIMULATED-%2-%3.%4")
                                     .arg(m_dir)
                                     .arg(++m_jobs, 4, 10, QLatin1Char('0'))
                                     .arg(ticket)
                                     .arg(suffix);
            QFile file(path);
            PrintOutcome outcome;
            if (!file.open(QIODevice::WriteOnly) || file.write(job.data) != job.data.size()) {
                outcome = {PrintResult::Failed, 0,
                    tr("Cannot write %1: %2").arg(path, file.errorString())};
            } else {
                outcome = {PrintResult::Printed, job.data.size(),
                    tr("Simulated printer: written to %1, nothing printed on paper").arg(path)};
            }
            file.close();
            setState(outOfPaper() ? DeviceState::Error : DeviceState::Ready,
                outOfPaper() ? tr("Paper out (simulated)") : QString());
            finishPrint(ticket, outcome);
        });
    }

    bool outOfPaper() const { return m_paperOutAfter > 0 && m_jobs >= m_paperOutAfter; }

    QString m_dir;
    int m_delayMs;
    int m_paperOutAfter;
    int m_jobs = 0;
};

class SimulatedPrinterPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "simprinter.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override
    {
        return std::make_unique<SimulatedPrinter>(info);
    }
};

} // namespace fieldcase::devices::sim

#include "simprinter.moc"
