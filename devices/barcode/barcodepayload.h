// What a scanned code means to FieldCase. Only classification happens here; checking a FieldCase
// document against the case store and validating an ID number are done elsewhere.
//
// 电子证照 (JT/T 1291/1292-2019 road transport e-certificates, domain notes §5.3): their 2-D code
// payload is not public, so such codes are not recognised: they come back as Text and are shown
// raw.
#pragma once

#include <QString>

namespace fieldcase::devices {

// The meaning of a scanned code's text.
struct BarcodePayload
{
    // What kind of content the code carries.
    enum class Kind {
        FieldCaseDocument, // a FieldCase document QR: "FC1|number|case id|content hash[|URL]"
        Url, // an http(s) link
        ChineseIdNumber, // looks like an 18-character 居民身份证号码 (a hint only, not validated)
        Text, // anything else, kept raw
    };

    Kind kind = Kind::Text;
    QString raw; // the text exactly as scanned
    // FieldCaseDocument only:
    QString number; // document number (文书编号)
    QString caseId;
    QString contentHash; // 64 hex characters (SM3)
    QString verifyUrl; // may be empty
    // Url: the link; ChineseIdNumber: the number (upper-case X); empty otherwise.
    QString value;
};

// Classifies text. The FC1 format is the one forms/issue/documentissuer.h writes (same rules:
// 4 or 5 '|'-separated fields, first "FC1", hash of 64 characters); re-implemented here because
// devices may not depend on forms.
[[nodiscard]] BarcodePayload interpret(const QString& text);

// A short English (translatable) name of a payload kind, for the UI.
[[nodiscard]] QString payloadKindName(BarcodePayload::Kind kind);

} // namespace fieldcase::devices
