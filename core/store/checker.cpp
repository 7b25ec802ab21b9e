#include "core/store/checker.h"

#include "core/event/eventtypes.h"
#include "core/store/projector.h"
#include "core/store/schema.h"
#include "core/util/text.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <map>
#include <set>
#include <thread>
#include <vector>

namespace fieldcase {

namespace {

void checkDatabase(db::Database& db, CheckReport& report)
{
    auto stmt = db.prepare("PRAGMA integrity_check(50)");
    if (!stmt) {
        report.issues.append({QStringLiteral("database"), db.path(), stmt.error().toString()});
        return;
    }
    while (true) {
        auto row = stmt->step();
        if (!row) {
            report.issues.append({QStringLiteral("database"), db.path(), row.error().toString()});
            return;
        }
        if (!*row)
            return;
        if (stmt->text(0) != QLatin1String("ok"))
            report.issues.append({QStringLiteral("database"), db.path(), stmt->text(0)});
    }
}

Status checkEvents(CaseStore& store, CheckReport& report)
{
    db::Database& db = store.database();
    std::map<QString, std::optional<PublicKey>> keys;
    auto keyRows = db.prepare("SELECT id, public_key_pem FROM terminals");
    if (!keyRows)
        return fail(std::move(keyRows.error()));
    while (true) {
        auto row = keyRows->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            break;
        auto key = PublicKey::fromPem(keyRows->textUtf8(1));
        keys[keyRows->text(0)] = key ? std::optional<PublicKey>(*key) : std::nullopt;
    }

    // Signature verification (SM2: ~0.3 ms each) dominates the check, so events are collected in
    // batches and their signatures verified on two threads; the issues are then emitted in the
    // same order and form as a one-by-one check would.
    struct Pending
    {
        QString id;
        QByteArray body;
        QByteArray signature;
        const PublicKey* key = nullptr;
        QStringList before; // problems found before the signature check
        QStringList after; // and after it
        QList<CheckIssue> chainIssues;
        bool signatureOk = true;
    };
    std::vector<Pending> batch;
    const auto flush = [&] {
        const auto verifyRange = [&batch](size_t from, size_t to) {
            for (size_t i = from; i < to; ++i)
                if (batch[i].key)
                    batch[i].signatureOk = batch[i].key->verify(batch[i].body, batch[i].signature);
        };
        const size_t half = batch.size() / 2;
        std::thread second(verifyRange, half, batch.size());
        verifyRange(0, half);
        second.join();
        for (Pending& p : batch) {
            QStringList problems = p.before;
            if (!p.signatureOk)
                problems << CoreText::tr("signature invalid");
            problems << p.after;
            if (!problems.isEmpty())
                report.issues.append(
                    {QStringLiteral("event"), p.id, problems.join(QLatin1String("; "))});
            report.issues.append(p.chainIssues);
        }
        batch.clear();
    };

    auto stmt = db.prepare(std::string("SELECT ") + store::kEventColumns
        + " FROM events ORDER BY terminal_id, case_id, chain_seq");
    if (!stmt)
        return fail(std::move(stmt.error()));
    QString chainTerminal, chainCase;
    qint64 expectedSeq = 1;
    QByteArray storedPrevHash, computedPrevHash;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            break;
        ++report.events;
        const QString id = stmt->text(0);
        auto parsed = store::eventFromRow(*stmt);
        if (!parsed) {
            flush(); // keep the order of issues
            report.issues.append({QStringLiteral("event"), id, parsed.error().message});
            continue;
        }
        const Event& e = *parsed;
        if (e.terminalId != chainTerminal || e.caseId != chainCase) {
            chainTerminal = e.terminalId;
            chainCase = e.caseId;
            expectedSeq = 1;
            storedPrevHash.clear();
            computedPrevHash.clear();
            ++report.chains;
        }

        Pending p;
        p.id = id;
        p.body = e.canonicalBytes();
        p.signature = e.signature;
        const QByteArray computed = Hasher::hash(e.hashAlgorithm, p.body);
        if (computed != e.hash)
            p.before << CoreText::tr("hash mismatch (content altered)");
        auto key = keys.find(e.terminalId);
        if (key == keys.end() || !key->second)
            p.before << CoreText::tr("no usable key for terminal %1").arg(e.terminalId);
        else
            p.key = &*key->second;
        if (const EventTypeSpec* spec = findEventType(e.type); !spec)
            p.after << CoreText::tr("unknown type %1").arg(e.type);
        else if (auto valid = validatePayload(*spec, e.payload); !valid)
            p.after << valid.error().message;

        // Chain links: a link holds if prev equals the previous event's stored hash or its
        // recomputed one, so one altered row is reported once (above), not again as a break.
        if (e.chainSeq != expectedSeq)
            p.chainIssues.append({QStringLiteral("chain"), id,
                CoreText::tr("gap in the chain of terminal %1 in case %2: "
                             "expected position %3, found %4")
                    .arg(e.terminalId, e.caseId)
                    .arg(expectedSeq)
                    .arg(e.chainSeq)});
        else if (e.prev != storedPrevHash && e.prev != computedPrevHash)
            p.chainIssues.append({QStringLiteral("chain"), id,
                CoreText::tr("previous-hash link broken at position %1 of "
                             "terminal %2 in case %3")
                    .arg(e.chainSeq)
                    .arg(e.terminalId, e.caseId)});
        expectedSeq = e.chainSeq + 1;
        storedPrevHash = e.hash;
        computedPrevHash = computed;
        batch.push_back(std::move(p));
        if (batch.size() >= 512)
            flush();
    }
    flush();
    return {};
}

Status checkAudit(CaseStore& store, CheckReport& report)
{
    auto stmt = store.database().prepare(
        "SELECT seq, at, terminal_id, officer_id, role, action, object, detail, prev, hash "
        "FROM audit_log ORDER BY seq");
    if (!stmt)
        return fail(std::move(stmt.error()));
    qint64 expected = 1;
    QByteArray storedPrev, computedPrev;
    const HashAlgorithm alg = store.options().hashAlgorithm;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            break;
        ++report.auditRows;
        const qint64 seq = stmt->int64(0);
        const QByteArray prev = stmt->isNull(8) ? QByteArray() : stmt->blob(8);
        const QByteArray hash = stmt->blob(9);
        const QByteArray computed = Hasher::hash(alg,
            AuditLog::canonicalBytes(seq, stmt->int64(1), stmt->text(2), stmt->text(3),
                stmt->text(4), stmt->text(5), stmt->text(6), stmt->textUtf8(7), prev));
        const QString object = CoreText::tr("audit #%1").arg(seq);
        if (seq != expected)
            report.issues.append(
                {QStringLiteral("audit"), object, CoreText::tr("gap: expected #%1").arg(expected)});
        else if (prev != storedPrev && prev != computedPrev)
            report.issues.append(
                {QStringLiteral("audit"), object, CoreText::tr("previous-hash link broken")});
        if (computed != hash)
            report.issues.append(
                {QStringLiteral("audit"), object, CoreText::tr("hash mismatch (entry altered)")});
        expected = seq + 1;
        storedPrev = hash;
        computedPrev = computed;
    }
    return {};
}

