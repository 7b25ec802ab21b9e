// Applies events to the projection tables (cases, parties, vehicles, evidence, documents,
// properties, deadlines, reviews). A pure function of the events in canonical order, so the
// same log always gives the same tables.
#pragma once

#include "core/db/sqlite.h"
#include "core/event/event.h"

namespace fieldcase::store {

class Projector
{
public:
    // Applies one event to the projection tables of target. Events of a case whose case.opened
    // has not been seen are skipped (they are applied when the case is re-projected).
    [[nodiscard]] static Status apply(db::Database& target, const Event& event);

    // Deletes the case's projection rows and replays its events from source in canonical order.
    [[nodiscard]] static Status reprojectCase(
        db::Database& source, db::Database& target, const QString& caseId);

    // The case head after appending eventHash to previousHead (a running digest over the
    // case's event hashes in canonical order; review decisions bind to it).
    [[nodiscard]] static QByteArray nextHead(
        HashAlgorithm alg, const QByteArray& previousHead, const QByteArray& eventHash);
};

// Loads events from the events table. `where` is an SQL condition on the events table with `?`
// parameters bound from args; rows come in canonical order (hlc, terminal, id).
[[nodiscard]] Result<QList<Event>> loadEvents(
    db::Database& db, const char* where, const QStringList& args = {});
// Decodes the current row of a statement selecting kEventColumns.
[[nodiscard]] Result<Event> eventFromRow(const db::Statement& row);
// Inserts one event row (the columns of kEventColumns, payload and position as canonical JSON).
[[nodiscard]] Status insertEvent(db::Database& db, const Event& event);

// The last position and hash of a (terminal, case) chain; {0, empty} for an empty chain.
struct ChainTip
{
    qint64 position = 0;
    QByteArray hash;
};
[[nodiscard]] Result<ChainTip> chainTip(
    db::Database& db, const QString& terminalId, const QString& caseId);

// Applies every event of source to target's projections, case by case in canonical order.
// Undecodable rows are skipped (db check reports them). The caller owns the transaction.
[[nodiscard]] Status replayEvents(db::Database& source, db::Database& target);

// The column list eventFromRow expects.
inline constexpr const char* kEventColumns
    = "id, case_id, type, schema_version, actors, role, terminal_id, hlc_ms, hlc_counter, "
      "chain_seq, position, payload, prev, hash_alg, hash, sig";

} // namespace fieldcase::store
