// Scenario runner: drives core headless through a JSON script of officer actions (open a case,
// record party and vehicle, select a violation with facts, apply discretion, decide, seize,
// serve, pay, close) on a fresh case store, and reports the resulting case, decisions, deadlines,
// risk warnings and refusals. Format: docs/scenarios.md.
#pragma once

#include "core/rules/packs.h"

#include <QJsonObject>

namespace fieldcase::scenario {

// Runs the script with the rules of `reference`. The case store lives in outDir/store (or a
// temporary folder when outDir is empty). Refusals are results, not errors: only a failure to
// run at all (bad script structure, storage error) is an error.
[[nodiscard]] Result<QJsonObject> runScenario(
    const QJsonObject& script, rules::ReferenceStore& reference, const QString& outDir = {});

} // namespace fieldcase::scenario
