// Helpers for the GNSS tests: building checksummed NMEA lines, waiting on the event loop.
#pragma once

#include "devices/gnss/nmeaparser.h"
#include "tests/support/waitfor.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace fieldcase::devices::gnsstest {

// "$" + body + "*hh\r\n" with the correct XOR checksum.
inline QByteArray sentence(QByteArrayView body)
{
    return NmeaParser::withChecksum(body) + "\r\n";
}

// Spins the event loop until `done` holds or the timeout passes.
inline bool waitUntil(const std::function<bool()>& done, int timeoutMs = 5000)
{
    return test::waitFor(done, timeoutMs);
}

} // namespace fieldcase::devices::gnsstest
