#include "sync/client/syncclient.h"

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "sync/tus/tusclient.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStorageInfo>
#include <QUrl>

#include <algorithm>
#include <functional>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

// A centre cannot silence its terminals for longer than this with one Retry-After (a broken or
// misconfigured one would otherwise stop every terminal's sync for days).
constexpr qint64 kMaxRetryAfterMs = 3600 * 1000;
constexpr qint64 kMaxPackBytes = qint64(256) << 20;

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// Retry-After (RFC 9110 §10.2.3): seconds, or an HTTP date. How long to wait from now; 0 if the
// header is absent or unreadable.
qint64 retryAfterMs(const QByteArray& value, qint64 nowMs)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return 0;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok) // capped before scaling: a huge value must not overflow
        return seconds > 0 ? std::min(seconds, kMaxRetryAfterMs / 1000 + 1) * 1000 : 0;
    // IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT": Qt's RFC 2822 parser wants a numeric zone.
    QString date = QString::fromLatin1(v);
    if (date.endsWith(QLatin1String(" GMT")))
        date = date.chopped(4) + QStringLiteral(" +0000");
    const QDateTime at = QDateTime::fromString(date, Qt::RFC2822Date);
    return at.isValid() ? std::max<qint64>(0, at.toMSecsSinceEpoch() - nowMs) : 0;
}

// The centre is in trouble (5xx, or asks to slow down): the cycle stops like on a broken link,
// the item stays pending with the reason, and the next cycle tries again.
bool centreTrouble(const Error& error)
{
    if (!error.context.startsWith(QLatin1String("status=")))
        return false;
    const int status = error.context.mid(7, 3).toInt();
    return status >= 500 || status == 408 || status == 429;
}

bool isViolations(const QJsonObject& listed)
{
    return listed.value(QStringLiteral("kind")).toString() == QLatin1String("violations");
}

QString answerReason(const HttpResponse& response)
{
    const QString reason = QJsonDocument::fromJson(response.body)
                               .object()
                               .value(QStringLiteral("reason"))
                               .toString();
    return reason.isEmpty()
        ? SyncText::tr("The centre answered HTTP %1").arg(response.status)
        : SyncText::tr("The centre answered HTTP %1: %2").arg(response.status).arg(reason);
}

// Whether a step's failure means nothing more can go on this link now: the link broke, the centre
// is in trouble (5xx, 408, 429), or this terminal's own store failed.
bool endsCycle(const Error& e)
{
    if (transportFailureOf(e) != TransportFailure::None)
        return true;
    if (e.code == ErrorCode::Io || e.code == ErrorCode::DiskFull || e.code == ErrorCode::Internal)
        return true;
    if (!e.context.startsWith(QLatin1String("status=")))
        return false;
    const int status = e.context.mid(7, 3).toInt();
    return status >= 500 || status == 408 || status == 429;
}

Error centreError(const HttpResponse& response)
{
    return Error {ErrorCode::Rejected, answerReason(response),
        QStringLiteral("status=%1").arg(response.status)};
}

} // namespace

QJsonObject CycleReport::toJson() const
{
    return QJsonObject {{QStringLiteral("eventsAccepted"), eventsAccepted},
        {QStringLiteral("eventsDuplicate"), eventsDuplicate},
        {QStringLiteral("eventsRejected"), eventsRejected}, {QStringLiteral("pulled"), pulled},
        {QStringLiteral("pulledRejected"), pulledRejected},
        {QStringLiteral("blobsUploaded"), blobsUploaded},
        {QStringLiteral("blobBytesSent"), blobBytesSent},
        {QStringLiteral("blocksReceived"), blocksReceived},
        {QStringLiteral("packsInstalled"), packsInstalled},
        {QStringLiteral("packsUnchanged"), packsUnchanged},
        {QStringLiteral("packsRefused"), packsRefused},
        {QStringLiteral("retryAfterUntil"), retryAfterUntil},
        {QStringLiteral("commands"), QJsonArray::fromStringList(commands)},
        {QStringLiteral("errors"), QJsonArray::fromStringList(errors)},
        {QStringLiteral("complete"), complete}};
}

SyncClient::SyncClient(CaseStore& store, HttpTransport& transport, SyncSettings settings)
    : m_store(store)
    , m_transport(transport, store.terminalKey(), store.terminalId(), store.clock())
    , m_link(m_transport, store.clock())
    , m_settings(std::move(settings))
    , m_outbox(store.database(), store.clock())
{ }

