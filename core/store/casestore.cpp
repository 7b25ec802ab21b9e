#include "core/store/casestore.h"

#include "core/crypto/random.h"
#include "core/event/eventtypes.h"
#include "core/event/uuid.h"
#include "core/store/projector.h"
#include "core/store/schema.h"
#include "core/util/durablefile.h"
#include "core/util/logging.h"
#include "core/util/text.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace fieldcase {

namespace {

constexpr const char* kDbFile = "fieldcase.db";
constexpr const char* kTerminalKeyFile = "keys/terminal.pem";
constexpr const char* kStorageKeyFile = "keys/storage.key";

Result<std::optional<QString>> metaValue(db::Database& db, const char* key)
{
    auto stmt = db.cached("SELECT value FROM meta WHERE key = ?");
    if (!stmt)
        return fail(std::move(stmt.error()));
    (*stmt)->bind(1, key);
    auto row = (*stmt)->step();
    if (!row)
        return fail(std::move(row.error()));
    if (!*row)
        return std::optional<QString>();
    return std::optional<QString>((*stmt)->text(0));
}

Status setMeta(db::Database& db, const char* key, const QString& value)
{
    auto stmt = db.cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    if (!stmt)
        return fail(std::move(stmt.error()));
    (*stmt)->bindAll(key, value);
    return (*stmt)->run();
}

Result<QByteArray> readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, CoreText::tr("Could not read a key file"),
            path + QStringLiteral(": ") + f.errorString());
    return f.readAll();
}

QString rolesText(const QList<Role>& roles)
{
    QStringList names;
    for (Role r : roles)
        names << roleName(r);
    return names.join(QLatin1Char(','));
}

int blobPriority(const QString& kind)
{
    // Records first; small evidence next; bulk media last so it never holds records back.
    if (kind == QLatin1String("audio") || kind == QLatin1String("video"))
        return 3;
    return 2;
}

} // namespace

CaseStore::CaseStore(StoreOptions options, const Clock& clock)
    : m_options(std::move(options))
    , m_clock(clock)
    , m_hlc(clock)
{ }

CaseStore::~CaseStore() = default;

QString CaseStore::databasePath() const
{
    return QDir(m_options.directory).filePath(QLatin1String(kDbFile));
}

Result<std::unique_ptr<CaseStore>> CaseStore::open(const StoreOptions& options, const Clock& clock)
{
    if (options.directory.isEmpty())
        return fail(ErrorCode::InvalidArgument, CoreText::tr("No data directory was given"));
    std::unique_ptr<CaseStore> store(new CaseStore(options, clock));
    FC_TRY(store->initialise());
    return store;
}

