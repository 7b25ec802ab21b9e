// Seeds a store with the bundled demo unit, its officers and (on request) a demo case.
// Everything it writes is marked as demo data.
#pragma once

#include "core/store/casestore.h"

#include <QJsonObject>

namespace fieldcase::app {

// The bundled demo description (resources/demo/demo-unit.json).
[[nodiscard]] Result<QJsonObject> loadDemoUnit();
// Registers the demo officers if the store has none yet. Idempotent.
[[nodiscard]] Status seedDemoOfficers(CaseStore& store, const QJsonObject& demo);
// Opens the demo case through core with the two demo officers; returns the case id. position
// (an event position object, or empty when there is no accepted fix) is stamped on every event.
[[nodiscard]] Result<QString> openDemoCase(
    CaseStore& store, const QJsonObject& demo, const QJsonObject& position = {});
// The case and its events as JSON (what the headless demo prints).
[[nodiscard]] Result<QJsonObject> caseSnapshot(CaseStore& store, const QString& caseId);

} // namespace fieldcase::app
