// Procedures as data: the simple (当场) and general procedure steps, thresholds, the
// two-officer rule, 当场收缴 and hearing rights, parsed from a `procedures` pack. A decision the
// rules forbid is refused with the article that forbids it.
#pragma once

#include "core/util/result.h"

#include <QJsonObject>
#include <QStringList>

namespace fieldcase::rules {

// One step of a procedure.
struct ProcedureStep
{
    QString id;
    QString title;
    QString basis;
    QStringList roles;
    QStringList documents;
    QString approval; // who approves, empty if none
    QString deadline; // deadline rule kind started by this step, if any
    int minOfficers = 0;
    bool optional = false;
};

// The outcome of a procedural check: allowed, or refused with the reason and its legal basis.
struct ProcedureCheck
{
    bool allowed = false;
    QString reason;
    QString basis;
};

class ProcedureRules
{
public:
    // Parses the content of a `procedures` pack; errors name the field.
    [[nodiscard]] static Result<ProcedureRules> fromJson(const QJsonObject& content);

    // 《行政处罚法》第五十一条: 当场 decisions only for a warning or a fine of at most
    // 200 元 (citizen) / 3,000 元 (organisation). partyKind is "person" or "organisation";
    // penaltyKinds uses the catalogue names ("warning", "fine", …).
    [[nodiscard]] ProcedureCheck checkSimple(
        const QString& partyKind, const QStringList& penaltyKinds, qint64 fineFen) const;
    // 《行政处罚法》第六十八条、第六十九条: 当场收缴.
    [[nodiscard]] ProcedureCheck checkOnsiteCollection(const QString& procedure, qint64 fineFen,
        bool hardToEnforceLater, bool remoteArea, bool partyRequested) const;
    // 《行政处罚法》第四十二条: at least two officers.
    [[nodiscard]] ProcedureCheck checkOfficers(int officers) const;
    // 《行政处罚法》第六十三条: must the party be told of the right to a hearing?
    [[nodiscard]] bool hearingRight(
        const QString& partyKind, qint64 fineFen, const QStringList& penaltyKinds) const;
    // The province's “较大数额” threshold (configurable; a unit pack may override it).
    void setHearingLargeAmount(qint64 personFen, qint64 organisationFen);

    [[nodiscard]] const QList<ProcedureStep>& simpleSteps() const { return m_simpleSteps; }
    [[nodiscard]] const QList<ProcedureStep>& generalSteps() const { return m_generalSteps; }
    [[nodiscard]] qint64 simpleMaxFineFen(const QString& partyKind) const;
    [[nodiscard]] int minOfficers() const { return m_minOfficers; }

private:
    int m_minOfficers = 2;
    QString m_minOfficersBasis;
    qint64 m_simpleMaxPersonFen = 0;
    qint64 m_simpleMaxOrganisationFen = 0;
    bool m_simpleWarningAllowed = true;
    QString m_simpleBasis;
    qint64 m_onsiteMaxFen = 0;
    QString m_onsiteBasis;
    QString m_onsiteHardToEnforceBasis;
    QString m_remoteAreaBasis;
    qint64 m_hearingPersonFen = 0;
    qint64 m_hearingOrganisationFen = 0;
    QString m_hearingBasis;
    QList<ProcedureStep> m_simpleSteps;
    QList<ProcedureStep> m_generalSteps;
};

} // namespace fieldcase::rules
