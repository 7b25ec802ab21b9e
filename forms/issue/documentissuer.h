// Issuing and verifying enforcement documents. Issuing takes the next number, puts it and the
// content hash into the data, lays the template out, renders the PDF and signs the data snapshot
// into document.issued — all in one transaction of the case store. The QR code on the document
// carries "FC1|number|case id|content hash[|verification URL]" so a printout can be checked against
// the store.
#pragma once

#include "core/store/casestore.h"
#include "forms/layout/layout.h"
#include "forms/template/template.h"

#include <QImage>

namespace fieldcase::forms {

struct IssuedDocument
{
    Event event;
    LaidOutDocument layout;
    QByteArray pdf;
};

// Issues doc from tpl and data (without case.number and document.qrPayload, which are filled in).
[[nodiscard]] Result<IssuedDocument> issueDocument(CaseStore& store, const Actor& actor,
    const QString& caseId, const DocumentTemplate& tpl, QJsonObject data, const QString& docType);

// The hash that binds a number to a document's content: SM3 over the canonical JSON of the
// template id and version and the data (without the QR payload, which contains the hash).
[[nodiscard]] QString contentHashOf(const DocumentTemplate& tpl, const QJsonObject& data);

struct QrClaim
{
    QString number;
    QString caseId;
    QString contentHash;
    QString verifyUrl; // the unit's online verification address, if it has one (unit.verifyUrl)
};
[[nodiscard]] QString qrPayload(const QrClaim& claim);
[[nodiscard]] std::optional<QrClaim> parseQrPayload(const QString& text);

enum class VerifyStatus { Valid, Voided, Unknown, Mismatch };
struct Verification
{
    VerifyStatus status = VerifyStatus::Unknown;
    QrClaim claim;
    QString detail;
};
[[nodiscard]] QString verifyStatusName(VerifyStatus status);

// Reads the document QR code from an image (a scan, a photo, a rendered page) with ZXing and
// checks it against the store.
[[nodiscard]] Result<Verification> verifyDocumentImage(CaseStore& store, const QImage& image);

} // namespace fieldcase::forms
