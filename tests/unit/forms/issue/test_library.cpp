#include "forms/template/library.h"

#include <QFile>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::forms;

namespace {
DocumentTemplate decisionVersion(const char* version, const char* from, const char* to)
{
    QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/templates/dangchang-chufa-jueding.json"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(f.readAll()).object();
    json.insert(QStringLiteral("version"), QLatin1String(version));
    json.insert(QStringLiteral("effectiveFrom"), QLatin1String(from));
    json.insert(QStringLiteral("effectiveTo"), QLatin1String(to));
    auto tpl = DocumentTemplate::fromJson(json);
    if (!tpl)
        FAIL(tpl.error().toString().toStdString());
    return *tpl;
}
} // namespace

TEST_CASE("The bundled templates load as a library", "[forms][library]")
{
    auto library = TemplateLibrary::load(QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/templates"));
    if (!library)
        FAIL(library.error().toString().toStdString());
    CHECK(library->ids().size() >= 8);
    CHECK(library->inForce(QStringLiteral("dangchang-chufa-jueding"), QDate(2026, 5, 6)));
    CHECK_FALSE(library->inForce(QStringLiteral("no-such-form"), QDate(2026, 5, 6)));
}

TEST_CASE("The template version in force on the issue date is used", "[forms][library]")
{
    TemplateLibrary library;
    // The 2019 forms (old article numbers) until the 2021 revision took effect on 2021-07-15.
    REQUIRE(library.add(decisionVersion("2019.1", "2019-06-01", "2021-07-14")));
    REQUIRE(library.add(decisionVersion("2021.1", "2021-07-15", "")));
    CHECK(library.inForce(QStringLiteral("dangchang-chufa-jueding"), QDate(2020, 1, 1))->version
        == QStringLiteral("2019.1"));
    CHECK(library.inForce(QStringLiteral("dangchang-chufa-jueding"), QDate(2021, 7, 15))->version
        == QStringLiteral("2021.1"));
    CHECK(library.inForce(QStringLiteral("dangchang-chufa-jueding"), QDate(2026, 5, 6))->version
        == QStringLiteral("2021.1"));
    auto before = library.inForce(QStringLiteral("dangchang-chufa-jueding"), QDate(2019, 1, 1));
    REQUIRE_FALSE(before);
    CHECK(before.error().message.contains(QStringLiteral("2019-01-01")));
    CHECK_FALSE(library.add(decisionVersion("2021.1", "2021-07-15", ""))); // same version twice
}
