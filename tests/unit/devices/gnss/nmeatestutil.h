// Helpers for the GNSS tests: building checksummed NMEA lines.
#pragma once

#include "devices/gnss/nmeaparser.h"

#include <QByteArray>

namespace fieldcase::devices::gnsstest {

// "$" + body + "*hh\r\n" with the correct XOR checksum.
inline QByteArray sentence(QByteArrayView body)
{
    return QByteArray("$") + body.toByteArray() + "*"
        + QByteArray::number(NmeaParser::checksum(body), 16).rightJustified(2, '0').toUpper()
        + "\r\n";
}

} // namespace fieldcase::devices::gnsstest
