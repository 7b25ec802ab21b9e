// The installed commands on real stores: `fieldcase-admin db check` exit codes and reports, and
// the terminal refusing to start on a damaged database without touching it.
#include "tests/support/storefixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::test;

namespace {
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FIELDCASE_LANG"), QStringLiteral("en"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    REQUIRE(p.waitForFinished(120000));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
        QString::fromUtf8(p.readAllStandardError())};
}

const QString kAdmin = QStringLiteral(FIELDCASE_ADMIN_BIN);
const QString kTerminal = QStringLiteral(FIELDCASE_TERMINAL_BIN);

QByteArray digest(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}
} // namespace

TEST_CASE("db check exits 0 on a healthy store and 1 naming a tampered event", "[cli]")
{
    StoreFixture f;
    const QString c = f.openCase();
    const Event note = f.append(f.single, QStringLiteral("case.note"), c,
        {{QStringLiteral("text"), QStringLiteral("现场记录")}});
    const QString dir = f.options.directory;
    f.store.reset();

    Run ok = run(
        kAdmin, {QStringLiteral("--data"), dir, QStringLiteral("db"), QStringLiteral("check")});
    INFO(ok.out.toStdString() << ok.err.toStdString());
    CHECK(ok.exitCode == 0);
    CHECK(ok.out.contains(QStringLiteral("OK")));

    f.reopen();
    tamper(*f.store,
        QStringLiteral(
            "UPDATE events SET payload = replace(payload, '现场', '篡改') WHERE id = '%1'")
            .arg(note.id));
    f.store.reset();
    Run bad = run(
        kAdmin, {QStringLiteral("--data"), dir, QStringLiteral("db"), QStringLiteral("check")});
    INFO(bad.out.toStdString() << bad.err.toStdString());
    CHECK(bad.exitCode == 1);
    CHECK(bad.out.contains(QStringLiteral("PROBLEM")));
    CHECK(bad.out.contains(note.id));
    CHECK(bad.out.contains(QStringLiteral("hash mismatch")));

    Run json = run(kAdmin,
        {QStringLiteral("--data"), dir, QStringLiteral("--json"), QStringLiteral("db"),
            QStringLiteral("check")});
    CHECK(json.exitCode == 1);
    CHECK(json.out.contains(QStringLiteral("\"ok\": false")));
}

TEST_CASE("A damaged database stops the terminal and the admin tool, untouched", "[cli]")
{
    StoreFixture f;
    f.openCase();
    const QString dir = f.options.directory;
    const QString dbPath = f.store->databasePath();
    f.store.reset();
    {
        // Checkpoint-free damage: overwrite the database header.
        QFile db(dbPath);
        REQUIRE(db.open(QIODevice::ReadWrite));
        db.seek(0);
        db.write(QByteArray(100, 'X'));
    }
    const QByteArray before = digest(dbPath);
    Run terminal = run(kTerminal, {QStringLiteral("--data"), dir, QStringLiteral("--headless")});
    CHECK(terminal.exitCode == 2);
    CHECK(terminal.err.contains(QStringLiteral("damaged")));
    CHECK(terminal.err.contains(QStringLiteral("Do not delete it")));
    Run admin = run(
        kAdmin, {QStringLiteral("--data"), dir, QStringLiteral("db"), QStringLiteral("check")});
    CHECK(admin.exitCode == 2);
    CHECK(digest(dbPath) == before);
}

TEST_CASE("The headless demo opens a case through core and prints it", "[cli]")
{
    TempDir dir;
    Run demo = run(kTerminal,
        {QStringLiteral("--data"), dir.file(QStringLiteral("demo")), QStringLiteral("--headless")});
    INFO(demo.out.toStdString() << demo.err.toStdString());
    CHECK(demo.exitCode == 0);
    CHECK(demo.out.contains(QStringLiteral("货车超限运输（示范案例）")));
    CHECK(demo.out.contains(QStringLiteral("vehicle.recorded")));
    // The demo profile's devices are simulators and say so; the simulated GNSS stamps every
    // event, and the position says where it came from.
    CHECK(demo.out.contains(QStringLiteral("Devices (profile demo):")));
    CHECK(demo.out.count(QStringLiteral("[SIMULATED]")) == 6);
    CHECK(demo.out.contains(QStringLiteral("28.186847, 113.075000")));
    CHECK(demo.out.count(QStringLiteral("\"source\": \"simulator\"")) == 4);
    CHECK(demo.out.contains(QStringLiteral("OK")));
}

