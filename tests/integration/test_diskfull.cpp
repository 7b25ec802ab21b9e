// Disk full on a real (tiny tmpfs) filesystem: evidence and events fail with a clear
// "not enough storage space" error and the store stays consistent. Needs root to mount.
#include "core/store/checker.h"
#include "tests/support/storefixture.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::test;

namespace {
// A tmpfs of the given size mounted on a fresh directory, unmounted on destruction.
class TinyFilesystem
{
public:
    explicit TinyFilesystem(const QString& dir, int kib)
        : m_dir(dir)
    {
        QDir().mkpath(dir);
        const int rc = QProcess::execute(QStringLiteral("mount"),
            {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                QStringLiteral("size=%1k").arg(kib), QStringLiteral("tmpfs"), dir});
        if (rc != 0)
            FAIL("could not mount a tmpfs on " << dir.toStdString()
                                               << " (the disk-full test needs root)");
    }
    ~TinyFilesystem()
    {
        QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), m_dir});
    }

private:
    QString m_dir;
};
} // namespace

TEST_CASE(
    "Evidence on a full filesystem fails clearly and leaves the store consistent", "[diskfull]")
{
    TempDir dir;
    const QString mountPoint = dir.file(QStringLiteral("tiny"));
    TinyFilesystem fs(mountPoint, 3 * 1024);
    StoreOptions options;
    options.directory = mountPoint + QStringLiteral("/store");
    ManualClock clock;
    auto opened = CaseStore::open(options, clock);
    REQUIRE(opened);
    auto& store = **opened;
    registerTeam(store);
    const Actor pair {{QStringLiteral("off-1"), QStringLiteral("off-2")}, Role::Officer};
    auto c = store.append(pair,
        {QStringLiteral("case.opened"), {},
            {{QStringLiteral("procedure"), QStringLiteral("simple")},
                {QStringLiteral("title"), QStringLiteral("磁盘满测试")}},
            {}});
    REQUIRE(c);

    QByteArray small(200'000, 's');
    QBuffer smallBuf(&small);
    smallBuf.open(QIODevice::ReadOnly);
    REQUIRE(store.attachEvidence(pair, c->caseId, smallBuf, {}));

    QByteArray big(6 * 1024 * 1024, 'b');
    QBuffer bigBuf(&big);
    bigBuf.open(QIODevice::ReadOnly);
    const qint64 eventsBefore = store.database().scalarInt("SELECT count(*) FROM events").value();
    auto r = store.attachEvidence(pair, c->caseId, bigBuf, {});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::DiskFull);
    CHECK(r.error().message.contains(QStringLiteral("space")));
    CHECK(store.database().scalarInt("SELECT count(*) FROM events").value() == eventsBefore);
    CHECK(QDir(store.blobs().rootDir() + QStringLiteral("/tmp")).isEmpty());

    // Small records still fit after the failed large file.
    REQUIRE(store.append(pair,
        {QStringLiteral("case.note"), c->caseId,
            {{QStringLiteral("text"), QStringLiteral("大文件未保存")}}, {}}));
    auto report = checkStore(store);
    REQUIRE(report);
    CHECK(report->ok());
    opened->reset();
}

TEST_CASE(
    "Events on a full filesystem fail as disk full and nothing acknowledged is lost", "[diskfull]")
{
    TempDir dir;
    const QString mountPoint = dir.file(QStringLiteral("tiny"));
    TinyFilesystem fs(mountPoint, 768);
    StoreOptions options;
    options.directory = mountPoint + QStringLiteral("/store");
    ManualClock clock;
    auto opened = CaseStore::open(options, clock);
    REQUIRE(opened);
    auto& store = **opened;
    registerTeam(store);
    const Actor pair {{QStringLiteral("off-1"), QStringLiteral("off-2")}, Role::Officer};
    auto c = store.append(pair,
        {QStringLiteral("case.opened"), {},
            {{QStringLiteral("procedure"), QStringLiteral("simple")},
                {QStringLiteral("title"), QStringLiteral("磁盘满测试")}},
            {}});
    REQUIRE(c);
    QStringList acked;
    Error last;
    for (int i = 0; i < 20000; ++i) {
        clock.advanceMs(5);
        auto e = store.append(pair,
            {QStringLiteral("case.note"), c->caseId,
                {{QStringLiteral("text"), QString(400, QChar(0x8DEF))}}, {}});
        if (!e) {
            last = e.error();
            break;
        }
        acked << e->id;
    }
    REQUIRE(last.code == ErrorCode::DiskFull);
    REQUIRE(acked.size() > 10);
    opened->reset();
    auto reopened = CaseStore::open(options, clock);
    REQUIRE(reopened);
    for (const QString& id : acked)
        REQUIRE((*reopened)->event(id));
    auto report = checkStore(**reopened, {true, false}); // no room for a scratch rebuild here
    REQUIRE(report);
    CHECK(report->ok());
}