Result<HttpResponse> SyncClient::CentreLink::send(const HttpRequest& request)
{
    HttpRequest r = request;
    if (timeoutMs > 0)
        r.timeoutMs = timeoutMs;
    auto response = m_next.send(r);
    if (response && (response->status == 503 || response->status == 429)) {
        const qint64 now = m_clock.nowMs();
        if (const qint64 wait = retryAfterMs(response->header("retry-after"), now); wait > 0)
            retryAfterUntil = std::max(retryAfterUntil, now + std::min(wait, kMaxRetryAfterMs));
    }
    return response;
}

Result<HttpResponse> SyncClient::call(const QByteArray& method, const QString& pathAndQuery,
    const QByteArray& body, qint64 maxResponseBytes)
{
    HttpRequest request {method, m_settings.centreUrl + pathAndQuery};
    request.body = body;
    if (maxResponseBytes > 0)
        request.maxResponseBytes = maxResponseBytes;
    if (!body.isEmpty())
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    return m_link.send(request);
}

CycleReport SyncClient::runCycle(const LinkState& link)
{
    CycleReport report;
    const qint64 start = m_store.clock().nowMs();
    const auto record = [&] {
        const qint64 now = m_store.clock().nowMs();
        (void)m_outbox.setState(QStringLiteral("lastCycleAt"), QString::number(now));
        (void)m_outbox.setState(QStringLiteral("lastCycle"),
            QString::fromUtf8(QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact)));
        if (report.complete)
            (void)m_outbox.setState(QStringLiteral("lastCompleteAt"), QString::number(now));
    };
    // The centre said when to come back (Retry-After): not before, whoever starts the cycle.
    const qint64 waitUntil
        = m_outbox.state(QStringLiteral("retryAfterUntil")).value_or(QString()).toLongLong();
    if (waitUntil > start && waitUntil - start <= kMaxRetryAfterMs) {
        report.retryAfterUntil = waitUntil;
        report.errors.append(
            SyncText::tr("The centre asked not to be contacted before %1; nothing was sent")
                .arg(timeText(waitUntil)));
        record();
        return report;
    }
    // Records first: a case record never waits behind anything else; reference packs last, so
    // a pack the centre cannot serve never holds back numbers or evidence. A failure of the link
    // or the centre (endsCycle) ends the cycle, the next one starts over; any other failure of a
    // step (a malformed answer, a route this centre lacks) is reported and the next step runs.
    bool linkOk = true;
    const auto step = [&](const std::function<Status()>& run) {
        if (!linkOk)
            return;
        if (const Status status = run(); !status) {
            report.errors.append(status.error().message);
            linkOk = !endsCycle(status.error());
        }
    };
    step([&] { return pushEvents(report); });
    step([&] { return pull(report); });
    step([&] { return heartbeat(report, m_heartbeatExtra); });
    step([&] { return refillNumbers(report); });
    step([&] { return uploadBlobs(report, link); });
    step([&] { return updatePacks(report); });
    if (m_link.retryAfterUntil > start) {
        report.retryAfterUntil = m_link.retryAfterUntil;
        report.errors.append(SyncText::tr("The centre asked not to be contacted before %1")
                                 .arg(timeText(m_link.retryAfterUntil)));
        (void)m_outbox.setState(
            QStringLiteral("retryAfterUntil"), QString::number(m_link.retryAfterUntil));
    }
    report.complete = linkOk && report.errors.isEmpty();
    record();
    return report;
}