TEST_CASE("devices list|probe|test show the profile's devices and self-test them", "[cli][devices]")
{
    TempDir dir;
    const QString data = dir.file(QStringLiteral("data"));
    auto admin = [&](QStringList args) {
        args.prepend(data);
        args.prepend(QStringLiteral("--data"));
        return run(kAdmin, args);
    };

    Run list = admin({QStringLiteral("devices"), QStringLiteral("list"), QStringLiteral("--json")});
    INFO(list.out.toStdString() << list.err.toStdString());
    REQUIRE(list.exitCode == 0);
    const QJsonObject listed = QJsonDocument::fromJson(list.out.toUtf8()).object();
    CHECK(listed.value(QLatin1String("profile")).toString() == QStringLiteral("demo"));
    CHECK(listed.value(QLatin1String("devices")).toArray().size() == 6);
    CHECK(listed.value(QLatin1String("rejectedPlugins")).toArray().isEmpty());
    QStringList pluginIds;
    for (const QJsonValue& v : listed.value(QLatin1String("plugins")).toArray())
        pluginIds << v.toObject().value(QLatin1String("id")).toString();
    CHECK(pluginIds.contains(QStringLiteral("fieldcase.gnss.nmea")));
    CHECK(pluginIds.contains(QStringLiteral("fieldcase.printer.simulator")));

    // Every simulator passes its self-test.
    Run test = admin({QStringLiteral("devices"), QStringLiteral("test"),
        QStringLiteral("--seconds"), QStringLiteral("3"), QStringLiteral("--json")});
    INFO(test.out.toStdString() << test.err.toStdString());
    CHECK(test.exitCode == 0);
    const QJsonArray tested = QJsonDocument::fromJson(test.out.toUtf8())
                                  .object()
                                  .value(QLatin1String("devices"))
                                  .toArray();
    CHECK(tested.size() == 6);
    for (const QJsonValue& v : tested)
        CHECK(v.toObject().value(QLatin1String("passed")).toBool());

    // An installer's own profile: a receiver on a port that does not exist fails its test,
    // and the test of one slot ignores the others.
    const QString profile = dir.file(QStringLiteral("kit.json"));
    QFile f(profile);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": 1, "name": "kit", "devices": [
        {"slot": "gnss", "plugin": "fieldcase.gnss.nmea", "settings": {"uri": "serial:/dev/ttyFIELDCASE-none"}},
        {"slot": "printer", "plugin": "vendor.printer.missing", "settings": {}}]})");
    f.close();
    Run gnss = admin({QStringLiteral("devices"), QStringLiteral("test"), QStringLiteral("gnss"),
        QStringLiteral("--profile"), profile, QStringLiteral("--seconds"), QStringLiteral("1")});
    INFO(gnss.out.toStdString() << gnss.err.toStdString());
    CHECK(gnss.exitCode == 1);
    CHECK(gnss.out.contains(QStringLiteral("FAIL")));
    CHECK_FALSE(gnss.out.contains(QStringLiteral("vendor.printer.missing")));
    Run probe = admin({QStringLiteral("devices"), QStringLiteral("probe"),
        QStringLiteral("--profile"), profile, QStringLiteral("--seconds"), QStringLiteral("1")});
    CHECK(probe.exitCode == 1);
    CHECK(probe.out.contains(QStringLiteral("NOT AVAILABLE")));
    CHECK(probe.out.contains(QStringLiteral("vendor.printer.missing")));

    Run missing = admin({QStringLiteral("devices"), QStringLiteral("list"),
        QStringLiteral("--profile"), QStringLiteral("no-such-kit")});
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.contains(QStringLiteral("no-such-kit")));
    Run usage = admin({QStringLiteral("devices"), QStringLiteral("fix")});
    CHECK(usage.exitCode == 64);
}

