// "serial:/dev/ttyUSB0?baud=9600&flow=rtscts": raw bytes to an RS-232 printer. termios directly
// rather than QSerialPort: the job runs on a worker thread without an event loop, and the
// Printed rule needs the descriptor for TIOCOUTQ, tcdrain and the modem lines anyway.
#include "devices/api/devicestext.h"
#include "devices/printer/rawtransports.h"

#include <QCoreApplication>
#include <QScopeGuard>
#include <QThread>
#include <QUrlQuery>

#include <cerrno>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace fieldcase::devices {

namespace {

using namespace printerio;

enum class Flow { None, RtsCts, XonXoff };

struct SerialSettings
{
    QString path;
    int baud = 9600;
    Flow flow = Flow::None;
    char parity = 'n'; // n, e, o
    int dataBits = 8;
    int stopBits = 1;
};

speed_t speedFor(int baud)
{
    switch (baud) {
    case 1200:
        return B1200;
    case 2400:
        return B2400;
    case 4800:
        return B4800;
    case 9600:
        return B9600;
    case 19200:
        return B19200;
    case 38400:
        return B38400;
    case 57600:
        return B57600;
    case 115200:
        return B115200;
    case 230400:
        return B230400;
    default:
        return B0;
    }
}

class SerialTransport final : public PrinterTransport
{
public:
    SerialTransport(const QString& uri, SerialSettings settings)
        : PrinterTransport(uri)
        , m_s(std::move(settings))
    { }

private:
    PrintOutcome sendBytes(QByteArrayView bytes, const PrinterTimeouts& t) const override;
    PrinterStatusReport readStatus(const PrinterTimeouts& t) const override;
    Capabilities transportCapabilities() const override
    {
        return m_s.flow == Flow::RtsCts ? Capabilities(Capability::ReportsOffline) : Capabilities();
    }

    // An open, configured, non-blocking descriptor, or the reason.
    Result<int> open() const;
    // From the modem lines: Offline if CTS is low with RTS/CTS flow control; Unknown otherwise.
    PrinterStatusReport lineStatus(int fd) const;

    SerialSettings m_s;
};

Result<int> SerialTransport::open() const
{
    const int fd
        = ::open(m_s.path.toLocal8Bit().constData(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::Io,
            DevicesText::tr("Cannot open the printer port %1: %2").arg(m_s.path, errnoText(errno)),
            m_s.path);
    termios tio {};
    if (::tcgetattr(fd, &tio) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(ErrorCode::Io,
            DevicesText::tr("%1 is not a serial port: %2").arg(m_s.path, errnoText(err)), m_s.path);
    }
    ::cfmakeraw(&tio);
    ::cfsetispeed(&tio, speedFor(m_s.baud));
    ::cfsetospeed(&tio, speedFor(m_s.baud));
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
    tio.c_cflag |= m_s.dataBits == 7 ? CS7 : CS8;
    if (m_s.parity != 'n')
        tio.c_cflag |= PARENB | (m_s.parity == 'o' ? PARODD : 0);
    if (m_s.stopBits == 2)
        tio.c_cflag |= CSTOPB;
    tio.c_iflag &= ~(IXON | IXOFF | IXANY);
    if (m_s.flow == Flow::RtsCts)
        tio.c_cflag |= CRTSCTS;
    else if (m_s.flow == Flow::XonXoff)
        tio.c_iflag |= IXON; // the printer sends XOFF when its buffer fills
    if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(ErrorCode::Io,
            DevicesText::tr("Cannot configure the printer port %1: %2")
                .arg(m_s.path, errnoText(err)),
            m_s.path);
    }
    // Whatever an earlier job left in the output queue is not part of this one.
    ::tcflush(fd, TCOFLUSH);
    return fd;
}

PrinterStatusReport SerialTransport::lineStatus(int fd) const
{
    int lines = 0;
    // A pty or a USB adapter without modem lines says ENOTTY/EINVAL: nothing to tell.
    if (::ioctl(fd, TIOCMGET, &lines) != 0)
        return {PrinterStatus::Unknown,
            DevicesText::tr("The port %1 has no modem status lines.").arg(m_s.path)};
    if (m_s.flow != Flow::RtsCts)
        return {PrinterStatus::Unknown,
            DevicesText::tr(
                "Without RTS/CTS flow control the port %1 cannot tell whether the printer is "
                "ready.")
                .arg(m_s.path)};
    // With hardware flow control the printer raises CTS when it can take data; a printer that
    // is off or deselected leaves it low.
    if (!(lines & TIOCM_CTS))
        return {PrinterStatus::Offline,
            DevicesText::tr(
                "The printer on %1 is not ready (CTS is low): it is off, offline or not "
                "connected.")
                .arg(m_s.path)};
    return {PrinterStatus::Ready,
        DevicesText::tr("The printer on %1 is ready (CTS is high).").arg(m_s.path)};
}

PrintOutcome SerialTransport::sendBytes(QByteArrayView bytes, const PrinterTimeouts& t) const
{
    auto fd = open();
    if (!fd)
        return PrintOutcome {PrintResult::Failed, 0, fd.error().message};
    const int port = *fd;
    const auto closePort = qScopeGuard([port] { ::close(port); });
    if (const auto before = lineStatus(port); before.status == PrinterStatus::Offline)
        return PrintOutcome {PrintResult::Failed, 0, before.detail};

    const auto queued = [port] {
        int n = 0;
        return ::ioctl(port, TIOCOUTQ, &n) == 0 ? qint64(n) : qint64(0);
    };
    const WriteProgress p = writeAll(port, bytes, t.stallMs, false);
    if (p.error != 0) {
        if (p.written == 0)
            return PrintOutcome {PrintResult::Failed, 0,
                DevicesText::tr("The printer on %1 took no data: %2")
                    .arg(m_s.path, errnoText(p.error))};
        const qint64 sent = std::max<qint64>(0, p.written - queued());
        // Bytes still queued would go out later if the printer comes back: drop them, the job
        // is already "unknown" and a late half page is worse.
        ::tcflush(port, TCOFLUSH);
        return PrintOutcome {PrintResult::Unknown, sent,
            p.stalled
                ? DevicesText::tr("The printer on %1 stopped taking data after %2 of %3 bytes.")
                      .arg(m_s.path)
                      .arg(sent)
                      .arg(bytes.size())
                : DevicesText::tr("The printer port %1 failed after %2 of %3 bytes: %4")
                      .arg(m_s.path)
                      .arg(sent)
                      .arg(bytes.size())
                      .arg(errnoText(p.error))};
    }
    // All bytes are in the kernel. tcdrain() has no timeout and blocks for ever while flow
    // control holds the line, so wait for the output queue to empty first, with a deadline.
    const auto deadline = Clock::now() + std::chrono::milliseconds(t.finishMs);
    while (queued() > 0) {
        if (remainingMs(deadline) == 0) {
            const qint64 sent = bytes.size() - queued();
            ::tcflush(port, TCOFLUSH);
            return PrintOutcome {PrintResult::Unknown, sent,
                DevicesText::tr("The printer on %1 stopped taking data after %2 of %3 bytes.")
                    .arg(m_s.path)
                    .arg(sent)
                    .arg(bytes.size())};
        }
        QThread::msleep(10);
    }
    if (::tcdrain(port) != 0)
        return PrintOutcome {PrintResult::Unknown, bytes.size(),
            DevicesText::tr("The printer port %1 failed at the end of the job: %2")
                .arg(m_s.path, errnoText(errno))};
    return PrintOutcome {PrintResult::Printed, bytes.size(),
        DevicesText::tr("All %1 bytes sent to %2.").arg(bytes.size()).arg(m_s.path)};
}

PrinterStatusReport SerialTransport::readStatus(const PrinterTimeouts&) const
{
    auto fd = open();
    if (!fd)
        return {PrinterStatus::Offline, fd.error().message};
    const auto report = lineStatus(*fd);
    ::close(*fd);
    return report;
}

} // namespace