Status SyncClient::pushEvents(CycleReport& report)
{
    while (true) {
        auto pending = m_outbox.pending(QStringLiteral("event"), m_settings.eventBatch);
        if (!pending)
            return fail(std::move(pending.error()));
        if (pending->isEmpty())
            return {};
        QJsonArray events;
        QStringList ids;
        qint64 bytes = 0;
        for (const OutboxEntry& entry : *pending) {
            auto event = m_store.event(entry.ref);
            if (!event)
                return fail(std::move(event.error()));
            const QJsonObject json = event->toJson();
            const qint64 size = QJsonDocument(json).toJson(QJsonDocument::Compact).size();
            if (!ids.isEmpty() && bytes + size > m_settings.maxBatchBytes)
                break;
            bytes += size;
            events.append(json);
            ids.append(entry.ref);
        }
        auto response = call("POST", QStringLiteral("/v1/events"),
            QJsonDocument(QJsonObject {{QStringLiteral("events"), events}})
                .toJson(QJsonDocument::Compact));
        if (!response) {
            FC_TRY(m_outbox.recordFailure(QStringLiteral("event"), ids, response.error().message));
            return fail(std::move(response.error()));
        }
        if (response->status != 200) {
            const Error error = centreError(*response);
            FC_TRY(m_outbox.recordFailure(QStringLiteral("event"), ids, error.message));
            return fail(error);
        }
        const QJsonArray receipts = QJsonDocument::fromJson(response->body)
                                        .object()
                                        .value(QStringLiteral("receipts"))
                                        .toArray();
        QStringList confirmed;
        QSet<QString> answered;
        for (const QJsonValue& v : receipts) {
            const QJsonObject r = v.toObject();
            const QString id = r.value(QStringLiteral("id")).toString();
            if (!ids.contains(id))
                continue; // a receipt for something not sent: ignored, never trusted
            answered.insert(id);
            const QString status = r.value(QStringLiteral("status")).toString();
            if (status == QLatin1String("accepted") || status == QLatin1String("duplicate")) {
                confirmed.append(id);
                (status == QLatin1String("accepted") ? report.eventsAccepted
                                                     : report.eventsDuplicate)++;
            } else {
                const QString reason = SyncText::tr("The centre refused event %1: %2")
                                           .arg(id, r.value(QStringLiteral("reason")).toString());
                FC_TRY(m_outbox.reject(QStringLiteral("event"), id, reason));
                report.eventsRejected++;
                report.errors.append(reason);
            }
        }
        FC_TRY(m_outbox.confirm(QStringLiteral("event"), confirmed));
        QStringList unanswered;
        for (const QString& id : ids)
            if (!answered.contains(id))
                unanswered.append(id);
        if (!unanswered.isEmpty()) {
            const QString reason
                = SyncText::tr("The centre's answer had no receipt for %n event(s)", nullptr,
                    int(unanswered.size()));
            FC_TRY(m_outbox.recordFailure(QStringLiteral("event"), unanswered, reason));
            return fail(ErrorCode::Rejected, reason);
        }
    }
}

Status SyncClient::pull(CycleReport& report)
{
    const Actor installer {{m_settings.installerId}, Role::Installer};
    while (true) {
        auto cursor = m_outbox.state(QStringLiteral("pullCursor"));
        if (!cursor)
            return fail(std::move(cursor.error()));
        auto response = call("GET",
            QStringLiteral("/v1/events?after=%1")
                .arg(cursor->isEmpty() ? QStringLiteral("0") : *cursor));
        if (!response)
            return fail(std::move(response.error()));
        if (response->status != 200)
            return fail(centreError(*response));
        const QJsonObject page = QJsonDocument::fromJson(response->body).object();
        if (!page.contains(QStringLiteral("cursor")))
            return fail(
                ErrorCode::Rejected, SyncText::tr("The centre's answer to a pull is malformed"));
        // Keys of the terminals whose events arrive, so they can be checked like our own.
        for (const QJsonValue& v : page.value(QStringLiteral("terminals")).toArray()) {
            const QJsonObject t = v.toObject();
            const QString id = t.value(QStringLiteral("id")).toString();
            if (id == m_store.terminalId())
                continue;
            auto key = PublicKey::fromPem(t.value(QStringLiteral("publicKey")).toString().toUtf8());
            if (!key)
                continue; // its events will be rejected as from an unknown terminal
            FC_TRY(m_store.registerTerminal(
                installer, id, *key, t.value(QStringLiteral("label")).toString()));
        }
        QList<Event> events;
        for (const QJsonValue& v : page.value(QStringLiteral("events")).toArray()) {
            auto e = Event::fromJson(v.toObject());
            if (!e) {
                report.pulledRejected++;
                report.errors.append(SyncText::tr("An event from the centre is unreadable: %1")
                                         .arg(e.error().message));
                continue;
            }
            events.append(*e);
        }
        auto outcomes = m_store.importEvents(events);
        if (!outcomes)
            return fail(std::move(outcomes.error()));
        for (const ImportOutcome& o : *outcomes) {
            if (o.kind == ImportOutcome::Kind::Applied)
                report.pulled++;
            else if (o.kind == ImportOutcome::Kind::Rejected) {
                report.pulledRejected++;
                report.errors.append(SyncText::tr("An event from the centre was refused: %1 (%2)")
                                         .arg(o.eventId, o.reason));
            }
        }
        // After the import: a crash in between fetches the page again (duplicates), never skips.
        FC_TRY(m_outbox.setState(
            QStringLiteral("pullCursor"), page.value(QStringLiteral("cursor")).toString()));
        if (!page.value(QStringLiteral("more")).toBool())
            return {};
    }
}

