// The installed commands end to end: `fieldcase-centre init/admin/serve` and a terminal's
// `fieldcase-admin sync enrol/now/status`, as an installer would run them, over real TLS.
#include "tests/support/tempdir.h"
#include "tests/support/testpki.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <catch2/catch.hpp>

using namespace fieldcase;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QProcessEnvironment environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FIELDCASE_LANG"), QStringLiteral("en"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(program, args);
    REQUIRE(p.waitForFinished(120000));
    Run r {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
        QString::fromUtf8(p.readAllStandardError())};
    INFO((program + QLatin1Char(' ') + args.join(QLatin1Char(' ')) + QLatin1Char('\n') + r.out
        + r.err)
             .toStdString());
    return r;
}

const QString kAdmin = QStringLiteral(FIELDCASE_ADMIN_BIN);
const QString kCentre = QStringLiteral(FIELDCASE_CENTRE_BIN);

} // namespace

TEST_CASE("fieldcase-centre and fieldcase-admin sync: enrol, sync now, status", "[cli][sync]")
{
    test::TestPki pki;
    REQUIRE(pki.ok());
    test::TempDir centreDir;
    test::TempDir terminalDir;
    const QString data = QStringLiteral("--data=") + centreDir.path();
    const QString ca = pki.cert(QStringLiteral("ca"));

    Run init = run(kCentre,
        {QStringLiteral("init"), data, QStringLiteral("--tls-cert"),
            pki.cert(QStringLiteral("server")), QStringLiteral("--tls-key"),
            pki.key(QStringLiteral("server")), QStringLiteral("--client-ca"), ca,
            QStringLiteral("--terminal-ca-cert"), ca, QStringLiteral("--terminal-ca-key"),
            pki.key(QStringLiteral("ca")), QStringLiteral("--port"), QStringLiteral("0"),
            QStringLiteral("--enrol-port"), QStringLiteral("0")});
    REQUIRE(init.exitCode == 0);
    REQUIRE(run(kCentre,
                {QStringLiteral("admin"), data, QStringLiteral("unit"), QStringLiteral("add"),
                    QStringLiteral("u1"), QStringLiteral("示范县交通运输综合执法大队")})
                .exitCode
        == 0);
    REQUIRE(run(kCentre,
                {QStringLiteral("admin"), data, QStringLiteral("officer"), QStringLiteral("add"),
                    QStringLiteral("off-9"), QStringLiteral("赵六"), QStringLiteral("--unit"),
                    QStringLiteral("u1"), QStringLiteral("--roles"), QStringLiteral("officer")})
                .exitCode
        == 0);
    Run badRole = run(kCentre,
        {QStringLiteral("admin"), data, QStringLiteral("officer"), QStringLiteral("add"),
            QStringLiteral("x"), QStringLiteral("x"), QStringLiteral("--unit"),
            QStringLiteral("u1"), QStringLiteral("--roles"), QStringLiteral("captain")});
    CHECK(badRole.exitCode == 64);
    CHECK(badRole.err.contains(QStringLiteral("Unknown role")));
    Run token = run(kCentre,
        {QStringLiteral("admin"), data, QStringLiteral("token"), QStringLiteral("create"),
            QStringLiteral("--unit"), QStringLiteral("u1"), QStringLiteral("--officers"),
            QStringLiteral("off-9")});
    REQUIRE(token.exitCode == 0);
    const QString tokenText = token.out.trimmed();
    CHECK(QRegularExpression(QStringLiteral("^[0-9A-F]{5}(-[0-9A-F]{5}){3}$"))
              .match(tokenText)
              .hasMatch());

    QProcess centre;
    centre.setProcessEnvironment(environment());
    centre.start(kCentre, {QStringLiteral("serve"), data});
    QString banner;
    REQUIRE(centre.waitForStarted());
    while (!banner.contains(QLatin1Char('\n')) && centre.waitForReadyRead(10000))
        banner += QString::fromUtf8(centre.readAllStandardOutput());
    const auto m = QRegularExpression(QStringLiteral("sync=(\\d+) enrol=(\\d+)")).match(banner);
    INFO(banner.toStdString() + centre.readAllStandardError().toStdString());
    REQUIRE(m.hasMatch());
    const QString syncUrl = QStringLiteral("https://localhost:") + m.captured(1);
    const QString enrolUrl = QStringLiteral("https://localhost:") + m.captured(2);

    const QString tdata = QStringLiteral("--data=") + terminalDir.path();
    REQUIRE(run(kAdmin, {QStringLiteral("demo"), QStringLiteral("seed"), tdata}).exitCode == 0);
    REQUIRE(run(kAdmin, {QStringLiteral("demo"), QStringLiteral("case"), tdata}).exitCode == 0);
    Run notEnrolled = run(kAdmin, {QStringLiteral("sync"), QStringLiteral("now"), tdata});
    CHECK(notEnrolled.exitCode == 1);
    CHECK(notEnrolled.err.contains(QStringLiteral("not enrolled")));

    Run enrol = run(kAdmin,
        {QStringLiteral("sync"), QStringLiteral("enrol"), tdata, QStringLiteral("--centre"),
            syncUrl, QStringLiteral("--enrol-url"), enrolUrl, QStringLiteral("--ca"), ca,
            QStringLiteral("--token"), tokenText});
    REQUIRE(enrol.exitCode == 0);
    CHECK(enrol.out.contains(QStringLiteral("Enrolled with")));

    Run now = run(
        kAdmin, {QStringLiteral("sync"), QStringLiteral("now"), tdata, QStringLiteral("--json")});
    REQUIRE(now.exitCode == 0);
    const QJsonObject report = QJsonDocument::fromJson(now.out.toUtf8()).object();
    CHECK(report.value(QStringLiteral("eventsAccepted")).toInt() > 0);
    CHECK(report.value(QStringLiteral("complete")).toBool());

    Run status = run(kAdmin,
        {QStringLiteral("sync"), QStringLiteral("status"), tdata, QStringLiteral("--json")});
    REQUIRE(status.exitCode == 0);
    const QJsonObject s = QJsonDocument::fromJson(status.out.toUtf8()).object();
    CHECK(s.value(QStringLiteral("enrolled")).toBool());
    for (const QJsonValue& c : s.value(QStringLiteral("classes")).toArray()) {
        if (c.toObject().value(QStringLiteral("priority")).toInt() == 0)
            CHECK(c.toObject().value(QStringLiteral("pending")).toInt() == 0);
    }
    Run text = run(kAdmin, {QStringLiteral("sync"), QStringLiteral("status"), tdata});
    CHECK(text.out.contains(QStringLiteral("Last complete sync")));

    Run terminals = run(kCentre, {QStringLiteral("admin"), data, QStringLiteral("terminals")});
    CHECK(terminals.out.contains(QStringLiteral("\"unit\": \"u1\"")));

    // The token is spent.
    test::TempDir second;
    const QString sdata = QStringLiteral("--data=") + second.path();
    REQUIRE(run(kAdmin, {QStringLiteral("demo"), QStringLiteral("seed"), sdata}).exitCode == 0);
    Run again = run(kAdmin,
        {QStringLiteral("sync"), QStringLiteral("enrol"), sdata, QStringLiteral("--centre"),
            syncUrl, QStringLiteral("--enrol-url"), enrolUrl, QStringLiteral("--ca"), ca,
            QStringLiteral("--token"), tokenText});
    CHECK(again.exitCode == 1);
    CHECK(again.err.contains(QStringLiteral("already used")));

    centre.terminate();
    CHECK(centre.waitForFinished(10000));
    CHECK(centre.exitCode() == 0);
}
