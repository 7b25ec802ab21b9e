#include "core/rules/registry.h"

#include "core/crypto/hash.h"
#include "core/event/canonicaljson.h"
#include "core/util/text.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fieldcase::rules {

namespace {

QString s(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

// Inserts one registry record; unknown record types are an error (a typo must not drop data).
Status insertRecord(db::Database& db, const QJsonObject& r, qint64 line)
{
    const QString t = s(r, "t");
    if (t == QLatin1String("vehicle")) {
        if (s(r, "plate").isEmpty())
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("Registry record %1: a vehicle without a plate").arg(line));
        auto st
            = db.cached("INSERT OR REPLACE INTO registry_vehicles (plate, plate_colour, "
                        "transport_cert_no, cert_status, cert_valid_until, operator_uscc, "
                        "operator_name, vehicle_type, axles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!st)
            return fail(st.error());
        (*st)->bindAll(s(r, "plate"),
            s(r, "plateColour").isNull() ? QStringLiteral("") : s(r, "plateColour"),
            s(r, "transportCertNo"), s(r, "certStatus"), s(r, "certValidUntil"),
            s(r, "operatorUscc"), s(r, "operatorName"), s(r, "vehicleType"),
            qint64(r.value(QLatin1String("axles")).toInteger()));
        return (*st)->run();
    }
    if (t == QLatin1String("operator")) {
        auto st = db.cached("INSERT OR REPLACE INTO registry_operators (uscc, name, licence_no, "
                            "licence_status, scope, valid_until) VALUES (?, ?, ?, ?, ?, ?)");
        if (!st)
            return fail(st.error());
        (*st)->bindAll(s(r, "uscc"), s(r, "name"), s(r, "licenceNo"), s(r, "licenceStatus"),
            s(r, "scope"), s(r, "validUntil"));
        return (*st)->run();
    }
    if (t == QLatin1String("driver")) {
        auto st = db.cached(
            "INSERT OR REPLACE INTO registry_drivers (id_number, name, "
            "qualification_no, qualification_status, valid_until) VALUES (?, ?, ?, ?, ?)");
        if (!st)
            return fail(st.error());
        (*st)->bindAll(s(r, "idNumber"), s(r, "name"), s(r, "qualificationNo"),
            s(r, "qualificationStatus"), s(r, "validUntil"));
        return (*st)->run();
    }
    if (t == QLatin1String("violation")) {
        auto st = db.cached("INSERT INTO registry_violations (subject, subject_kind, date, code, "
                            "description, amount_fen, paid) VALUES (?, ?, ?, ?, ?, ?, ?)");
        if (!st)
            return fail(st.error());
        (*st)->bindAll(s(r, "subject"), s(r, "subjectKind"), s(r, "date"), s(r, "code"),
            s(r, "description"), qint64(r.value(QLatin1String("amountFen")).toInteger()),
            qint64(r.value(QLatin1String("paid")).toBool() ? 1 : 0));
        return (*st)->run();
    }
    return fail(ErrorCode::InvalidArgument,
        CoreText::tr("Registry record %1 has an unknown type “%2”").arg(line).arg(t));
}

} // namespace

Result<qint64> Registry::import(const QByteArray& packFile, QIODevice* data)
{
    auto pack = parsePack(packFile);
    if (!pack)
        return fail(pack.error());
    if (pack->kind != QLatin1String("registry"))
        return fail(ErrorCode::InvalidArgument, CoreText::tr("This is not a registry pack"));
    FC_TRY(m_store.verify(*pack));
    const QString exportedAt = s(pack->content, "exportedAt");
    if (exportedAt.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The registry pack does not say when it was exported"));

    db::Database& db = m_store.database();
    auto tx = db::Transaction::begin(db);
    if (!tx)
        return fail(tx.error());
    FC_TRY(db.exec("DELETE FROM registry_vehicles; DELETE FROM registry_operators; "
                   "DELETE FROM registry_drivers; DELETE FROM registry_violations;"));
    qint64 count = 0;
    if (data) {
        // Stream the records, hashing exactly the bytes read; the signed digest decides at the
        // end whether any of it is kept.
        Hasher hasher(HashAlgorithm::Sm3);
        QByteArray pending;
        char buffer[1 << 16];
        auto processLine = [&](const QByteArray& line) -> Status {
            if (line.trimmed().isEmpty())
                return {};
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (!doc.isObject())
                return fail(ErrorCode::InvalidArgument,
                    CoreText::tr("Registry record %1 is not a JSON object").arg(count + 1));
            ++count;
            return insertRecord(db, doc.object(), count);
        };
        while (true) {
            const qint64 n = data->read(buffer, sizeof buffer);
            if (n < 0)
                return fail(ErrorCode::Io, CoreText::tr("Could not read the registry data"),
                    data->errorString());
            if (n == 0)
                break;
            hasher.addData(QByteArrayView(buffer, n));
            pending.append(buffer, n);
            qsizetype start = 0;
            for (qsizetype nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
                FC_TRY(processLine(pending.mid(start, nl - start)));
                start = nl + 1;
            }
            pending.remove(0, start);
        }
        FC_TRY(processLine(pending));
        if (QString::fromLatin1(hasher.result().toHex()) != s(pack->content, "dataSm3"))
            return fail(ErrorCode::Rejected,
                CoreText::tr("The registry data does not match its signed digest; nothing "
                             "was imported"));
    } else {
        for (const QJsonValue& v : pack->content.value(QLatin1String("records")).toArray()) {
            ++count;
            FC_TRY(insertRecord(db, v.toObject(), count));
        }
    }
    const qint64 declared = pack->content.value(QLatin1String("recordCount")).toInteger(-1);
    if (declared >= 0 && declared != count)
        return fail(ErrorCode::Rejected,
            CoreText::tr("The registry pack declares %1 records but holds %2; nothing was imported")
                .arg(declared)
                .arg(count));
    auto meta = db.cached("INSERT OR REPLACE INTO registry_meta (key, value) VALUES (?, ?)");
    if (!meta)
        return fail(meta.error());
    (*meta)->bindAll("exported_at", exportedAt);
    FC_TRY((*meta)->run());
    // The pack itself is recorded like any other (version must increase).
    auto insert = db.cached(
        "INSERT INTO packs (id, version, kind, effective_from, effective_to, issuer, created_at, "
        "demo, body, signature_algorithm, key_id, signature, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%s','now') * 1000)");
    if (!insert)
        return fail(insert.error());
    (*insert)->bindAll(pack->id, pack->version, pack->kind,
        pack->effectiveFrom.toString(Qt::ISODate),
        pack->effectiveTo.isValid() ? pack->effectiveTo.toString(Qt::ISODate) : QString(),
        pack->issuer, pack->createdAt, qint64(pack->demo ? 1 : 0),
        QString::fromUtf8(canonicalJson(pack->body)), pack->signatureAlgorithm, pack->keyId,
        pack->signature);
    if (auto ok = (*insert)->run(); !ok) {
        if (ok.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict,
                CoreText::tr("This registry version is already imported; the registry in "
                             "force is unchanged"));
        return fail(ok.error());
    }
    FC_TRY(tx->commit());
    return count;
}

Result<QString> Registry::exportedAt()
{
    auto st
        = m_store.database().cached("SELECT value FROM registry_meta WHERE key = 'exported_at'");
    if (!st)
        return fail(st.error());
    auto row = (*st)->step();
    if (!row)
        return fail(row.error());
    return *row ? (*st)->text(0) : QString();
}

Result<QList<RegistryViolation>> Registry::violationsOf(const QStringList& subjects, qint64& unpaid)
{
    QList<RegistryViolation> out;
    unpaid = 0;
    auto st = m_store.database().cached("SELECT date, code, description, amount_fen, paid FROM "
                                        "registry_violations WHERE subject = ? ORDER BY date DESC");
    if (!st)
        return fail(st.error());
    for (const QString& subject : subjects) {
        if (subject.isEmpty())
            continue;
        (*st)->reset();
        (*st)->bind(1, subject);
        while (true) {
            auto row = (*st)->step();
            if (!row)
                return fail(row.error());
            if (!*row)
                break;
            RegistryViolation v {(*st)->text(0), (*st)->text(1), (*st)->text(2), (*st)->int64(3),
                (*st)->int64(4) != 0};
            if (!v.paid)
                unpaid += v.amountFen;
            out << v;
        }
    }
    return out;
}

Result<std::optional<VehicleInfo>> Registry::vehicle(
    const QString& plate, const QString& plateColour)
{
    auto st = m_store.database().cached(
        "SELECT v.plate, v.plate_colour, v.transport_cert_no, v.cert_status, v.cert_valid_until, "
        "v.operator_uscc, coalesce(o.name, v.operator_name), o.licence_status, v.vehicle_type, "
        "v.axles FROM registry_vehicles v LEFT JOIN registry_operators o ON o.uscc = "
        "v.operator_uscc "
        "WHERE v.plate = ? AND (? = '' OR v.plate_colour = ?) LIMIT 1");
    if (!st)
        return fail(st.error());
    (*st)->bindAll(plate, plateColour.isNull() ? QStringLiteral("") : plateColour,
        plateColour.isNull() ? QStringLiteral("") : plateColour);
    auto row = (*st)->step();
    if (!row)
        return fail(row.error());
    if (!*row)
        return std::optional<VehicleInfo>();
    VehicleInfo v;
    v.plate = (*st)->text(0);
    v.plateColour = (*st)->text(1);
    v.transportCertNo = (*st)->text(2);
    v.certStatus = (*st)->text(3);
    v.certValidUntil = (*st)->text(4);
    v.operatorUscc = (*st)->text(5);
    v.operatorName = (*st)->text(6);
    v.operatorLicenceStatus = (*st)->text(7);
    v.vehicleType = (*st)->text(8);
    v.axles = int((*st)->int64(9));
    auto violations = violationsOf({v.plate, v.operatorUscc}, v.unpaidFen);
    if (!violations)
        return fail(violations.error());
    v.violations = *violations;
    auto exported = exportedAt();
    v.exportedAt = exported ? *exported : QString();
    return std::optional<VehicleInfo>(v);
}

Result<std::optional<DriverInfo>> Registry::driver(const QString& idNumber)
{
    auto st = m_store.database().cached("SELECT id_number, name, qualification_no, "
                                        "qualification_status, valid_until FROM registry_drivers "
                                        "WHERE id_number = ?");
    if (!st)
        return fail(st.error());
    (*st)->bind(1, idNumber);
    auto row = (*st)->step();
    if (!row)
        return fail(row.error());
    if (!*row)
        return std::optional<DriverInfo>();
    DriverInfo d {
        (*st)->text(0), (*st)->text(1), (*st)->text(2), (*st)->text(3), (*st)->text(4), {}, 0, {}};
    auto violations = violationsOf({d.idNumber}, d.unpaidFen);
    if (!violations)
        return fail(violations.error());
    d.violations = *violations;
    auto exported = exportedAt();
    d.exportedAt = exported ? *exported : QString();
    return std::optional<DriverInfo>(d);
}

Status Registry::indexLaw(const QList<LawArticle>& articles)
{
    db::Database& db = m_store.database();
    auto tx = db::Transaction::begin(db);
    if (!tx)
        return fail(tx.error());
    FC_TRY(db.exec("DELETE FROM law_fts"));
    auto st = db.cached("INSERT INTO law_fts (code, law, article, text) VALUES (?, ?, ?, ?)");
    if (!st)
        return fail(st.error());
    for (const LawArticle& a : articles) {
        (*st)->reset();
        (*st)->bindAll(a.code, a.law, a.article, a.text);
        FC_TRY((*st)->run());
    }
    return tx->commit();
}

Result<QList<LawHit>> Registry::searchLaw(const QString& query, int limit)
{
    const QString q = query.trimmed();
    if (q.isEmpty())
        return QList<LawHit>();
    db::Database& db = m_store.database();
    // Trigram MATCH needs ≥ 3 characters; below that SQLite 3.40 returns no rows for MATCH and
    // for LIKE on the FTS table (stack.md), so short queries scan with instr() instead.
    const bool useIndex = q.size() >= 3;
    auto st = useIndex
        ? db.prepare("SELECT code, law, article, text, snippet(law_fts, 3, '【', '】', '…', 24) "
                     "FROM law_fts WHERE law_fts MATCH ? ORDER BY rank LIMIT ?")
        : db.prepare(
            "SELECT code, law, article, text, substr(text, max(1, instr(text, ?1) - 20), 60) "
            "FROM law_fts WHERE instr(text, ?1) > 0 OR instr(law, ?1) > 0 "
            "OR instr(article, ?1) > 0 LIMIT ?2");
    if (!st)
        return fail(st.error());
    // User text is quoted as one FTS5 phrase so operators in it are not interpreted.
    const QString phrase = QLatin1Char('"')
        + QString(q).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    st->bind(1, useIndex ? phrase : q).bind(2, qint64(limit));
    QList<LawHit> hits;
    while (true) {
        auto row = st->step();
        if (!row)
            return fail(row.error());
        if (!*row)
            return hits;
        hits << LawHit {{st->text(0), st->text(1), st->text(2), st->text(3)}, st->text(4)};
    }
}

} // namespace fieldcase::rules