Status SyncClient::heartbeat(CycleReport& report, const QJsonObject& extra)
{
    auto summary = m_outbox.summary();
    if (!summary)
        return fail(std::move(summary.error()));
    QJsonArray queue;
    for (const OutboxClassSummary& c : *summary)
        queue.append(QJsonObject {{QStringLiteral("priority"), c.priority},
            {QStringLiteral("pending"), c.pending}, {QStringLiteral("rejected"), c.rejected},
            {QStringLiteral("bytes"), c.pendingBytes},
            {QStringLiteral("oldest"), c.oldestPendingAt}});
    auto acks = m_outbox.state(QStringLiteral("commandAcks"));
    if (!acks)
        return fail(std::move(acks.error()));
    QJsonObject body = extra;
    body.insert(QStringLiteral("queue"), queue);
    if (m_reference && !body.contains(QStringLiteral("packs"))) {
        // What the centre's admin sees of this terminal's reference data: the newest version of
        // each pack and the versions refused, with the reasons.
        auto newest = installedPackVersions(*m_reference);
        if (!newest)
            return fail(std::move(newest.error()));
        QJsonArray packs;
        for (auto it = newest->cbegin(); it != newest->cend(); ++it)
            packs.append(QJsonObject {
                {QStringLiteral("id"), it.key()}, {QStringLiteral("version"), it.value()}});
        body.insert(QStringLiteral("packs"), packs);
        auto held = packRefusals(m_outbox);
        if (!held)
            return fail(std::move(held.error()));
        QJsonArray refused;
        for (const PackRefusal& r : *held)
            refused.append(QJsonObject {{QStringLiteral("id"), r.id},
                {QStringLiteral("version"), r.version}, {QStringLiteral("reason"), r.reason}});
        body.insert(QStringLiteral("packRefusals"), refused);
    }
    body.insert(
        QStringLiteral("storageFree"), QStorageInfo(m_store.options().directory).bytesAvailable());
    body.insert(QStringLiteral("acks"), QJsonDocument::fromJson(acks->toUtf8()).array());
    auto response = call("POST", QStringLiteral("/v1/heartbeat"),
        QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!response)
        return fail(std::move(response.error()));
    if (response->status != 200)
        return fail(centreError(*response));
    // Commands are carried out, then acknowledged in the next heartbeat; a command that comes
    // again before that is not carried out twice.
    QJsonArray newAcks;
    QJsonArray done = QJsonDocument::fromJson(acks->toUtf8()).array();
    QSet<QString> doneIds;
    for (const QJsonValue& a : done)
        doneIds.insert(a.toObject().value(QStringLiteral("id")).toString());
    for (const QJsonValue& v : QJsonDocument::fromJson(response->body)
                                   .object()
                                   .value(QStringLiteral("commands"))
                                   .toArray()) {
        const QJsonObject c = v.toObject();
        const QString id = c.value(QStringLiteral("id")).toString();
        const QString kind = c.value(QStringLiteral("kind")).toString();
        if (doneIds.contains(id)) {
            newAcks.append(QJsonObject {
                {QStringLiteral("id"), id}, {QStringLiteral("result"), QStringLiteral("done")}});
            continue;
        }
        QString result = QStringLiteral("done");
        if (kind == QLatin1String("lock") || kind == QLatin1String("unlock")) {
            FC_TRY(m_outbox.setState(QStringLiteral("locked"),
                kind == QLatin1String("lock") ? QStringLiteral("1") : QStringLiteral("0")));
        } else if (kind == QLatin1String("config")) {
            FC_TRY(m_outbox.setState(QStringLiteral("config"),
                QString::fromUtf8(QJsonDocument(c.value(QStringLiteral("config")).toObject())
                                      .toJson(QJsonDocument::Compact))));
        } else if (kind == QLatin1String("pack-update")) {
            FC_TRY(m_outbox.setState(QStringLiteral("packUpdateDue"), QStringLiteral("1")));
            if (m_reference && m_packImport) {
                // Carried out by this cycle's pack step, which acknowledges it once it has run
                // (a cycle cut before that leaves it unacknowledged: the centre sends it again).
                auto due = m_outbox.state(QStringLiteral("packCommands"));
                if (!due)
                    return fail(std::move(due.error()));
                QStringList ids = due->split(QLatin1Char(','), Qt::SkipEmptyParts);
                if (!ids.contains(id))
                    ids.append(id);
                FC_TRY(
                    m_outbox.setState(QStringLiteral("packCommands"), ids.join(QLatin1Char(','))));
                report.commands.append(kind);
                continue;
            }
        } else {
            // A wipe is never carried out unattended by the sync layer: the app asks a person.
            result = QStringLiteral("refused: %1 is not carried out by sync").arg(kind);
        }
        report.commands.append(kind);
        newAcks.append(
            QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("result"), result}});
    }
    return m_outbox.setState(QStringLiteral("commandAcks"),
        QString::fromUtf8(QJsonDocument(newAcks).toJson(QJsonDocument::Compact)));
}

