#include "devices/printer/printertransport.h"

#include "devices/printer/rawtransports.h"

#include <QCoreApplication>
#include <QHash>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fieldcase::devices {

PrinterTransport::~PrinterTransport() = default;

PrintOutcome PrinterTransport::send(QByteArrayView bytes) const
{
    if (bytes.isEmpty())
        return PrintOutcome {PrintResult::Failed, 0,
            QCoreApplication::translate("Devices", "There is nothing to print.")};
    PrintOutcome outcome = sendBytes(bytes, m_timeouts);
    // The one rule every transport must keep, checked once here: "printed" means all of it.
    if (outcome.result == PrintResult::Printed && outcome.bytesSent != bytes.size())
        outcome.result = PrintResult::Unknown;
    if (outcome.result == PrintResult::Failed && outcome.bytesSent > 0)
        outcome.result = PrintResult::Unknown;
    return outcome;
}

PrinterStatusReport PrinterTransport::status() const
{
    return readStatus(m_timeouts);
}

namespace {

QHash<QString, PrinterTransportFactory>& schemes()
{
    static QHash<QString, PrinterTransportFactory> registry {
        {QStringLiteral("serial"), makeSerialTransport},
        {QStringLiteral("tcp"), makeTcpTransport},
        {QStringLiteral("lp"), makeLpTransport},
        {QStringLiteral("cups"), makeCupsTransport},
    };
    return registry;
}

} // namespace

void registerPrinterScheme(const QString& scheme, PrinterTransportFactory factory)
{
    schemes().insert(scheme.toLower(), std::move(factory));
}

Result<std::unique_ptr<PrinterTransport>> createPrinterTransport(const QString& uri)
{
    const qsizetype colon = uri.indexOf(u':');
    const auto it = colon > 0 ? schemes().constFind(uri.left(colon).toLower()) : schemes().cend();
    if (it == schemes().cend())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "Unsupported printer address \"%1\".").arg(uri));
    return (*it)(uri, uri.mid(colon + 1));
}

QFuture<PrintOutcome> printAsync(
    std::shared_ptr<const PrinterTransport> transport, QByteArray bytes)
{
    return QtConcurrent::run([transport = std::move(transport), bytes = std::move(bytes)] {
        return transport->send(bytes);
    });
}

const char* printerStatusName(PrinterStatus status)
{
    switch (status) {
    case PrinterStatus::Ready:
        return "Ready";
    case PrinterStatus::Offline:
        return "Offline";
    case PrinterStatus::PaperOut:
        return "PaperOut";
    case PrinterStatus::Busy:
        return "Busy";
    case PrinterStatus::Error:
        return "Error";
    case PrinterStatus::Unknown:
        break;
    }
    return "Unknown";
}

namespace printerio {

int remainingMs(Clock::time_point deadline)
{
    const auto left
        = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? int(std::min<long long>(left, 1'000'000)) : 0;
}

WriteProgress writeAll(int fd, QByteArrayView bytes, int stallMs, bool socket)
{
    WriteProgress p;
    auto deadline = Clock::now() + std::chrono::milliseconds(stallMs);
    bool pollSaidReady = false;
    while (p.written < bytes.size()) {
        const char* data = bytes.data() + p.written;
        const size_t left = size_t(bytes.size() - p.written);
        const ssize_t n = socket ? ::send(fd, data, left, MSG_NOSIGNAL) : ::write(fd, data, left);
        if (n > 0) {
            p.written += n;
            deadline = Clock::now() + std::chrono::milliseconds(stallMs);
            pollSaidReady = false;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            p.error = errno;
            return p;
        }
        if (remainingMs(deadline) == 0) {
            p.stalled = true;
            p.error = ETIMEDOUT;
            return p;
        }
        // The parallel lp driver has no poll(): it reports "writable" and the write says EAGAIN
        // again. Back off instead of spinning.
        if (pollSaidReady)
            QThread::msleep(10);
        pollfd pfd {fd, POLLOUT, 0};
        const int r = ::poll(&pfd, 1, std::min(remainingMs(deadline), 200));
        if (r < 0 && errno != EINTR) {
            p.error = errno;
            return p;
        }
        pollSaidReady = r > 0;
    }
    return p;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace printerio

} // namespace fieldcase::devices
