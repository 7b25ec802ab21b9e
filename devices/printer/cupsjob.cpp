#include "devices/printer/cupsjob.h"

#include "devices/api/devicestext.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <cups/cups.h>
#include <memory>

namespace fieldcase::devices {

namespace {

struct HttpClose
{
    void operator()(http_t* http) const { httpClose(http); }
};
using Http = std::unique_ptr<http_t, HttpClose>;

Http connect(const QString& server)
{
    const QByteArray name = server.isEmpty() ? QByteArray(cupsServer()) : server.toUtf8();
    int port = ippPort();
    QByteArray host = name;
    // host:port (a socket path starts with '/' and has no port).
    if (!name.startsWith('/')) {
        const int colon = name.lastIndexOf(':');
        if (colon > 0) {
            host = name.left(colon);
            port = name.mid(colon + 1).toInt();
        }
    }
    return Http(httpConnect2(host.constData(), port, nullptr, AF_UNSPEC,
        HTTP_ENCRYPTION_IF_REQUESTED, 1, 5000, nullptr));
}

// The state of one job, or -1 if the scheduler cannot be asked.
int jobState(http_t* http, const QString& queue, int jobId, QString& detail)
{
    cups_job_t* jobs = nullptr;
    const int n = cupsGetJobs2(http, &jobs, queue.toUtf8().constData(), 0, CUPS_WHICHJOBS_ALL);
    if (n < 0) {
        detail = QString::fromUtf8(cupsLastErrorString());
        return -1;
    }
    int state = -1;
    for (int i = 0; i < n; ++i)
        if (jobs[i].id == jobId)
            state = jobs[i].state;
    cupsFreeJobs(n, jobs);
    return state;
}

} // namespace

Result<CupsQueueState> queryCupsQueue(const QString& server, const QString& queue)
{
    const Http http = connect(server);
    if (!http) {
        return fail(ErrorCode::Io,
            DevicesText::tr("Cannot reach the print scheduler %1")
                .arg(server.isEmpty() ? QString::fromUtf8(cupsServer()) : server));
    }
    cups_dest_t* dests = nullptr;
    const int n = cupsGetDests2(http.get(), &dests);
    const cups_dest_t* dest = cupsGetDest(queue.toUtf8().constData(), nullptr, n, dests);
    if (!dest) {
        cupsFreeDests(n, dests);
        return fail(ErrorCode::NotFound,
            DevicesText::tr("The print scheduler has no queue named %1").arg(queue));
    }
    const auto option = [&](const char* name) {
        return QString::fromUtf8(cupsGetOption(name, dest->num_options, dest->options));
    };
    CupsQueueState state;
    state.accepting = option("printer-is-accepting-jobs") == QLatin1String("true");
    state.state = option("printer-state").toInt();
    state.message = option("printer-state-message");
    for (const QString& r : option("printer-state-reasons").split(u',', Qt::SkipEmptyParts)) {
        if (r != QLatin1String("none"))
            state.reasons.append(r);
    }
    cupsFreeDests(n, dests);
    return state;
}

Result<CupsJobOutcome> printThroughCups(const CupsJobRequest& r)
{
    Http http = connect(r.server);
    if (!http)
        return fail(ErrorCode::Io, DevicesText::tr("The print service is not reachable"), r.server);
    const QByteArray queue = r.queue.toUtf8();
    const int jobId
        = cupsCreateJob(http.get(), queue.constData(), r.title.toUtf8().constData(), 0, nullptr);
    if (jobId <= 0)
        return fail(ErrorCode::Io, DevicesText::tr("The printer refused the job"),
            QString::fromUtf8(cupsLastErrorString()));
    const QByteArray format = r.format.toUtf8();
    if (cupsStartDocument(http.get(), queue.constData(), jobId, "document", format.constData(), 1)
        != HTTP_STATUS_CONTINUE)
        return CupsJobOutcome {
            PrintResult::Failed, jobId, QString::fromUtf8(cupsLastErrorString())};
    if (cupsWriteRequestData(http.get(), r.data.constData(), size_t(r.data.size()))
        != HTTP_STATUS_CONTINUE) {
        // Part of the data may have reached the printer: we cannot claim it did not print.
        return CupsJobOutcome {
            PrintResult::Unknown, jobId, QString::fromUtf8(cupsLastErrorString())};
    }
    if (cupsFinishDocument(http.get(), queue.constData()) != IPP_STATUS_OK)
        return CupsJobOutcome {
            PrintResult::Unknown, jobId, QString::fromUtf8(cupsLastErrorString())};

    QElapsedTimer timer;
    timer.start();
    QString detail;
    while (timer.elapsed() < r.timeoutMs) {
        const int state = jobState(http.get(), r.queue, jobId, detail);
        if (state == IPP_JSTATE_COMPLETED)
            return CupsJobOutcome {PrintResult::Printed, jobId, QStringLiteral("completed")};
        if (state == IPP_JSTATE_ABORTED || state == IPP_JSTATE_CANCELED)
            return CupsJobOutcome {PrintResult::Failed, jobId,
                state == IPP_JSTATE_ABORTED ? QStringLiteral("aborted")
                                            : QStringLiteral("canceled")};
        if (state < 0) {
            // The scheduler went away: the job may or may not have reached the printer.
            http = connect(r.server);
            if (!http)
                return CupsJobOutcome {PrintResult::Unknown, jobId,
                    DevicesText::tr("The print service stopped answering: %1").arg(detail)};
        }
        QThread::msleep(100);
    }
    return CupsJobOutcome {
        PrintResult::Unknown, jobId, DevicesText::tr("No final job state within the time limit")};
}

} // namespace fieldcase::devices
