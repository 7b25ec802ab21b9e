// "tcp:host:9100": raw bytes over a JetDirect-style socket. Plain POSIX sockets, not QTcpSocket:
// the Printed rule needs a half-close (shutdown(SHUT_WR)) and the difference between the
// printer's orderly close (EOF) and a reset, which QAbstractSocket reports alike.
#include "devices/api/devicestext.h"
#include "devices/printer/rawtransports.h"

#include <QCoreApplication>

#include <cerrno>
#include <linux/sockios.h>
#include <netdb.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fieldcase::devices {

namespace {

using namespace printerio;

// Closes the descriptor when it goes out of scope.
struct Socket
{
    int fd = -1;
    ~Socket()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

// Why a connection could not be made, as a status and a message.
struct ConnectFailure
{
    PrinterStatus status = PrinterStatus::Offline;
    QString message;
};

class TcpTransport final : public PrinterTransport
{
public:
    TcpTransport(const QString& uri, QString host, quint16 port)
        : PrinterTransport(uri)
        , m_host(std::move(host))
        , m_port(port)
    { }

private:
    PrintOutcome sendBytes(QByteArrayView bytes, const PrinterTimeouts& t) const override;
    PrinterStatusReport readStatus(const PrinterTimeouts& t) const override;
    Capabilities transportCapabilities() const override { return Capability::ReportsOffline; }

    // A connected non-blocking socket, or why not.
    std::expected<int, ConnectFailure> connectSocket(int timeoutMs) const;
    [[nodiscard]] QString where() const { return m_host + u':' + QString::number(m_port); }

