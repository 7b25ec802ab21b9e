#include "core/db/checkpointer.h"
#include "core/db/migrator.h"
#include "core/db/sqlite.h"
#include "tests/support/tempdir.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <catch2/catch.hpp>

using namespace fieldcase;
using fieldcase::test::TempDir;

namespace {
QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

const db::Migration kTwo[] = {
    {1, "one", "CREATE TABLE t (v INTEGER NOT NULL);"},
    {2, "two", "ALTER TABLE t ADD COLUMN w TEXT;"},
};
} // namespace

TEST_CASE("Connections get WAL, synchronous=FULL and foreign keys", "[db]")
{
    TempDir dir;
    auto db = db::Database::open(dir.file(QStringLiteral("a.db")));
    REQUIRE(db);
    auto mode = (*db)->prepare("PRAGMA journal_mode");
    REQUIRE(*mode->step());
    CHECK(mode->text(0) == QStringLiteral("wal"));
    CHECK((*db)->scalarInt("PRAGMA synchronous").value() == 2); // FULL
    CHECK((*db)->scalarInt("PRAGMA foreign_keys").value() == 1);
}

TEST_CASE("Transactions roll back unless committed", "[db]")
{
    TempDir dir;
    auto db = std::move(*db::Database::open(dir.file(QStringLiteral("a.db"))));
    REQUIRE(db->exec("CREATE TABLE t (v INTEGER)"));
    {
        auto tx = db::Transaction::begin(*db);
        REQUIRE(tx);
        REQUIRE(db->exec("INSERT INTO t VALUES (1)"));
    } // no commit
    CHECK(db->scalarInt("SELECT count(*) FROM t").value() == 0);
    {
        auto tx = db::Transaction::begin(*db);
        REQUIRE(db->exec("INSERT INTO t VALUES (2)"));
        REQUIRE(tx->commit());
    }
    CHECK(db->scalarInt("SELECT count(*) FROM t").value() == 1);
}

TEST_CASE("Statements bind, step and report errors with codes", "[db]")
{
    TempDir dir;
    auto db = std::move(*db::Database::open(dir.file(QStringLiteral("a.db"))));
    REQUIRE(db->exec("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, b BLOB, r REAL)"));
    auto ins = db->prepare("INSERT INTO t VALUES (?, ?, ?, ?)");
    REQUIRE(ins);
    ins->bindAll(QStringLiteral("京A12345"), qint64(1) << 40, QByteArray("\x00\x01", 2), 2.5);
    REQUIRE(ins->run());
    ins->reset();
    ins->bindAll(QStringLiteral("京A12345"), qint64(1), QByteArray("x"), 1.0);
    auto dup = ins->run();
    REQUIRE_FALSE(dup);
    CHECK(dup.error().code == ErrorCode::Conflict);

    auto sel = db->prepare("SELECT k, n, b, r FROM t");
    REQUIRE(*sel->step());
    CHECK(sel->text(0) == QStringLiteral("京A12345"));
    CHECK(sel->int64(1) == (qint64(1) << 40));
    CHECK(sel->blob(2) == QByteArray("\x00\x01", 2));
    CHECK(sel->real(3) == 2.5);

    auto bad = db->prepare("SELEC nonsense");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().context.contains(QStringLiteral("SELEC nonsense")));
}

TEST_CASE("Migrations apply in order and refuse a newer schema without touching it", "[db]")
{
    TempDir dir;
    const QString path = dir.file(QStringLiteral("m.db"));
    {
        auto db = std::move(*db::Database::open(path));
        CHECK(db::migrate(*db, std::span(kTwo, 1)).value() == 1);
        CHECK(db::migrate(*db, kTwo).value() == 2);
        CHECK(db::migrate(*db, kTwo).value() == 2); // idempotent
        REQUIRE(db->exec("INSERT INTO t (v, w) VALUES (1, 'x')"));
        REQUIRE(db->setUserVersion(7)); // as if a newer FieldCase had written it
    }
    const QByteArray before = fileDigest(path);
    auto db = std::move(*db::Database::open(path));
    auto refused = db::migrate(*db, kTwo);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::SchemaTooNew);
    CHECK(refused.error().message.contains(QStringLiteral("newer version")));
    db.reset();
    CHECK(fileDigest(path) == before);
}

