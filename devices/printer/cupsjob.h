// Printing a byte stream (ESC/P-K for a raw queue, or PDF for a page printer) through CUPS, and
// finding out what really happened. A job is "printed" only when CUPS reports it completed;
// a job CUPS lost track of (scheduler stopped, timeout) is "unknown", never "printed".
#pragma once

#include "core/store/casestore.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace fieldcase::devices {

struct CupsJobOutcome
{
    PrintResult result = PrintResult::Unknown;
    int jobId = 0;
    QString detail; // CUPS job state or error text, for the print journal
};

struct CupsJobRequest
{
    QString server; // scheduler: a socket path or host[:port]; empty = the default
    QString queue; // printer name
    QByteArray data;
    QString format; // "application/vnd.cups-raw" for ESC/P, "application/pdf" for PDF
    QString title;
    int timeoutMs = 30000; // how long to wait for a final job state
};

// A CUPS queue's state as the scheduler reports it.
struct CupsQueueState
{
    bool accepting = false; // printer-is-accepting-jobs
    int state = 0; // printer-state: 3 idle, 4 processing, 5 stopped
    QStringList reasons; // printer-state-reasons other than "none": "media-empty-error", ...
    QString message; // printer-state-message
};

// Asks the scheduler about one queue. NotFound if there is no such queue; Io if the scheduler
// cannot be reached.
[[nodiscard]] Result<CupsQueueState> queryCupsQueue(const QString& server, const QString& queue);

// Submits the job and waits for a final state. Errors only when the job could not be
// submitted at all (then nothing was printed: result Failed in the outcome is not enough,
// the caller gets the reason).
[[nodiscard]] Result<CupsJobOutcome> printThroughCups(const CupsJobRequest& request);

} // namespace fieldcase::devices
