#include "forms/issue/documentissuer.h"

#include "core/crypto/hash.h"
#include "core/event/canonicaljson.h"
#include "forms/formstext.h"
#include "forms/pdf/pdfrenderer.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <ZXing/ReadBarcode.h>

namespace fieldcase::forms {

QString contentHashOf(const DocumentTemplate& tpl, const QJsonObject& data)
{
    QJsonObject content = data;
    QJsonObject document = content.value(QLatin1String("document")).toObject();
    document.remove(QLatin1String("qrPayload"));
    content.insert(QLatin1String("document"), document);
    const QJsonObject bound {{QLatin1String("template"), tpl.id},
        {QLatin1String("templateVersion"), tpl.version}, {QLatin1String("data"), content}};
    return QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, canonicalJson(bound)).toHex());
}

QString qrPayload(const QrClaim& c)
{
    QString payload = QStringLiteral("FC1|%1|%2|%3").arg(c.number, c.caseId, c.contentHash);
    if (!c.verifyUrl.isEmpty())
        payload += QLatin1Char('|') + c.verifyUrl;
    return payload;
}

std::optional<QrClaim> parseQrPayload(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('|'));
    if ((parts.size() != 4 && parts.size() != 5) || parts.at(0) != QLatin1String("FC1")
        || parts.at(3).size() != 64)
        return std::nullopt;
    return QrClaim {parts.at(1), parts.at(2), parts.at(3), parts.value(4)};
}

QString verifyStatusName(VerifyStatus s)
{
    switch (s) {
    case VerifyStatus::Valid:
        return QStringLiteral("valid");
    case VerifyStatus::Voided:
        return QStringLiteral("voided");
    case VerifyStatus::Unknown:
        return QStringLiteral("unknown");
    case VerifyStatus::Mismatch:
        return QStringLiteral("mismatch");
    }
    return {};
}

Result<IssuedDocument> issueDocument(CaseStore& store, const Actor& actor, const QString& caseId,
    const DocumentTemplate& tpl, QJsonObject data, const QString& docType)
{
    IssuedDocument issued;
    IssueRequest request;
    request.docType = docType;
    request.templateVersion = tpl.version;
    request.title = tpl.title;
    auto event = store.issueDocument(
        actor, caseId, request, [&](const QString& number) -> Result<RenderedDocument> {
            QJsonObject caseData = data.value(QLatin1String("case")).toObject();
            caseData.insert(QLatin1String("number"), number);
            data.insert(QLatin1String("case"), caseData);
            const QString hash = contentHashOf(tpl, data);
            QJsonObject document = data.value(QLatin1String("document")).toObject();
            const QString verifyUrl = data.value(QLatin1String("unit"))
                                          .toObject()
                                          .value(QLatin1String("verifyUrl"))
                                          .toString();
            document.insert(
                QLatin1String("qrPayload"), qrPayload({number, caseId, hash, verifyUrl}));
            data.insert(QLatin1String("document"), document);
            auto laidOut = layout(tpl, data);
            if (!laidOut)
                return fail(laidOut.error());
            QTemporaryDir temp;
            const QString path = temp.filePath(QStringLiteral("document.pdf"));
            FC_TRY(renderPdf(*laidOut, path));
            QFile pdf(path);
            if (!pdf.open(QIODevice::ReadOnly))
                return fail(ErrorCode::Io,
                    FormsText::tr("The rendered document cannot be read back"), path);
            issued.layout = *laidOut;
            issued.pdf = pdf.readAll();
            return RenderedDocument {hash, data, issued.pdf};
        });
    if (!event)
        return fail(event.error());
    issued.event = *event;
    return issued;
}

Result<Verification> verifyDocumentImage(CaseStore& store, const QImage& image)
{
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum,
        int(gray.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode).setTryHarder(true);
    std::optional<QrClaim> claim;
    for (const ZXing::Result& r : ZXing::ReadBarcodes(view, hints))
        if (r.isValid() && !claim)
            claim = parseQrPayload(QString::fromStdString(r.text()));
    if (!claim)
        return fail(ErrorCode::NotFound,
            FormsText::tr("No FieldCase document QR code was found in the image"));
    Verification v {VerifyStatus::Unknown, *claim, {}};
    auto stmt = store.database().prepare(
        "SELECT status, content_hash, case_id FROM documents WHERE number = ?");
    if (!stmt)
        return fail(stmt.error());
    stmt->bind(1, claim->number);
    auto row = stmt->step();
    if (!row)
        return fail(row.error());
    if (!*row) {
        v.detail = FormsText::tr("This number is not in this terminal's records");
        return v;
    }
    if (stmt->text(1) != claim->contentHash || stmt->text(2) != claim->caseId) {
        v.status = VerifyStatus::Mismatch;
        v.detail = FormsText::tr(
            "The code does not match the issued document's content: the printout may be altered");
        return v;
    }
    if (stmt->text(0) == QLatin1String("voided")) {
        v.status = VerifyStatus::Voided;
        v.detail = FormsText::tr("The document was voided");
        return v;
    }
    v.status = VerifyStatus::Valid;
    v.detail = FormsText::tr("The document is issued and matches its record");
    return v;
}

} // namespace fieldcase::forms
