#include "devices/plugins/builtin/rawprinter.h"

#include "devices/api/devicestext.h"
#include "devices/plugins/builtin/background.h"

namespace fieldcase::devices {

RawPrinterDevice::RawPrinterDevice(const DeviceInfo& info)
    : PrinterDevice(info)
{
    auto transport = createPrinterTransport(info.settings.value(QLatin1String("uri")).toString());
    if (!transport) {
        m_uriError = transport.error().message;
    } else {
        PrinterTimeouts t = (*transport)->timeouts();
        t.connectMs = info.settings.value(QLatin1String("connectTimeoutMs")).toInt();
        t.stallMs = info.settings.value(QLatin1String("stallTimeoutMs")).toInt();
        (*transport)->setTimeouts(t);
        m_transport = std::shared_ptr<const PrinterTransport>(std::move(*transport));
    }
    m_poll.setInterval(info.settings.value(QLatin1String("statusPollMs")).toInt());
    connect(&m_poll, &QTimer::timeout, this, &RawPrinterDevice::pollStatus);
}

void RawPrinterDevice::doStart()
{
    if (!m_transport) {
        setState(DeviceState::Error, m_uriError);
        return;
    }
    m_poll.start();
    pollStatus();
}

void RawPrinterDevice::doStop()
{
    m_poll.stop();
}

void RawPrinterDevice::pollStatus()
{
    // Not while a job runs: on serial and TCP a status query would compete with the job's link.
    if (m_polling || m_jobsRunning > 0 || !m_transport)
        return;
    m_polling = true;
    runInBackground(
        this, [t = m_transport] { return t->status(); },
        [this](const PrinterStatusReport& report) {
            m_polling = false;
            applyStatus(report);
        });
}

void RawPrinterDevice::applyStatus(const PrinterStatusReport& report)
{
    m_lastStatus = report;
    if (state() == DeviceState::Stopped)
        return;
    switch (report.status) {
    case PrinterStatus::Ready:
    case PrinterStatus::Unknown: // the transport cannot tell (no status lines): assume usable
        setState(m_jobsRunning > 0 ? DeviceState::Busy : DeviceState::Ready);
        break;
    case PrinterStatus::Busy:
        setState(DeviceState::Busy);
        break;
    case PrinterStatus::Offline:
        setState(DeviceState::Absent, report.detail);
        break;
    case PrinterStatus::PaperOut:
    case PrinterStatus::Error:
        setState(DeviceState::Error, report.detail);
        break;
    }
}

void RawPrinterDevice::doPrint(quint64 ticket, const PrintJob& job)
{
    if (!m_transport) {
        finishPrint(ticket, PrintOutcome {PrintResult::Failed, 0, m_uriError});
        return;
    }
    if (job.format == QLatin1String(kPdfFormat)) {
        finishPrint(ticket,
            PrintOutcome {
                PrintResult::Failed, 0, DevicesText::tr("This printer takes ESC/P, not PDF")});
        return;
    }
    ++m_jobsRunning;
    setState(DeviceState::Busy);
    whenFinished(this, printAsync(m_transport, job.data),
        [this, ticket](const std::optional<PrintOutcome>& done) {
            // printAsync's future is never cancelled; a missing result would be a bug, so say
            // Unknown.
            const PrintOutcome outcome = done.value_or(PrintOutcome {});
            --m_jobsRunning;
            if (m_jobsRunning == 0 && state() == DeviceState::Busy)
                setState(DeviceState::Ready);
            pollStatus(); // paper may have run out during the job
            finishPrint(ticket, outcome);
        });
}

void RawPrinterDevice::doSelfTest(int)
{
    if (!m_transport) {
        SelfTestReport report;
        report.add(DevicesText::tr("The printer address is valid"), false, m_uriError);
        finishSelfTest(report);
        return;
    }
    // Asks the printer for its status; prints nothing.
    runInBackground(
        this, [t = m_transport] { return t->status(); },
        [this](const PrinterStatusReport& report) {
            applyStatus(report);
            SelfTestReport r;
            const bool reachable
                = report.status != PrinterStatus::Offline && report.status != PrinterStatus::Error;
            r.add(DevicesText::tr("The printer can be reached"), reachable, report.detail);
            if (reachable) {
                r.add(DevicesText::tr("The printer is ready"),
                    report.status != PrinterStatus::PaperOut,
                    report.status == PrinterStatus::Unknown
                        ? DevicesText::tr("This connection cannot report paper or errors")
                        : report.detail);
            }
            finishSelfTest(r);
        });
}

QStringList RawPrinterDevice::doCapabilities() const
{
    QStringList caps {QStringLiteral("escp")};
    if (m_transport) {
        const auto c = m_transport->capabilities();
        if (c.testAnyFlags(PrinterTransport::Capability::ReportsPaperOut
                | PrinterTransport::Capability::ReportsOffline))
            caps.append(QStringLiteral("status"));
        if (c.testFlag(PrinterTransport::Capability::ConfirmsDelivery))
            caps.append(QStringLiteral("job-result"));
    }
    return caps;
}

QJsonObject RawPrinterDevice::doStatus() const
{
    return {{QLatin1String("uri"), m_transport ? m_transport->uri() : QString()},
        {QLatin1String("printerStatus"), QLatin1String(printerStatusName(m_lastStatus.status))},
        {QLatin1String("detail"), m_lastStatus.detail},
        {QLatin1String("jobsRunning"), m_jobsRunning}};
}

std::unique_ptr<Device> RawPrinterPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<RawPrinterDevice>(info);
}

} // namespace fieldcase::devices