TEST_CASE("gnss watch judges a receiver for the installer", "[cli][gnss]")
{
    const QString recording
        = QStringLiteral("file:" FIELDCASE_SOURCE_DIR "/resources/demo/gnss/g4-roadside-stop.nmea");
    auto watch = [](const QString& uri) {
        return run(kAdmin,
            {QStringLiteral("gnss"), QStringLiteral("watch"), uri, QStringLiteral("--seconds"),
                QStringLiteral("1"), QStringLiteral("--json")});
    };

    // Retimed replay: positions fit for evidence.
    Run good = watch(recording + QStringLiteral("?interval=50"));
    INFO(good.out.toStdString() << good.err.toStdString());
    CHECK(good.exitCode == 0);
    const QJsonObject report = QJsonDocument::fromJson(good.out.toUtf8()).object();
    CHECK(report.value(QLatin1String("fixes")).toArray().size() >= 5);
    CHECK(report.value(QLatin1String("usable")).toInt() >= 5);
    CHECK(report.value(QLatin1String("checksumErrors")).toInt() == 0);
    const QJsonObject first = report.value(QLatin1String("fixes")).toArray().first().toObject();
    CHECK(first.value(QLatin1String("source")).toString() == QStringLiteral("gnss:GN"));
    CHECK(first.value(QLatin1String("satellites")).toInt() == 14);

    // The log as recorded (November 2026): the receiver talks, but its time cannot be trusted.
    Run old = watch(recording + QStringLiteral("?interval=50&retime=0&loop=0"));
    CHECK(old.exitCode == 1);
    const QJsonArray oldFixes = QJsonDocument::fromJson(old.out.toUtf8())
                                    .object()
                                    .value(QLatin1String("fixes"))
                                    .toArray();
    REQUIRE_FALSE(oldFixes.isEmpty());
    CHECK_FALSE(oldFixes.first().toObject().value(QLatin1String("usable")).toBool());
    CHECK(oldFixes.first()
              .toObject()
              .value(QLatin1String("warnings"))
              .toArray()
              .first()
              .toString()
              .contains(QStringLiteral("Satellite time and device time differ")));

    // A port that does not exist: exit 2 and the reason.
    Run missing = watch(QStringLiteral("serial:/nonexistent/ttyGPS"));
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.contains(QStringLiteral("/nonexistent/ttyGPS")));
}