    QString m_host;
    quint16 m_port;
};

std::expected<int, ConnectFailure> TcpTransport::connectSocket(int timeoutMs) const
{
    addrinfo hints {};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const QByteArray port = QByteArray::number(m_port);
    if (const int rc = ::getaddrinfo(m_host.toUtf8().constData(), port.constData(), &hints, &found);
        rc != 0)
        return std::unexpected(ConnectFailure {PrinterStatus::Error,
            DevicesText::tr("The printer address %1 cannot be resolved: %2")
                .arg(m_host, QString::fromLocal8Bit(::gai_strerror(rc)))});
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    ConnectFailure failure {PrinterStatus::Offline, {}};
    for (addrinfo* a = found; a; a = a->ai_next) {
        Socket s {::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)};
        if (s.fd < 0)
            continue;
        int err = 0;
        if (::connect(s.fd, a->ai_addr, a->ai_addrlen) != 0) {
            err = errno;
            if (err == EINPROGRESS) {
                pollfd pfd {s.fd, POLLOUT, 0};
                const int r = ::poll(&pfd, 1, remainingMs(deadline));
                socklen_t len = sizeof err;
                if (r == 0)
                    err = ETIMEDOUT;
                else if (r < 0 || ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
                    err = errno;
            }
        }
        if (err == 0) {
            ::freeaddrinfo(found);
            return std::exchange(s.fd, -1);
        }
        failure.message = err == ECONNREFUSED
            ? DevicesText::tr(
                "The printer at %1 refused the connection: it is off, or nothing listens on "
                "port %2.")
                  .arg(where())
                  .arg(m_port)
            : err == ETIMEDOUT ? DevicesText::tr("The printer at %1 did not answer within %2 s.")
                                     .arg(where())
                                     .arg(timeoutMs / 1000.0, 0, 'f', 1)
                               : DevicesText::tr("Cannot connect to the printer at %1: %2")
                                     .arg(where(), errnoText(err));
        if (remainingMs(deadline) == 0)
            break;
    }
    ::freeaddrinfo(found);
    if (failure.message.isEmpty())
        failure.message = DevicesText::tr("Cannot connect to the printer at %1.").arg(where());
    return std::unexpected(failure);
}

PrintOutcome TcpTransport::sendBytes(QByteArrayView bytes, const PrinterTimeouts& t) const
{
    auto fd = connectSocket(t.connectMs);
    if (!fd)
        return PrintOutcome {PrintResult::Failed, 0, fd.error().message};
    Socket s {*fd};
    const WriteProgress p = writeAll(s.fd, bytes, t.stallMs, true);
    // Bytes still in our send queue (unsent or not acknowledged) never reached the printer.
    const auto unacknowledged = [&s] {
        int queued = 0;
        return ::ioctl(s.fd, SIOCOUTQ, &queued) == 0 ? qint64(queued) : qint64(0);
    };
    if (p.error != 0) {
        const qint64 delivered = std::max<qint64>(0, p.written - unacknowledged());
        if (p.written == 0)
            return PrintOutcome {PrintResult::Failed, 0,
                DevicesText::tr("The printer at %1 took no data: %2")
                    .arg(where(), errnoText(p.error))};
        return PrintOutcome {PrintResult::Unknown, delivered,
            p.stalled ? DevicesText::tr(
                "The printer at %1 stopped taking data; it acknowledged %2 of %3 bytes.")
                            .arg(where())
                            .arg(delivered)
                            .arg(bytes.size())
                      : DevicesText::tr(
                          "The connection to the printer at %1 broke after it acknowledged %2 of "
                          "%3 bytes: %4")
                            .arg(where())
                            .arg(delivered)
                            .arg(bytes.size())
                            .arg(errnoText(p.error))};
    }

    // Everything is in the kernel. Wait until the printer's TCP stack acknowledged all of it,
    // then half-close and wait for the printer to close its side: a reset instead (it closed
    // with our data unread, or crashed) means part of the job may be lost.
    const auto deadline = Clock::now() + std::chrono::milliseconds(t.finishMs);
    const auto unknown = [&](const QString& why) {
        return PrintOutcome {PrintResult::Unknown, bytes.size() - unacknowledged(), why};
    };
    while (unacknowledged() > 0) {
        if (remainingMs(deadline) == 0)
            return unknown(
                DevicesText::tr("The printer at %1 did not acknowledge the last %2 bytes.")
                    .arg(where())
                    .arg(unacknowledged()));
        // events 0: poll() still reports a reset (POLLERR/POLLHUP), without spinning on data
        // the printer may send back.
        pollfd pfd {s.fd, 0, 0};
        if (::poll(&pfd, 1, 10) > 0) {
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0)
                return unknown(
                    DevicesText::tr("The connection to the printer at %1 broke at the end of the "
                                    "job: %2")
                        .arg(where(), errnoText(err)));
            break; // hung up without an error code: the read below tells EOF from reset
        }
    }
    if (::shutdown(s.fd, SHUT_WR) != 0) // ENOTCONN: the printer reset the connection meanwhile
        return unknown(
            DevicesText::tr("The connection to the printer at %1 broke at the end of the job: %2")
                .arg(where(), errnoText(errno)));
    char sink[512];
    while (true) {
        pollfd pfd {s.fd, POLLIN, 0};
        const int r = ::poll(&pfd, 1, remainingMs(deadline));
        if (r == 0)
            // All bytes acknowledged and no error, but the printer keeps the connection open:
            // common for print servers; the job is in the printer.
            return PrintOutcome {PrintResult::Printed, bytes.size(),
                DevicesText::tr(
                    "All %1 bytes acknowledged by %2 (the printer kept the connection open).")
                    .arg(bytes.size())
                    .arg(where())};
        if (r < 0 && errno == EINTR)
            continue;
        const ssize_t n = ::recv(s.fd, sink, sizeof sink, 0); // status bytes, if any: ignored
        if (n == 0)
            return PrintOutcome {PrintResult::Printed, bytes.size(),
                DevicesText::tr("All %1 bytes delivered to %2.").arg(bytes.size()).arg(where())};
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return unknown(
                DevicesText::tr("The printer at %1 reset the connection at the end of the job: %2")
                    .arg(where(), errnoText(errno)));
    }
}

PrinterStatusReport TcpTransport::readStatus(const PrinterTimeouts& t) const
{
    // A raw 9100 port has no status channel for ESC/P printers: "accepts connections" is all.
    auto fd = connectSocket(t.connectMs);
    if (!fd)
        return PrinterStatusReport {fd.error().status, fd.error().message};
    Socket s {*fd};
    ::shutdown(s.fd, SHUT_RDWR);
    return PrinterStatusReport {PrinterStatus::Ready,
        DevicesText::tr("The printer at %1 accepts connections.").arg(where())};
}

} // namespace

Result<std::unique_ptr<PrinterTransport>> makeTcpTransport(const QString& uri, const QString& rest)
{
    QString host = rest;
    int port = 9100;
    const auto bad = [&] {
        return fail(ErrorCode::InvalidArgument,
            DevicesText::tr("Expected tcp:host or tcp:host:port for a printer, got \"%1\".")
                .arg(uri));
    };
    QString portText;
    if (host.startsWith(u'[')) { // [fe80::1]:9100
        const qsizetype close = host.indexOf(u']');
        if (close < 0)
            return bad();
        const QString after = host.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u':'))
            return bad();
        portText = after.mid(1);
        host = host.mid(1, close - 1);
    } else if (const qsizetype colon = host.lastIndexOf(u':'); colon >= 0) {
        portText = host.mid(colon + 1);
        host = host.left(colon);
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        port = portText.toInt(&ok);
        if (!ok || port <= 0 || port > 65535)
            return bad();
    }
    if (host.isEmpty() || (host.contains(u':') && !rest.startsWith(u'[')))
        return bad();
    return std::unique_ptr<PrinterTransport>(
        std::make_unique<TcpTransport>(uri, host, quint16(port)));
}

} // namespace fieldcase::devices
