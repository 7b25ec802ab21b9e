// The rules a terminal applies, loaded from its reference store: violation catalogue and
// discretion standard (all versions), procedures, working-day calendar, deadline rules, code
// tables and the unit's settings. One place the CLI, the scenario runner and the UI ask.
#pragma once

#include "core/rules/calendar.h"
#include "core/rules/catalogue.h"
#include "core/rules/codes.h"
#include "core/rules/deadlines.h"
#include "core/rules/packs.h"
#include "core/rules/penalty.h"
#include "core/rules/procedures.h"
#include "core/rules/registry.h"

#include <optional>

namespace fieldcase::rules {

// The unit's own settings (unit pack): names, remedies bodies, fine account, case numbering.
struct UnitSettings
{
    QString unitId;
    QString name;
    QString authorityName;
    QString sealText;
    QString reviewBody; // 复议机关
    QString court; // 诉讼法院
    QString fineBank;
    QString fineAccount;
    QString caseNumberPattern;
    std::optional<qint64> hearingPersonFen; // the province's 较大数额 (《行政处罚法》第六十三条)
    std::optional<qint64> hearingOrganisationFen;
    bool remoteArea = false; // 边远、水上、交通不便地区 (《行政处罚法》第六十九条)
    bool demo = false;

    [[nodiscard]] static Result<UnitSettings> fromJson(const QJsonObject& content, bool demo);
};

// Checks a pack's content with the parser of its kind, so a malformed pack is refused at import
// with the parser's precise message (registry packs are checked by Registry::import).
// A discretion pack is checked against the stored violation catalogue in force on its
// effectiveFrom (its codes must exist there, and 超限 entries take their amounts from it).
[[nodiscard]] Status validatePackContent(const Pack& pack, ReferenceStore* store = nullptr);

// Rebuilds the law full-text index from every stored violation catalogue version.
[[nodiscard]] Status rebuildLawIndex(ReferenceStore& store);

class RuleBook
{
public:
    // Loads every kind from the store. Violations and discretion keep all versions (the one in
    // force on each act date applies); the other kinds are taken in force on `onDate`.
    [[nodiscard]] static Result<RuleBook> load(ReferenceStore& store, QDate onDate);

    // Evaluates a violation for a case: the catalogue version in force on actDate
    // (《行政处罚法》第三十七条), the unit's hearing threshold, and the procedures pack's check.
    [[nodiscard]] Result<Evaluation> evaluate(
        QStringView code, QDate actDate, const QJsonObject& facts) const;

    // A deadline of the given kind from a start instant, on the working-day calendar.
    [[nodiscard]] Result<DeadlineResult> deadline(QStringView kind, const QDateTime& start) const;

    Catalogue catalogue;
    std::optional<ProcedureRules> procedures;
    std::optional<WorkingCalendar> calendar;
    std::optional<DeadlineRules> deadlines;
    std::optional<CodeTables> codes;
    std::optional<UnitSettings> unit;
    QStringList packsLoaded; // "id v3" for each pack used
    QStringList warnings; // inconsistencies found between packs
    bool demo = false; // any loaded pack is demo data
};

} // namespace fieldcase::rules
