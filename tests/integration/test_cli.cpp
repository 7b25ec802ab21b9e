// The installed commands on real stores: `fieldcase-admin db check` exit codes and reports, and
// the terminal refusing to start on a damaged database without touching it.
#include "tests/support/storefixture.h"

#include <QCryptographicHash>
#include <QFile>
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
    CHECK(demo.out.contains(QStringLiteral("OK")));
}