Status SyncClient::updatePacks(CycleReport& report)
{
    if (!m_reference || !m_packImport)
        return {};
    auto newest = installedPackVersions(*m_reference);
    if (!newest)
        return fail(std::move(newest.error()));
    QMap<QString, qint64> installed = *newest; // pack id → newest version held
    // The terminal says what it has; the centre lists only newer versions (protocol.md).
    QStringList have;
    for (auto it = installed.cbegin(); it != installed.cend(); ++it)
        have.append(QString::fromLatin1(QUrl::toPercentEncoding(it.key())) + QLatin1Char(':')
            + QString::number(it.value()));
    auto response = call("GET", QStringLiteral("/v1/packs?have=") + have.join(QLatin1Char(',')));
    if (!response)
        return fail(std::move(response.error()));
    if (response->status != 200)
        return fail(centreError(*response));
    const QJsonObject answer = QJsonDocument::fromJson(response->body).object();
    if (!answer.value(QStringLiteral("packs")).isArray())
        return fail(
            ErrorCode::Rejected, SyncText::tr("The centre's list of reference packs is malformed"));
    report.packsUnchanged += answer.value(QStringLiteral("unchanged")).toInt();
    QList<QJsonObject> listed;
    for (const QJsonValue& v : answer.value(QStringLiteral("packs")).toArray())
        listed.append(v.toObject());
    // A discretion pack is checked against the catalogue in force, so violations go first; each
    // pack's versions in order, because versions must increase and intermediate ones are kept.
    std::stable_sort(listed.begin(), listed.end(), [](const QJsonObject& a, const QJsonObject& b) {
        if (isViolations(a) != isViolations(b))
            return isViolations(a);
        const QString ida = a.value(QStringLiteral("id")).toString();
        const QString idb = b.value(QStringLiteral("id")).toString();
        if (ida != idb)
            return ida < idb;
        return a.value(QStringLiteral("version")).toInteger()
            < b.value(QStringLiteral("version")).toInteger();
    });
    auto held = packRefusals(m_outbox);
    if (!held)
        return fail(std::move(held.error()));
    const qsizetype heldBefore = held->size();
    QStringList refusedNow;
    for (const QJsonObject& p : std::as_const(listed)) {
        const QString id = p.value(QStringLiteral("id")).toString();
        const qint64 version = p.value(QStringLiteral("version")).toInteger();
        const QString sha256 = p.value(QStringLiteral("sha256")).toString();
        if (id.isEmpty() || version < 1) {
            report.errors.append(
                SyncText::tr("The centre listed a reference pack without an id or version"));
            continue;
        }
        if (version <= installed.value(id, 0)) {
            ++report.packsUnchanged;
            continue;
        }
        // Refused before and still the same file: not downloaded again.
        if (std::any_of(held->cbegin(), held->cend(), [&](const PackRefusal& r) {
                return r.id == id && r.version == version && r.sha256 == sha256;
            }))
            continue;
        auto outcome = installPack(p);
        if (!outcome)
            return fail(std::move(outcome.error())); // the link or the centre: the next cycle
        switch (outcome->kind) {
        case PackStep::Kind::Installed:
            installed[id] = version;
            ++report.packsInstalled;
            // Other packs are checked against the catalogue in force (a discretion standard
            // names its violations): one refused for want of this catalogue gets another try,
            // in this very cycle, since violations packs go first.
            if (isViolations(p))
                held->removeIf([&](const PackRefusal& r) { return r.id != id; });
            break;
        case PackStep::Kind::Skipped:
            report.errors.append(SyncText::tr("Reference pack %1 version %2 was not installed: %3")
                                     .arg(id)
                                     .arg(version)
                                     .arg(outcome->reason));
            break;
        case PackStep::Kind::Refused:
            held->removeIf(
                [&](const PackRefusal& r) { return r.id == id && r.version == version; });
            held->append({id, version, sha256, outcome->reason, m_store.clock().nowMs()});
            FC_TRY(setPackRefusals(m_outbox, *held));
            ++report.packsRefused;
            refusedNow.append(
                QStringLiteral("%1 v%2: %3").arg(id).arg(version).arg(outcome->reason));
            report.errors.append(SyncText::tr("Reference pack %1 version %2 was refused: %3")
                                     .arg(id)
                                     .arg(version)
                                     .arg(outcome->reason));
            break;
        }
    }
    // A refused version that a newer installed one superseded is history, not a problem.
    held->removeIf([&](const PackRefusal& r) { return r.version <= installed.value(r.id, 0); });
    if (held->size() != heldBefore || report.packsRefused > 0)
        FC_TRY(setPackRefusals(m_outbox, *held));
    FC_TRY(m_outbox.setState(
        QStringLiteral("packsCheckedAt"), QString::number(m_store.clock().nowMs())));

    // pack-update commands are carried out now: acknowledged in the next heartbeat.
    auto due = m_outbox.state(QStringLiteral("packCommands"));
    if (!due)
        return fail(std::move(due.error()));
    if (!due->isEmpty()) {
        auto acks = m_outbox.state(QStringLiteral("commandAcks"));
        if (!acks)
            return fail(std::move(acks.error()));
        QJsonArray list = QJsonDocument::fromJson(acks->toUtf8()).array();
        const QString result = refusedNow.isEmpty()
            ? QStringLiteral("done")
            : QStringLiteral("done; refused: ") + refusedNow.join(QStringLiteral("; "));
        for (const QString& id : due->split(QLatin1Char(','), Qt::SkipEmptyParts))
            list.append(
                QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("result"), result}});
        FC_TRY(m_outbox.setState(QStringLiteral("commandAcks"),
            QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact))));
        FC_TRY(m_outbox.setState(QStringLiteral("packCommands"), QString()));
    }
    return m_outbox.setState(QStringLiteral("packUpdateDue"), QString());
}

