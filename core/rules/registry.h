// The offline registry of licensed vehicles, operators and drivers (营运证/经营许可证/从业资格证
// status, past violations, unpaid penalties), imported from signed `registry` packs, and the law
// full-text search. Lives in reference.db.
#pragma once

#include "core/rules/packs.h"

#include <QDate>
#include <QIODevice>

namespace fieldcase::rules {

struct RegistryViolation
{
    QString date;
    QString code;
    QString description;
    qint64 amountFen = 0;
    bool paid = false;
};

// Everything known offline about a vehicle, with how old the data is.
struct VehicleInfo
{
    QString plate;
    QString plateColour;
    QString transportCertNo;
    QString certStatus;
    QString certValidUntil;
    QString operatorUscc;
    QString operatorName;
    QString operatorLicenceStatus;
    QString vehicleType;
    int axles = 0;
    QList<RegistryViolation> violations; // of the vehicle and of its operator
    qint64 unpaidFen = 0;
    QString exportedAt; // when the registry snapshot was exported at the centre
};

struct DriverInfo
{
    QString idNumber;
    QString name;
    QString qualificationNo;
    QString qualificationStatus;
    QString validUntil;
    QList<RegistryViolation> violations;
    qint64 unpaidFen = 0;
    QString exportedAt;
};

// One article for the law search index.
struct LawArticle
{
    QString code; // violation code it belongs to
    QString law;
    QString article;
    QString text;
};

struct LawHit
{
    LawArticle article;
    QString snippet;
};

class Registry
{
public:
    explicit Registry(ReferenceStore& store)
        : m_store(store)
    { }

    // Verifies a signed registry pack and replaces the registry with its records, atomically.
    // Records come from `data` (JSON lines, one record per line) whose SM3 must equal the
    // pack's content.dataSm3; or, when data is null, from content.records. Returns the count.
    [[nodiscard]] Result<qint64> import(const QByteArray& packFile, QIODevice* data);

    [[nodiscard]] Result<std::optional<VehicleInfo>> vehicle(
        const QString& plate, const QString& plateColour = {});
    [[nodiscard]] Result<std::optional<DriverInfo>> driver(const QString& idNumber);
    [[nodiscard]] Result<QString> exportedAt();

    // Replaces the law search index.
    [[nodiscard]] Status indexLaw(const QList<LawArticle>& articles);
    // Searches article texts; any length works (short CJK queries use a scan).
    [[nodiscard]] Result<QList<LawHit>> searchLaw(const QString& query, int limit = 20);

private:
    Result<QList<RegistryViolation>> violationsOf(const QStringList& subjects, qint64& unpaid);
    ReferenceStore& m_store;
};

} // namespace fieldcase::rules