TEST_CASE("Reference, validation, rules, deadline and scenario commands", "[cli][rules]")
{
    TempDir dir;
    const QString data = dir.file(QStringLiteral("terminal"));
    auto admin = [&](QStringList args) {
        args.prepend(data);
        args.prepend(QStringLiteral("--data"));
        return run(kAdmin, args);
    };
    Run installed = admin({QStringLiteral("reference"), QStringLiteral("install-bundled"),
        QStringLiteral("--demo-trust")});
    INFO(installed.out.toStdString() << installed.err.toStdString());
    REQUIRE(installed.exitCode == 0);
    CHECK(installed.out.contains(QStringLiteral("8 bundled reference packs imported")));

    SECTION("validate: exit 0 for valid, 1 with the reason for invalid")
    {
        Run ok = admin(
            {QStringLiteral("validate"), QStringLiteral("id"), QStringLiteral("110105491231002")});
        CHECK(ok.exitCode == 0);
        CHECK(ok.out.contains(QStringLiteral("11010519491231002X"))); // upgraded from 15 digits
        Run bad = admin({QStringLiteral("--json"), QStringLiteral("validate"),
            QStringLiteral("uscc"), QStringLiteral("91350100M000100Y42")});
        CHECK(bad.exitCode == 1);
        const QJsonObject o = QJsonDocument::fromJson(bad.out.toUtf8()).object();
        CHECK_FALSE(o.value(QStringLiteral("valid")).toBool());
        CHECK_FALSE(o.value(QStringLiteral("reason")).toString().isEmpty());
        CHECK(
            admin({QStringLiteral("validate"), QStringLiteral("plate"), QStringLiteral("京I12345")})
                .exitCode
            == 1);
    }
    SECTION("deadline: 7 working days across National Day 2026 with the 调休 Saturday counted")
    {
        Run d = admin({QStringLiteral("--json"), QStringLiteral("deadline"),
            QStringLiteral("--kind"), QStringLiteral("evidence-preservation-decision"),
            QStringLiteral("--from"), QStringLiteral("2026-09-28")});
        INFO(d.out.toStdString() << d.err.toStdString());
        REQUIRE(d.exitCode == 0);
        const QJsonObject o = QJsonDocument::fromJson(d.out.toUtf8()).object();
        CHECK(o.value(QStringLiteral("lastDay")).toString() == QStringLiteral("2026-10-13"));
        CHECK(o.value(QStringLiteral("basis")).toString().contains(QStringLiteral("第五十六条")));
        CHECK(admin({QStringLiteral("deadline"), QStringLiteral("--kind"),
                        QStringLiteral("no-such-kind"), QStringLiteral("--from"),
                        QStringLiteral("2026-09-28")})
                  .exitCode
            == 1);
    }
    SECTION("rules evaluate and show")
    {
        QFile facts(dir.file(QStringLiteral("facts.json")));
        REQUIRE(facts.open(QIODevice::WriteOnly));
        facts.write(
            R"({"partyKind":"organisation","measured":{"vehicleClass":"trainTruck","axles":6,"measuredMassKg":55200,"heightM":3.9,"widthM":2.5,"lengthM":16.5}})");
        facts.close();
        Run e
            = admin({QStringLiteral("--json"), QStringLiteral("rules"), QStringLiteral("evaluate"),
                QStringLiteral("--violation"), QStringLiteral("GLAQ-64"), QStringLiteral("--facts"),
                facts.fileName(), QStringLiteral("--date"), QStringLiteral("2026-05-06")});
        INFO(e.out.toStdString() << e.err.toStdString());
        REQUIRE(e.exitCode == 0);
        const QJsonObject o = QJsonDocument::fromJson(e.out.toUtf8()).object();
        CHECK(o.value(QStringLiteral("recommendedAmountFen")).toInteger() == 300000);
        CHECK(o.value(QStringLiteral("demo")).toBool());
        Run show
            = admin({QStringLiteral("rules"), QStringLiteral("show"), QStringLiteral("DLYS-63-1")});
        CHECK(show.exitCode == 0);
        CHECK(show.out.contains(QStringLiteral("第六十三条")));
        CHECK(admin({QStringLiteral("rules"), QStringLiteral("search"), QStringLiteral("路面")})
                  .exitCode
            == 0);
        Run vehicle = admin({QStringLiteral("--json"), QStringLiteral("rules"),
            QStringLiteral("vehicle"), QStringLiteral("京A12345")});
        CHECK(vehicle.exitCode == 0);
        const QJsonObject v = QJsonDocument::fromJson(vehicle.out.toUtf8()).object();
        CHECK(v.value(QStringLiteral("unpaidFen")).toInteger() == 300000);
        CHECK(v.value(QStringLiteral("exportedAt")).toString()
            == QStringLiteral("2026-11-20T18:00:00+08:00"));
        CHECK(
            admin({QStringLiteral("rules"), QStringLiteral("vehicle"), QStringLiteral("京Z00000")})
                .exitCode
            == 1);
    }
    SECTION("card profiles: a signed pack is checked by the devices layer before import")
    {
        // Source pack = the three demo profiles; signed with the demo key by the build's packtool.
        QJsonArray profiles;
        for (const char* kind :
            {"officer-certificate", "road-transport-certificate", "qualification-certificate"}) {
            QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/cardprofiles/%1-demo.json")
                        .arg(QLatin1String(kind)));
            REQUIRE(f.open(QIODevice::ReadOnly));
            profiles.append(QJsonDocument::fromJson(f.readAll()).object());
        }
        auto importPack = [&](const QJsonArray& content, int version) {
            const QJsonObject source {
                {QStringLiteral("format"), QStringLiteral("fieldcase-reference-pack")},
                {QStringLiteral("formatVersion"), 1},
                {QStringLiteral("id"), QStringLiteral("demo.card-profiles")},
                {QStringLiteral("kind"), QStringLiteral("card-profiles")},
                {QStringLiteral("version"), version},
                {QStringLiteral("effectiveFrom"), QStringLiteral("2020-01-01")},
                {QStringLiteral("effectiveTo"), QJsonValue::Null},
                {QStringLiteral("issuer"), QStringLiteral("FieldCase tests")},
                {QStringLiteral("createdAt"), QStringLiteral("2026-11-21T00:00:00Z")},
                {QStringLiteral("demo"), true},
                {QStringLiteral("content"), QJsonObject {{QStringLiteral("profiles"), content}}}};
            const QString src = dir.file(QStringLiteral("cards-%1.json").arg(version));
            const QString signedPack = dir.file(QStringLiteral("cards-%1.pack.json").arg(version));
            QFile f(src);
            REQUIRE(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(source).toJson());
            f.close();
            Run sign = run(QStringLiteral(FIELDCASE_BINARY_DIR "/app/fieldcase-packtool"),
                {QStringLiteral("sign"),
                    QStringLiteral(
                        FIELDCASE_SOURCE_DIR "/resources/reference/keys/demo-publisher.pem"),
                    src, signedPack});
            INFO(sign.out.toStdString() << sign.err.toStdString());
            REQUIRE(sign.exitCode == 0);
            return admin({QStringLiteral("reference"), QStringLiteral("import"), signedPack});
        };
        // A field with a misspelt key: core's shape check passes it, the devices layer does not.
        QJsonArray broken = profiles;
        QJsonObject first = broken.at(0).toObject();
        QJsonArray fields = first.value(QStringLiteral("fields")).toArray();
        QJsonObject field = fields.at(0).toObject();
        field.insert(QStringLiteral("lenght"), 3);
        fields[0] = field;
        first.insert(QStringLiteral("fields"), fields);
        broken[0] = first;
        Run bad = importPack(broken, 1);
        INFO(bad.out.toStdString() << bad.err.toStdString());
        CHECK(bad.exitCode == 1);
        CHECK(bad.err.contains(QStringLiteral("lenght")));
        Run good = importPack(profiles, 2);
        INFO(good.out.toStdString() << good.err.toStdString());
        CHECK(good.exitCode == 0);
        CHECK(good.out.contains(QStringLiteral("demo.card-profiles")));
    }
    SECTION("a tampered pack is refused and the data in force stays")
    {
        QFile in(QStringLiteral(FIELDCASE_BINARY_DIR "/resources/reference/procedures.pack.json"));
        REQUIRE(in.open(QIODevice::ReadOnly));
        QByteArray content = in.readAll();
        content.replace("\"version\": 1", "\"version\": 2");
        content.replace("20000", "50000"); // raise the simple-procedure limit: forged
        QFile out(dir.file(QStringLiteral("forged.pack.json")));
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(content);
        out.close();
        Run r = admin({QStringLiteral("reference"), QStringLiteral("import"), out.fileName()});
        CHECK(r.exitCode == 1);
        CHECK(r.err.contains(QStringLiteral("signature is invalid")));
        Run status = admin(
            {QStringLiteral("--json"), QStringLiteral("reference"), QStringLiteral("status")});
        CHECK(status.out.contains(QStringLiteral("\"cn.national.procedures\"")));
        CHECK_FALSE(status.out.contains(QStringLiteral("\"version\": 2")));
    }
    SECTION("scenario run")
    {
        Run s = admin({QStringLiteral("scenario"), QStringLiteral("run"),
            QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/scenarios/overload.json")});
        INFO(s.out.toStdString() << s.err.toStdString());
        CHECK(s.exitCode == 0);
        CHECK(
            QJsonDocument::fromJson(s.out.toUtf8()).object().value(QStringLiteral("ok")).toBool());
    }
}

TEST_CASE("render writes a PDF and an ESC/P-K stream from a template and data", "[cli][forms]")
{
    TempDir dir;
    const QString sample = QStringLiteral(
        FIELDCASE_SOURCE_DIR "/forms/templates/samples/dangchang-chufa-jueding.sample.json");
    const QString pdf = dir.file(QStringLiteral("d.pdf"));
    const QString escp = dir.file(QStringLiteral("d.escp"));
    for (const auto& [format, out] :
        {std::pair {QStringLiteral("pdf"), pdf}, {QStringLiteral("escp"), escp}}) {
        Run r = run(kAdmin,
            {QStringLiteral("render"), QStringLiteral("--template"),
                QStringLiteral("dangchang-chufa-jueding"), QStringLiteral("--doc-data"), sample,
                QStringLiteral("--format"), format, QStringLiteral("--out"), out});
        INFO(r.out.toStdString() << r.err.toStdString());
        REQUIRE(r.exitCode == 0);
    }
    QFile stream(escp);
    REQUIRE(stream.open(QIODevice::ReadOnly));
    CHECK(stream.readAll().startsWith("\x1b@")); // ESC @ initialises the printer
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    REQUIRE(text.waitForFinished(20000));
    const QString extracted
        = QString::fromUtf8(text.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
    CHECK(extracted.contains(QStringLiteral("示交罚〔2026〕00001号")));
    CHECK(extracted.contains(QStringLiteral("申请行政复议")));
    CHECK(extracted.contains(QStringLiteral("示范区")));
    // A required field missing: refused, naming it.
    QFile in(sample);
    REQUIRE(in.open(QIODevice::ReadOnly));
    QJsonObject data = QJsonDocument::fromJson(in.readAll()).object();
    QJsonObject unit = data.value(QStringLiteral("unit")).toObject();
    unit.remove(QStringLiteral("reviewBody"));
    data.insert(QStringLiteral("unit"), unit);
    QFile broken(dir.file(QStringLiteral("broken.json")));
    REQUIRE(broken.open(QIODevice::WriteOnly));
    broken.write(QJsonDocument(data).toJson());
    broken.close();
    Run refused = run(kAdmin,
        {QStringLiteral("render"), QStringLiteral("--template"),
            QStringLiteral("dangchang-chufa-jueding"), QStringLiteral("--doc-data"),
            broken.fileName(), QStringLiteral("--format"), QStringLiteral("pdf"),
            QStringLiteral("--out"), dir.file(QStringLiteral("x.pdf"))});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QStringLiteral("unit.reviewBody")));
}
