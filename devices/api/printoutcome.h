// What happened to one print job, as every printer path reports it (header-only: the raw
// transports in the devices library and the plugin API share it).
#pragma once

#include "core/store/printresult.h"

#include <QMetaType>
#include <QString>

namespace fieldcase::devices {

// Unknown (a paper copy may exist) is never reported as Printed.
struct PrintOutcome
{
    PrintResult result = PrintResult::Unknown;
    // Bytes that left this device: for tcp/serial minus what was still queued in the kernel when
    // the link failed; for cups what was given to CUPS.
    qint64 bytesSent = 0;
    QString detail; // transport state or error text, for the print journal; user-visible
};

} // namespace fieldcase::devices

Q_DECLARE_METATYPE(fieldcase::devices::PrintOutcome)