TEST_CASE("A failing migration leaves the previous version in place", "[db]")
{
    TempDir dir;
    auto db = std::move(*db::Database::open(dir.file(QStringLiteral("m.db"))));
    const db::Migration broken[] = {
        {1, "one", "CREATE TABLE t (v INTEGER);"},
        {2, "bad", "CREATE TABLE u (v INTEGER); INSERT INTO nowhere VALUES (1);"},
    };
    auto r = db::migrate(*db, broken);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.contains(QStringLiteral("migration 2")));
    CHECK(db->userVersion().value() == 1);
    CHECK(db->scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'u'").value() == 0);
}

TEST_CASE("A file that is not a database is reported and left untouched", "[db]")
{
    TempDir dir;
    const QString path = dir.file(QStringLiteral("junk.db"));
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    }
    const QByteArray before = fileDigest(path);
    auto db = db::Database::open(path);
    REQUIRE_FALSE(db);
    CHECK(db.error().code == ErrorCode::Corrupt);
    CHECK(db.error().message.contains(QStringLiteral("damaged")));
    CHECK(fileDigest(path) == before);
}

TEST_CASE("A database with a damaged page fails quick_check at open", "[db]")
{
    TempDir dir;
    const QString path = dir.file(QStringLiteral("c.db"));
    {
        auto db = std::move(*db::Database::open(path));
        REQUIRE(db->exec("PRAGMA journal_mode=DELETE; CREATE TABLE t (v TEXT);"
                         "CREATE INDEX tv ON t(v);"));
        auto tx = db::Transaction::begin(*db);
        for (int i = 0; i < 2000; ++i)
            REQUIRE(db->exec("INSERT INTO t VALUES (hex(randomblob(40)))"));
        REQUIRE(tx->commit());
    }
    {
        // Overwrite the middle of a b-tree page (not the header) with garbage.
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.size() > 4096 * 6);
        f.seek(4096 * 5 + 100);
        f.write(QByteArray(600, '\xA5'));
    }
    const QByteArray before = fileDigest(path);
    auto db = db::Database::open(path);
    REQUIRE_FALSE(db);
    CHECK(db.error().code == ErrorCode::Corrupt);
    CHECK(fileDigest(path) == before);
}

TEST_CASE("WAL checkpoints run on a background connection and keep the WAL bounded", "[db]")
{
    TempDir dir;
    const QString path = dir.file(QStringLiteral("w.db"));
    auto db = std::move(*db::Database::open(path));
    REQUIRE(db->exec("CREATE TABLE t (v BLOB)"));
    qint64 walMax = 0;
    {
        db::WalCheckpointer checkpointer(*db, 64, 1000);
        for (int i = 0; i < 1500; ++i) {
            auto tx = db::Transaction::begin(*db);
            REQUIRE(db->exec("INSERT INTO t VALUES (randomblob(3000))"));
            REQUIRE(tx->commit());
            walMax = std::max(walMax, QFileInfo(path + QStringLiteral("-wal")).size());
        }
        CHECK(checkpointer.backgroundCheckpoints() > 0);
    }
    // Without checkpoints the WAL would hold every page written (~1500 × 4 KiB × 2 = 12 MiB);
    // under continuous writes the inline fallback at the hard limit (1,000 pages) bounds it.
    CHECK(walMax < 6 * 1024 * 1024);
    CHECK(db->scalarInt("SELECT count(*) FROM t").value() == 1500);
    CHECK(db->quickCheck());
}
