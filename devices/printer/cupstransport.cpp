// "cups:queue?server=/run/cups/cups.sock": the existing CUPS path (cupsjob.h) behind the same
// transport interface, for a raw queue in front of an ESC/P printer.
#include "devices/api/devicestext.h"
#include "devices/printer/cupsjob.h"
#include "devices/printer/rawtransports.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace fieldcase::devices {

namespace {

class CupsTransport final : public PrinterTransport
{
public:
    CupsTransport(const QString& uri, QString queue, QString server)
        : PrinterTransport(uri)
        , m_queue(std::move(queue))
        , m_server(std::move(server))
    { }

private:
    PrintOutcome sendBytes(QByteArrayView bytes, const PrinterTimeouts& t) const override
    {
        CupsJobRequest request;
        request.server = m_server;
        request.queue = m_queue;
        request.data = bytes.toByteArray();
        request.format = QStringLiteral("application/vnd.cups-raw");
        request.title = QStringLiteral("FieldCase");
        request.timeoutMs = t.stallMs + t.finishMs;
        auto outcome = printThroughCups(request);
        if (!outcome)
            return PrintOutcome {PrintResult::Failed, 0,
                outcome.error().context.isEmpty()
                    ? outcome.error().message
                    : DevicesText::tr("%1: %2").arg(
                        outcome.error().message, outcome.error().context)};
        // bytesSent counts what CUPS took; for a job CUPS aborted or canceled it reports
        // Failed, and we keep its verdict.
        return PrintOutcome {outcome->result,
            outcome->result == PrintResult::Failed ? 0 : bytes.size(),
            DevicesText::tr("CUPS job %1 on %2: %3")
                .arg(outcome->jobId)
                .arg(m_queue, outcome->detail)};
    }
    PrinterStatusReport readStatus(const PrinterTimeouts&) const override
    {
        return {PrinterStatus::Unknown,
            DevicesText::tr("The CUPS queue %1 does not report the printer's status.")
                .arg(m_queue)};
    }
    Capabilities transportCapabilities() const override { return Capability::ConfirmsDelivery; }

    QString m_queue;
    QString m_server;
};

} // namespace

Result<std::unique_ptr<PrinterTransport>> makeCupsTransport(const QString& uri, const QString& rest)
{
    const qsizetype q = rest.indexOf(u'?');
    const QString queue = rest.left(q);
    if (queue.isEmpty() || queue.contains(u'/'))
        return fail(ErrorCode::InvalidArgument,
            DevicesText::tr("Expected cups:queue for a printer, got \"%1\".").arg(uri));
    const QString server
        = q >= 0 ? QUrlQuery(rest.mid(q + 1)).queryItemValue(QStringLiteral("server")) : QString();
    return std::unique_ptr<PrinterTransport>(std::make_unique<CupsTransport>(uri, queue, server));
}

} // namespace fieldcase::devices
