// The built-in printer transports behind createPrinterTransport(), and helpers they share. Use
// createPrinterTransport(); this header is for the registry and for tests.
#pragma once

#include "devices/printer/printertransport.h"

#include <QString>

#include <chrono>

namespace fieldcase::devices {

// "tcp:host[:port]": a JetDirect-style raw socket, port 9100 by default.
[[nodiscard]] Result<std::unique_ptr<PrinterTransport>> makeTcpTransport(
    const QString& uri, const QString& rest);
// "serial:/dev/ttyUSB0?baud=9600&flow=rtscts&parity=none&data=8&stop=1".
[[nodiscard]] Result<std::unique_ptr<PrinterTransport>> makeSerialTransport(
    const QString& uri, const QString& rest);
// "lp:/dev/usb/lp0" or "lp:/dev/lp0".
[[nodiscard]] Result<std::unique_ptr<PrinterTransport>> makeLpTransport(
    const QString& uri, const QString& rest);
// "cups:queue?server=/path/cups.sock" (server optional: the default scheduler).
[[nodiscard]] Result<std::unique_ptr<PrinterTransport>> makeCupsTransport(
    const QString& uri, const QString& rest);

// Decodes an LPGETSTATUS byte (linux/lp.h). `parallelPort`: the BUSY bit is only meaningful on
// a parallel port; the USB printer class status byte leaves it 0 (usblp), which would otherwise
// read as "busy" forever.
[[nodiscard]] PrinterStatusReport lpStatusFromBits(int status, bool parallelPort);

namespace printerio {

using Clock = std::chrono::steady_clock;

// Milliseconds left until `deadline`, at least 0.
[[nodiscard]] int remainingMs(Clock::time_point deadline);

// How a blocking write loop on a non-blocking descriptor ended.
struct WriteProgress
{
    qint64 written = 0; // bytes the kernel accepted
    int error = 0; // errno of the failure, 0 if all written
    bool stalled = false; // no byte accepted for stallMs
};

// Writes all of `bytes` to a non-blocking fd with poll(), giving up after `stallMs` without
// progress. `socket`: use send(MSG_NOSIGNAL) so a reset peer gives EPIPE, not SIGPIPE.
[[nodiscard]] WriteProgress writeAll(int fd, QByteArrayView bytes, int stallMs, bool socket);

// strerror(errno) as a QString.
[[nodiscard]] QString errnoText(int error);

} // namespace printerio

} // namespace fieldcase::devices
