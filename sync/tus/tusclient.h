// A tus 1.0 upload client (core protocol, creation, termination; the checksum extension when the
// server offers it) over the sync HTTP transport. Uploads resume by asking the server its offset
// (HEAD) after any cut, so only unacknowledged bytes are sent again. Blocking: call from a
// worker thread.
#pragma once

#include "core/util/result.h"
#include "sync/transport/httptransport.h"
#include "sync/tus/chunksizer.h"

#include <QIODevice>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

namespace fieldcase::sync {

// What the server supports (OPTIONS).
struct TusServerInfo
{
    QStringList versions; // Tus-Version
    QStringList extensions; // Tus-Extension: creation, termination, checksum, ...
    QStringList checksumAlgorithms; // Tus-Checksum-Algorithm
    qint64 maxSize = -1; // Tus-Max-Size, -1 if not said
};

// Counters of one upload() call, for the sync screen and the benchmarks.
struct TusUploadReport
{
    QString uploadUrl;
    qint64 length = 0;
    qint64 bytesSent = 0; // PATCH bodies sent, including any sent again after a cut
    int patches = 0;
    int resumes = 0; // offsets re-read from the server after a failure or conflict
};

class TusClient
{
public:
    // endpoint: the creation URL, e.g. https://centre:8443/files.
    TusClient(HttpTransport& transport, QString endpoint);

    [[nodiscard]] Result<TusServerInfo> discover();
    // Creates an upload of length bytes; returns its absolute URL.
    [[nodiscard]] Result<QString> create(
        qint64 length, const QList<QPair<QString, QByteArray>>& metadata);
    // The server's offset for an upload (HEAD). NotFound if the server no longer has it.
    [[nodiscard]] Result<qint64> offset(const QString& uploadUrl);
    // Sends one chunk at offset; returns the new offset. Conflict (409) if the server's offset is
    // another; Rejected with context "status=460 …" if the server says the checksum does not
    // match.
    [[nodiscard]] Result<qint64> patch(
        const QString& uploadUrl, qint64 offset, QByteArrayView chunk);
    [[nodiscard]] Status terminate(const QString& uploadUrl);

    // Uploads source (length bytes) to uploadUrl, or to a new upload if uploadUrl is empty,
    // starting from the server's offset. After a cut, a 409 or a server error (5xx, 408) without
    // Retry-After it re-reads the offset and goes on, up to maxAttempts failures in a row; a
    // chunk refused for its checksum (460) is sent once more after reading the offset. Otherwise
    // it returns the error (with the upload URL in the report, so a later call resumes); an
    // HTTP error's context starts "status=N " (and "retry-after=V " when the server said when to
    // come back). progress(offset) is called after every chunk.
    [[nodiscard]] Result<TusUploadReport> upload(QIODevice& source, qint64 length,
        QString uploadUrl, const QList<QPair<QString, QByteArray>>& metadata,
        TusUploadReport* partial = nullptr, const std::function<void(qint64)>& progress = {});

    void setChunkSize(qint64 bytes) { m_chunkSize = bytes; }
    // Sizes each PATCH of upload() instead of the fixed chunk size, and learns from each one
    // (acknowledged after so long, or cut). Must outlive the uploads; nullptr: fixed size.
    void setChunkSizer(ChunkSizer* sizer) { m_sizer = sizer; }
    void setMaxAttempts(int attempts) { m_maxAttempts = attempts; }
    // Adds Upload-Checksum with this algorithm ("sm3" or "sha256") to each PATCH; empty = none.
    void setChecksumAlgorithm(const QString& algorithm) { m_checksum = algorithm; }
    // Called on every request just before it is sent, with its headers and body complete: adds
    // what the transport does not know about, e.g. FieldCase-Signature.
    void setRequestDecorator(std::function<void(HttpRequest&)> decorate)
    {
        m_decorate = std::move(decorate);
    }

private:
    [[nodiscard]] HttpRequest request(const QByteArray& method, const QString& url) const;
    [[nodiscard]] Result<HttpResponse> send(HttpRequest request);

    HttpTransport& m_transport;
    QString m_endpoint;
    qint64 m_chunkSize = 1 << 20;
    ChunkSizer* m_sizer = nullptr;
    int m_maxAttempts = 3;
    QString m_checksum;
    std::function<void(HttpRequest&)> m_decorate;
};

} // namespace fieldcase::sync
