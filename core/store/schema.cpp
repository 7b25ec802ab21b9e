#include "core/store/schema.h"

#include <array>

namespace fieldcase::store {

namespace {

// Projections: derived from events only, so they can be dropped and rebuilt at any time.
// Every column is a pure function of the case's events (no local receive times), which is what
// makes a rebuild byte-identical.
constexpr const char* kProjectionSql = R"SQL(
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  procedure TEXT NOT NULL,
  title TEXT NOT NULL,
  category TEXT,
  place TEXT,
  occurred_at INTEGER,
  unit_id TEXT,
  status TEXT NOT NULL,          -- open / closed / transferred
  opened_at INTEGER NOT NULL,    -- HLC ms of case.opened
  opened_by TEXT NOT NULL,       -- JSON array of officer ids
  terminal_id TEXT NOT NULL,
  violation_code TEXT,
  discretion_tier TEXT,
  penalty_fen INTEGER,
  paid_fen INTEGER NOT NULL DEFAULT 0,
  closed_reason TEXT,
  event_count INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,   -- HLC ms of the latest event
  head_hash BLOB NOT NULL        -- digest over all event hashes in canonical order
) STRICT;
CREATE TABLE parties (
  case_id TEXT NOT NULL REFERENCES cases(id),
  party_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  relation TEXT,
  id_type TEXT,
  id_number TEXT,
  address TEXT,
  phone TEXT,
  legal_representative TEXT,
  PRIMARY KEY (case_id, party_id)
) STRICT;
CREATE TABLE vehicles (
  case_id TEXT NOT NULL REFERENCES cases(id),
  vehicle_id TEXT NOT NULL,
  plate TEXT NOT NULL,
  plate_color TEXT,
  vehicle_type TEXT,
  vin TEXT,
  transport_cert_no TEXT,
  owner TEXT,
  axles INTEGER,
  PRIMARY KEY (case_id, vehicle_id)
) STRICT;
CREATE INDEX vehicles_plate ON vehicles(plate);
CREATE TABLE evidence (
  case_id TEXT NOT NULL REFERENCES cases(id),
  evidence_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  blob_hash TEXT NOT NULL,
  hash_algorithm TEXT NOT NULL,
  size INTEGER NOT NULL,
  media_type TEXT,
  title TEXT,
  captured_at INTEGER,
  attached_at INTEGER NOT NULL,
  attached_by TEXT NOT NULL,
  PRIMARY KEY (case_id, evidence_id)
) STRICT;
CREATE TABLE documents (
  case_id TEXT NOT NULL REFERENCES cases(id),
  document_id TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  number TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  template_version TEXT,
  status TEXT NOT NULL,          -- issued / voided / served
  issued_at INTEGER NOT NULL,
  copies INTEGER NOT NULL DEFAULT 1,
  void_reason TEXT,
  served_at INTEGER,
  served_method TEXT,
  served_to TEXT,
  PRIMARY KEY (case_id, document_id)
) STRICT;
CREATE TABLE properties (
  case_id TEXT NOT NULL REFERENCES cases(id),
  property_id TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit TEXT,
  spec TEXT,
  measure_id TEXT,
  status TEXT NOT NULL,          -- registered / seized / released
  PRIMARY KEY (case_id, property_id)
) STRICT;
CREATE TABLE deadlines (
  case_id TEXT NOT NULL REFERENCES cases(id),
  ref TEXT NOT NULL,             -- measure id / document id the deadline belongs to
  kind TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL,          -- open / met / cancelled
  PRIMARY KEY (case_id, ref, kind)
) STRICT;
CREATE INDEX deadlines_due ON deadlines(status, due_at);
CREATE TABLE reviews (
  case_id TEXT NOT NULL REFERENCES cases(id),
  review_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  note TEXT,
  decision TEXT,
  decided_by TEXT,
  decided_at INTEGER,
  reason TEXT,
  seen_head TEXT,
  stale INTEGER NOT NULL DEFAULT 0, -- the decision saw an older case head than the one at decision time
  PRIMARY KEY (case_id, review_id)
) STRICT;
)SQL";

// Migration 1: the event log, its outbox, evidence manifest, officers, terminals, audit log
// and the projections. Events and audit rows are append-only: triggers refuse UPDATE/DELETE,
// so even a bug in a service cannot rewrite history (the hash chain would catch it anyway).
constexpr const char* kMigration1 = R"SQL(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  algorithm TEXT NOT NULL,
  public_key_pem TEXT NOT NULL,
  label TEXT
) STRICT;
CREATE TABLE officers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  cert_no TEXT,
  unit_id TEXT,
  roles TEXT NOT NULL,           -- comma-separated role names
  active INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,       -- local arrival order (not part of the hash)
  id TEXT NOT NULL UNIQUE,
  case_id TEXT NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  actors TEXT NOT NULL,          -- canonical JSON array
  role TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  hlc_ms INTEGER NOT NULL,
  hlc_counter INTEGER NOT NULL,
  chain_seq INTEGER NOT NULL,
  position TEXT,                 -- canonical JSON object or NULL
  payload TEXT NOT NULL,         -- canonical JSON object
  prev BLOB,
  hash_alg TEXT NOT NULL,
  hash BLOB NOT NULL,
  sig BLOB NOT NULL,
  UNIQUE (terminal_id, case_id, chain_seq)
) STRICT;
CREATE INDEX events_case_order ON events(case_id, hlc_ms, hlc_counter, terminal_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Sync outbox, written in the same transaction as the event or blob it describes.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,            -- event / blob
  ref TEXT NOT NULL,             -- event id / blob hash
  priority INTEGER NOT NULL,     -- lower first: events 0, manifests 1, photos 2, audio/video 3
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending',  -- pending / sent / rejected
  UNIQUE (kind, ref)
) STRICT;
CREATE INDEX outbox_pending ON outbox(state, priority, seq);

