#include "core/store/projector.h"

#include "core/event/canonicaljson.h"
#include "core/store/schema.h"
#include "core/util/text.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fieldcase::store {

namespace {

QString str(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

// Binds an optional integer field (NULL when absent).
void bindOptInt(db::Statement& s, int index, const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        s.bind(index, qint64(v.toInteger()));
    else
        s.bindNull(index);
}

QString actorsJson(const Event& e)
{
    return QString::fromUtf8(canonicalJson(QJsonArray::fromStringList(e.actors)));
}

Status run(db::Database& db, const char* sql, const auto&... args)
{
    auto stmt = db.cached(sql);
    if (!stmt)
        return fail(std::move(stmt.error()));
    (*stmt)->bindAll(args...);
    return (*stmt)->run();
}

Result<std::optional<QByteArray>> currentHead(db::Database& db, const QString& caseId)
{
    auto stmt = db.cached("SELECT head_hash FROM cases WHERE id = ?");
    if (!stmt)
        return fail(std::move(stmt.error()));
    (*stmt)->bind(1, caseId);
    auto row = (*stmt)->step();
    if (!row)
        return fail(std::move(row.error()));
    if (!*row)
        return std::optional<QByteArray>();
    return std::optional<QByteArray>((*stmt)->blob(0));
}

Status applyCaseOpened(db::Database& db, const Event& e)
{
    const QJsonObject& p = e.payload;
    auto stmt = db.cached(
        "INSERT INTO cases (id, procedure, title, category, place, occurred_at, unit_id, status, "
        "opened_at, opened_by, terminal_id, event_count, updated_at, head_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, 1, ?, ?)");
    if (!stmt)
        return fail(std::move(stmt.error()));
    db::Statement& s = **stmt;
    s.bind(1, e.caseId).bind(2, str(p, "procedure")).bind(3, str(p, "title"));
    s.bind(4, str(p, "category")).bind(5, str(p, "place"));
    bindOptInt(s, 6, p, "occurredAt");
    s.bind(7, str(p, "unitId")).bind(8, e.at.ms).bind(9, actorsJson(e)).bind(10, e.terminalId);
    s.bind(11, e.at.ms).bind(12, Projector::nextHead(e.hashAlgorithm, {}, e.hash));
    return s.run();
}

// Type-specific effects of every event except case.opened.
Status applyBody(db::Database& db, const Event& e, const QByteArray& headBefore)
{
    const QJsonObject& p = e.payload;
    const QString& c = e.caseId;
    const QString t = e.type;

    if (t == QLatin1String("party.recorded")) {
        return run(db,
            "INSERT OR REPLACE INTO parties (case_id, party_id, kind, name, relation, "
            "id_type, id_number, address, phone, legal_representative) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            c, str(p, "partyId"), str(p, "kind"), str(p, "name"), str(p, "relation"),
            str(p, "idType"), str(p, "idNumber"), str(p, "address"), str(p, "phone"),
            str(p, "legalRepresentative"));
    }
    if (t == QLatin1String("vehicle.recorded")) {
        auto stmt = db.cached("INSERT OR REPLACE INTO vehicles (case_id, vehicle_id, plate, "
                              "plate_color, vehicle_type, vin, transport_cert_no, owner, axles) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!stmt)
            return fail(std::move(stmt.error()));
        (*stmt)->bindAll(c, str(p, "vehicleId"), str(p, "plate"), str(p, "plateColor"),
            str(p, "vehicleType"), str(p, "vin"), str(p, "transportCertNo"), str(p, "owner"));
        bindOptInt(**stmt, 9, p, "axles");
        return (*stmt)->run();
    }
    if (t == QLatin1String("violation.selected"))
        return run(db, "UPDATE cases SET violation_code = ? WHERE id = ?", str(p, "code"), c);
    if (t == QLatin1String("discretion.applied"))
        return run(db, "UPDATE cases SET discretion_tier = ? WHERE id = ?", str(p, "tier"), c);
    if (t == QLatin1String("evidence.attached")) {
        auto stmt = db.cached(
            "INSERT INTO evidence (case_id, evidence_id, kind, blob_hash, hash_algorithm, size, "
            "media_type, title, captured_at, attached_at, attached_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!stmt)
            return fail(std::move(stmt.error()));
        db::Statement& s = **stmt;
        s.bindAll(c, str(p, "evidenceId"), str(p, "kind"), str(p, "blobHash"),
            str(p, "hashAlgorithm"), qint64(p.value(QLatin1String("size")).toInteger()),
            str(p, "mediaType"), str(p, "title"));
        bindOptInt(s, 9, p, "capturedAt");
        s.bind(10, e.at.ms).bind(11, actorsJson(e));
        return s.run();
    }
    if (t == QLatin1String("document.issued")) {
        FC_TRY(run(db,
            "INSERT INTO documents (case_id, document_id, doc_type, number, content_hash, "
            "template_version, status, issued_at) VALUES (?, ?, ?, ?, ?, ?, 'issued', ?)",
            c, str(p, "documentId"), str(p, "docType"), str(p, "number"), str(p, "contentHash"),
            str(p, "templateVersion"), e.at.ms));
        if (p.contains(QLatin1String("dueAt")) && p.contains(QLatin1String("dueKind")))
            return run(db,
                "INSERT OR REPLACE INTO deadlines (case_id, ref, kind, due_at, status) "
                "VALUES (?, ?, ?, ?, 'open')",
                c, str(p, "documentId"), str(p, "dueKind"),
                qint64(p.value(QLatin1String("dueAt")).toInteger()));
        return {};
    }
    if (t == QLatin1String("document.reprinted"))
        return run(db,
            "UPDATE documents SET copies = max(copies, ?) WHERE case_id = ? AND document_id = ?",
            qint64(p.value(QLatin1String("copy")).toInteger()), c, str(p, "documentId"));
    if (t == QLatin1String("document.voided")) {
        FC_TRY(run(db,
            "UPDATE documents SET status = 'voided', void_reason = ? "
            "WHERE case_id = ? AND document_id = ?",
            str(p, "reason"), c, str(p, "documentId")));
        return run(db, "UPDATE deadlines SET status = 'cancelled' WHERE case_id = ? AND ref = ?", c,
            str(p, "documentId"));
    }
    if (t == QLatin1String("document.served"))
        return run(db,
            "UPDATE documents SET status = CASE status WHEN 'voided' THEN 'voided' ELSE "
            "'served' END, served_at = ?, served_method = ?, served_to = ? "
            "WHERE case_id = ? AND document_id = ?",
            qint64(p.value(QLatin1String("servedAt")).toInteger()), str(p, "method"),
            str(p, "recipient"), c, str(p, "documentId"));
    if (t == QLatin1String("measure.applied")) {
        if (!p.contains(QLatin1String("until")))
            return {};
        return run(db,
            "INSERT OR REPLACE INTO deadlines (case_id, ref, kind, due_at, status) "
            "VALUES (?, ?, ?, ?, 'open')",
            c, str(p, "measureId"), QStringLiteral("measure.") + str(p, "kind"),
            qint64(p.value(QLatin1String("until")).toInteger()));
    }
    if (t == QLatin1String("measure.extended"))
        return run(db,
            "UPDATE deadlines SET due_at = ? WHERE case_id = ? AND ref = ? AND status = 'open'",
            qint64(p.value(QLatin1String("until")).toInteger()), c, str(p, "measureId"));
    if (t == QLatin1String("measure.released")) {
        FC_TRY(run(db, "UPDATE deadlines SET status = 'met' WHERE case_id = ? AND ref = ?", c,
            str(p, "measureId")));
        return run(db,
            "UPDATE properties SET status = 'released' WHERE case_id = ? AND measure_id = ?", c,
            str(p, "measureId"));
    }
    if (t == QLatin1String("property.registered")) {
        const QString measure = str(p, "measureId");
        return run(db,
            "INSERT OR REPLACE INTO properties (case_id, property_id, name, quantity, unit, "
            "spec, measure_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            c, str(p, "propertyId"), str(p, "name"), p.value(QLatin1String("quantity")).toDouble(),
            str(p, "unit"), str(p, "spec"), measure,
            measure.isEmpty() ? QStringLiteral("registered") : QStringLiteral("seized"));
    }
    if (t == QLatin1String("review.requested"))
        return run(db,
            "INSERT OR REPLACE INTO reviews (case_id, review_id, kind, requested_by, "
            "requested_at, note) VALUES (?, ?, ?, ?, ?, ?)",
            c, str(p, "reviewId"), str(p, "kind"), actorsJson(e), e.at.ms, str(p, "note"));
    if (t == QLatin1String("review.decided")) {
        // The decision binds to the case head the supervisor saw; if the case changed since
        // (events merged from another terminal), the approval is stale and must be redone.
        const QString seen = str(p, "seenHead");
        const bool stale = seen != QString::fromLatin1(headBefore.toHex());
        return run(db,
            "UPDATE reviews SET decision = ?, decided_by = ?, decided_at = ?, reason = ?, "
            "seen_head = ?, stale = ? WHERE case_id = ? AND review_id = ?",
            str(p, "decision"), actorsJson(e), e.at.ms, str(p, "reason"), seen,
            qint64(stale ? 1 : 0), c, str(p, "reviewId"));
    }
    if (t == QLatin1String("penalty.decided")) {
        auto stmt = db.cached("UPDATE cases SET penalty_fen = ? WHERE id = ?");
        if (!stmt)
            return fail(std::move(stmt.error()));
        bindOptInt(**stmt, 1, p, "amountFen");
        (*stmt)->bind(2, c);
        return (*stmt)->run();
    }
    if (t == QLatin1String("payment.recorded"))
        return run(db, "UPDATE cases SET paid_fen = paid_fen + ? WHERE id = ?",
            qint64(p.value(QLatin1String("amountFen")).toInteger()), c);
    if (t == QLatin1String("case.closed"))
        return run(db, "UPDATE cases SET status = 'closed', closed_reason = ? WHERE id = ?",
            str(p, "reason"), c);
    if (t == QLatin1String("case.transferred"))
        return run(db, "UPDATE cases SET status = 'transferred' WHERE id = ?", c);
    // statement.recorded, case.note: no projection columns; they live in the log.
    return {};
}

} // namespace

QByteArray Projector::nextHead(
    HashAlgorithm alg, const QByteArray& previousHead, const QByteArray& eventHash)
{
    Hasher h(alg);
    h.addData(previousHead);
    h.addData(eventHash);
    return h.result();
}

Status Projector::apply(db::Database& target, const Event& e)
{
    if (e.type == QLatin1String("case.opened")) {
        auto head = currentHead(target, e.caseId);
        if (!head)
            return fail(std::move(head.error()));
        if (head->has_value())
            return fail(ErrorCode::Conflict, CoreText::tr("The case is already open"), e.caseId);
        return applyCaseOpened(target, e);
    }
    auto head = currentHead(target, e.caseId);
    if (!head)
        return fail(std::move(head.error()));
    if (!head->has_value())
        return {}; // case.opened not seen yet: applied on re-projection
    FC_TRY(applyBody(target, e, **head));
    return run(target,
        "UPDATE cases SET event_count = event_count + 1, updated_at = max(updated_at, ?), "
        "head_hash = ? WHERE id = ?",
        e.at.ms, nextHead(e.hashAlgorithm, **head, e.hash), e.caseId);
}

Status Projector::reprojectCase(db::Database& source, db::Database& target, const QString& caseId)
{
    // Children first: they reference cases(id).
    for (auto it = projectionTables().rbegin(); it != projectionTables().rend(); ++it) {
        const std::string table = it->name;
        const std::string sql
            = "DELETE FROM " + table + (table == "cases" ? " WHERE id = ?" : " WHERE case_id = ?");
        auto stmt = target.cached(sql);
        if (!stmt)
            return fail(std::move(stmt.error()));
        (*stmt)->bind(1, caseId);
        FC_TRY((*stmt)->run());
    }
    auto events = loadEvents(source, "case_id = ?", {caseId});
    if (!events)
        return fail(std::move(events.error()));
    for (const Event& e : *events)
        FC_TRY(apply(target, e));
    return {};
}

Result<Event> eventFromRow(const db::Statement& s)
{
    Event e;
    e.id = s.text(0);
    e.caseId = s.text(1);
    e.type = s.text(2);
    e.schemaVersion = int(s.int64(3));
    for (const QJsonValue& a : QJsonDocument::fromJson(s.textUtf8(4)).array())
        e.actors << a.toString();
    const auto role = roleFromName(s.text(5));
    if (!role)
        return fail(ErrorCode::Corrupt, CoreText::tr("Event has an unknown role"), e.id);
    e.role = *role;
    e.terminalId = s.text(6);
    e.at = {s.int64(7), qint32(s.int64(8))};
    e.chainSeq = s.int64(9);
    if (!s.isNull(10))
        e.position = QJsonDocument::fromJson(s.textUtf8(10)).object();
    const QJsonDocument payload = QJsonDocument::fromJson(s.textUtf8(11));
    if (!payload.isObject())
        return fail(ErrorCode::Corrupt, CoreText::tr("Event payload is not a JSON object"), e.id);
    e.payload = payload.object();
    e.prev = s.isNull(12) ? QByteArray() : s.blob(12);
    const auto alg = hashAlgorithmFromName(s.text(13));
    if (!alg)
        return fail(ErrorCode::Corrupt, CoreText::tr("Event has an unknown hash algorithm"), e.id);
    e.hashAlgorithm = *alg;
    e.hash = s.blob(14);
    e.signature = s.blob(15);
    return e;
}

Result<QList<Event>> loadEvents(db::Database& db, const char* where, const QStringList& args)
{
    const std::string sql = std::string("SELECT ") + kEventColumns + " FROM events WHERE " + where
        + " ORDER BY hlc_ms, hlc_counter, terminal_id, id";
    auto stmt = db.prepare(sql);
    if (!stmt)
        return fail(std::move(stmt.error()));
    for (int i = 0; i < args.size(); ++i)
        stmt->bind(i + 1, args.at(i));
    QList<Event> out;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            break;
        auto e = eventFromRow(*stmt);
        if (!e)
            return fail(std::move(e.error()));
        out.append(std::move(*e));
    }
    return out;
}

Status insertEvent(db::Database& db, const Event& e)
{
    auto insert = db.cached(
        "INSERT INTO events (id, case_id, type, schema_version, actors, role, terminal_id, hlc_ms, "
        "hlc_counter, chain_seq, position, payload, prev, hash_alg, hash, sig) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return fail(std::move(insert.error()));
    db::Statement& s = **insert;
    s.bindAll(e.id, e.caseId, e.type, qint64(e.schemaVersion), actorsJson(e), roleName(e.role),
        e.terminalId, e.at.ms, qint64(e.at.counter), e.chainSeq);
    if (e.position.isEmpty())
        s.bindNull(11);
    else
        s.bind(11, QString::fromUtf8(canonicalJson(e.position)));
    s.bind(12, QString::fromUtf8(canonicalJson(e.payload)));
    s.bind(13, e.prev).bind(14, hashAlgorithmName(e.hashAlgorithm)).bind(15, e.hash);
    s.bind(16, e.signature);
    return s.run();
}

Result<ChainTip> chainTip(db::Database& db, const QString& terminalId, const QString& caseId)
{
    auto chain = db.cached("SELECT chain_seq, hash FROM events WHERE terminal_id = ? AND "
                           "case_id = ? ORDER BY chain_seq DESC LIMIT 1");
    if (!chain)
        return fail(std::move(chain.error()));
    (*chain)->bindAll(terminalId, caseId);
    auto row = (*chain)->step();
    if (!row)
        return fail(std::move(row.error()));
    if (!*row)
        return ChainTip {};
    return ChainTip {(*chain)->int64(0), (*chain)->blob(1)};
}

Status replayEvents(db::Database& source, db::Database& target)
{
    auto stmt = source.prepare(std::string("SELECT ") + kEventColumns
        + " FROM events ORDER BY case_id, hlc_ms, hlc_counter, terminal_id, id");
    if (!stmt)
        return fail(std::move(stmt.error()));
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            return {};
        auto e = eventFromRow(*stmt);
        if (!e)
            continue;
        FC_TRY(Projector::apply(target, *e));
    }
}

} // namespace fieldcase::store
