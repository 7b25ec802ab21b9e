#include "core/store/checker.h"
#include "tests/support/storefixture.h"

#include <QJsonArray>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::test;

namespace {
NumberBlock block(const QString& id, qint64 first, qint64 last, int year = 2026)
{
    return {id, QStringLiteral("当场行政处罚决定书"), year, first, last,
        QStringLiteral("示交罚〔{year}〕{seq:5}号"), QStringLiteral("installer")};
}

IssueRequest request(const QString& docId)
{
    IssueRequest r;
    r.documentId = docId;
    r.docType = QStringLiteral("当场行政处罚决定书");
    r.contentHash = QString(64, QLatin1Char('c'));
    return r;
}
} // namespace

TEST_CASE("Numbers are formatted from the unit's pattern", "[numbering]")
{
    CHECK(CaseStore::formatNumber(QStringLiteral("粤东交罚〔{year}〕{seq:5}号"), 2025, 977)
        == QStringLiteral("粤东交罚〔2025〕00977号"));
    CHECK(CaseStore::formatNumber(QStringLiteral("湘炎交处罚〔{year}〕{seq}号"), 2023, 8)
        == QStringLiteral("湘炎交处罚〔2023〕8号"));
}

TEST_CASE("Issuing consumes numbers in order, voided numbers are never reused", "[numbering]")
{
    StoreFixture f;
    f.clock.setNowMs(QDateTime(QDate(2026, 5, 6), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    REQUIRE(f.store->loadNumberBlock(f.installer, block(QStringLiteral("b1"), 1, 3)));
    REQUIRE(f.store->loadNumberBlock(f.installer, block(QStringLiteral("b2"), 101, 200)));
    const QString c = f.openCase();

    auto d1 = f.store->issueDocument(f.single, c, request(QStringLiteral("d1")));
    REQUIRE(d1);
    CHECK(d1->payload.value(QStringLiteral("number")).toString()
        == QStringLiteral("示交罚〔2026〕00001号"));
    auto d2 = f.store->issueDocument(f.single, c, request(QStringLiteral("d2")));
    REQUIRE(f.store->voidDocument(f.single, c, QStringLiteral("d2"), QStringLiteral("打印错位")));
    auto d3 = f.store->issueDocument(f.single, c, request(QStringLiteral("d3")));
    CHECK(d3->payload.value(QStringLiteral("number")).toString()
        == QStringLiteral("示交罚〔2026〕00003号"));
    // Block b1 is used up: the next number comes from b2.
    auto d4 = f.store->issueDocument(f.single, c, request(QStringLiteral("d4")));
    CHECK(d4->payload.value(QStringLiteral("number")).toString()
        == QStringLiteral("示交罚〔2026〕00101号"));

    // A refused issue (bad content hash) consumes nothing.
    IssueRequest bad = request(QStringLiteral("d5"));
    bad.contentHash = QStringLiteral("not-a-hash");
    REQUIRE_FALSE(f.store->issueDocument(f.single, c, bad));
    auto d5 = f.store->issueDocument(f.single, c, request(QStringLiteral("d6")));
    CHECK(d5->payload.value(QStringLiteral("number")).toString()
        == QStringLiteral("示交罚〔2026〕00102号"));

    auto report = f.store->numbersReport(150);
    REQUIRE(report);
    const QJsonArray blocks = report->value(QStringLiteral("blocks")).toArray();
    REQUIRE(blocks.size() == 2);
    CHECK(blocks.at(0).toObject().value(QStringLiteral("issued")).toInteger() == 2);
    CHECK(blocks.at(0).toObject().value(QStringLiteral("voided")).toInteger() == 1);
    CHECK(blocks.at(0).toObject().value(QStringLiteral("unused")).toInteger() == 0);
    CHECK(blocks.at(1).toObject().value(QStringLiteral("unused")).toInteger() == 98);
    CHECK(report->value(QStringLiteral("warnings")).toArray().size() == 1); // 98 < 150
    CHECK(f.store->database()
              .scalarInt("SELECT count(*) FROM documents WHERE status = 'voided'")
              .value()
        == 1);
    CHECK_FALSE(f.store->database().exec("DELETE FROM number_usage"));
    CHECK(checkStore(*f.store)->ok());
}

TEST_CASE("Blocks are checked and an exhausted type is refused clearly", "[numbering]")
{
    StoreFixture f;
    f.clock.setNowMs(QDateTime(QDate(2026, 5, 6), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    REQUIRE(f.store->loadNumberBlock(f.installer, block(QStringLiteral("b1"), 1, 1)));
    auto overlap = f.store->loadNumberBlock(f.installer, block(QStringLiteral("b2"), 1, 5));
    REQUIRE_FALSE(overlap);
    CHECK(overlap.error().code == ErrorCode::Conflict);
    CHECK_FALSE(f.store->loadNumberBlock(
        f.single, block(QStringLiteral("b3"), 10, 20))); // not an installer
    const QString c = f.openCase();
    REQUIRE(f.store->issueDocument(f.single, c, request(QStringLiteral("d1"))));
    auto none = f.store->issueDocument(f.single, c, request(QStringLiteral("d2")));
    REQUIRE_FALSE(none);
    CHECK(none.error().code == ErrorCode::NotFound);
    CHECK(none.error().message.contains(QStringLiteral("load a new number block")));
    // Last year's block does not serve this year.
    REQUIRE(f.store->loadNumberBlock(f.installer, block(QStringLiteral("old"), 1, 50, 2025)));
    CHECK_FALSE(f.store->issueDocument(f.single, c, request(QStringLiteral("d3"))));
}

TEST_CASE("The print journal counts copies, failed prints consume nothing, unknown ones count",
    "[numbering][print]")
{
    StoreFixture f;
    f.clock.setNowMs(QDateTime(QDate(2026, 5, 6), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    REQUIRE(f.store->loadNumberBlock(f.installer, block(QStringLiteral("b1"), 1, 10)));
    const QString c = f.openCase();
    REQUIRE(f.store->issueDocument(f.single, c, request(QStringLiteral("d1"))));
    const QString printer = QStringLiteral("cups:lq630k");

    CHECK(f.store
              ->recordPrint(f.single, c, QStringLiteral("d1"), printer, PrintResult::Failed,
                  QStringLiteral("paper out"))
              .value()
        == 1);
    CHECK(f.store->recordPrint(f.single, c, QStringLiteral("d1"), printer, PrintResult::Printed)
              .value()
        == 1);
    CHECK(f.store
              ->recordPrint(f.single, c, QStringLiteral("d1"), printer, PrintResult::Unknown,
                  QStringLiteral("cupsd stopped mid-job"))
              .value()
        == 2);
    CHECK(f.store->recordPrint(f.single, c, QStringLiteral("d1"), printer, PrintResult::Printed)
              .value()
        == 3);
    db::Database& db = f.store->database();
    CHECK(db.scalarInt("SELECT count(*) FROM print_journal").value() == 4);
    CHECK(
        db.scalarInt("SELECT count(*) FROM events WHERE type = 'document.reprinted'").value() == 2);
    CHECK(db.scalarInt("SELECT copies FROM documents WHERE document_id = 'd1'").value() == 3);
    CHECK(db.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'print'").value() == 4);
    // Still one number for the document, whatever happened at the printer.
    CHECK(db.scalarInt("SELECT count(*) FROM number_usage").value() == 1);
    CHECK_FALSE(db.exec("DELETE FROM print_journal"));

    REQUIRE(f.store->voidDocument(f.single, c, QStringLiteral("d1"), QStringLiteral("错填金额")));
    auto voided
        = f.store->recordPrint(f.single, c, QStringLiteral("d1"), printer, PrintResult::Printed);
    REQUIRE_FALSE(voided);
    CHECK(voided.error().code == ErrorCode::Conflict);
    CHECK(checkStore(*f.store)->ok());
}
