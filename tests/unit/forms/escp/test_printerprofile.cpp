// Printer profiles: the shipped files load, and malformed JSON is rejected with the key named.
#include "forms/escp/printerprofile.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::forms;

namespace {

QString profilePath(const char* name)
{
    return QString::fromUtf8(FIELDCASE_SOURCE_DIR "/forms/printers/") + QString::fromUtf8(name);
}

QJsonObject genericJson()
{
    auto profile = PrinterProfile::fromFile(profilePath("generic-escp2-24pin.json"));
    REQUIRE(profile);
    return profile->toJson();
}

// Applies an edit to the generic profile and returns the parse error's context key.
template<typename Edit>
Error parseError(Edit edit)
{
    QJsonObject json = genericJson();
    edit(json);
    const auto result = PrinterProfile::fromJson(json);
    REQUIRE_FALSE(result);
    INFO(result.error().message.toStdString());
    CHECK(result.error().code == ErrorCode::InvalidArgument);
    CHECK_FALSE(result.error().message.isEmpty());
    return result.error();
}

QJsonObject withPitch(QJsonObject json, const QString& key, const QJsonValue& value)
{
    QJsonArray pitches = json.value(QStringLiteral("pitches")).toArray();
    QJsonObject first = pitches.at(0).toObject();
    first.insert(key, value);
    pitches.replace(0, first);
    json.insert(QStringLiteral("pitches"), pitches);
    return json;
}

} // namespace

TEST_CASE("shipped printer profiles load", "[escp]")
{
    for (const char* name : {"epson-lq630k.json", "generic-escp2-24pin.json"}) {
        INFO(name);
        const auto profile = PrinterProfile::fromFile(profilePath(name));
        REQUIRE(profile);
        CHECK(profile->horizontalDpi == 180);
        CHECK(profile->chineseModeEnter == QByteArray("\x1c&"));
        CHECK(profile->chineseModeLeave == QByteArray("\x1c."));
        CHECK(profile->pitches.size() == 2);
        // Round trip through toJson keeps every value.
        const auto again = PrinterProfile::fromJson(profile->toJson());
        REQUIRE(again);
        CHECK(again->toJson() == profile->toJson());
    }
    const auto lq = PrinterProfile::fromFile(profilePath("epson-lq630k.json"));
    REQUIRE(lq);
    CHECK(lq->id == QStringLiteral("epson-lq630k"));
    CHECK(lq->repertoire == Repertoire::Gbk);
    CHECK(lq->pitchFor(10.5).cjkDots == 26);
    CHECK(lq->pitchFor(12).cjkDots == 30);
    CHECK(lq->pitchFor(9).latinCpi == 12);
}

TEST_CASE("resident repertoire per profile", "[escp]")
{
    auto profile = PrinterProfile::fromJson(genericJson());
    REQUIRE(profile);
    const QByteArray zhong("\xd6\xd0"); // 中, GB2312
    const QByteArray da("\xfd\x93"); // 龘, GBK only
    const QByteArray ji("\x95\x34\xb2\x35"); // 𠮷, four-byte GB18030
    profile->repertoire = Repertoire::Gb2312;
    CHECK(profile->isResident(zhong));
    CHECK_FALSE(profile->isResident(da));
    CHECK_FALSE(profile->isResident(ji));
    profile->repertoire = Repertoire::Gbk;
    CHECK(profile->isResident(da));
    CHECK_FALSE(profile->isResident(ji));
    profile->repertoire = Repertoire::Gb18030;
    CHECK(profile->isResident(ji));
}

TEST_CASE("malformed printer profiles are rejected with the key named", "[escp]")
{
    CHECK(parseError([](QJsonObject& j) { j.remove(QStringLiteral("model")); }).context
        == QStringLiteral("model"));
    CHECK(parseError([](QJsonObject& j) { j.insert(QStringLiteral("formatVersion"), 2); }).context
        == QStringLiteral("formatVersion"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("repertoire"), QStringLiteral("big5"));
    }).context
        == QStringLiteral("repertoire"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("dpi"),
            QJsonObject {{QStringLiteral("horizontal"), 180}, {QStringLiteral("vertical"), 360}});
    }).context
        == QStringLiteral("dpi.vertical"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("chineseMode"),
            QJsonObject {{QStringLiteral("enter"), QStringLiteral("1C2")},
                {QStringLiteral("leave"), QStringLiteral("1C2E")}});
    }).context
        == QStringLiteral("chineseMode.enter"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("pitches"), QJsonArray());
    }).context
        == QStringLiteral("pitches"));
    CHECK(parseError([](QJsonObject& j) {
        j = withPitch(j, QStringLiteral("latinDots"), 16);
    }).context
        == QStringLiteral("pitches[0].latinDots"));
    CHECK(
        parseError([](QJsonObject& j) { j = withPitch(j, QStringLiteral("latinCpi"), 11); }).context
        == QStringLiteral("pitches[0].latinCpi"));
    CHECK(
        parseError([](QJsonObject& j) { j = withPitch(j, QStringLiteral("cjkDots"), 27); }).context
        == QStringLiteral("pitches[0].cjkDots"));
    CHECK(parseError([](QJsonObject& j) {
        j = withPitch(j, QStringLiteral("nominalPt"), QStringLiteral("12"));
    }).context
        == QStringLiteral("pitches[0].nominalPt"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("calibration"), QJsonObject {{QStringLiteral("offsetX01mm"), 900}});
    }).context
        == QStringLiteral("calibration.offsetX01mm"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("calibration"), QJsonObject {{QStringLiteral("offsetY01mm"), 1.5}});
    }).context
        == QStringLiteral("calibration.offsetY01mm"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("positioning"), QJsonObject {{QStringLiteral("unitDpi"), 7}});
    }).context
        == QStringLiteral("positioning.unitDpi"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("positioning"), QJsonObject {{QStringLiteral("setUnit"), false}});
    }).context
        == QStringLiteral("pageLength"));
    CHECK(parseError([](QJsonObject& j) {
        j.insert(QStringLiteral("bitImage"), QJsonObject {{QStringLiteral("mode"), 33}});
    }).context
        == QStringLiteral("bitImage.mode"));
}

TEST_CASE("printer profile files that are not JSON objects are rejected", "[escp]")
{
    const auto missing = PrinterProfile::fromFile(QStringLiteral("/nonexistent/printer.json"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);

    const auto notJson = PrinterProfile::fromFile(
        QString::fromUtf8(FIELDCASE_SOURCE_DIR "/tests/unit/forms/escp/escpinterpreter.h"));
    REQUIRE_FALSE(notJson);
    CHECK(notJson.error().code == ErrorCode::InvalidArgument);
}