Status CaseStore::initialise()
{
    QDir dir(m_options.directory);
    if (!dir.mkpath(QStringLiteral("keys")))
        return fail(ErrorCode::Io, CoreText::tr("Could not create the data directory"),
            m_options.directory);
    QFile::setPermissions(dir.filePath(QStringLiteral("keys")),
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    db::OpenOptions dbOptions;
    dbOptions.vfs = m_options.sqliteVfs;
    dbOptions.quickCheck = m_options.quickCheck;
    auto opened = db::Database::open(databasePath(), dbOptions);
    if (!opened)
        return fail(std::move(opened.error()));
    m_db = std::move(*opened);
    auto version = db::migrate(*m_db, store::migrations());
    if (!version)
        return fail(std::move(version.error()));

    FC_TRY(loadOrCreateIdentity());
    m_signer = std::make_unique<Signer>(*m_key);
    m_checkpointer = std::make_unique<db::WalCheckpointer>(*m_db);

    m_blobs = std::make_unique<BlobStore>(
        dir.filePath(QStringLiteral("evidence")), m_options.hashAlgorithm, m_options.cipherSuite);
    FC_TRY(m_blobs->ensureLayout());
    // Temporaries are files whose ingest never committed (crash, power cut): no row names them.
    FC_TRY(m_blobs->removeTemporaries());

    m_audit = std::make_unique<AuditLog>(*m_db, m_clock, m_terminalId, m_options.hashAlgorithm);

    // Never issue a timestamp older than one already in the log (the RTC may have gone back).
    auto last = m_db->prepare("SELECT hlc_ms, hlc_counter FROM events "
                              "ORDER BY hlc_ms DESC, hlc_counter DESC LIMIT 1");
    if (!last)
        return fail(std::move(last.error()));
    auto row = last->step();
    if (!row)
        return fail(std::move(row.error()));
    if (*row)
        m_hlc.observe({last->int64(0), qint32(last->int64(1))});
    return {};
}

Status CaseStore::loadOrCreateIdentity()
{
    QDir dir(m_options.directory);
    const QString keyPath = dir.filePath(QLatin1String(kTerminalKeyFile));
    const QString storageKeyPath = dir.filePath(QLatin1String(kStorageKeyFile));

    auto terminal = metaValue(*m_db, "terminal_id");
    if (!terminal)
        return fail(std::move(terminal.error()));

    if (terminal->has_value()) {
        m_terminalId = **terminal;
        // Algorithms are fixed when the store is created; the stored choice wins over options.
        auto hashAlg = metaValue(*m_db, "hash_algorithm");
        auto cipher = metaValue(*m_db, "cipher_suite");
        if (!hashAlg || !cipher)
            return fail(ErrorCode::Corrupt, CoreText::tr("The store's settings are unreadable"));
        if (hashAlg->has_value())
            m_options.hashAlgorithm
                = hashAlgorithmFromName(**hashAlg).value_or(m_options.hashAlgorithm);
        if (cipher->has_value())
            m_options.cipherSuite = cipherSuiteFromName(**cipher).value_or(m_options.cipherSuite);
        auto pem = readFile(keyPath);
        if (!pem)
            return fail(ErrorCode::Corrupt,
                CoreText::tr("The terminal key is missing or unreadable; restore it from "
                             "the provisioning backup or re-enrol the terminal"),
                keyPath);
        auto key = KeyPair::fromPrivatePem(*pem);
        if (!key)
            return fail(
                ErrorCode::Corrupt, CoreText::tr("The terminal key file is damaged"), keyPath);
        m_key = std::move(*key);
        m_options.signatureAlgorithm = m_key->algorithm();
        auto storageKey = readFile(storageKeyPath);
        if (!storageKey || storageKey->size() != cipherKeyLength(m_options.cipherSuite))
            return fail(ErrorCode::Corrupt,
                CoreText::tr("The evidence storage key is missing or damaged; evidence "
                             "cannot be read without it"),
                storageKeyPath);
        m_storageKey = *storageKey;
        return {};
    }

    // First open: create the terminal identity. Keys are written before the database row that
    // names them, so a crash in between leaves only unused key files (overwritten next time).
    m_terminalId = makeUuidV7(m_clock.nowMs());
    auto key = KeyPair::generate(m_options.signatureAlgorithm);
    if (!key)
        return fail(std::move(key.error()));
    m_key = std::move(*key);
    m_storageKey = randomBytes(cipherKeyLength(m_options.cipherSuite));
    FC_TRY(writeFileDurably(keyPath, m_key->privatePem(), 0600));
    FC_TRY(writeFileDurably(storageKeyPath, m_storageKey, 0600));

    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    FC_TRY(setMeta(*m_db, "terminal_id", m_terminalId));
    FC_TRY(setMeta(*m_db, "hash_algorithm", hashAlgorithmName(m_options.hashAlgorithm)));
    FC_TRY(setMeta(*m_db, "signature_algorithm", signatureAlgorithmName(m_key->algorithm())));
    FC_TRY(setMeta(*m_db, "cipher_suite", cipherSuiteName(m_options.cipherSuite)));
    FC_TRY(setMeta(*m_db, "created_at", QString::number(m_clock.nowMs())));
    auto insert = m_db->cached("INSERT INTO terminals (id, algorithm, public_key_pem, label) "
                               "VALUES (?, ?, ?, 'this terminal')");
    if (!insert)
        return fail(std::move(insert.error()));
    (*insert)->bindAll(m_terminalId, signatureAlgorithmName(m_key->algorithm()),
        QString::fromLatin1(m_key->publicKey().toPem()));
    FC_TRY((*insert)->run());
    FC_TRY(tx->commit());
    qCInfo(lcEvents) << "created terminal identity" << m_terminalId;
    return {};
}

// ------------------------------------------------------------------------------- officers

Status CaseStore::registerOfficer(const Actor& by, const Officer& officer)
{
    if (officer.id.isEmpty() || officer.name.trimmed().isEmpty() || officer.roles.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("An officer needs an id, a name and at least one role"));
    auto count = m_db->scalarInt("SELECT count(*) FROM officers");
    if (!count)
        return fail(std::move(count.error()));
    const bool bootstrap = *count == 0;
    if (!bootstrap)
        FC_TRY(checkActor(by, QStringLiteral("officer.registered"), 1, {Role::Installer}, ""));

    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    auto stmt = m_db->cached("INSERT OR REPLACE INTO officers (id, name, cert_no, unit_id, roles, "
                             "active) VALUES (?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return fail(std::move(stmt.error()));
    (*stmt)->bindAll(officer.id, officer.name, officer.certNo, officer.unitId,
        rolesText(officer.roles), qint64(officer.active ? 1 : 0));
    FC_TRY((*stmt)->run());
    FC_TRY(
        m_audit->record(by.officerIds.value(0), bootstrap ? std::nullopt : std::optional(by.role),
            QLatin1String(audit::kOfficerRegistered), officer.id,
            {{QLatin1String("roles"), rolesText(officer.roles)},
                {QLatin1String("bootstrap"), bootstrap}}));
    return tx->commit();
}

Result<Officer> CaseStore::officer(const QString& id)
{
    auto stmt = m_db->cached(
        "SELECT id, name, cert_no, unit_id, roles, active FROM officers WHERE id = ?");
    if (!stmt)
        return fail(std::move(stmt.error()));
    (*stmt)->bind(1, id);
    auto row = (*stmt)->step();
    if (!row)
        return fail(std::move(row.error()));
    if (!*row)
        return fail(ErrorCode::NotFound, CoreText::tr("Unknown officer"), id);
    Officer o;
    o.id = (*stmt)->text(0);
    o.name = (*stmt)->text(1);
    o.certNo = (*stmt)->text(2);
    o.unitId = (*stmt)->text(3);
    for (const QString& r : (*stmt)->text(4).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (auto role = roleFromName(r))
            o.roles << *role;
    o.active = (*stmt)->int64(5) != 0;
    return o;
}

Status CaseStore::registerTerminal(
    const Actor& by, const QString& terminalId, const PublicKey& key, const QString& label)
{
    FC_TRY(checkActor(by, QStringLiteral("terminal.registered"), 1, {Role::Installer}, ""));
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    auto stmt = m_db->cached(
        "INSERT INTO terminals (id, algorithm, public_key_pem, label) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET label = excluded.label "
        "WHERE public_key_pem = excluded.public_key_pem");
    if (!stmt)
        return fail(std::move(stmt.error()));
    (*stmt)->bindAll(terminalId, signatureAlgorithmName(key.algorithm()),
        QString::fromLatin1(key.toPem()), label);
    FC_TRY((*stmt)->run());
    if (m_db->changes() == 0)
        return fail(ErrorCode::Conflict,
            CoreText::tr("A different key is already registered for this terminal"), terminalId);
    FC_TRY(m_audit->record(by.officerIds.value(0), by.role,
        QLatin1String(audit::kTerminalRegistered), terminalId,
        {{QLatin1String("fingerprint"), QString::fromLatin1(key.fingerprint().toHex())}}));
    return tx->commit();
}

Status CaseStore::checkActor(const Actor& actor, const QString& type, int minActors,
    const std::vector<Role>& roles, const char* legalBasis)
{
    if (actor.officerIds.isEmpty())
        return fail(
            ErrorCode::PermissionDenied, CoreText::tr("No officer is named for “%1”").arg(type));
    if (std::find(roles.begin(), roles.end(), actor.role) == roles.end())
        return fail(ErrorCode::PermissionDenied,
            CoreText::tr("The %1 role may not do “%2”").arg(roleName(actor.role), type));
    QStringList seen;
    for (const QString& id : actor.officerIds) {
        if (seen.contains(id))
            return fail(
                ErrorCode::InvalidArgument, CoreText::tr("Officer %1 is named twice").arg(id));
        seen << id;
        auto o = officer(id);
        if (!o)
            return fail(ErrorCode::PermissionDenied,
                CoreText::tr("Officer %1 is not registered on this terminal").arg(id));
        if (!o->active)
            return fail(
                ErrorCode::PermissionDenied, CoreText::tr("Officer %1 is deactivated").arg(id));
        if (!o->roles.contains(actor.role))
            return fail(ErrorCode::PermissionDenied,
                CoreText::tr("Officer %1 does not hold the %2 role").arg(id, roleName(actor.role)));
    }
    if (actor.officerIds.size() < minActors)
        return fail(ErrorCode::PermissionDenied,
            CoreText::tr("“%1” needs at least %2 officers acting together (%3)")
                .arg(type)
                .arg(minActors)
                .arg(QString::fromUtf8(legalBasis)));
    return {};
}

// --------------------------------------------------------------------------------- append

Result<Event> CaseStore::append(const Actor& actor, const NewEvent& newEvent)
{
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    auto event = appendInTransaction(actor, newEvent);
    if (!event)
        return event;
    FC_TRY(tx->commit());
    return event;
}

Result<Event> CaseStore::appendInTransaction(const Actor& actor, const NewEvent& in)
{
    const EventTypeSpec* spec = findEventType(in.type);
    if (!spec)
        return fail(
            ErrorCode::InvalidArgument, CoreText::tr("Unknown event type “%1”").arg(in.type));
    FC_TRY(checkActor(actor, in.type, spec->minActors, spec->roles, spec->legalBasis));
    FC_TRY(validatePayload(*spec, in.payload));
    FC_TRY(validatePosition(in.position));

    const bool opening = in.type == QLatin1String("case.opened");
    QString caseId = in.caseId;
    if (opening) {
        if (caseId.isEmpty())
            caseId = makeUuidV7(m_clock.nowMs());
        else if (!isUuidV7(caseId))
            return fail(ErrorCode::InvalidArgument, CoreText::tr("A case id must be a UUIDv7"));
    }
    auto status = m_db->cached("SELECT status FROM cases WHERE id = ?");
    if (!status)
        return fail(std::move(status.error()));
    (*status)->bind(1, caseId);
    auto row = (*status)->step();
    if (!row)
        return fail(std::move(row.error()));
    if (opening && *row)
        return fail(ErrorCode::Conflict, CoreText::tr("This case is already open"), caseId);
    if (!opening && !*row)
        return fail(ErrorCode::NotFound, CoreText::tr("There is no case with this id"), caseId);
    if (!opening && (*status)->text(0) != QLatin1String("open")
        && in.type != QLatin1String("case.note"))
        return fail(ErrorCode::Conflict,
            (*status)->text(0) == QLatin1String("closed")
                ? CoreText::tr("The case is closed; only notes can be added")
                : CoreText::tr("The case was transferred to another unit; only notes can be added"),
            caseId);
    (*status)->reset();

    Event e;
    e.id = makeUuidV7(m_clock.nowMs());
    e.caseId = caseId;
    e.type = in.type;
    e.schemaVersion = spec->schemaVersion;
    e.actors = actor.officerIds;
    e.role = actor.role;
    e.terminalId = m_terminalId;
    e.at = m_hlc.now();
    e.position = in.position;
    e.payload = in.payload;
    e.hashAlgorithm = m_options.hashAlgorithm;

    auto tip = store::chainTip(*m_db, m_terminalId, caseId);
    if (!tip)
        return fail(std::move(tip.error()));
    e.chainSeq = tip->position + 1;
    e.prev = tip->hash;

    const QByteArray body = e.canonicalBytes();
    e.hash = Hasher::hash(e.hashAlgorithm, body);
    auto sig = m_signer->sign(body);
    if (!sig)
        return fail(std::move(sig.error()));
    e.signature = *sig;

    FC_TRY(store::insertEvent(*m_db, e));

    FC_TRY(store::Projector::apply(*m_db, e));

    auto outbox = m_db->cached(
        "INSERT INTO outbox (kind, ref, priority, created_at) VALUES ('event', ?, 0, ?)");
    if (!outbox)
        return fail(std::move(outbox.error()));
    (*outbox)->bindAll(e.id, m_clock.nowMs());
    FC_TRY((*outbox)->run());
    qCDebug(lcEvents) << "appended" << e.type << e.id << "case" << e.caseId;
    return e;
}

// ------------------------------------------------------------------------------- evidence

Result<Event> CaseStore::attachEvidence(
    const Actor& actor, const QString& caseId, QIODevice& source, const EvidenceMeta& meta)
{
    // Refuse early (before writing gigabytes) if the officer may not attach evidence here.
    const EventTypeSpec* spec = findEventType(u"evidence.attached");
    FC_TRY(checkActor(actor, QStringLiteral("evidence.attached"), spec->minActors, spec->roles,
        spec->legalBasis));

    // 1. The file lands durably under its content address before any row names it. A crash
    //    after this point leaves an unreferenced blob, never a row without a file.
    const qint64 start = source.isSequential() ? -1 : source.pos();
    auto blob = m_blobs->ingest(source);
    if (!blob)
        return fail(std::move(blob.error()));
    if (blob->alreadyPresent) {
        auto manifest = blobInfo(blob->hashHex);
        if (!manifest && manifest.error().code == ErrorCode::NotFound) {
            // An orphan: a previous ingest of this content crashed after the file landed but
            // before its manifest row committed, so its key is lost. Replace it with this copy.
            if (start < 0 || !source.seek(start))
                return fail(ErrorCode::Conflict,
                    CoreText::tr("An unfinished copy of this file is in the evidence "
                                 "store; attach it again from a file"),
                    blob->hashHex);
            FC_TRY(m_blobs->remove(blob->hashHex));
            blob = m_blobs->ingest(source);
            if (!blob)
                return fail(std::move(blob.error()));
        }
    }

    NewEvent ne;
    ne.type = QStringLiteral("evidence.attached");
    ne.caseId = caseId;
    ne.position = meta.position;
    ne.payload = {{QLatin1String("evidenceId"), makeUuidV7(m_clock.nowMs())},
        {QLatin1String("kind"), meta.kind}, {QLatin1String("blobHash"), blob->hashHex},
        {QLatin1String("hashAlgorithm"), hashAlgorithmName(blob->hashAlgorithm)},
        {QLatin1String("size"), blob->size}};
    if (!meta.mediaType.isEmpty())
        ne.payload.insert(QLatin1String("mediaType"), meta.mediaType);
    if (!meta.title.isEmpty())
        ne.payload.insert(QLatin1String("title"), meta.title);
    if (meta.capturedAt > 0)
        ne.payload.insert(QLatin1String("capturedAt"), meta.capturedAt);
    if (!meta.description.isEmpty())
        ne.payload.insert(QLatin1String("description"), meta.description);

    // 2. Manifest row, event, projection and outbox commit together.
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    if (!blob->alreadyPresent) {
        auto wrapped = seal(m_options.cipherSuite, m_storageKey, blob->key);
        if (!wrapped)
            return fail(std::move(wrapped.error()));
        auto insert = m_db->cached(
            "INSERT OR IGNORE INTO blobs (hash, hash_alg, size, suite, wrapped_key, iv, tag, "
            "stored_size, media_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!insert)
            return fail(std::move(insert.error()));
        (*insert)->bindAll(blob->hashHex, hashAlgorithmName(blob->hashAlgorithm), blob->size,
            cipherSuiteName(blob->suite), *wrapped, blob->iv, blob->tag, blob->storedSize,
            meta.mediaType, m_clock.nowMs());
        FC_TRY((*insert)->run());
    } else {
        // Same content stored before: its manifest row holds the key. Without a row the file
        // is an orphan from a crash between file and commit; handled before the transaction.
        auto known = m_db->cached("SELECT 1 FROM blobs WHERE hash = ?");
        if (!known)
            return fail(std::move(known.error()));
        (*known)->bind(1, blob->hashHex);
        auto found = (*known)->step();
        if (!found)
            return fail(std::move(found.error()));
        if (!*found)
            return fail(ErrorCode::Internal, CoreText::tr("Evidence orphan was not replaced"),
                blob->hashHex);
    }
    auto event = appendInTransaction(actor, ne);
    if (!event)
        return event;
    auto outbox = m_db->cached("INSERT OR IGNORE INTO outbox (kind, ref, priority, created_at) "
                               "VALUES ('blob', ?, ?, ?)");
    if (!outbox)
        return fail(std::move(outbox.error()));
    (*outbox)->bindAll(blob->hashHex, qint64(blobPriority(meta.kind)), m_clock.nowMs());
    FC_TRY((*outbox)->run());
    FC_TRY(tx->commit());
    return event;
}

Result<BlobInfo> CaseStore::blobInfo(const QString& blobHash)
{
    auto stmt = m_db->cached("SELECT hash, hash_alg, size, suite, wrapped_key, iv, tag, "
                             "stored_size FROM blobs WHERE hash = ?");
    if (!stmt)
        return fail(std::move(stmt.error()));
    (*stmt)->bind(1, blobHash);
    auto row = (*stmt)->step();
    if (!row)
        return fail(std::move(row.error()));
    if (!*row)
        return fail(ErrorCode::NotFound, CoreText::tr("No such evidence file"), blobHash);
    BlobInfo info;
    info.hashHex = (*stmt)->text(0);
    info.hashAlgorithm = hashAlgorithmFromName((*stmt)->text(1)).value_or(HashAlgorithm::Sm3);
    info.size = (*stmt)->int64(2);
    const auto suite = cipherSuiteFromName((*stmt)->text(3));
    if (!suite)
        return fail(
            ErrorCode::Corrupt, CoreText::tr("Unknown cipher in the evidence manifest"), blobHash);
    info.suite = *suite;
    const QByteArray wrapped = (*stmt)->blob(4);
    info.iv = (*stmt)->blob(5);
    info.tag = (*stmt)->blob(6);
    info.storedSize = (*stmt)->int64(7);
    (*stmt)->reset();
    auto key = fieldcase::open(m_options.cipherSuite, m_storageKey, wrapped);
    if (!key)
        return fail(ErrorCode::Corrupt, CoreText::tr("The evidence file key cannot be unwrapped"),
            blobHash);
    info.key = *key;
    return info;
}

Result<qint64> CaseStore::readEvidence(const QString& blobHash, QIODevice& sink)
{
    auto info = blobInfo(blobHash);
    if (!info)
        return fail(std::move(info.error()));
    return m_blobs->decryptTo(*info, sink);
}

// --------------------------------------------------------------------------------- import

Result<QList<ImportOutcome>> CaseStore::importEvents(const QList<Event>& events)
{
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    QList<ImportOutcome> outcomes;
    for (const Event& e : events) {
        auto outcome = importOne(e);
        if (!outcome)
            return fail(std::move(outcome.error())); // storage failure: nothing of the batch stays
        if (outcome->kind == ImportOutcome::Kind::Rejected)
            qCWarning(lcEvents) << "rejected event" << e.id << outcome->reason;
        outcomes << *outcome;
    }
    qint64 applied = 0, duplicates = 0, rejected = 0;
    for (const ImportOutcome& o : outcomes)
        ++(o.kind == ImportOutcome::Kind::Applied          ? applied
                : o.kind == ImportOutcome::Kind::Duplicate ? duplicates
                                                           : rejected);
    FC_TRY(m_audit->record({}, std::nullopt, QLatin1String(audit::kEventsImported), {},
        {{QLatin1String("applied"), applied}, {QLatin1String("duplicates"), duplicates},
            {QLatin1String("rejected"), rejected}}));
    FC_TRY(tx->commit());
    return outcomes;
}

Result<ImportOutcome> CaseStore::importOne(const Event& e)
{
    ImportOutcome out {e.id, ImportOutcome::Kind::Rejected, {}};
    auto reject = [&](const QString& reason) {
        out.reason = reason;
        return out;
    };

    auto exists = m_db->cached("SELECT hash FROM events WHERE id = ?");
    if (!exists)
        return fail(std::move(exists.error()));
    (*exists)->bind(1, e.id);
    auto found = (*exists)->step();
    if (!found)
        return fail(std::move(found.error()));
    if (*found) {
        const QByteArray storedHash = (*exists)->blob(0);
        (*exists)->reset();
        if (storedHash == e.hash) {
            out.kind = ImportOutcome::Kind::Duplicate;
            return out;
        }
        return reject(
            CoreText::tr("an event with this id but different content is already stored"));
    }
    (*exists)->reset();

    const EventTypeSpec* spec = findEventType(e.type);
    if (!spec)
        return reject(CoreText::tr("unknown event type %1").arg(e.type));
    if (e.schemaVersion != spec->schemaVersion)
        return reject(
            CoreText::tr("unsupported schema version %1 of %2").arg(e.schemaVersion).arg(e.type));
    if (auto valid = validatePayload(*spec, e.payload); !valid)
        return reject(valid.error().message);
    if (auto valid = validatePosition(e.position); !valid)
        return reject(valid.error().message);
    if (e.actors.size() < spec->minActors)
        return reject(CoreText::tr("needs %1 officers acting together").arg(spec->minActors));
    if (std::find(spec->roles.begin(), spec->roles.end(), e.role) == spec->roles.end())
        return reject(CoreText::tr("the %1 role may not do %2").arg(roleName(e.role), e.type));

    auto keyRow = m_db->cached("SELECT public_key_pem FROM terminals WHERE id = ?");
    if (!keyRow)
        return fail(std::move(keyRow.error()));
    (*keyRow)->bind(1, e.terminalId);
    auto hasKey = (*keyRow)->step();
    if (!hasKey)
        return fail(std::move(hasKey.error()));
    if (!*hasKey)
        return reject(CoreText::tr("unknown terminal %1 (no registered key)").arg(e.terminalId));
    auto key = PublicKey::fromPem((*keyRow)->textUtf8(0));
    (*keyRow)->reset();
    if (!key)
        return reject(
            CoreText::tr("the registered key of terminal %1 is unreadable").arg(e.terminalId));

    const QByteArray body = e.canonicalBytes();
    if (Hasher::hash(e.hashAlgorithm, body) != e.hash)
        return reject(CoreText::tr("hash mismatch: the event content was altered"));
    if (!key->verify(body, e.signature))
        return reject(CoreText::tr("bad signature: not signed by terminal %1").arg(e.terminalId));

    auto tip = store::chainTip(*m_db, e.terminalId, e.caseId);
    if (!tip)
        return fail(std::move(tip.error()));
    const qint64 lastSeq = tip->position;
    const QByteArray lastHash = tip->hash;
    if (e.chainSeq != lastSeq + 1)
        return reject(
            CoreText::tr("chain gap: expected position %1 of this terminal's chain, got %2")
                .arg(lastSeq + 1)
                .arg(e.chainSeq));
    if (e.prev != lastHash)
        return reject(CoreText::tr("chain break: previous hash does not match"));

    // Is it later (in canonical order) than everything already applied for this case? Then it
    // can be applied incrementally; otherwise the case is re-projected so the tables equal a
    // rebuild.
    auto latest = m_db->cached("SELECT hlc_ms, hlc_counter, terminal_id, id FROM events "
                               "WHERE case_id = ? ORDER BY hlc_ms DESC, hlc_counter DESC, "
                               "terminal_id DESC, id DESC LIMIT 1");
    if (!latest)
        return fail(std::move(latest.error()));
    (*latest)->bind(1, e.caseId);
    auto hasLatest = (*latest)->step();
    if (!hasLatest)
        return fail(std::move(hasLatest.error()));
    bool inOrder = true;
    if (*hasLatest) {
        const auto key1 = std::make_tuple(e.at.ms, qint64(e.at.counter), e.terminalId, e.id);
        const auto key2 = std::make_tuple(
            (*latest)->int64(0), (*latest)->int64(1), (*latest)->text(2), (*latest)->text(3));
        inOrder = key1 > key2;
    }
    (*latest)->reset();

    FC_TRY(store::insertEvent(*m_db, e));

    if (inOrder)
        FC_TRY(store::Projector::apply(*m_db, e));
    else
        FC_TRY(store::Projector::reprojectCase(*m_db, *m_db, e.caseId));
    m_hlc.observe(e.at);
    out.kind = ImportOutcome::Kind::Applied;
    return out;
}

// ------------------------------------------------------------------------- misc commands

Status CaseStore::requestDelete(const Actor& actor, const QString& what)
{
    // Nothing is deleted (ARCHITECTURE.md §3; 行政处罚法 art 47 requires a complete record):
    // the attempt itself is recorded.
    FC_TRY(m_audit->record(actor.officerIds.value(0), actor.role,
        QLatin1String(audit::kDeleteAttempt), what, {{QLatin1String("refused"), true}}));
    return fail(ErrorCode::PermissionDenied,
        CoreText::tr("Records cannot be deleted; void or correct them instead"), what);
}

Status CaseStore::rebuildProjections()
{
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(std::move(tx.error()));
    const auto tables = store::projectionTables();
    for (auto it = tables.rbegin(); it != tables.rend(); ++it)
        FC_TRY(m_db->exec(std::string("DELETE FROM ") + it->name));
    FC_TRY(store::replayEvents(*m_db, *m_db));
    return tx->commit();
}

Result<QList<Event>> CaseStore::caseEvents(const QString& caseId)
{
    return store::loadEvents(*m_db, "case_id = ?", {caseId});
}

Result<Event> CaseStore::event(const QString& eventId)
{
    auto list = store::loadEvents(*m_db, "id = ?", {eventId});
    if (!list)
        return fail(std::move(list.error()));
    if (list->isEmpty())
        return fail(ErrorCode::NotFound, CoreText::tr("No such event"), eventId);
    return list->first();
}

// ------------------------------------------------------------------------------ numbering

QString CaseStore::formatNumber(const QString& pattern, int year, qint64 seq)
{
    QString out = pattern;
    out.replace(QStringLiteral("{year}"), QString::number(year));
    static const QRegularExpression seqField(QStringLiteral("\\{seq(?::(\\d+))?\\}"));
    const QRegularExpressionMatch m = seqField.match(out);
    if (m.hasMatch()) {
        const int width = m.captured(1).isEmpty() ? 0 : m.captured(1).toInt();
        out.replace(m.capturedStart(), m.capturedLength(),
            QStringLiteral("%1").arg(seq, width, 10, QLatin1Char('0')));
    }
    return out;
}

Status CaseStore::loadNumberBlock(const Actor& by, const NumberBlock& b)
{
    FC_TRY(checkActor(by, QStringLiteral("numbers.loaded"), 1, {Role::Installer}, ""));
    if (b.id.isEmpty() || b.docType.isEmpty() || b.year < 2000 || b.firstSeq < 1
        || b.lastSeq < b.firstSeq || !b.pattern.contains(QStringLiteral("{seq")))
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("A number block needs an id, a document type, a year, a range "
                         "first ≤ last (from 1) and a pattern with {seq}"));
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(tx.error());
    auto overlap = m_db->cached("SELECT id FROM number_blocks WHERE doc_type = ? AND year = ? "
                                "AND first_seq <= ? AND last_seq >= ?");
    if (!overlap)
        return fail(overlap.error());
    (*overlap)->bindAll(b.docType, qint64(b.year), b.lastSeq, b.firstSeq);
    auto row = (*overlap)->step();
    if (!row)
        return fail(row.error());
    if (*row)
        return fail(ErrorCode::Conflict,
            CoreText::tr("The numbers overlap block %1 of the same document type and year")
                .arg((*overlap)->text(0)));
    auto insert
        = m_db->cached("INSERT INTO number_blocks (id, doc_type, year, first_seq, last_seq, "
                       "pattern, source, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return fail(insert.error());
    (*insert)->bindAll(b.id, b.docType, qint64(b.year), b.firstSeq, b.lastSeq, b.pattern, b.source,
        m_clock.nowMs());
    FC_TRY((*insert)->run());
    FC_TRY(m_audit->record(by.officerIds.value(0), by.role, QStringLiteral("numbers.loaded"), b.id,
        {{QLatin1String("docType"), b.docType}, {QLatin1String("year"), b.year},
            {QLatin1String("first"), b.firstSeq}, {QLatin1String("last"), b.lastSeq}}));
    return tx->commit();
}

Result<Event> CaseStore::issueDocument(const Actor& actor, const QString& caseId,
    const IssueRequest& request, const DocumentRenderer& render)
{
    const int year = m_clock.now().toOffsetFromUtc(8 * 3600).date().year(); // Beijing time
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(tx.error());
    // The lowest unused number of the earliest block of this type and year.
    auto next = m_db->cached(
        "SELECT b.id, b.pattern, coalesce((SELECT max(u.seq) FROM number_usage u WHERE u.block_id "
        "= b.id), "
        "b.first_seq - 1) + 1 AS seq FROM number_blocks b WHERE b.doc_type = ? AND b.year = ? "
        "AND coalesce((SELECT max(u.seq) FROM number_usage u WHERE u.block_id = b.id), b.first_seq "
        "- 1) "
        "< b.last_seq ORDER BY b.first_seq LIMIT 1");
    if (!next)
        return fail(next.error());
    (*next)->bindAll(request.docType, qint64(year));
    auto row = (*next)->step();
    if (!row)
        return fail(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound,
            CoreText::tr("No document numbers are left for %1 in %2: load a new number "
                         "block (fieldcase-admin numbers load) or sync with the centre")
                .arg(request.docType)
                .arg(year));
    const QString blockId = (*next)->text(0);
    const qint64 seq = (*next)->int64(2);
    const QString number = formatNumber((*next)->text(1), year, seq);
    NewEvent ne;
    ne.type = QStringLiteral("document.issued");
    ne.caseId = caseId;
    const QString documentId
        = request.documentId.isEmpty() ? makeUuidV7(m_clock.nowMs()) : request.documentId;
    QString contentHash = request.contentHash;
    QJsonObject snapshot;
    QString pdfBlob;
    if (render) {
        auto rendered = render(number);
        if (!rendered)
            return fail(rendered.error());
        contentHash = rendered->contentHash;
        snapshot = rendered->snapshot;
        if (!rendered->pdf.isEmpty()) {
            // The rendered PDF is kept like evidence: encrypted, content-addressed, synced.
            QBuffer pdf(&rendered->pdf);
            pdf.open(QIODevice::ReadOnly);
            auto blob = m_blobs->ingest(pdf);
            if (!blob)
                return fail(blob.error());
            if (!blob->alreadyPresent) {
                auto wrapped = seal(m_options.cipherSuite, m_storageKey, blob->key);
                if (!wrapped)
                    return fail(wrapped.error());
                auto insert = m_db->cached(
                    "INSERT OR IGNORE INTO blobs (hash, hash_alg, size, suite, wrapped_key, iv, "
                    "tag, "
                    "stored_size, media_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                if (!insert)
                    return fail(insert.error());
                (*insert)->bindAll(blob->hashHex, hashAlgorithmName(blob->hashAlgorithm),
                    blob->size, cipherSuiteName(blob->suite), *wrapped, blob->iv, blob->tag,
                    blob->storedSize, QStringLiteral("application/pdf"), m_clock.nowMs());
                FC_TRY((*insert)->run());
            }
            pdfBlob = blob->hashHex;
            auto outbox
                = m_db->cached("INSERT OR IGNORE INTO outbox (kind, ref, priority, created_at) "
                               "VALUES ('blob', ?, 1, ?)");
            if (!outbox)
                return fail(outbox.error());
            (*outbox)->bindAll(pdfBlob, m_clock.nowMs());
            FC_TRY((*outbox)->run());
        }
    }
    ne.payload
        = {{QLatin1String("documentId"), documentId}, {QLatin1String("docType"), request.docType},
            {QLatin1String("number"), number}, {QLatin1String("contentHash"), contentHash}};
    if (!snapshot.isEmpty())
        ne.payload.insert(QLatin1String("snapshot"), snapshot);
    if (!pdfBlob.isEmpty())
        ne.payload.insert(QLatin1String("pdfBlob"), pdfBlob);
    if (!request.templateVersion.isEmpty())
        ne.payload.insert(QLatin1String("templateVersion"), request.templateVersion);
    if (!request.title.isEmpty())
        ne.payload.insert(QLatin1String("title"), request.title);
    if (!request.dueKind.isEmpty() && request.dueAt > 0) {
        ne.payload.insert(QLatin1String("dueKind"), request.dueKind);
        ne.payload.insert(QLatin1String("dueAt"), request.dueAt);
    }
    auto event = appendInTransaction(actor, ne);
    if (!event)
        return event;
    auto use = m_db->cached("INSERT INTO number_usage (block_id, seq, number, status, case_id, "
                            "document_id, event_id, at) VALUES (?, ?, ?, 'issued', ?, ?, ?, ?)");
    if (!use)
        return fail(use.error());
    (*use)->bindAll(blockId, seq, number, caseId, documentId, event->id, m_clock.nowMs());
    FC_TRY((*use)->run());
    FC_TRY(tx->commit());
    return event;
}

Result<Event> CaseStore::voidDocument(
    const Actor& actor, const QString& caseId, const QString& documentId, const QString& reason)
{
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(tx.error());
    auto event = appendInTransaction(actor,
        {QStringLiteral("document.voided"), caseId,
            {{QLatin1String("documentId"), documentId}, {QLatin1String("reason"), reason}}, {}});
    if (!event)
        return event;
    auto mark = m_db->cached("UPDATE number_usage SET status = 'voided', reason = ? "
                             "WHERE document_id = ? AND case_id = ?");
    if (!mark)
        return fail(mark.error());
    (*mark)->bindAll(reason, documentId, caseId);
    FC_TRY((*mark)->run());
    FC_TRY(tx->commit());
    return event;
}

Result<QJsonObject> CaseStore::numbersReport(int lowWater)
{
    const int year = m_clock.now().toOffsetFromUtc(8 * 3600).date().year();
    auto stmt = m_db->prepare(
        "SELECT b.id, b.doc_type, b.year, b.first_seq, b.last_seq, b.pattern, "
        "(SELECT count(*) FROM number_usage u WHERE u.block_id = b.id AND u.status = 'issued'), "
        "(SELECT count(*) FROM number_usage u WHERE u.block_id = b.id AND u.status = 'voided'), "
        "coalesce((SELECT max(u.seq) FROM number_usage u WHERE u.block_id = b.id), b.first_seq - "
        "1) "
        "FROM number_blocks b ORDER BY b.doc_type, b.year, b.first_seq");
    if (!stmt)
        return fail(stmt.error());
    QJsonArray blocks;
    QStringList warnings;
    QMap<QString, qint64> leftThisYear;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return fail(row.error());
        if (!*row)
            break;
        const qint64 unused = stmt->int64(4) - stmt->int64(8);
        blocks.append(QJsonObject {{QLatin1String("id"), stmt->text(0)},
            {QLatin1String("docType"), stmt->text(1)}, {QLatin1String("year"), stmt->int64(2)},
            {QLatin1String("first"),
                formatNumber(stmt->text(5), int(stmt->int64(2)), stmt->int64(3))},
            {QLatin1String("last"),
                formatNumber(stmt->text(5), int(stmt->int64(2)), stmt->int64(4))},
            {QLatin1String("issued"), stmt->int64(6)}, {QLatin1String("voided"), stmt->int64(7)},
            {QLatin1String("unused"), unused}});
        if (stmt->int64(2) == year)
            leftThisYear[stmt->text(1)] += unused;
    }
    for (auto it = leftThisYear.begin(); it != leftThisYear.end(); ++it)
        if (it.value() < lowWater)
            warnings << CoreText::tr("Only %1 numbers left for %2 this year: request a new block")
                            .arg(it.value())
                            .arg(it.key());
    return QJsonObject {{QLatin1String("blocks"), blocks},
        {QLatin1String("warnings"), QJsonArray::fromStringList(warnings)}};
}

// ---------------------------------------------------------------------------- print journal

Result<int> CaseStore::nextCopyNumber(const QString& documentId)
{
    // Only prints that may have produced paper count: an "unknown" result could have printed,
    // so the next attempt is marked as a copy rather than risk two "originals".
    auto st = m_db->cached("SELECT count(*) FROM print_journal WHERE document_id = ? "
                           "AND result IN ('printed', 'unknown')");
    if (!st)
        return fail(st.error());
    (*st)->bind(1, documentId);
    auto row = (*st)->step();
    if (!row)
        return fail(row.error());
    return int((*st)->int64(0)) + 1;
}

Result<int> CaseStore::recordPrint(const Actor& actor, const QString& caseId,
    const QString& documentId, const QString& printer, PrintResult result, const QString& detail)
{
    FC_TRY(checkActor(actor, QStringLiteral("print"), 1, {Role::Officer, Role::Supervisor}, ""));
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return fail(tx.error());
    auto doc = m_db->cached("SELECT status FROM documents WHERE case_id = ? AND document_id = ?");
    if (!doc)
        return fail(doc.error());
    (*doc)->bindAll(caseId, documentId);
    auto found = (*doc)->step();
    if (!found)
        return fail(found.error());
    if (!*found)
        return fail(
            ErrorCode::NotFound, CoreText::tr("No issued document with this id"), documentId);
    if ((*doc)->text(0) == QLatin1String("voided"))
        return fail(ErrorCode::Conflict,
            CoreText::tr("The document is voided and cannot be printed"), documentId);
    auto copy = nextCopyNumber(documentId);
    if (!copy)
        return fail(copy.error());
    static const char* names[] = {"printed", "failed", "unknown"};
    auto insert = m_db->cached("INSERT INTO print_journal (case_id, document_id, copy, printer, "
                               "officer_id, at, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return fail(insert.error());
    (*insert)->bindAll(caseId, documentId, qint64(*copy), printer, actor.officerIds.value(0),
        m_clock.nowMs(), names[int(result)], detail);
    FC_TRY((*insert)->run());
    if (result != PrintResult::Failed && *copy > 1) {
        auto e = appendInTransaction(actor,
            {QStringLiteral("document.reprinted"), caseId,
                {{QLatin1String("documentId"), documentId}, {QLatin1String("copy"), *copy},
                    {QLatin1String("printer"), printer}},
                {}});
        if (!e)
            return fail(e.error());
    }
    FC_TRY(m_audit->record(actor.officerIds.value(0), actor.role, QLatin1String(audit::kPrint),
        documentId,
        {{QLatin1String("copy"), *copy}, {QLatin1String("printer"), printer},
            {QLatin1String("result"), QLatin1String(names[int(result)])}}));
    FC_TRY(tx->commit());
    return *copy;
}

} // namespace fieldcase
