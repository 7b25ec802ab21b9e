// fieldcase-admin sync: enrol the terminal with a centre, show what is still owed to the centre
// (per class and per item, with the last error) and the reference packs refused, run a cycle now
// (packs imported through the same path as `reference import`), and let a person send a refused
// item again — or download a refused pack again — once its cause is fixed (docs/cli.md,
// docs/sync.md).
#include "app/admin/admin.h"
#include "app/common/referenceseed.h"
#include "core/store/outbox.h"
#include "sync/client/enrolment.h"
#include "sync/client/packupdates.h"
#include "sync/client/syncclient.h"
#include "sync/transport/curltransport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace fieldcase::admin {

namespace {

QString priorityName(int priority)
{
    switch (priority) {
    case 0:
        return Admin::tr("records");
    case 1:
        return Admin::tr("manifests");
    case 2:
        return Admin::tr("photos and documents");
    default:
        return Admin::tr("audio and video");
    }
}

QString when(qint64 ms)
{
    return ms > 0
        ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
        : QStringLiteral("-");
}

} // namespace

int Admin::syncCommand(const QStringList& args, const SyncOptions& options, bool json)
{
    const QString verb = args.value(0);
    if (const int rc = openStore(); rc != 0)
        return rc;
    if (verb == QLatin1String("enrol")) {
        if (options.centreUrl.isEmpty() || options.caFile.isEmpty() || options.token.isEmpty()) {
            m_err << tr("Usage: fieldcase-admin sync enrol --centre URL [--enrol-url URL] --ca "
                        "FILE --token TOKEN [--installer ID]")
                  << Qt::endl;
            return 64;
        }
        sync::EnrolmentRequest request;
        request.centreUrl = options.centreUrl;
        request.enrolUrl = options.enrolUrl.isEmpty() ? options.centreUrl : options.enrolUrl;
        request.centreCaFile = options.caFile;
        request.token = options.token;
        request.installerId = options.installer;
        request.model = QStringLiteral("FieldCase");
        auto settings = sync::enrolTerminal(*m_store, request,
            [](const sync::TlsConfig& tls) { return std::make_unique<sync::CurlTransport>(tls); });
        if (!settings)
            return reportError(settings.error(), 1);
        m_out << tr("Enrolled with %1 as terminal %2 of %3; certificate valid until %4.")
                     .arg(settings->centreUrl, m_store->terminalId(),
                         settings->unitName.isEmpty() ? settings->unitId : settings->unitName,
                         when(settings->certificateNotAfterMs))
              << Qt::endl;
        return 0;
    }

    auto settings = sync::SyncSettings::load(m_dataDir);
    Outbox outbox(m_store->database(), m_store->clock());
    if (verb == QLatin1String("status")) {
        auto summary = outbox.summary();
        auto items = outbox.entries({}, 200);
        if (!summary || !items)
            return reportError(!summary ? summary.error() : items.error());
        const QJsonObject last = QJsonDocument::fromJson(
            outbox.state(QStringLiteral("lastCycle")).value_or(QString()).toUtf8())
                                     .object();
        const qint64 lastComplete
            = outbox.state(QStringLiteral("lastCompleteAt")).value_or(QString()).toLongLong();
        auto refusals = sync::packRefusals(outbox);
        if (!refusals)
            return reportError(refusals.error());
        const qint64 packsChecked
            = outbox.state(QStringLiteral("packsCheckedAt")).value_or(QString()).toLongLong();
        const bool packUpdateDue = outbox.state(QStringLiteral("packUpdateDue")).value_or(QString())
            == QLatin1String("1");
        qint64 retryAfter
            = outbox.state(QStringLiteral("retryAfterUntil")).value_or(QString()).toLongLong();
        if (retryAfter <= m_store->clock().nowMs())
            retryAfter = 0;
        // The installed versions, when this terminal has reference data (status creates none).
        QMap<QString, qint64> installed;
        if (QFile::exists(app::referenceDatabasePath(m_dataDir)) && openReference() == 0)
            installed = sync::installedPackVersions(*m_reference).value_or(installed);
        if (json) {
            QJsonArray classes;
            for (const OutboxClassSummary& c : *summary)
                classes.append(QJsonObject {{QStringLiteral("priority"), c.priority},
                    {QStringLiteral("pending"), c.pending},
                    {QStringLiteral("rejected"), c.rejected}, {QStringLiteral("sent"), c.sent},
                    {QStringLiteral("failing"), c.failing},
                    {QStringLiteral("bytes"), c.pendingBytes},
                    {QStringLiteral("oldest"), c.oldestPendingAt}});
            QJsonArray list;
            for (const OutboxEntry& e : *items) {
                if (e.state == QLatin1String("sent"))
                    continue;
                list.append(QJsonObject {{QStringLiteral("kind"), e.kind},
                    {QStringLiteral("ref"), e.ref}, {QStringLiteral("state"), e.state},
                    {QStringLiteral("priority"), e.priority},
                    {QStringLiteral("attempts"), e.attempts},
                    {QStringLiteral("lastError"), e.lastError},
                    {QStringLiteral("lastAttemptAt"), e.lastAttemptAt},
                    {QStringLiteral("bytes"), e.bytes}});
            }
            QJsonArray refused;
            for (const sync::PackRefusal& r : *refusals)
                refused.append(QJsonObject {{QStringLiteral("id"), r.id},
                    {QStringLiteral("version"), r.version}, {QStringLiteral("sha256"), r.sha256},
                    {QStringLiteral("reason"), r.reason}, {QStringLiteral("at"), r.at}});
            QJsonArray installedList;
            for (auto it = installed.cbegin(); it != installed.cend(); ++it)
                installedList.append(QJsonObject {
                    {QStringLiteral("id"), it.key()}, {QStringLiteral("version"), it.value()}});
            printJson(QJsonObject {{QStringLiteral("enrolled"), bool(settings)},
                {QStringLiteral("centre"), settings ? settings->centreUrl : QString()},
                {QStringLiteral("certificateNotAfter"),
                    settings ? settings->certificateNotAfterMs : 0},
                {QStringLiteral("classes"), classes}, {QStringLiteral("items"), list},
                {QStringLiteral("lastCycle"), last},
                {QStringLiteral("lastCompleteAt"), lastComplete},
                {QStringLiteral("retryAfterUntil"), retryAfter},
                {QStringLiteral("packs"),
                    QJsonObject {{QStringLiteral("installed"), installedList},
                        {QStringLiteral("refused"), refused},
                        {QStringLiteral("checkedAt"), packsChecked},
                        {QStringLiteral("updateDue"), packUpdateDue}}}});
            return 0;
        }
        if (settings)
            m_out << tr("Centre: %1 (unit %2); certificate valid until %3")
                         .arg(settings->centreUrl, settings->unitId,
                             when(settings->certificateNotAfterMs))
                  << '\n';
        else
            m_out << settings.error().message << '\n';
        if (settings && settings->certificateNotAfterMs > 0
            && settings->certificateNotAfterMs < m_store->clock().nowMs())
            m_out << tr("The terminal's certificate has expired: the centre will refuse it. Ask "
                        "the centre for a new enrolment token and enrol again.")
                  << '\n';
        m_out << tr("Last complete sync: %1").arg(when(lastComplete)) << '\n';
        if (retryAfter > 0)
            m_out << tr("The centre asked not to be contacted before %1.").arg(when(retryAfter))
                  << '\n';
        for (const OutboxClassSummary& c : *summary)
            m_out << tr("%1: %2 waiting (%3 bytes, oldest %4), %5 refused, %6 sent")
                         .arg(priorityName(c.priority))
                         .arg(c.pending)
                         .arg(c.pendingBytes)
                         .arg(when(c.oldestPendingAt))
                         .arg(c.rejected)
                         .arg(c.sent)
                  << '\n';
        for (const OutboxEntry& e : *items) {
            if (e.state == QLatin1String("sent")
                || (e.lastError.isEmpty() && e.state == QLatin1String("pending")))
                continue;
            m_out << QStringLiteral("  [%1] %2 %3 — %4 (%5)")
                         .arg(e.state == QLatin1String("rejected") ? tr("refused") : tr("failing"),
                             e.kind, e.ref, e.lastError,
                             tr("%n attempt(s), last %1", nullptr, e.attempts)
                                 .arg(when(e.lastAttemptAt)))
                  << '\n';
        }
        m_out << tr("Reference packs: %n installed, last checked with the centre %1", nullptr,
            int(installed.size()))
                     .arg(when(packsChecked))
              << '\n';
        if (packUpdateDue)
            m_out << tr(
                "The centre asked for a reference pack update; it is done in the next sync.")
                  << '\n';
        for (const sync::PackRefusal& r : *refusals)
            m_out << QStringLiteral("  [%1] %2")
                         .arg(tr("refused"),
                             tr("pack %1 version %2 — %3 (%4); not downloaded again until the "
                                "centre publishes a newer version or: fieldcase-admin sync retry "
                                "pack %1")
                                 .arg(r.id)
                                 .arg(r.version)
                                 .arg(r.reason, when(r.at)))
                  << '\n';
        for (const QJsonValue& error : last.value(QStringLiteral("errors")).toArray())
            m_out << tr("Last cycle: %1").arg(error.toString()) << '\n';
        m_out.flush();
        return 0;
    }
    if (verb == QLatin1String("now")) {
        if (!settings)
            return reportError(settings.error(), 1);
        sync::CurlTransport transport(settings->tls);
        sync::SyncClient client(*m_store, transport, *settings);
        // Packs from the centre take the path `reference import` takes. A reference store that
        // cannot be opened (said on stderr) leaves packs out; the records still go.
        if (openReference() == 0)
            client.setReferencePacks(
                *m_reference, [this](const QByteArray& file) -> Result<rules::Pack> {
                    auto done = app::importReferencePack(*m_reference, file);
                    if (!done)
                        return fail(std::move(done.error()));
                    return done->pack;
                });
        const sync::CycleReport report = client.runCycle({true, options.metered});
        if (json) {
            printJson(report.toJson());
        } else {
            m_out << tr("Events: %1 accepted, %2 already at the centre, %3 refused. Pulled: %4 "
                        "(%5 refused). Evidence: %6 uploaded (%7 bytes sent). Number blocks: %8.")
                         .arg(report.eventsAccepted)
                         .arg(report.eventsDuplicate)
                         .arg(report.eventsRejected)
                         .arg(report.pulled)
                         .arg(report.pulledRejected)
                         .arg(report.blobsUploaded)
                         .arg(report.blobBytesSent)
                         .arg(report.blocksReceived)
                  << '\n';
            m_out << tr("Reference packs: %1 installed, %2 unchanged, %3 refused.")
                         .arg(report.packsInstalled)
                         .arg(report.packsUnchanged)
                         .arg(report.packsRefused)
                  << '\n';
            for (const QString& e : report.errors)
                m_out << tr("Problem: %1").arg(e) << '\n';
            m_out.flush();
        }
        return report.complete ? 0 : 1;
    }
    if (verb == QLatin1String("retry") && args.size() == 3 && args.at(1) == QLatin1String("pack")) {
        auto forgotten = sync::retryPack(outbox, args.at(2));
        if (!forgotten)
            return reportError(forgotten.error());
        if (*forgotten == 0)
            return reportError({ErrorCode::NotFound,
                                   tr("No refused version of pack %1 is held").arg(args.at(2)), {}},
                1);
        m_out << tr("Pack %1 will be downloaded again in the next sync.").arg(args.at(2))
              << Qt::endl;
        return 0;
    }
    if (verb == QLatin1String("retry") && args.size() == 3) {
        if (auto done = outbox.retry(args.at(1), args.at(2)); !done)
            return reportError(done.error(), 1);
        m_out << tr("%1 %2 will be sent again in the next sync.").arg(args.at(1), args.at(2))
              << Qt::endl;
        return 0;
    }
    m_err << tr("Usage: fieldcase-admin sync enrol|status|now|retry event|blob|pack REF")
          << Qt::endl;
    return 64;
}

} // namespace fieldcase::admin