Status checkEvidence(CaseStore& store, CheckReport& report)
{
    db::Database& db = store.database();
    auto stmt = db.prepare("SELECT hash FROM blobs ORDER BY hash");
    if (!stmt)
        return fail(std::move(stmt.error()));
    std::set<QString> known;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            break;
        const QString hash = stmt->text(0);
        known.insert(hash);
        ++report.blobs;
        auto info = store.blobInfo(hash);
        if (!info) {
            report.issues.append({QStringLiteral("evidence"), hash, info.error().message});
            continue;
        }
        report.blobBytes += info->size;
        if (auto ok = store.blobs().verify(*info); !ok)
            report.issues.append({QStringLiteral("evidence"), hash,
                ok.error().message + QStringLiteral(" (") + ok.error().context + QLatin1Char(')')});
    }
    // Evidence this terminal attached must have its manifest row and file here.
    auto orphans = db.prepare(
        "SELECT e.id, json_extract(e.payload, '$.blobHash') FROM events e "
        "WHERE e.type = 'evidence.attached' AND e.terminal_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM blobs b WHERE b.hash = json_extract(e.payload, '$.blobHash'))");
    if (!orphans)
        return fail(std::move(orphans.error()));
    orphans->bind(1, store.terminalId());
    while (true) {
        auto row = orphans->step();
        if (!row)
            return fail(std::move(row.error()));
        if (!*row)
            break;
        report.issues.append({QStringLiteral("evidence"), orphans->text(1),
            CoreText::tr("event %1 names an evidence file that has no "
                         "manifest entry")
                .arg(orphans->text(0))});
    }
    // Files nobody names are left by a crash between file and commit: harmless, kept.
    qint64 unreferenced = 0;
    QDirIterator files(store.blobs().rootDir(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString name = QFileInfo(files.next()).fileName();
        if (name.size() == 64 && known.find(name) == known.end())
            ++unreferenced;
    }
    if (unreferenced > 0)
        report.notes << CoreText::tr("%1 evidence files are not referenced by any manifest "
                                     "entry (left by an interrupted import; harmless)")
                            .arg(unreferenced);
    return {};
}

