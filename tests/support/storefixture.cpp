#include "tests/support/storefixture.h"

#include "core/store/schema.h"

#include <QFile>
#include <QRandomGenerator>

#include <catch2/catch.hpp>

namespace fieldcase::test {

StoreFixture::StoreFixture(StoreOptions opts)
    : options(std::move(opts))
{
    options.directory = dir.file(QStringLiteral("store"));
    auto opened = CaseStore::open(options, clock);
    REQUIRE(opened.has_value());
    store = std::move(*opened);
    registerTeam(*store);
}

void StoreFixture::reopen()
{
    store.reset();
    auto opened = CaseStore::open(options, clock);
    if (!opened)
        FAIL(opened.error().toString().toStdString());
    store = std::move(*opened);
}

QString StoreFixture::openCase(const QString& title)
{
    clock.advanceMs(1000);
    const Event e = append(pair, QStringLiteral("case.opened"), {},
        {{QStringLiteral("procedure"), QStringLiteral("general")}, {QStringLiteral("title"), title},
            {QStringLiteral("place"), QStringLiteral("G4 京港澳高速 K23+500")}});
    return e.caseId;
}

Event StoreFixture::append(
    const Actor& actor, const QString& type, const QString& caseId, const QJsonObject& payload)
{
    clock.advanceMs(10);
    auto e = store->append(actor, {type, caseId, payload, {}});
    if (!e)
        FAIL(type.toStdString() << ": " << e.error().toString().toStdString());
    return *e;
}

void registerTeam(CaseStore& store)
{
    const Actor installer {{QStringLiteral("inst-1")}, Role::Installer};
    REQUIRE(store.registerOfficer(installer,
        {QStringLiteral("inst-1"), QStringLiteral("县局信息科 李工"), {}, QStringLiteral("unit-1"),
            {Role::Installer}}));
    REQUIRE(store.registerOfficer(installer,
        {QStringLiteral("off-1"), QStringLiteral("张伟"), QStringLiteral("11010001"),
            QStringLiteral("unit-1"), {Role::Officer}}));
    REQUIRE(store.registerOfficer(installer,
        {QStringLiteral("off-2"), QStringLiteral("王芳"), QStringLiteral("11010002"),
            QStringLiteral("unit-1"), {Role::Officer}}));
    REQUIRE(store.registerOfficer(installer,
        {QStringLiteral("sup-1"), QStringLiteral("刘强"), QStringLiteral("11010009"),
            QStringLiteral("unit-1"), {Role::Officer, Role::Supervisor}}));
}

QByteArray dumpProjections(db::Database& db)
{
    QByteArray out;
    for (const store::ProjectionTable& t : store::projectionTables()) {
        out += QByteArray("## ") + t.name + '\n';
        auto cols = db.prepare(std::string("SELECT name FROM pragma_table_info('") + t.name + "')");
        REQUIRE(cols.has_value());
        QStringList quoted;
        while (*cols->step())
            quoted << QStringLiteral("quote(%1)").arg(cols->text(0));
        const QString sql = QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                                .arg(quoted.join(QStringLiteral(" || '|' || ")),
                                    QLatin1String(t.name), QLatin1String(t.orderBy));
        auto rows = db.prepare(sql.toStdString());
        REQUIRE(rows.has_value());
        while (*rows->step())
            out += rows->textUtf8(0) + '\n';
    }
    return out;
}

void tamper(CaseStore& store, const QString& sql)
{
    db::Database& db = store.database();
    REQUIRE(db.exec("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; "
                    "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"));
    const auto done = db.exec(sql.toStdString());
    REQUIRE(db.exec("CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT "
                    "RAISE(ABORT, 'events are append-only'); END;"
                    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT "
                    "RAISE(ABORT, 'events are append-only'); END;"
                    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT "
                    "RAISE(ABORT, 'the audit log is append-only'); END;"
                    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT "
                    "RAISE(ABORT, 'the audit log is append-only'); END;"));
    if (!done)
        FAIL(done.error().toString().toStdString());
}

QString writeRandomFile(const QString& path, qint64 n, quint32 seed)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    QRandomGenerator rng(seed);
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    for (qint64 done = 0; done < n;) {
        const qint64 len = std::min<qint64>(chunk.size(), n - done);
        rng.fillRange(reinterpret_cast<quint32*>(chunk.data()), chunk.size() / 4);
        REQUIRE(f.write(chunk.constData(), len) == len);
        done += len;
    }
    return path;
}

} // namespace fieldcase::test
