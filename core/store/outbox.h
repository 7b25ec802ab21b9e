// The sync outbox: what this terminal still owes the centre. Entries are written by the case
// store in the same transaction as the event or blob they describe; the sync client reads them
// here and records what happened. An entry leaves the pending state only on the centre's receipt
// (sent) or refusal (rejected, with the centre's reason, kept for a person): never silently.
#pragma once

#include "core/db/sqlite.h"
#include "core/util/clock.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace fieldcase {

struct OutboxEntry
{
    qint64 seq = 0;
    QString kind; // event / blob
    QString ref; // event id / blob hash
    int priority = 0; // 0 events, 1 manifests, 2 photos and documents, 3 audio/video
    qint64 createdAt = 0;
    int attempts = 0;
    QString lastError;
    QString state; // pending / sent / rejected
    QString uploadUrl; // blobs: the tus upload in progress
    qint64 lastAttemptAt = 0;
    qint64 confirmedAt = 0;
    qint64 bytes = 0; // blobs: stored (encrypted) size
};

// Per-priority summary for the sync screen and heartbeats.
struct OutboxClassSummary
{
    int priority = 0;
    int pending = 0;
    int rejected = 0;
    int sent = 0;
    qint64 pendingBytes = 0;
    qint64 oldestPendingAt = 0; // 0 if nothing pending
    int failing = 0; // pending entries whose last attempt failed
};

class Outbox
{
public:
    Outbox(db::Database& db, const Clock& clock);

    // Pending entries of a kind, most urgent first (priority, then the order they were made).
    [[nodiscard]] Result<QList<OutboxEntry>> pending(const QString& kind, int limit);
    // Every entry in a state ("" = all), for `sync status`.
    [[nodiscard]] Result<QList<OutboxEntry>> entries(const QString& state = {}, int limit = 1000);
    [[nodiscard]] Result<QList<OutboxClassSummary>> summary();

    // The centre applied these (or already had them): they leave the pending state.
    [[nodiscard]] Status confirm(const QString& kind, const QStringList& refs);
    // The centre refused this one: held with its reason until a person retries it.
    [[nodiscard]] Status reject(const QString& kind, const QString& ref, const QString& reason);
    // An attempt failed (link, server): counted and the reason kept; it stays pending.
    [[nodiscard]] Status recordFailure(
        const QString& kind, const QStringList& refs, const QString& reason);
    // A rejected entry may go again (after a person fixed the cause).
    [[nodiscard]] Status retry(const QString& kind, const QString& ref);
    [[nodiscard]] Status setUploadUrl(const QString& ref, const QString& url);

    // Small durable sync state (pull cursor, last cycle, last error) in the store's meta table.
    [[nodiscard]] Result<QString> state(const QString& key);
    [[nodiscard]] Status setState(const QString& key, const QString& value);

private:
    db::Database& m_db;
    const Clock& m_clock;
};

} // namespace fieldcase