Result<std::unique_ptr<PrinterTransport>> makeSerialTransport(
    const QString& uri, const QString& rest)
{
    const qsizetype q = rest.indexOf(u'?');
    SerialSettings s;
    s.path = rest.left(q);
    if (s.path.isEmpty())
        return fail(
            ErrorCode::InvalidArgument, DevicesText::tr("No serial port given for the printer."));
    const auto bad = [&](const QString& key) {
        return fail(ErrorCode::InvalidArgument,
            DevicesText::tr("Invalid %1 in the printer address \"%2\".").arg(key, uri));
    };
    if (q >= 0) {
        const QUrlQuery query(rest.mid(q + 1));
        const auto intItem = [&](const QString& key, int& out) {
            if (!query.hasQueryItem(key))
                return true;
            bool ok = false;
            out = query.queryItemValue(key).toInt(&ok);
            return ok;
        };
        if (!intItem(QStringLiteral("baud"), s.baud) || speedFor(s.baud) == B0)
            return bad(QStringLiteral("baud"));
        if (!intItem(QStringLiteral("data"), s.dataBits) || (s.dataBits != 7 && s.dataBits != 8))
            return bad(QStringLiteral("data"));
        if (!intItem(QStringLiteral("stop"), s.stopBits) || (s.stopBits != 1 && s.stopBits != 2))
            return bad(QStringLiteral("stop"));
        const QString flow = query.queryItemValue(QStringLiteral("flow")).toLower();
        if (flow == QLatin1String("rtscts") || flow == QLatin1String("hardware"))
            s.flow = Flow::RtsCts;
        else if (flow == QLatin1String("xonxoff") || flow == QLatin1String("software"))
            s.flow = Flow::XonXoff;
        else if (!flow.isEmpty() && flow != QLatin1String("none"))
            return bad(QStringLiteral("flow"));
        const QString parity = query.queryItemValue(QStringLiteral("parity")).toLower();
        if (parity == QLatin1String("even"))
            s.parity = 'e';
        else if (parity == QLatin1String("odd"))
            s.parity = 'o';
        else if (!parity.isEmpty() && parity != QLatin1String("none"))
            return bad(QStringLiteral("parity"));
    }
    return std::unique_ptr<PrinterTransport>(std::make_unique<SerialTransport>(uri, std::move(s)));
}

} // namespace fieldcase::devices