Result<SyncClient::PackStep> SyncClient::installPack(const QJsonObject& listed)
{
    const QString id = listed.value(QStringLiteral("id")).toString();
    const qint64 version = listed.value(QStringLiteral("version")).toInteger();
    const qint64 size = listed.value(QStringLiteral("size")).toInteger();
    const auto refuse = [](QString reason) {
        return PackStep {PackStep::Kind::Refused, std::move(reason)};
    };
    if (size > kMaxPackBytes)
        return refuse(SyncText::tr("it is larger (%1 bytes) than a terminal takes").arg(size));
    auto response = call("GET",
        QStringLiteral("/v1/packs/%1/%2")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(id)))
            .arg(version),
        {}, std::clamp(size + 65536, qint64(8) << 20, kMaxPackBytes));
    if (!response)
        return fail(std::move(response.error()));
    if (response->status == 404) // withdrawn since it was listed: ask again next time
        return PackStep {PackStep::Kind::Skipped, answerReason(*response)};
    if (response->status != 200)
        return fail(centreError(*response));
    const QByteArray& file = response->body;
    // The file must be the one listed: the listing is what tells unchanged packs apart.
    if (file.size() != size
        || QString::fromLatin1(Hasher::hash(HashAlgorithm::Sha256, file).toHex())
            != listed.value(QStringLiteral("sha256")).toString())
        return refuse(
            SyncText::tr("the file from the centre does not match its listing (size or SHA-256)"));
    auto pack = rules::parsePack(file);
    if (!pack)
        return refuse(pack.error().message);
    if (pack->id != id || pack->version != version)
        return refuse(SyncText::tr("the file is pack %1 version %2, but the centre listed %3 "
                                   "version %4")
                          .arg(pack->id)
                          .arg(pack->version)
                          .arg(id)
                          .arg(version));
    if (pack->kind == QLatin1String("registry")
        && pack->content.contains(QStringLiteral("dataSm3")))
        return refuse(SyncText::tr("its records are in a separate data file, which sync does not "
                                   "carry; import it with fieldcase-admin reference import"));
    // The same checks as `fieldcase-admin reference import`: signature against the trusted pack
    // keys, version order, the content of its kind. Nothing changes if it is refused.
    auto imported = m_packImport(file);
    if (imported)
        return PackStep {PackStep::Kind::Installed, {}};
    const Error& e = imported.error();
    switch (e.code) {
    case ErrorCode::Io:
    case ErrorCode::DiskFull:
    case ErrorCode::SchemaTooNew:
    case ErrorCode::Crypto:
    case ErrorCode::Internal:
        // The terminal failed, not the pack: not held, tried again next cycle.
        return PackStep {PackStep::Kind::Skipped, e.message};
    default:
        return refuse(e.message);
    }
}

