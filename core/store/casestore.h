// The case store: one SQLite file plus an evidence folder and the terminal's keys. Every
// command names the acting officers and their role; core refuses what the role may not do.
#pragma once

#include "core/crypto/cipher.h"
#include "core/crypto/hash.h"
#include "core/crypto/keys.h"
#include "core/crypto/signer.h"
#include "core/db/checkpointer.h"
#include "core/db/sqlite.h"
#include "core/event/event.h"
#include "core/event/hlc.h"
#include "core/store/auditlog.h"
#include "core/store/blobstore.h"
#include "core/store/printresult.h"

#include <QIODevice>

#include <functional>
#include <memory>

namespace fieldcase {

// Who is acting: one or more officer ids (two-officer acts carry both) and the role they act in.
struct Actor
{
    QStringList officerIds;
    Role role = Role::Officer;
};

// An officer known to this terminal (from enrolment or the installer).
struct Officer
{
    QString id;
    QString name;
    QString certNo; // 执法证号
    QString unitId;
    QList<Role> roles;
    bool active = true;
};

struct StoreOptions
{
    QString directory; // holds fieldcase.db, evidence/ and keys/
    HashAlgorithm hashAlgorithm = HashAlgorithm::Sm3;
    SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm::Sm2Sm3;
    CipherSuite cipherSuite = CipherSuite::Aes256Gcm;
    QString sqliteVfs; // tests: a fault-injecting VFS
    bool quickCheck = true; // PRAGMA quick_check at open
};

// What to append: the event type, the case (empty for case.opened: a new id is made) and the
// payload; position is the current GNSS fix, if any.
struct NewEvent
{
    QString type;
    QString caseId;
    QJsonObject payload;
    QJsonObject position;
};

// Metadata of a piece of evidence being attached.
struct EvidenceMeta
{
    QString kind = QStringLiteral("photo"); // photo / audio / video / document / nmea / other
    QString mediaType;
    QString title;
    qint64 capturedAt = 0; // Unix ms, 0 if unknown
    QString description;
    QJsonObject position;
};

// Outcome of importing one event from another terminal.
struct ImportOutcome
{
    enum class Kind { Applied, Duplicate, Rejected };
    QString eventId;
    Kind kind = Kind::Rejected;
    QString reason; // for Rejected
};

// A block of document numbers allocated to this terminal for one document type and year.
struct NumberBlock
{
    QString id;
    QString docType; // e.g. 当场行政处罚决定书
    int year = 0;
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
    QString pattern; // {year} and {seq:N} (zero-padded to N digits), e.g. 示交罚〔{year}〕{seq:5}号
    QString source; // centre / reference pack / installer
};

// What to issue: the document's content is already rendered; its hash binds the number to it.
struct IssueRequest
{
    QString documentId; // empty: a new id is made
    QString docType;
    QString contentHash; // hex SM3/SHA-256 of the rendered document
    QString templateVersion;
    QString title;
    QString dueKind; // optional deadline the document starts
    qint64 dueAt = 0;
};

// What a renderer returns once the document's number is known: the content hash that binds the
// number to the content, the data snapshot it was rendered from, and the rendered PDF.
struct RenderedDocument
{
    QString contentHash;
    QJsonObject snapshot;
    QByteArray pdf;
};
// Called inside the issuing transaction with the allocated number; an error rolls everything
// back and consumes no number.
using DocumentRenderer = std::function<Result<RenderedDocument>(const QString& number)>;

class CaseStore
{
public:
    // Opens (creating on first use) the store in options.directory. A damaged database, a
    // schema from a newer FieldCase, or unreadable keys are reported and nothing is changed.
    [[nodiscard]] static Result<std::unique_ptr<CaseStore>> open(
        const StoreOptions& options, const Clock& clock);
    ~CaseStore();

    [[nodiscard]] QString terminalId() const { return m_terminalId; }
    [[nodiscard]] const StoreOptions& options() const { return m_options; }
    [[nodiscard]] QString databasePath() const;
    [[nodiscard]] db::Database& database() { return *m_db; }
    [[nodiscard]] AuditLog& audit() { return *m_audit; }
    [[nodiscard]] BlobStore& blobs() { return *m_blobs; }
    [[nodiscard]] const KeyPair& terminalKey() const { return *m_key; }
    [[nodiscard]] const Clock& clock() const { return m_clock; }

    // Registers or updates an officer. Requires an installer, except for the very first
    // officer of a fresh store (bootstrap by provisioning), which is audited as such.
    [[nodiscard]] Status registerOfficer(const Actor& by, const Officer& officer);
    [[nodiscard]] Result<Officer> officer(const QString& id);
    // Records a peer terminal's public key so its events can be verified on import. Installers
    // only (enrolment and sync act as the installer who enrolled the terminal); audited.
    [[nodiscard]] Status registerTerminal(const Actor& by, const QString& terminalId,
        const PublicKey& key, const QString& label = {});

