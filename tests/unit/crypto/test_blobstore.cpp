#include "core/crypto/hash.h"
#include "core/store/blobstore.h"
#include "tests/support/tempdir.h"
#include "tests/unit/crypto/cryptotestutil.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <catch2/catch.hpp>
#include <cerrno>

using namespace fieldcase;
using namespace fieldcase::cryptotest;

namespace {

QString s(const char* latin1)
{
    return QString::fromLatin1(latin1);
}

QStringList tmpEntries(const QString& root)
{
    return QDir(root + s("/tmp")).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

void flipByte(const QString& path, qint64 offset)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadWrite));
    REQUIRE(f.seek(offset));
    char c = 0;
    REQUIRE(f.getChar(&c));
    REQUIRE(f.seek(offset));
    REQUIRE(f.putChar(static_cast<char>(c ^ 0x20)));
}

} // namespace

TEST_CASE("BlobStore ingests, verifies and decrypts a multi-MiB file", "[blobstore]")
{
    test::TempDir dir;
    const QString root = dir.file(s("blobs"));
    BlobStore store(root);
    REQUIRE(store.ensureLayout());

    // Not a multiple of the chunk size, so the last chunk is partial.
    const QByteArray data = patternBytes(3 * BlobStore::kChunkSize + 12'345, 21);
    const QString source = dir.file(s("photo.jpg"));
    writeFile(source, data);

    auto info = store.ingestFile(source);
    REQUIRE(info);
    CHECK_FALSE(info->alreadyPresent);
    CHECK(info->hashHex.toStdString() == hex(Hasher::hash(HashAlgorithm::Sm3, data)));
    CHECK(info->hashAlgorithm == HashAlgorithm::Sm3);
    CHECK(info->suite == CipherSuite::Aes256Gcm);
    CHECK(info->size == data.size());
    CHECK(info->storedSize == data.size());
    CHECK(info->key.size() == 32);
    CHECK(info->iv.size() == 12);
    CHECK(info->tag.size() == 16);

    const QString stored = store.pathFor(info->hashHex);
    CHECK(stored == root + s("/") + info->hashHex.left(2) + s("/") + info->hashHex);
    CHECK(store.contains(info->hashHex));
    const QByteArray onDisk = readFile(stored);
    CHECK(onDisk.size() == data.size());
    CHECK(onDisk != data);
    CHECK(onDisk.left(4096) != data.left(4096));
    CHECK(tmpEntries(root).isEmpty());
    CHECK(store.listHashes().value() == QStringList {info->hashHex});

    CHECK(store.verify(*info));

    QBuffer sink;
    REQUIRE(sink.open(QIODevice::WriteOnly));
    auto written = store.decryptTo(*info, sink);
    REQUIRE(written);
    CHECK(*written == data.size());
    CHECK(sink.data() == data);
}

TEST_CASE("BlobStore works with every hash and cipher suite and any QIODevice", "[blobstore]")
{
    const auto hashAlgorithm = GENERATE(HashAlgorithm::Sm3, HashAlgorithm::Sha256);
    const auto suite = GENERATE(CipherSuite::Aes256Gcm, CipherSuite::Sm4CtrHmacSm3);
    const qsizetype size = GENERATE(qsizetype(0), qsizetype(1), BlobStore::kChunkSize + 1);
    CAPTURE(
        hashAlgorithmName(hashAlgorithm).toStdString(), cipherSuiteName(suite).toStdString(), size);
    test::TempDir dir;
    BlobStore store(dir.file(s("blobs")), hashAlgorithm, suite);
    REQUIRE(store.ensureLayout());

    QByteArray data = patternBytes(size, 22);
    QBuffer source(&data);
    REQUIRE(source.open(QIODevice::ReadOnly));
    auto info = store.ingest(source);
    REQUIRE(info);
    CHECK(info->hashHex.toStdString() == hex(Hasher::hash(hashAlgorithm, data)));
    CHECK(info->hashAlgorithm == hashAlgorithm);
    CHECK(info->suite == suite);
    CHECK(info->key.size() == cipherKeyLength(suite));
    CHECK(info->tag.size() == cipherTagLength(suite));
    CHECK(store.verify(*info));

    QBuffer sink;
    REQUIRE(sink.open(QIODevice::WriteOnly));
    REQUIRE(store.decryptTo(*info, sink));
    CHECK(sink.data() == data);
}

TEST_CASE("BlobStore verify reports each kind of damage precisely", "[blobstore]")
{
    test::TempDir dir;
    BlobStore store(dir.file(s("blobs")));
    REQUIRE(store.ensureLayout());
    const QByteArray data = patternBytes(200'000, 23);
    writeFile(dir.file(s("a.bin")), data);
    auto info = store.ingestFile(dir.file(s("a.bin")));
    REQUIRE(info);
    const QString path = store.pathFor(info->hashHex);
    const QByteArray pristine = readFile(path);

    auto expectCorrupt = [&](const BlobInfo& bi, const char* word) {
        const Status st = store.verify(bi);
        REQUIRE_FALSE(st);
        CAPTURE(st.error().toString().toStdString());
        CHECK(st.error().code == ErrorCode::Corrupt);
        CHECK(st.error().message.contains(QLatin1String(word)));
    };

    SECTION("one flipped byte")
    {
        flipByte(path, 150'000);
        expectCorrupt(*info, "tag mismatch");
        QBuffer sink;
        REQUIRE(sink.open(QIODevice::WriteOnly));
        auto r = store.decryptTo(*info, sink);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Corrupt);
    }
    SECTION("truncated")
    {
        QFile::resize(path, data.size() - 1);
        expectCorrupt(*info, "wrong size");
    }
    SECTION("deleted")
    {
        REQUIRE(QFile::remove(path));
        expectCorrupt(*info, "missing");
    }
    SECTION("wrong tag in the manifest")
    {
        BlobInfo wrong = *info;
        wrong.tag[0] = static_cast<char>(wrong.tag.at(0) ^ 1);
        expectCorrupt(wrong, "tag mismatch");
    }
    SECTION("authentic ciphertext under the wrong content address")
    {
        BlobInfo moved = *info;
        moved.hashHex = QString(64, QLatin1Char('a'));
        QDir().mkpath(QFileInfo(store.pathFor(moved.hashHex)).path());
        writeFile(store.pathFor(moved.hashHex), pristine);
        expectCorrupt(moved, "hash mismatch");
    }
    SECTION("incomplete key material is an argument error")
    {
        BlobInfo noKey = *info;
        noKey.key.clear();
        const Status st = store.verify(noKey);
        REQUIRE_FALSE(st);
        CHECK(st.error().code == ErrorCode::InvalidArgument);
    }
}

TEST_CASE("BlobStore deduplicates by content without replacing the stored file", "[blobstore]")
{
    test::TempDir dir;
    const QString root = dir.file(s("blobs"));
    BlobStore store(root, HashAlgorithm::Sm3, CipherSuite::Sm4CtrHmacSm3);
    REQUIRE(store.ensureLayout());
    const QByteArray data = patternBytes(10'000, 24);
    writeFile(dir.file(s("a.bin")), data);
    writeFile(dir.file(s("b.bin")), data);

    auto first = store.ingestFile(dir.file(s("a.bin")));
    REQUIRE(first);
    const QByteArray storedBefore = readFile(store.pathFor(first->hashHex));

    auto second = store.ingestFile(dir.file(s("b.bin")));
    REQUIRE(second);
    CHECK(second->alreadyPresent);
    CHECK(second->hashHex == first->hashHex);
    CHECK(second->size == data.size());
    CHECK(second->key.isEmpty());
    CHECK(second->iv.isEmpty());
    CHECK(second->tag.isEmpty());
    CHECK(readFile(store.pathFor(first->hashHex)) == storedBefore);
    CHECK(store.verify(*first));
    CHECK(tmpEntries(root).isEmpty());
    CHECK(store.listHashes().value().size() == 1);

    // remove() takes an orphan out so the content can be ingested afresh.
    REQUIRE(store.remove(first->hashHex));
    CHECK_FALSE(store.contains(first->hashHex));
    CHECK(store.remove(first->hashHex)); // already gone is fine
    auto third = store.ingestFile(dir.file(s("b.bin")));
    REQUIRE(third);
    CHECK_FALSE(third->alreadyPresent);
    CHECK(store.verify(*third));
}

TEST_CASE("BlobStore fault sweep: every failing operation leaves nothing behind", "[blobstore]")
{
    test::TempDir dir;
    const QString root = dir.file(s("blobs"));
    BlobStore store(root);
    REQUIRE(store.ensureLayout());
    const QByteArray data = patternBytes(2 * BlobStore::kChunkSize + 777, 25);
    writeFile(dir.file(s("evidence.mp4")), data);
    const QString expectedHash
        = QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, data).toHex());
    const QString finalPath = store.pathFor(expectedHash);

    QStringList operations;
    int failAt = 0;
    int calls = 0;
    store.setFaultHook([&](QStringView op) -> Status {
        if (calls++ == failAt)
            return fail(ErrorCode::Io, s("injected failure"), op.toString());
        operations << op.toString();
        return {};
    });

    std::optional<BlobInfo> done;
    for (; failAt < 100 && !done; ++failAt) {
        calls = 0;
        operations.clear();
        auto r = store.ingestFile(dir.file(s("evidence.mp4")));
        if (r) {
            done = *r;
            break;
        }
        CAPTURE(failAt, operations.join(s(",")).toStdString());
        CHECK(r.error().code == ErrorCode::Io);
        CHECK(r.error().message == s("injected failure"));
        CHECK_FALSE(QFileInfo::exists(finalPath));
        CHECK(tmpEntries(root).isEmpty());
        CHECK(store.listHashes().value().isEmpty());
        CHECK(QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot).join(s(",")).toStdString()
            == "tmp");
    }
    REQUIRE(done);
    // 3 writes, fsync, the new shard's dirsync, rename, 2 dirsyncs: all were failed once.
    CHECK(failAt == 8);
    CHECK(operations.join(s(",")).toStdString()
        == "write,write,write,fsync,dirsync,rename,dirsync,dirsync");
    CHECK(done->hashHex == expectedHash);
    CHECK(store.verify(*done));
    CHECK(tmpEntries(root).isEmpty());

    // A disk-full error from the hook comes back unchanged.
    store.setFaultHook({});
    REQUIRE(store.remove(expectedHash));
    store.setFaultHook([](QStringView op) -> Status {
        if (op == u"write")
            return fail(BlobStore::storageError(ENOSPC, op, s("x"), 123));
        return {};
    });
    auto full = store.ingestFile(dir.file(s("evidence.mp4")));
    REQUIRE_FALSE(full);
    CHECK(full.error().code == ErrorCode::DiskFull);
    CHECK(tmpEntries(root).isEmpty());
    CHECK_FALSE(QFileInfo::exists(finalPath));

    store.setFaultHook({});
    CHECK(store.ingestFile(dir.file(s("evidence.mp4"))));
}

