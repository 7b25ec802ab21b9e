#include "devices/plugins/builtin/cupsprinter.h"

#include "devices/api/devicestext.h"
#include "devices/plugins/builtin/background.h"
#include "devices/printer/cupsjob.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace fieldcase::devices {

namespace {

// The device state a queue's state means, with the reason for the officer.
std::pair<DeviceState, QString> deviceStateFor(const CupsQueueState& q)
{
    const auto has = [&](const char* prefix) {
        for (const QString& r : q.reasons) {
            if (r.startsWith(QLatin1String(prefix)))
                return true;
        }
        return false;
    };
    if (has("media-empty") || has("media-needed"))
        return {DeviceState::Error, DevicesText::tr("The printer is out of paper")};
    if (has("offline") || has("connecting-to-device"))
        return {DeviceState::Absent, DevicesText::tr("The printer is offline or not connected")};
    if (q.state == 5 || !q.accepting) {
        return {DeviceState::Error,
            q.message.isEmpty() ? DevicesText::tr("The print queue is stopped")
                                : DevicesText::tr("The print queue is stopped: %1").arg(q.message)};
    }
    return {q.state == 4 ? DeviceState::Busy : DeviceState::Ready, QString()};
}

} // namespace

CupsPrinterDevice::CupsPrinterDevice(const DeviceInfo& info)
    : PrinterDevice(info)
    , m_server(info.settings.value(QLatin1String("server")).toString())
    , m_queue(info.settings.value(QLatin1String("queue")).toString())
    , m_accepts(info.settings.value(QLatin1String("accepts")).toString())
    , m_timeoutMs(info.settings.value(QLatin1String("timeoutMs")).toInt())
{ }

void CupsPrinterDevice::doStart()
{
    refreshState();
}

void CupsPrinterDevice::doStop() { }

void CupsPrinterDevice::refreshState()
{
    runInBackground(
        this, [server = m_server, queue = m_queue] { return queryCupsQueue(server, queue); },
        [this](const Result<CupsQueueState>& q) {
            if (state() == DeviceState::Stopped)
                return;
            if (!q) {
                m_queueStatus = {};
                setState(DeviceState::Error, q.error().message);
                return;
            }
            m_queueStatus = {{QLatin1String("queueState"), q->state},
                {QLatin1String("accepting"), q->accepting},
                {QLatin1String("reasons"), QJsonArray::fromStringList(q->reasons)}};
            const auto [s, why] = deviceStateFor(*q);
            setState(m_jobsRunning > 0 && s == DeviceState::Ready ? DeviceState::Busy : s, why);
        });
}

void CupsPrinterDevice::doSelfTest(int)
{
    // Asks the scheduler; prints nothing (an alignment page is the installer's explicit choice).
    runInBackground(
        this, [server = m_server, queue = m_queue] { return queryCupsQueue(server, queue); },
        [this](const Result<CupsQueueState>& q) {
            SelfTestReport report;
            report.add(DevicesText::tr("The print scheduler knows the queue"), q.has_value(),
                q ? m_queue : q.error().message);
            if (q) {
                const auto [s, why] = deviceStateFor(*q);
                report.add(DevicesText::tr("The queue accepts jobs"),
                    s == DeviceState::Ready || s == DeviceState::Busy,
                    why.isEmpty() ? q->reasons.join(QLatin1String(", ")) : why);
            }
            finishSelfTest(report);
        });
}

QStringList CupsPrinterDevice::doCapabilities() const
{
    return {m_accepts, QStringLiteral("status"), QStringLiteral("job-result")};
}

QJsonObject CupsPrinterDevice::doStatus() const
{
    QJsonObject o = m_queueStatus;
    o.insert(QLatin1String("queue"), m_queue);
    o.insert(QLatin1String("jobsRunning"), m_jobsRunning);
    return o;
}

void CupsPrinterDevice::doPrint(quint64 ticket, const PrintJob& job)
{
    const bool wantsPdf = m_accepts == QLatin1String("pdf");
    if ((job.format == QLatin1String(kPdfFormat)) != wantsPdf) {
        finishPrint(ticket,
            PrintOutcome {PrintResult::Failed, 0,
                wantsPdf ? DevicesText::tr("This printer takes PDF, not ESC/P")
                         : DevicesText::tr("This printer takes ESC/P, not PDF")});
        return;
    }
    CupsJobRequest request;
    request.server = m_server;
    request.queue = m_queue;
    request.data = job.data;
    request.format
        = wantsPdf ? QStringLiteral("application/pdf") : QStringLiteral("application/vnd.cups-raw");
    request.title = job.title;
    request.timeoutMs = m_timeoutMs;
    ++m_jobsRunning;
    setState(DeviceState::Busy);
    runInBackground(
        this, [request] { return printThroughCups(request); },
        [this, ticket, size = job.data.size()](const Result<CupsJobOutcome>& r) {
            --m_jobsRunning;
            PrintOutcome outcome;
            if (!r) {
                // Not submitted at all: nothing can have been printed.
                outcome = {PrintResult::Failed, 0, r.error().message};
            } else {
                outcome = {r->result, r->result == PrintResult::Failed ? 0 : size, r->detail};
            }
            refreshState();
            finishPrint(ticket, outcome);
        });
}

std::unique_ptr<Device> CupsPrinterPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<CupsPrinterDevice>(info);
}

} // namespace fieldcase::devices
