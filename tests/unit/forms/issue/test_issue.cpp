// Issuing: number, content hash, QR, PDF and snapshot in one transaction; verification of a
// printout's QR code against the store.
#include "core/store/checker.h"
#include "forms/escp/escprenderer.h"
#include "forms/escp/printerprofile.h"
#include "forms/issue/documentissuer.h"
#include "forms/layout/copymark.h"
#include "forms/pdf/pdfrenderer.h"
#include "tests/support/storefixture.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QStringEncoder>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::test;

namespace {
QJsonObject sampleData()
{
    QFile f(QStringLiteral(
        FIELDCASE_SOURCE_DIR "/forms/templates/samples/dangchang-chufa-jueding.sample.json"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonObject d = QJsonDocument::fromJson(f.readAll()).object();
    d.remove(QStringLiteral("_note"));
    return d;
}

forms::DocumentTemplate decisionTemplate()
{
    auto tpl = forms::DocumentTemplate::fromFile(
        QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/templates/dangchang-chufa-jueding.json"));
    if (!tpl)
        FAIL(tpl.error().toString().toStdString());
    return *tpl;
}

const QString kDocType = QStringLiteral("当场行政处罚决定书");
} // namespace

TEST_CASE("Issuing renders with the allocated number and signs the snapshot", "[forms][issue]")
{
    StoreFixture f;
    f.clock.setNowMs(QDateTime(QDate(2026, 5, 6), QTime(2, 0), Qt::UTC).toMSecsSinceEpoch());
    REQUIRE(f.store->loadNumberBlock(f.installer,
        {QStringLiteral("b1"), kDocType, 2026, 1, 100, QStringLiteral("示交罚〔{year}〕{seq:5}号"),
            QStringLiteral("test")}));
    const QString c = f.openCase();
    const forms::DocumentTemplate tpl = decisionTemplate();

    auto issued = forms::issueDocument(*f.store, f.single, c, tpl, sampleData(), kDocType);
    if (!issued)
        FAIL(issued.error().toString().toStdString());
    const QJsonObject payload = issued->event.payload;
    CHECK(payload.value(QStringLiteral("number")).toString()
        == QStringLiteral("示交罚〔2026〕00001号"));
    const QJsonObject snapshot = payload.value(QStringLiteral("snapshot")).toObject();
    CHECK(
        snapshot.value(QStringLiteral("case")).toObject().value(QStringLiteral("number")).toString()
        == QStringLiteral("示交罚〔2026〕00001号"));
    CHECK(payload.value(QStringLiteral("contentHash")).toString()
        == forms::contentHashOf(tpl, snapshot));
    CHECK(issued->pdf.startsWith("%PDF"));
    // The PDF is in the evidence store, encrypted, and reads back identical.
    QByteArray back;
    QBuffer sink(&back);
    sink.open(QIODevice::WriteOnly);
    REQUIRE(f.store->readEvidence(payload.value(QStringLiteral("pdfBlob")).toString(), sink));
    CHECK(back == issued->pdf);

    // The QR on the rendered page verifies; after voiding it reports voided.
    const QImage page = forms::renderPreview(issued->layout.pages.first(), 300);
    auto ok = forms::verifyDocumentImage(*f.store, page);
    REQUIRE(ok);
    CHECK(ok->status == forms::VerifyStatus::Valid);
    CHECK(ok->claim.caseId == c);
    REQUIRE(f.store->voidDocument(f.single, c,
        payload.value(QStringLiteral("documentId")).toString(), QStringLiteral("金额错误")));
    CHECK(forms::verifyDocumentImage(*f.store, page)->status == forms::VerifyStatus::Voided);

    // Same number, other content hash (an altered printout): mismatch.
    auto forged = forms::makeQrImage(forms::qrPayload(
        {payload.value(QStringLiteral("number")).toString(), c, QString(64, QLatin1Char('b'))}));
    REQUIRE(forged);
    auto mismatch = forms::verifyDocumentImage(
        *f.store, forged->scaled(forged->width() * 8, forged->height() * 8));
    REQUIRE(mismatch);
    CHECK(mismatch->status == forms::VerifyStatus::Mismatch);

    // A second document gets the next number; the store stays consistent.
    auto second = forms::issueDocument(*f.store, f.single, c, tpl, sampleData(), kDocType);
    REQUIRE(second);
    CHECK(second->event.payload.value(QStringLiteral("number")).toString()
        == QStringLiteral("示交罚〔2026〕00002号"));
    CHECK(checkStore(*f.store)->ok());
}

TEST_CASE("A document that cannot be rendered consumes no number", "[forms][issue]")
{
    StoreFixture f;
    f.clock.setNowMs(QDateTime(QDate(2026, 5, 6), QTime(2, 0), Qt::UTC).toMSecsSinceEpoch());
    REQUIRE(f.store->loadNumberBlock(f.installer,
        {QStringLiteral("b1"), kDocType, 2026, 1, 100, QStringLiteral("示交罚〔{year}〕{seq:5}号"),
            QStringLiteral("test")}));
    const QString c = f.openCase();
    QJsonObject data = sampleData();
    QJsonObject unit = data.value(QStringLiteral("unit")).toObject();
    unit.remove(QStringLiteral("reviewBody"));
    data.insert(QStringLiteral("unit"), unit);
    auto refused = forms::issueDocument(*f.store, f.single, c, decisionTemplate(), data, kDocType);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.contains(QStringLiteral("unit.reviewBody")));
    CHECK(f.store->database().scalarInt("SELECT count(*) FROM number_usage").value() == 0);
    auto ok
        = forms::issueDocument(*f.store, f.single, c, decisionTemplate(), sampleData(), kDocType);
    REQUIRE(ok);
    CHECK(ok->event.payload.value(QStringLiteral("number")).toString()
        == QStringLiteral("示交罚〔2026〕00001号"));
}

TEST_CASE("A QR code with another hash or an unknown number does not verify", "[forms][issue]")
{
    StoreFixture f;
    auto make = [](const QString& text) {
        auto img = forms::makeQrImage(text);
        REQUIRE(img);
        return img->scaled(img->width() * 8, img->height() * 8);
    };
    auto unknown = forms::verifyDocumentImage(*f.store,
        make(forms::qrPayload({QStringLiteral("示交罚〔2026〕09999号"), QStringLiteral("c"),
            QString(64, QLatin1Char('a'))})));
    REQUIRE(unknown);
    CHECK(unknown->status == forms::VerifyStatus::Unknown);
    auto none = forms::verifyDocumentImage(*f.store, make(QStringLiteral("not ours")));
    REQUIRE_FALSE(none);
}

TEST_CASE("Reprints are marked 副本 with their print count on every page", "[forms][issue]")
{
    StoreFixture f;
    f.clock.setNowMs(QDateTime(QDate(2026, 5, 6), QTime(2, 0), Qt::UTC).toMSecsSinceEpoch());
    REQUIRE(f.store->loadNumberBlock(f.installer,
        {QStringLiteral("b1"), kDocType, 2026, 1, 100, QStringLiteral("示交罚〔{year}〕{seq:5}号"),
            QStringLiteral("test")}));
    const QString c = f.openCase();
    QJsonObject data = sampleData();
    QJsonObject unit = data.value(QStringLiteral("unit")).toObject();
    unit.insert(QStringLiteral("verifyUrl"), QStringLiteral("https://verify.example.invalid/d"));
    data.insert(QStringLiteral("unit"), unit);
    auto issued = forms::issueDocument(*f.store, f.single, c, decisionTemplate(), data, kDocType);
    REQUIRE(issued);
    const QString docId = issued->event.payload.value(QStringLiteral("documentId")).toString();
    // The QR carries the unit's verification address and still verifies.
    auto v = forms::verifyDocumentImage(
        *f.store, forms::renderPreview(issued->layout.pages.first(), 300));
    REQUIRE(v);
    CHECK(v->status == forms::VerifyStatus::Valid);
    CHECK(v->claim.verifyUrl == QStringLiteral("https://verify.example.invalid/d"));

    // First print: the original, unmarked. Second: 副本 (第2次打印).
    CHECK(f.store->nextCopyNumber(docId).value() == 1);
    REQUIRE(f.store->recordPrint(
        f.single, c, docId, QStringLiteral("cups:lq630k"), PrintResult::Printed));
    const int copy = f.store->nextCopyNumber(docId).value();
    CHECK(copy == 2);
    forms::LaidOutDocument original = issued->layout;
    forms::markCopy(original, 1);
    CHECK(original.pages.first().texts.size() == issued->layout.pages.first().texts.size());
    forms::LaidOutDocument reprint = issued->layout;
    forms::markCopy(reprint, copy);
    for (const forms::Page& page : reprint.pages) {
        bool marked = false;
        for (const forms::TextItem& t : page.texts)
            marked = marked || t.text == QStringLiteral("副本（第2次打印）");
        CHECK(marked);
    }
    auto profile = forms::PrinterProfile::fromFile(
        QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/printers/epson-lq630k.json"));
    REQUIRE(profile);
    auto stream = forms::renderEscp(reprint, *profile);
    REQUIRE(stream);
    auto encode = QStringEncoder("GB18030");
    const QByteArray mark = encode(QStringLiteral("副本"));
    CHECK(stream->contains(mark));
}