TEST_CASE("BlobStore maps errno to DiskFull or Io", "[blobstore]")
{
    const Error full = BlobStore::storageError(ENOSPC, u"write", s("/x/tmp/1.part"), 5'000'000);
    CHECK(full.code == ErrorCode::DiskFull);
    CHECK(full.message.startsWith(s("Not enough storage space to save the evidence file")));
    CHECK(full.context.contains(s("/x/tmp/1.part")));
    CHECK(BlobStore::storageError(EDQUOT, u"fsync", s("f")).code == ErrorCode::DiskFull);

    const Error io = BlobStore::storageError(EIO, u"fsync", s("f"));
    CHECK(io.code == ErrorCode::Io);
    CHECK(io.context.contains(qt_error_string(EIO)));
    CHECK(io.context.startsWith(s("fsync f")));
}

TEST_CASE("BlobStore cleans temporaries and rejects bad addresses", "[blobstore]")
{
    test::TempDir dir;
    const QString root = dir.file(s("blobs"));
    BlobStore store(root);
    REQUIRE(store.ensureLayout());
    CHECK(QFileInfo(root + s("/tmp")).isDir());

    // A crash mid-ingest leaves a temporary behind.
    writeFile(root + s("/tmp/0123.part"), "half a video");
    writeFile(root + s("/tmp/.hidden"), "x");
    REQUIRE(store.removeTemporaries());
    CHECK(tmpEntries(root).isEmpty());

    const QString good(64, QLatin1Char('0'));
    CHECK_FALSE(store.pathFor(good).isEmpty());
    CHECK(store.pathFor(s("../../etc/passwd")).isEmpty());
    CHECK(store.pathFor(good.toUpper().replace(0, 1, s("A"))).isEmpty());
    CHECK(store.pathFor(good.left(63)).isEmpty());
    CHECK(store.pathFor(QString()).isEmpty());
    CHECK_FALSE(store.remove(s("..")));

    // Missing source file.
    auto missing = store.ingestFile(dir.file(s("nope.bin")));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);

    // The layout is created on first ingest if needed.
    BlobStore fresh(dir.file(s("fresh")));
    QByteArray data("abc");
    QBuffer source(&data);
    REQUIRE(source.open(QIODevice::ReadOnly));
    auto info = fresh.ingest(source);
    REQUIRE(info);
    CHECK(info->hashHex == s("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));
}
