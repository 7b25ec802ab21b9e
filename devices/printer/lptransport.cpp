// "lp:/dev/usb/lp0": raw bytes to a USB printer-class device (usblp) or a parallel port (lp).
// Status from ioctl(LPGETSTATUS), which both drivers implement.
#include "devices/api/devicestext.h"
#include "devices/printer/rawtransports.h"

#include <QCoreApplication>

#include <cerrno>
#include <fcntl.h>
#include <linux/lp.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace fieldcase::devices {

namespace {

using namespace printerio;

class LpTransport final : public PrinterTransport
{
public:
    LpTransport(const QString& uri, QString path)
        : PrinterTransport(uri)
        , m_path(std::move(path))
        // usblp's status byte has no BUSY bit (see lpStatusFromBits).
        , m_parallel(!m_path.contains(QLatin1String("/usb/")))
    { }

private:
    PrintOutcome sendBytes(QByteArrayView bytes, const PrinterTimeouts& t) const override;
    PrinterStatusReport readStatus(const PrinterTimeouts& t) const override;
    Capabilities transportCapabilities() const override
    {
        Capabilities c = Capability::ReportsPaperOut | Capability::ReportsOffline;
        if (m_parallel)
            c |= Capability::ReportsBusy;
        return c;
    }

    // LPGETSTATUS on an open descriptor; Unknown when the device does not support it.
    PrinterStatusReport statusOf(int fd) const;

    QString m_path;
    bool m_parallel;
};

PrinterStatusReport LpTransport::statusOf(int fd) const
{
    int bits = 0;
    if (::ioctl(fd, LPGETSTATUS, &bits) != 0) {
        // ENOTTY: not an lp device (a file, a FIFO, a tty): we cannot say it is ready.
        return {PrinterStatus::Unknown,
            DevicesText::tr("%1 reports no printer status: %2").arg(m_path, errnoText(errno))};
    }
    PrinterStatusReport report = lpStatusFromBits(bits, m_parallel);
    report.detail = DevicesText::tr("%1: %2").arg(m_path, report.detail);
    return report;
}

PrintOutcome LpTransport::sendBytes(QByteArrayView bytes, const PrinterTimeouts& t) const
{
    // O_NONBLOCK so a stuck printer cannot hang the worker past the stall timeout (and a FIFO
    // without a reader fails with ENXIO instead of blocking in open()).
    const int fd = ::open(m_path.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return PrintOutcome {PrintResult::Failed, 0,
            errno == ENXIO || errno == ENODEV || errno == ENOENT
                ? DevicesText::tr("The printer %1 is not connected.").arg(m_path)
                : DevicesText::tr("Cannot open the printer %1: %2").arg(m_path, errnoText(errno))};
    const PrinterStatusReport before = statusOf(fd);
    if (before.status == PrinterStatus::PaperOut || before.status == PrinterStatus::Offline
        || before.status == PrinterStatus::Error) {
        ::close(fd);
        return PrintOutcome {PrintResult::Failed, 0, before.detail};
    }
    const WriteProgress p = writeAll(fd, bytes, t.stallMs, false);
    const PrinterStatusReport after = statusOf(fd);
    // close() is where usblp waits for its last transfer; an error there is an error in the job.
    const int closeError = ::close(fd) == 0 ? 0 : errno;
    if (p.error != 0) {
        if (p.written == 0)
            return PrintOutcome {PrintResult::Failed, 0,
                DevicesText::tr("The printer %1 took no data: %2")
                    .arg(m_path, p.stalled ? after.detail : errnoText(p.error))};
        return PrintOutcome {PrintResult::Unknown, p.written,
            DevicesText::tr("The printer %1 stopped after %2 of %3 bytes: %4")
                .arg(m_path)
                .arg(p.written)
                .arg(bytes.size())
                .arg(p.stalled ? after.detail : errnoText(p.error))};
    }
    if (closeError != 0)
        return PrintOutcome {PrintResult::Unknown, p.written,
            DevicesText::tr("The printer %1 failed at the end of the job: %2")
                .arg(m_path, errnoText(closeError))};
    if (after.status != PrinterStatus::Ready && after.status != PrinterStatus::Busy
        && after.status != PrinterStatus::Unknown)
        return PrintOutcome {PrintResult::Unknown, p.written,
            DevicesText::tr("All bytes were sent, but the printer then reported a problem: %1")
                .arg(after.detail)};
    return PrintOutcome {PrintResult::Printed, p.written,
        after.status == PrinterStatus::Unknown
            ? DevicesText::tr("All %1 bytes written to %2 (no printer status available).")
                  .arg(bytes.size())
                  .arg(m_path)
            : DevicesText::tr("All %1 bytes written to %2.").arg(bytes.size()).arg(m_path)};
}

PrinterStatusReport LpTransport::readStatus(const PrinterTimeouts&) const
{
    const int fd = ::open(m_path.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return {PrinterStatus::Offline,
            DevicesText::tr("Cannot open the printer %1: %2").arg(m_path, errnoText(errno))};
    const PrinterStatusReport report = statusOf(fd);
    ::close(fd);
    return report;
}

} // namespace

PrinterStatusReport lpStatusFromBits(int status, bool parallelPort)
{
    // Paper out first: printers usually also drop SELECT and raise ERROR with it, and "paper out"
    // is what the officer can fix.
    if (status & LP_POUTPA)
        return {PrinterStatus::PaperOut, DevicesText::tr("out of paper")};
    if (!(status & LP_PSELECD))
        return {
            PrinterStatus::Offline, DevicesText::tr("offline (switched off-line at the printer)")};
    if (!(status & LP_PERRORP)) // active low
        return {PrinterStatus::Error, DevicesText::tr("the printer reports an error")};
    if (parallelPort && !(status & LP_PBUSY)) // inverted in the status register
        return {PrinterStatus::Busy, DevicesText::tr("busy")};
    return {PrinterStatus::Ready, DevicesText::tr("ready")};
}

Result<std::unique_ptr<PrinterTransport>> makeLpTransport(const QString& uri, const QString& rest)
{
    if (rest.isEmpty() || !rest.startsWith(u'/'))
        return fail(ErrorCode::InvalidArgument,
            DevicesText::tr("Expected lp:/dev/usb/lp0 or another device path, got \"%1\".")
                .arg(uri));
    return std::unique_ptr<PrinterTransport>(std::make_unique<LpTransport>(uri, rest));
}

} // namespace fieldcase::devices