Status checkProjections(CaseStore& store, CheckReport& report)
{
    QTemporaryDir scratchDir;
    if (!scratchDir.isValid())
        return fail(ErrorCode::Io, CoreText::tr("Could not create a scratch folder for the check"));
    const QString scratchPath = scratchDir.filePath(QStringLiteral("rebuild.db"));
    {
        db::OpenOptions options;
        options.quickCheck = false;
        auto scratch = db::Database::open(scratchPath, options);
        if (!scratch)
            return fail(std::move(scratch.error()));
        FC_TRY((*scratch)->exec(store::projectionSchemaSql()));
        auto tx = db::Transaction::begin(**scratch);
        if (!tx)
            return fail(std::move(tx.error()));
        // Undecodable events are skipped here; checkEvents reports them.
        FC_TRY(store::replayEvents(store.database(), **scratch));
        FC_TRY(tx->commit());
    }
    db::Database& db = store.database();
    {
        // Scoped: a live ATTACH statement would keep the schema busy and block DETACH.
        auto attach = db.prepare("ATTACH DATABASE ? AS rebuilt");
        if (!attach)
            return fail(std::move(attach.error()));
        attach->bind(1, scratchPath);
        FC_TRY(attach->run());
    }
    Status result;
    for (const store::ProjectionTable& t : store::projectionTables()) {
        const std::string name = t.name;
        // Rows in the live table that a rebuild does not produce, then rows a rebuild produces
        // that the live table lacks.
        for (const bool extra : {true, false}) {
            const std::string from = extra ? "main" : "rebuilt";
            const std::string minus = extra ? "rebuilt" : "main";
            auto diff = db.prepare("SELECT count(*) FROM (SELECT * FROM " + from + "." + name
                + " EXCEPT SELECT * FROM " + minus + "." + name + ")");
            if (!diff) {
                result = fail(std::move(diff.error()));
                break;
            }
            auto row = diff->step();
            if (!row) {
                result = fail(std::move(row.error()));
                break;
            }
            const qint64 n = diff->int64(0);
            if (n > 0)
                report.issues.append({QStringLiteral("projection"), QString::fromUtf8(t.name),
                    extra ? CoreText::tr("%1 rows that a rebuild from the log does not produce")
                                .arg(n)
                          : CoreText::tr("%1 rows missing compared with a rebuild from the log")
                                .arg(n)});
        }
    }
    if (auto detach = db.exec("DETACH DATABASE rebuilt"); !detach && result)
        result = detach;
    return result;
}

} // namespace

QString CheckReport::summary() const
{
    QString s = CoreText::tr("%1 events in %2 chains, %3 cases, %4 audit entries, %5 evidence "
                             "files (%6 bytes): ")
                    .arg(events)
                    .arg(chains)
                    .arg(cases)
                    .arg(auditRows)
                    .arg(blobs)
                    .arg(blobBytes);
    s += ok() ? CoreText::tr("OK") : CoreText::tr("%1 PROBLEMS").arg(issues.size());
    return s;
}

QJsonObject CheckReport::toJson() const
{
    QJsonArray list;
    for (const CheckIssue& i : issues)
        list.append(QJsonObject {{QLatin1String("area"), i.area},
            {QLatin1String("object"), i.object}, {QLatin1String("problem"), i.problem}});
    return {{QLatin1String("ok"), ok()}, {QLatin1String("events"), events},
        {QLatin1String("chains"), chains}, {QLatin1String("cases"), cases},
        {QLatin1String("auditEntries"), auditRows}, {QLatin1String("evidenceFiles"), blobs},
        {QLatin1String("evidenceBytes"), blobBytes}, {QLatin1String("issues"), list},
        {QLatin1String("notes"), QJsonArray::fromStringList(notes)}};
}

Result<CheckReport> checkStore(CaseStore& store, const CheckOptions& options)
{
    CheckReport report;
    checkDatabase(store.database(), report);
    auto cases = store.database().scalarInt("SELECT count(*) FROM cases");
    report.cases = cases ? *cases : 0;
    FC_TRY(checkEvents(store, report));
    FC_TRY(checkAudit(store, report));
    if (options.verifyEvidence)
        FC_TRY(checkEvidence(store, report));
    if (options.verifyProjections)
        FC_TRY(checkProjections(store, report));
    return report;
}

} // namespace fieldcase
