// The catalogue of case event types: payload schema, who may append them, and how many
// officers must act together. Validation happens in core before anything is written.
#pragma once

#include "core/event/event.h"

#include <QJsonObject>

#include <initializer_list>
#include <vector>

namespace fieldcase {

enum class FieldKind {
    String, // non-empty text up to maxLength characters
    Integer, // whole number (amounts are in fen; times in Unix ms)
    Number, // any finite number (quantities, measured mass)
    Bool,
    Object,
    Array,
    Hash, // 64 lowercase hex characters (a SM3/SHA-256 digest)
    Id, // an identifier: 1–64 characters of [A-Za-z0-9._:-]
    Enum, // one of allowed
};

struct FieldSpec
{
    const char* name;
    FieldKind kind;
    bool required = false;
    std::vector<const char*> allowed = {}; // Enum values
    int maxLength = 500; // String
};

struct EventTypeSpec
{
    const char* type;
    int schemaVersion;
    std::vector<Role> roles; // roles allowed to append this type
    int minActors; // officers who must act together
    const char* legalBasis; // the article behind minActors / roles, for refusal messages
    std::vector<FieldSpec> fields;
};

// All known types, in catalogue order.
[[nodiscard]] const std::vector<EventTypeSpec>& eventTypes();
// The spec for a type, or nullptr.
[[nodiscard]] const EventTypeSpec* findEventType(QStringView type);

// Checks a payload against the type's schema: required fields present, kinds right, no unknown
// fields. The error message names the field and what is wrong.
[[nodiscard]] Status validatePayload(const EventTypeSpec& spec, const QJsonObject& payload);

// Checks an event position (empty = no fix): lat in [-90, 90], lon in [-180, 180], optional
// accuracyM ≥ 0, fixAt (Unix ms), source (text), satellites, hdop; nothing else.
[[nodiscard]] Status validatePosition(const QJsonObject& position);

} // namespace fieldcase
