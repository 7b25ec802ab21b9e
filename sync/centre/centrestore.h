// The reference centre's own records, beside its case store: units and officers, enrolment
// tokens, enrolled terminals and their last heartbeat, which cases go to which terminals and the
// per-terminal delivery queue behind the pull cursor, document-number series and the blocks
// allocated from them, published reference packs, commands for terminals, and the evidence
// received. One SQLite file (WAL, synchronous=FULL, as every FieldCase database).
#pragma once

#include "core/db/sqlite.h"
#include "core/event/event.h"
#include "core/util/clock.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace fieldcase::sync {

struct CentreOfficer
{
    QString id;
    QString name;
    QString certNo;
    QString unitId;
    QStringList roles; // officer / supervisor / installer
};

struct EnrolmentToken
{
    QString unitId;
    QStringList officerIds; // the officers who will use the terminal
    qint64 expiresAt = 0;
    qint64 usedAt = 0;
    QString terminalId;
    QByteArray requestHash; // SM3 of the CSR it was used with
    QByteArray answer; // the enrolment answer, given again if the terminal lost it
};

struct AllocatedBlock
{
    QString id;
    QString docType;
    int year = 0;
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
    QString pattern;
};

struct PublishedPack
{
    QString id;
    QString kind;
    QString version;
    QString sha256;
    qint64 size = 0;
    QString path;
};

struct Delivery
{
    qint64 seq = 0;
    QString eventId;
};

class CentreStore
{
public:
    // Opens (creating) <directory>/centre.db.
    [[nodiscard]] static Result<std::unique_ptr<CentreStore>> open(
        const QString& directory, const Clock& clock);

    [[nodiscard]] db::Database& database() { return *m_db; }

    // Administration (fieldcase-centre admin).
    [[nodiscard]] Status addUnit(const QString& id, const QString& name);
    [[nodiscard]] Result<QJsonArray> units();
    [[nodiscard]] Status addOfficer(const CentreOfficer& officer);
    [[nodiscard]] Result<QList<CentreOfficer>> officers(const QString& unitId = {});
    // A new one-time token (returned once; only its hash is kept), valid for validMs.
    [[nodiscard]] Result<QString> createToken(
        const QString& unitId, const QStringList& officerIds, qint64 validMs);
    [[nodiscard]] Status addNumberSeries(
        const QString& docType, int year, const QString& pattern, qint64 firstSeq = 1);
    [[nodiscard]] Status publishPack(const PublishedPack& pack);
    [[nodiscard]] Result<QList<PublishedPack>> packs();
    [[nodiscard]] Result<QString> queueCommand(
        const QString& terminalId, const QString& kind, const QJsonObject& body);
    [[nodiscard]] Result<QJsonArray> terminals();

    // Enrolment.
    [[nodiscard]] Result<std::optional<EnrolmentToken>> token(const QString& token);
    // Marks the token used by this terminal and keeps the answer, in one transaction with the
    // terminal's record.
    [[nodiscard]] Status completeEnrolment(const QString& token, const QString& terminalId,
        const QByteArray& requestHash, const QByteArray& answer, const QJsonObject& terminal);
    [[nodiscard]] Result<QString> terminalUnit(const QString& terminalId);

    // Routing. Called for every event the centre holds (accepted or duplicate: a repeat repairs
    // routes a crash may have missed). The author's terminal follows its cases; a review request
    // sends the case to the supervisors' terminals of the author's unit.
    [[nodiscard]] Status route(const Event& event,
        const std::function<Result<QList<Event>>(const QString& caseId)>& caseEvents);
    // Events for a terminal after a cursor, at most limit (+1 to know whether there are more).
    [[nodiscard]] Result<QList<Delivery>> deliveries(
        const QString& terminalId, qint64 after, int limit);

    // Number blocks: the same request id always gives the same block.
    [[nodiscard]] Result<AllocatedBlock> allocateBlock(const QString& terminalId,
        const QString& requestId, const QString& docType, int year, qint64 size);

    // Heartbeat: stores the report, records acknowledgements, returns the commands still due.
    [[nodiscard]] Result<QJsonArray> heartbeat(
        const QString& terminalId, const QJsonObject& report);

    [[nodiscard]] Status recordEvidence(const QString& blobHash, const QString& terminalId,
        qint64 size, const QJsonObject& manifest);
    [[nodiscard]] Result<bool> hasEvidence(const QString& blobHash);

private:
    CentreStore(std::unique_ptr<db::Database> db, const Clock& clock);
    Status addRoute(const QString& caseId, const QString& terminalId, const QString& reason,
        const std::function<Result<QList<Event>>(const QString&)>& caseEvents);

    std::unique_ptr<db::Database> m_db;
    const Clock& m_clock;
};

} // namespace fieldcase::sync
