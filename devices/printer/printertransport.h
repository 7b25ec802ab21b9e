// Raw byte transports to ESC/P-K dot-matrix printers: serial, TCP 9100 (JetDirect-style), USB or
// parallel lp devices, and a CUPS raw queue, picked by URI scheme from a registry.
//
// What a transport may claim after a job (the same rule as cupsjob.h; a wrong "printed" makes the
// case record a document the driver never got, a wrong "failed" makes the officer print a second
// original):
//   - Failed: provably nothing reached the printer (could not connect/open, the printer reported
//     offline/paper out/error before the first byte, the first write failed).
//   - Printed: every byte was handed over and confirmed as far as the transport allows:
//       tcp:    all bytes sent, acknowledged by the peer's TCP stack (SIOCOUTQ drained), and our
//               orderly shutdown answered by the printer's close, with no reset or error;
//       serial: all bytes written, the kernel output queue drained (TIOCOUTQ == 0, then
//               tcdrain), no port error;
//       lp:     all bytes written, close() succeeded, and LPGETSTATUS afterwards shows no error,
//               paper-out or offline condition (a device without LPGETSTATUS only gets the
//               write/close check).
//       cups:   CUPS reports the job completed (printThroughCups).
//   - Unknown: anything in between: some bytes were written and then the link failed, timed out
//     or the printer reported a problem. A partial page may exist. Unknown is never reported as
//     Printed; the caller asks the officer to check the paper.
//
// Threading: send() and status() block (bounded by the timeouts) and must not be called on the
// GUI thread (STYLE.md 6). Call them from a worker thread, or use printAsync(). A transport object
// only holds its settings; every call opens and closes its own handle, so one object can be used
// from any thread, one call at a time.
#pragma once

#include "core/util/result.h"
#include "devices/api/printoutcome.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>
#include <QFuture>
#include <QString>

#include <functional>
#include <memory>

namespace fieldcase::devices {

// What the printer says about itself, as far as the transport can tell.
enum class PrinterStatus { Ready, Offline, PaperOut, Busy, Error, Unknown };

// A status and why, for the print journal and the officer.
struct PrinterStatusReport
{
    PrinterStatus status = PrinterStatus::Unknown;
    QString detail;
};

// Limits for one call; every blocking wait is bounded by one of these.
struct PrinterTimeouts
{
    int connectMs = 5000; // tcp connect, cups connect
    int stallMs = 30000; // no byte accepted for this long: give up (paper jam, flow control)
    int finishMs = 10000; // after the last byte: drain, acknowledgement, close
};

// A raw printer connection named by URI. Non-virtual public API over private virtual hooks.
class PrinterTransport
{
public:
    // What status() can find out beyond "reachable".
    enum class Capability {
        ReportsPaperOut = 0x1, // lp: LPGETSTATUS
        ReportsOffline = 0x2, // lp: select line; serial: CTS/DSR with flow control; tcp: refused
        ReportsBusy = 0x4, // parallel lp only
        ConfirmsDelivery = 0x8, // the Printed rule above is checked end to end (cups)
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)

    virtual ~PrinterTransport();
    PrinterTransport(const PrinterTransport&) = delete;
    PrinterTransport& operator=(const PrinterTransport&) = delete;

    // Sends the whole stream as one job. Blocks; see "Threading" above.
    [[nodiscard]] PrintOutcome send(QByteArrayView bytes) const;
    // Asks the printer for its status without printing. Blocks, bounded by the timeouts.
    [[nodiscard]] PrinterStatusReport status() const;

    [[nodiscard]] QString uri() const { return m_uri; }
    [[nodiscard]] Capabilities capabilities() const { return transportCapabilities(); }
    [[nodiscard]] PrinterTimeouts timeouts() const { return m_timeouts; }
    void setTimeouts(const PrinterTimeouts& timeouts) { m_timeouts = timeouts; }

protected:
    explicit PrinterTransport(QString uri)
        : m_uri(std::move(uri))
    { }

private:
    // Writes the job; must follow the Failed/Printed/Unknown rules above.
    [[nodiscard]] virtual PrintOutcome sendBytes(
        QByteArrayView bytes, const PrinterTimeouts& timeouts) const = 0;
    // Reads the printer status; Unknown when the transport cannot tell.
    [[nodiscard]] virtual PrinterStatusReport readStatus(const PrinterTimeouts& timeouts) const = 0;
    // The transport's fixed capabilities.
    [[nodiscard]] virtual Capabilities transportCapabilities() const = 0;

    QString m_uri;
    PrinterTimeouts m_timeouts;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(PrinterTransport::Capabilities)

// Creates the transport for the part of the URI after "scheme:".
using PrinterTransportFactory = std::function<Result<std::unique_ptr<PrinterTransport>>(
    const QString& uri, const QString& rest)>;

// Adds or replaces the transport for a URI scheme ("serial", "tcp", "lp", "cups" are built in).
void registerPrinterScheme(const QString& scheme, PrinterTransportFactory factory);

// The transport for a URI; only parses it, opens nothing:
//   serial:/dev/ttyUSB0?baud=9600&flow=rtscts   (flow: none, rtscts, xonxoff; also
//                                               parity=none|even|odd, data=7|8, stop=1|2)
//   tcp:host:9100  tcp:[::1]:9100               (port defaults to 9100)
//   lp:/dev/usb/lp0                             (USB printer class or parallel lp device)
//   cups:queue  cups:queue?server=/run/cups.sock (raw queue, application/vnd.cups-raw)
[[nodiscard]] Result<std::unique_ptr<PrinterTransport>> createPrinterTransport(const QString& uri);

// Runs send() on Qt's global thread pool; the GUI thread only waits on the future.
[[nodiscard]] QFuture<PrintOutcome> printAsync(
    std::shared_ptr<const PrinterTransport> transport, QByteArray bytes);

// "Ready", "Offline", ... (English, for logs).
[[nodiscard]] const char* printerStatusName(PrinterStatus status);

} // namespace fieldcase::devices
