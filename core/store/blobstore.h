// Content-addressed evidence files, encrypted at rest; key material goes to the caller's manifest.
#pragma once

#include "core/crypto/cipher.h"
#include "core/crypto/hash.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <functional>

class QIODevice;

namespace fieldcase {

// One stored blob as the caller's manifest must record it (everything but alreadyPresent).
struct BlobInfo
{
    QString hashHex; // lowercase hex digest of the PLAINTEXT
    HashAlgorithm hashAlgorithm = HashAlgorithm::Sm3; // algorithm of hashHex
    qint64 size = 0; // plaintext bytes
    CipherSuite suite = CipherSuite::Aes256Gcm; // how the file is encrypted
    QByteArray key; // per-file key; wrap it before storing
    QByteArray iv;
    QByteArray tag;
    qint64 storedSize = 0; // bytes on disk (the file is the bare ciphertext)
    bool alreadyPresent = false; // ingest found this content stored; key/iv/tag are empty
};

// Called before each durable file operation ("write", "fsync", "rename", "dirsync"); returning
// an error makes that operation fail with it. For fault-injection tests.
using FaultHook = std::function<Status(QStringView operation)>;

// Encrypted, content-addressed file store under one root: root/<2 hex>/<hex> and root/tmp.
// No database: ingest() returns the key material and the caller records it. Files reach their
// final name only complete and fsynced (temp + fsync + rename + directory fsync), so a crash
// leaves at worst a temporary, which removeTemporaries() clears at start-up.
//
// Crash window: a blob renamed into place whose manifest row was never committed is an orphan
// that ingest() reports as alreadyPresent without keys. Reconcile listHashes() with the manifest
// at start-up and remove() orphans before ingesting.
//
// ingest/verify/decryptTo may run concurrently on one store (temporaries have random names and
// the final rename never replaces an existing blob); setFaultHook is not thread-safe.
class BlobStore
{
    Q_DECLARE_TR_FUNCTIONS(fieldcase::BlobStore)

public:
    // Bytes read, encrypted and written per step; two chunks are in flight (one being hashed
    // on a helper thread), so memory use stays near four times this.
    static constexpr qsizetype kChunkSize = qsizetype(1) << 20;
    // Written bytes after which write-back is started (sync_file_range), not waited for.
    static constexpr qint64 kWriteBehindBytes = 8 * 1024 * 1024;

    // hashAlgorithm and suite apply to new blobs; each BlobInfo records what its blob used.
    explicit BlobStore(QString rootDir, HashAlgorithm hashAlgorithm = HashAlgorithm::Sm3,
        CipherSuite suite = CipherSuite::Aes256Gcm);

    // The directory passed to the constructor.
    [[nodiscard]] QString rootDir() const { return m_root; }
    // Creates root and root/tmp if needed (and makes their entries durable).
    [[nodiscard]] Status ensureLayout();

    // Streams source (open for reading) into the store, hashing the plaintext and encrypting
    // it under a fresh random key and iv. DiskFull when storage runs out. A sequential source
    // (pipe, socket) ends when it stays silent for 30 s or closes; check BlobInfo::size.
    [[nodiscard]] Result<BlobInfo> ingest(QIODevice& source);
    // ingest() for a file on disk; NotFound if it cannot be opened.
    [[nodiscard]] Result<BlobInfo> ingestFile(const QString& path);

    // Final path of a blob; empty if hashHex is not a well-formed digest for this store.
    [[nodiscard]] QString pathFor(const QString& hashHex) const;
    // True if a blob with this content address is stored.
    [[nodiscard]] bool contains(const QString& hashHex) const;
    // Decrypts the blob without keeping the plaintext; Corrupt (missing file, size mismatch,
    // tag mismatch or hash mismatch) if it is not exactly what was ingested.
    [[nodiscard]] Status verify(const BlobInfo& info) const;
    // Writes the plaintext to sink and returns its size. The plaintext is written BEFORE the tag
    // and hash are checked: on Corrupt the caller must discard whatever the sink received.
    [[nodiscard]] Result<qint64> decryptTo(const BlobInfo& info, QIODevice& sink) const;
    // Deletes a blob (e.g. an orphan left by a crash); succeeds if it does not exist.
    [[nodiscard]] Status remove(const QString& hashHex);
    // Content addresses of every stored blob, for reconciling with the manifest.
    [[nodiscard]] Result<QStringList> listHashes() const;
    // Deletes everything in root/tmp. Call at start-up, before any ingest() can be running.
    [[nodiscard]] Status removeTemporaries();

    // Installs (or clears, with {}) the fault-injection hook.
    void setFaultHook(FaultHook hook) { m_faultHook = std::move(hook); }

    // Error for a failed POSIX call: DiskFull for ENOSPC/EDQUOT (message for the officer), Io
    // otherwise with strerror in the context. bytesNeeded < 0 when unknown.
    [[nodiscard]] static Error storageError(
        int errnum, QStringView operation, const QString& path, qint64 bytesNeeded = -1);

private:
    Status faultPoint(QStringView operation) const;
    Status syncDirectory(const QString& dir) const;
    Status readBlob(const BlobInfo& info, const std::function<Status(QByteArrayView)>& sink) const;

    QString m_root;
    QString m_tmpDir;
    HashAlgorithm m_hashAlgorithm;
    CipherSuite m_suite;
    FaultHook m_faultHook;
};

} // namespace fieldcase
