// Every scripted scenario in resources/scenarios runs through core with the seed packs and meets
// the expectations written in it; the tests below also check the key legal outcomes directly.
#include "core/rules/rulebook.h"
#include "core/scenario/scenario.h"
#include "tests/support/referencefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;

namespace {
QJsonObject runFile(test::ReferenceFixture& ref, const QString& name)
{
    QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/scenarios/") + name);
    REQUIRE(f.open(QIODevice::ReadOnly));
    auto result = scenario::runScenario(QJsonDocument::fromJson(f.readAll()).object(), *ref.store);
    if (!result)
        FAIL(result.error().toString().toStdString());
    INFO(QJsonDocument(*result).toJson().toStdString());
    CHECK(result->value(QStringLiteral("expectationFailures")).toArray().isEmpty());
    CHECK(result->value(QStringLiteral("ok")).toBool());
    return *result;
}

QJsonObject stepResult(const QJsonObject& run, int step)
{
    return run.value(QStringLiteral("steps"))
        .toArray()
        .at(step)
        .toObject()
        .value(QStringLiteral("result"))
        .toObject();
}
} // namespace

TEST_CASE("Every bundled scenario meets its own expectations", "[scenarios]")
{
    test::ReferenceFixture ref;
    const QStringList files = QDir(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/scenarios"))
                                  .entryList({QStringLiteral("*.json")});
    REQUIRE(files.size() >= 5);
    for (const QString& f : files) {
        INFO(f.toStdString());
        runFile(ref, f);
    }
}

TEST_CASE("A simple-procedure case is decided on the spot and closed", "[scenarios]")
{
    test::ReferenceFixture ref;
    const QJsonObject run = runFile(ref, QStringLiteral("simple-procedure.json"));
    const QJsonArray events = run.value(QStringLiteral("events")).toArray();
    CHECK(events.contains(QStringLiteral("penalty.decided")));
    CHECK(events.last() == QStringLiteral("case.closed"));
    CHECK(run.value(QStringLiteral("case")).toObject().value(QStringLiteral("paidFen")).toInteger()
        == 20000);
    CHECK(run.value(QStringLiteral("refusals")).toArray().isEmpty());
    CHECK(run.value(QStringLiteral("demoData")).toBool()); // the discretion standard is demo data
}

TEST_CASE("A simple-procedure decision above the limit is refused citing article 51", "[scenarios]")
{
    test::ReferenceFixture ref;
    const QJsonObject run = runFile(ref, QStringLiteral("simple-procedure-refused.json"));
    const QJsonArray refusals = run.value(QStringLiteral("refusals")).toArray();
    REQUIRE(refusals.size() == 1);
    CHECK(refusals.at(0)
              .toObject()
              .value(QStringLiteral("basis"))
              .toString()
              .contains(QStringLiteral("第五十一条")));
    CHECK_FALSE(
        run.value(QStringLiteral("events")).toArray().contains(QStringLiteral("penalty.decided")));
}

TEST_CASE("The overload scenario computes 3,000 元 for 6,200 kg over the 49 t limit", "[scenarios]")
{
    test::ReferenceFixture ref;
    const QJsonObject run = runFile(ref, QStringLiteral("overload.json"));
    const QJsonObject evaluation = stepResult(run, 3);
    CHECK(evaluation.value(QStringLiteral("overlimit"))
              .toObject()
              .value(QStringLiteral("overKg"))
              .toInteger()
        == 6200);
    CHECK(evaluation.value(QStringLiteral("recommendedAmountFen")).toInteger() == 300000);
    CHECK(run.value(QStringLiteral("case")).toObject().value(QStringLiteral("status")).toString()
        == QStringLiteral("closed"));
}

TEST_CASE("首违不罚 applies only when every condition holds", "[scenarios]")
{
    test::ReferenceFixture ref;
    const QJsonObject run = runFile(ref, QStringLiteral("first-violation-exempt.json"));
    CHECK(stepResult(run, 2).value(QStringLiteral("outcome")).toString()
        == QStringLiteral("first-violation-exempt"));
    CHECK(stepResult(run, 3).value(QStringLiteral("outcome")).toString()
        == QStringLiteral("penalty"));
}

TEST_CASE(
    "A seizure is extended once, a second extension is refused, deadlines warn", "[scenarios]")
{
    test::ReferenceFixture ref;
    const QJsonObject run = runFile(ref, QStringLiteral("seizure-extension.json"));
    CHECK(stepResult(run, 3).value(QStringLiteral("lastDay")).toString()
        == QStringLiteral("2026-10-14"));
    const QJsonObject extended = stepResult(run, 4);
    CHECK(extended.value(QStringLiteral("lastDay")).toString() == QStringLiteral("2026-11-13"));
    const QJsonArray refusals = run.value(QStringLiteral("refusals")).toArray();
    REQUIRE(refusals.size() == 1);
    CHECK(refusals.at(0)
              .toObject()
              .value(QStringLiteral("reason"))
              .toString()
              .contains(QStringLiteral("第二十五条")));
    const QJsonArray warnings = run.value(QStringLiteral("warnings")).toArray();
    REQUIRE(warnings.size() == 1);
    CHECK(warnings.at(0).toObject().value(QStringLiteral("status")).toString()
        == QStringLiteral("due-soon"));
}

TEST_CASE("The seed packs agree with each other", "[scenarios][packs]")
{
    test::ReferenceFixture ref;
    auto book = rules::RuleBook::load(*ref.store, QDate(2026, 5, 6));
    REQUIRE(book);
    CHECK(book->warnings.isEmpty());
    CHECK(book->procedures.has_value());
    CHECK(book->calendar.has_value());
    CHECK(book->deadlines.has_value());
    CHECK(book->codes.has_value());
    CHECK(book->unit.has_value());
    CHECK(book->catalogue.violationsAt(QDate(2026, 5, 6))->violations.size() >= 60);
    // Before the 2023 道路运输条例 revision, no catalogue version is in force.
    CHECK(book->catalogue.violationsAt(QDate(2023, 7, 19)) == nullptr);
}