Status SyncClient::refillNumbers(CycleReport& report)
{
    auto numbers = m_store.numbersReport(m_settings.numbersLowWater);
    if (!numbers)
        return fail(std::move(numbers.error()));
    const int year = QDateTime::fromMSecsSinceEpoch(m_store.clock().nowMs()).date().year();
    QMap<QString, qint64> unused; // document type → numbers left this year
    for (const QJsonValue& v : numbers->value(QStringLiteral("blocks")).toArray()) {
        const QJsonObject b = v.toObject();
        const QString type = b.value(QStringLiteral("docType")).toString();
        unused[type] += b.value(QStringLiteral("year")).toInt() == year
            ? b.value(QStringLiteral("unused")).toInteger()
            : 0;
    }
    const Actor installer {{m_settings.installerId}, Role::Installer};
    for (auto it = unused.cbegin(); it != unused.cend(); ++it) {
        if (it.value() >= m_settings.numbersLowWater)
            continue;
        // The request id is kept until the block is loaded: a lost answer gets the same block.
        const QString key = QStringLiteral("numberRequest/%1/%2").arg(it.key()).arg(year);
        auto requestId = m_outbox.state(key);
        if (!requestId)
            return fail(std::move(requestId.error()));
        if (requestId->isEmpty()) {
            *requestId = QString::fromLatin1(randomBytes(16).toHex());
            FC_TRY(m_outbox.setState(key, *requestId));
        }
        auto response = call("POST", QStringLiteral("/v1/number-blocks"),
            QJsonDocument(QJsonObject {{QStringLiteral("requestId"), *requestId},
                              {QStringLiteral("docType"), it.key()}, {QStringLiteral("year"), year},
                              {QStringLiteral("have"), it.value()}})
                .toJson(QJsonDocument::Compact));
        if (!response)
            return fail(std::move(response.error()));
        if (response->status == 404) {
            report.errors.append(answerReason(*response)); // no series: tell, go on
            continue;
        }
        if (response->status != 201)
            return fail(centreError(*response));
        const QJsonObject b = QJsonDocument::fromJson(response->body)
                                  .object()
                                  .value(QStringLiteral("block"))
                                  .toObject();
        NumberBlock block {b.value(QStringLiteral("id")).toString(),
            b.value(QStringLiteral("docType")).toString(), b.value(QStringLiteral("year")).toInt(),
            b.value(QStringLiteral("firstSeq")).toInteger(),
            b.value(QStringLiteral("lastSeq")).toInteger(),
            b.value(QStringLiteral("pattern")).toString(), QStringLiteral("centre")};
        if (auto loaded = m_store.loadNumberBlock(installer, block); !loaded) {
            // Loaded before a crash, then asked again: the same block, already here.
            auto report2 = m_store.numbersReport(m_settings.numbersLowWater);
            bool present = false;
            for (const QJsonValue& v :
                report2 ? report2->value(QStringLiteral("blocks")).toArray() : QJsonArray {})
                present
                    = present || v.toObject().value(QStringLiteral("id")).toString() == block.id;
            if (!present)
                return loaded;
        }
        FC_TRY(m_outbox.setState(key, QString()));
        report.blocksReceived++;
    }
    return {};
}

Status SyncClient::uploadBlobs(CycleReport& report, const LinkState& link)
{
    // What earlier uploads learned of this kind of link (throughput, how often it cuts), kept
    // apart for metered and unmetered links so depot Wi-Fi does not size the chunks for 3G: a
    // terminal on a bad cell starts with short chunks instead of losing a long one to a cut.
    m_chunksKey = link.metered ? QStringLiteral("chunkSizer.metered")
                               : QStringLiteral("chunkSizer.unmetered");
    m_chunks.forget();
    if (auto saved = m_outbox.state(m_chunksKey); saved && !saved->isEmpty())
        m_chunks.restore(QJsonDocument::fromJson(saved->toUtf8()).object());
    auto pending = m_outbox.pending(QStringLiteral("blob"), 1000);
    if (!pending)
        return fail(std::move(pending.error()));
    for (const OutboxEntry& entry : *pending) {
        // Audio and video wait for an unmetered link unless the policy allows them.
        if (entry.priority >= int(SyncClass::Media) && link.metered
            && !m_settings.mediaOnMeteredLinks)
            continue;
        if (auto sent = uploadBlob(entry, report); !sent) {
            FC_TRY(
                m_outbox.recordFailure(QStringLiteral("blob"), {entry.ref}, sent.error().message));
            if (transportFailureOf(sent.error()) != TransportFailure::None
                || centreTrouble(sent.error()))
                return sent; // the link is down or the centre in trouble: the next cycle resumes
            report.errors.append(sent.error().message);
        }
    }
    return {};
}

