// Offline checks of the identifiers an officer types into a case: 居民身份证号码 (GB 11643),
// 组织机构代码 (GB 11714), 统一社会信用代码 (GB 32100), vehicle plates (GA 36 layout, colour codes
// per JT/T 697.7) and vessel names. Every rule and its standard:
// docs/packs/codes-and-validators.md.
#pragma once

#include "core/util/clock.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringView>

namespace fieldcase::rules {

class CodeTables;

// The outcome of checking one identifier. Validators never fail with an Error: a bad identifier
// is a normal answer, told to the officer through `reason`.
struct ValidationResult
{
    bool valid = false;
    // Valid: the canonical form to store and print. Invalid: the cleaned-up input (trimmed,
    // upper-cased, separators removed), so the form can show what was checked.
    QString normalized;
    // Why it is invalid, in English via CoreText::tr (translated in the UI); empty when valid.
    QString reason;
    // What the identifier encodes (birth date, region, entity type, plate kind, ...). On a check
    // character mismatch also "expectedCheck"/"actualCheck", so a form can offer a correction.
    QJsonObject details;
};

// 居民身份证号码 per GB 11643-1999, on the given date (a birth date after `today` is invalid;
// a null `today` skips that rule).
// 15-digit numbers (GB 11643-1989) are upgraded; `normalized` is then the 18-digit form.
[[nodiscard]] ValidationResult validateResidentId(QStringView id, QDate today);
// As above, with today's local date from the clock.
[[nodiscard]] ValidationResult validateResidentId(
    QStringView id, const Clock& clock = Clock::system());
// The 18-digit form of a 15-digit GB 11643-1989 number ("19" inserted after the address code,
// MOD 11-2 check appended); empty when the input is not 15 ASCII digits.
[[nodiscard]] QString upgradeResidentId15(QStringView id15);

// 组织机构代码 per GB 11714-1997, with or without the hyphen; normalised to "XXXXXXXX-X".
[[nodiscard]] ValidationResult validateOrganizationCode(QStringView code);

// 统一社会信用代码 per GB 32100-2015, including the embedded GB 11714 code at positions 9–17.
[[nodiscard]] ValidationResult validateUscc(QStringView code);

// A Chinese vehicle plate number (GA 36 layout); when colourCode is given (JT/T 697.7-2014
// §5.6 number), also checks that the colour fits the plate kind where the rule is clear.
[[nodiscard]] ValidationResult validatePlate(QStringView plate, QStringView colourCode = {});

// A vessel name (船名): 2–30 Chinese characters, letters or digits (single spaces between
// words allowed). The port-of-registry prefix cannot be checked offline.
[[nodiscard]] ValidationResult validateVesselName(QStringView name);

// A value against a named pattern of the codes pack (e.g. "shipIdentificationNumber"), for
// identifiers whose format is reference data rather than a published check algorithm.
[[nodiscard]] ValidationResult validateCodePattern(
    QStringView value, const CodeTables& codes, QStringView patternName);

} // namespace fieldcase::rules