    // Validates, signs, chains and stores one event, updates its projections and queues it for
    // sync, all in one transaction. Refusals name the rule (and the article) that forbids it.
    [[nodiscard]] Result<Event> append(const Actor& actor, const NewEvent& event);

    // Stores the file durably (encrypted, content-addressed) and appends evidence.attached with
    // its manifest row and outbox entries. Memory use is bounded for any file size.
    [[nodiscard]] Result<Event> attachEvidence(
        const Actor& actor, const QString& caseId, QIODevice& source, const EvidenceMeta& meta);

    // Imports events from other terminals (sync pull, supervisor review). Idempotent: a known id
    // is a Duplicate no-op; a chain gap, bad hash or bad signature is Rejected, nothing applied.
    [[nodiscard]] Result<QList<ImportOutcome>> importEvents(const QList<Event>& events);

    // Loads a number block (installer). Overlapping ranges of the same type and year are refused.
    [[nodiscard]] Status loadNumberBlock(const Actor& by, const NumberBlock& block);
    // Issues a document: takes the next unused number of its type for the current year and
    // appends document.issued with it, in one transaction (《行政处罚法》第五十二条: 编有号码).
    // A failure consumes nothing; a number once issued is never handed out again.
    // With a renderer, the document is rendered once its number is known, inside the same
    // transaction: its PDF is stored as an encrypted blob and its data snapshot is signed into
    // document.issued, so the issued document is immutable.
    [[nodiscard]] Result<Event> issueDocument(const Actor& actor, const QString& caseId,
        const IssueRequest& request, const DocumentRenderer& render = {});
    // Voids an issued document with a reason (document.voided); its number stays accounted for.
    [[nodiscard]] Result<Event> voidDocument(const Actor& actor, const QString& caseId,
        const QString& documentId, const QString& reason);
    // Every block with its issued, voided and unused counts, and a warning when a block of the
    // current year has fewer than lowWater numbers left.
    [[nodiscard]] Result<QJsonObject> numbersReport(int lowWater = 20);
    // Records one print attempt of an issued document and audits it. The copy number is 1 for
    // the first print that did not fail, higher for reprints (副本), which also append
    // document.reprinted. Failed and unknown results consume nothing else: no new number, no
    // copy counted. Returns the copy number the printout carries.
    [[nodiscard]] Result<int> recordPrint(const Actor& actor, const QString& caseId,
        const QString& documentId, const QString& printer, PrintResult result,
        const QString& detail = {});
    // The next copy number a print of this document would carry (1 = original).
    [[nodiscard]] Result<int> nextCopyNumber(const QString& documentId);
    // Formats a number from a block pattern.
    [[nodiscard]] static QString formatNumber(const QString& pattern, int year, qint64 seq);

    // Refuses and audits a request to delete anything: records are voided, never removed.
    [[nodiscard]] Status requestDelete(const Actor& actor, const QString& what);

    // Drops and rebuilds every projection from the log in canonical order.
    [[nodiscard]] Status rebuildProjections();

    [[nodiscard]] Result<QList<Event>> caseEvents(const QString& caseId);
    [[nodiscard]] Result<Event> event(const QString& eventId);
    // Decrypts a blob's plaintext into sink (verifying hash and tag).
    [[nodiscard]] Result<qint64> readEvidence(const QString& blobHash, QIODevice& sink);
    // The manifest (with the unwrapped file key) of a stored blob.
    [[nodiscard]] Result<BlobInfo> blobInfo(const QString& blobHash);

private:
    CaseStore(StoreOptions options, const Clock& clock);
    Status initialise();
    Status loadOrCreateIdentity();
    Status checkActor(const Actor& actor, const QString& type, int minActors,
        const std::vector<Role>& roles, const char* legalBasis);
    Result<Event> appendInTransaction(const Actor& actor, const NewEvent& event);
    Result<ImportOutcome> importOne(const Event& event);

    StoreOptions m_options;
    const Clock& m_clock;
    HybridLogicalClock m_hlc;
    std::unique_ptr<db::Database> m_db;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<BlobStore> m_blobs;
    std::optional<KeyPair> m_key; // set by initialise()
    std::unique_ptr<Signer> m_signer; // signs events; precomputes SM2 nonces in the background
    // Declared last, destroyed first: it holds a hook on m_db.
    std::unique_ptr<db::WalCheckpointer> m_checkpointer;
    QByteArray m_storageKey; // wraps per-file evidence keys
    QString m_terminalId;
};

} // namespace fieldcase