-- Evidence manifest: one row per encrypted blob file. The per-file key is wrapped with the
-- terminal's storage key; iv and tag are not secret.
CREATE TABLE blobs (
  hash TEXT PRIMARY KEY,
  hash_alg TEXT NOT NULL,
  size INTEGER NOT NULL,
  suite TEXT NOT NULL,
  wrapped_key BLOB NOT NULL,
  iv BLOB NOT NULL,
  tag BLOB NOT NULL,
  stored_size INTEGER NOT NULL,
  media_type TEXT,
  created_at INTEGER NOT NULL
) STRICT;

-- Audit trail: who logged in, viewed, printed, exported, tried to delete. Hash-chained.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  terminal_id TEXT NOT NULL,
  officer_id TEXT,
  role TEXT,
  action TEXT NOT NULL,
  object TEXT,
  detail TEXT NOT NULL,          -- canonical JSON object
  prev BLOB,
  hash BLOB NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)SQL";

// Migration 1 is split so the projection DDL can be reused for scratch rebuilds.
const std::string& migration1Sql()
{
    static const std::string sql = std::string(kMigration1) + kProjectionSql;
    return sql;
}

// Migration 2: document numbers. 当场处罚决定书 must be “编有号码的” (《行政处罚法》第五十二条),
// and numbers must stay unique offline, so each terminal consumes blocks allocated to it. Every
// number ever handed out stays in number_usage (issued or voided): numbers are never reused.
constexpr const char* kMigration2 = R"SQL(
CREATE TABLE number_blocks (
  id TEXT PRIMARY KEY,
  doc_type TEXT NOT NULL,
  year INTEGER NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  pattern TEXT NOT NULL,         -- e.g. 示交罚〔{year}〕{seq:5}号
  source TEXT NOT NULL,          -- centre / reference pack / installer
  loaded_at INTEGER NOT NULL,
  CHECK (first_seq >= 1 AND last_seq >= first_seq)
) STRICT;
CREATE INDEX number_blocks_type ON number_blocks(doc_type, year, first_seq);
CREATE TABLE number_usage (
  block_id TEXT NOT NULL REFERENCES number_blocks(id),
  seq INTEGER NOT NULL,
  number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,          -- issued / voided
  case_id TEXT,
  document_id TEXT,
  event_id TEXT,
  reason TEXT,
  at INTEGER NOT NULL,
  PRIMARY KEY (block_id, seq)
) STRICT;
CREATE TRIGGER number_usage_no_delete BEFORE DELETE ON number_usage
  BEGIN SELECT RAISE(ABORT, 'document numbers are never released'); END;
)SQL";

// Migration 3: the print journal. Every print attempt of an issued document is kept with its
// result; "unknown" (the printer stopped answering mid-job) is never counted as printed.
constexpr const char* kMigration3 = R"SQL(
CREATE TABLE print_journal (
  seq INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  document_id TEXT NOT NULL,
  copy INTEGER NOT NULL,         -- 1 = original; higher = 副本 (reprint)
  printer TEXT NOT NULL,
  officer_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('printed', 'failed', 'unknown')),
  detail TEXT
) STRICT;
CREATE INDEX print_journal_document ON print_journal(document_id);
CREATE TRIGGER print_journal_no_update BEFORE UPDATE ON print_journal
  BEGIN SELECT RAISE(ABORT, 'the print journal is append-only'); END;
CREATE TRIGGER print_journal_no_delete BEFORE DELETE ON print_journal
  BEGIN SELECT RAISE(ABORT, 'the print journal is append-only'); END;
)SQL";

// Migration 4: sync progress. An outbox entry is 'pending' until the centre's receipt says it
// was applied ('sent'), or held as 'rejected' with the centre's reason; a blob's tus upload URL
// is kept so an upload resumes after a restart; the time of the last attempt and of the receipt
// are shown on the sync screen.
constexpr const char* kMigration4 = R"SQL(
ALTER TABLE outbox ADD COLUMN upload_url TEXT;
ALTER TABLE outbox ADD COLUMN last_attempt_at INTEGER;
ALTER TABLE outbox ADD COLUMN confirmed_at INTEGER;
)SQL";

constexpr std::array<ProjectionTable, 8> kTables {{
    {"cases", "id"},
    {"parties", "case_id, party_id"},
    {"vehicles", "case_id, vehicle_id"},
    {"evidence", "case_id, evidence_id"},
    {"documents", "case_id, document_id"},
    {"properties", "case_id, property_id"},
    {"deadlines", "case_id, ref, kind"},
    {"reviews", "case_id, review_id"},
}};

} // namespace

std::span<const db::Migration> migrations()
{
    static const std::array<db::Migration, 4> list {{
        {1, "event log, outbox, evidence manifest, audit log, projections",
            migration1Sql().c_str()},
        {2, "document number blocks", kMigration2},
        {3, "print journal", kMigration3},
        {4, "sync progress", kMigration4},
    }};
    return list;
}

std::span<const ProjectionTable> projectionTables()
{
    return kTables;
}

const char* projectionSchemaSql()
{
    return kProjectionSql;
}

} // namespace fieldcase::store
