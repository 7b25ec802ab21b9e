// JSON forms of rule results, shared by `fieldcase-admin --json`, the scenario runner and sync.
#pragma once

#include "core/rules/deadlines.h"
#include "core/rules/penalty.h"
#include "core/rules/registry.h"
#include "core/rules/validators.h"

#include <QJsonObject>

namespace fieldcase::rules {

[[nodiscard]] QJsonObject toJson(const LegalRef& ref);
[[nodiscard]] QJsonObject toJson(const Evaluation& evaluation);
[[nodiscard]] QJsonObject toJson(const OverlimitAssessment& assessment);
[[nodiscard]] QJsonObject toJson(const DeadlineResult& deadline);
[[nodiscard]] QJsonObject toJson(const ValidationResult& validation);
[[nodiscard]] QJsonObject toJson(const VehicleInfo& vehicle);
[[nodiscard]] QJsonObject toJson(const Violation& violation);

} // namespace fieldcase::rules