QList<QPair<QString, QByteArray>> evidenceUploadMetadata(const BlobInfo& info)
{
    return {{QStringLiteral("blob"), info.hashHex.toLatin1()},
        {QStringLiteral("alg"), hashAlgorithmName(info.hashAlgorithm).toLatin1()},
        {QStringLiteral("suite"), cipherSuiteName(info.suite).toLatin1()},
        {QStringLiteral("iv"), info.iv.toHex()}, {QStringLiteral("tag"), info.tag.toHex()},
        // The file key travels inside mutual TLS; a province's platform would wrap it for its
        // HSM instead (docs/protocol.md).
        {QStringLiteral("key"), info.key.toHex()},
        {QStringLiteral("size"), QByteArray::number(info.size)}};
}

Status SyncClient::uploadBlob(const OutboxEntry& entry, CycleReport& report)
{
    auto info = m_store.blobInfo(entry.ref);
    if (!info)
        return fail(std::move(info.error()));
    QFile file(m_store.blobs().pathFor(entry.ref));
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::Io, SyncText::tr("The evidence file %1 cannot be read").arg(entry.ref));
    TusClient tus(m_link, m_settings.centreUrl + QStringLiteral("/v1/files"));
    tus.setChunkSizer(&m_chunks); // chunks sized to the link; see ChunkSizer
    tus.setChecksumAlgorithm(QStringLiteral("sha256"));
    const QList<QPair<QString, QByteArray>> metadata = evidenceUploadMetadata(*info);
    // The upload's URL is stored before the first byte goes, so a terminal killed or rebooted
    // mid-upload resumes it (HEAD) instead of starting over.
    QString uploadUrl = entry.uploadUrl;
    if (uploadUrl.isEmpty()) {
        auto created = tus.create(file.size(), metadata);
        if (!created)
            return fail(std::move(created.error()));
        uploadUrl = *created;
        FC_TRY(m_outbox.setUploadUrl(entry.ref, uploadUrl));
    }
    TusUploadReport partial;
    auto done = tus.upload(file, file.size(), uploadUrl, metadata, &partial);
    (void)m_outbox.setState(m_chunksKey,
        QString::fromUtf8(QJsonDocument(m_chunks.toJson()).toJson(QJsonDocument::Compact)));
    if (!done) {
        report.blobBytesSent += partial.bytesSent; // filled only on failure
        if (done.error().context.startsWith(QLatin1String("status=422"))) {
            // The centre opened the finished upload and it does not match what the metadata
            // says (tag or hash). That is not the link's doing (TLS and the chunk checksums cover
            // the bytes), so sending it again would only spend the officer's data: held with the
            // reason until a person says `sync retry blob` (a new upload). The terminal checks
            // its own copy first, so the reason says where to look.
            FC_TRY(m_outbox.setUploadUrl(entry.ref, QString()));
            const bool intact = bool(m_store.blobs().verify(*info));
            const QString reason = intact
                ? SyncText::tr("The centre refused evidence %1: %2. The file on this terminal is "
                               "intact; county IT should check the centre.")
                      .arg(entry.ref, done.error().message)
                : SyncText::tr("The centre refused evidence %1: %2. The file on this terminal "
                               "does not match its record; check the store (fieldcase-admin db "
                               "check).")
                      .arg(entry.ref, done.error().message);
            FC_TRY(m_outbox.reject(QStringLiteral("blob"), entry.ref, reason));
            report.errors.append(reason);
            return {};
        }
        // The centre no longer has the upload: the next try starts a new one.
        if (done.error().code == ErrorCode::NotFound)
            FC_TRY(m_outbox.setUploadUrl(entry.ref, QString()));
        return fail(std::move(done.error()));
    }
    report.blobBytesSent += done->bytesSent;
    FC_TRY(m_outbox.confirm(QStringLiteral("blob"), {entry.ref}));
    report.blobsUploaded++;
    return {};
}

} // namespace fieldcase::sync
