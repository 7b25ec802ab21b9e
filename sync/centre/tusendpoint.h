// The centre's evidence endpoint: tus 1.0 (core, creation, termination, checksum with sm3 and
// sha256) under /v1/files. Creation, HEAD, DELETE and OPTIONS are Qt HttpServer routes; PATCH
// bodies stream straight to disk through the centre's HttpFront (httpfront.h), so a PATCH cut
// after 3 MB keeps those 3 MB and no chunk is ever held in memory. Uploads are files on disk with
// their offset and metadata kept durably beside them, so a centre restart loses no acknowledged
// byte and a terminal resumes with HEAD after any cut. When the last byte arrives the completion
// hook decides whether the blob is good (the centre checks it against the evidence manifest).
//
// A cut PATCH: the bytes that arrived are fsynced and become the new offset (tus 1.0 core: the
// server SHOULD keep as much as it received), unless options.keepCutChunks is off. Its checksum
// cannot be checked, so what vouches for those bytes is TLS (every record that arrived passed its
// MAC; the reference centre ends TLS itself) and, at the end, the centre's SM3 check of the whole
// blob against the signed evidence record. A PATCH answered with a checksum mismatch keeps
// nothing. Only one PATCH writes an upload at a time: a HEAD, PATCH or DELETE for an upload whose
// PATCH is still streaming (its connection silently dead, as after a radio drop) first cuts that
// one off, keeping its bytes, as tusd does.
//
// On disk, per upload: <id>.part (the bytes received, fsynced before an offset is acknowledged)
// and <id>.json (terminal, length, offset, metadata, complete; replaced atomically). A .part
// longer than the recorded offset (a crash mid-PATCH) is cut back to it on load.
#pragma once

#include "core/util/result.h"
#include "sync/centre/httpfront.h"

#include <QHash>
#include <QHttpServer>
#include <QString>

#include <functional>
#include <optional>

namespace fieldcase::sync {

// An upload whose last byte has arrived.
struct CompletedUpload
{
    QString id;
    QString terminalId;
    QString path; // the received bytes
    qint64 length = 0;
    QHash<QString, QByteArray> metadata; // decoded Upload-Metadata
};

class TusEndpoint
{
public:
    // The verified terminal id of a request, or the refusal to answer with. body is nullopt for a
    // PATCH, whose body streams in after the decision (so its signature cannot cover it).
    using Authenticator = std::function<std::optional<QString>(
        const HttpHead&, std::optional<QByteArrayView> body, HttpReply* refusal)>;
    // Accepts (ok) or refuses (error message: the upload is discarded and the client told why).
    using CompletionHook = std::function<Status(const CompletedUpload&)>;

    struct Options
    {
        QString directory; // where uploads live
        qint64 maxSize = qint64(8) << 30;
        qint64 maxChunk = qint64(16) << 20;
        // Keep the received part of a cut PATCH (see above). Turn off where TLS ends before the
        // centre on a hop that does not protect the bytes.
        bool keepCutChunks = true;
        // Fault injection only (CentreServer::RouteFault::DamageChunk): asked once per PATCH as
        // it is accepted; true flips a bit of its first byte as if damaged on the way, before the
        // checksum is checked (and a cut leaves nothing of it). Unset in production.
        std::function<bool()> damageChunk;
        // Fault injection only (RouteFault::RefuseEvidence): asked once per PATCH as it is
        // accepted; true refuses the upload it completes (422) whatever the completion hook says.
        std::function<bool()> refuseCompletion;
    };

    // Loads the uploads recorded in options.directory (created if missing).
    TusEndpoint(Options options, Authenticator authenticate, CompletionHook complete);
    ~TusEndpoint();
    TusEndpoint(const TusEndpoint&) = delete;
    TusEndpoint& operator=(const TusEndpoint&) = delete;

    // Adds the /v1/files routes but PATCH to the server.
    void install(QHttpServer& server);
    // The HttpFront stream route for PATCH /v1/files/<id>: a refusal or the sink that writes the
    // body; nullopt for any other request.
    [[nodiscard]] std::optional<StreamAnswer> streamRoute(const HttpHead& head);

    // Where the bytes of an upload are kept (the hook may move them away once complete).
    [[nodiscard]] static QString dataFile(const QString& directory, const QString& id);

private:
    struct Upload
    {
        QString id;
        QString terminalId;
        qint64 length = 0;
        qint64 offset = 0;
        QByteArray metadataHeader; // as received, echoed by HEAD
        QHash<QString, QByteArray> metadata;
        bool complete = false;
    };

    class PatchStream;

    void load();
    [[nodiscard]] HttpReply collection(const QHttpServerRequest& request);
    [[nodiscard]] HttpReply resource(const QString& id, const QHttpServerRequest& request);
    [[nodiscard]] HttpReply create(const QString& terminal, const QHttpServerRequest& r);
    [[nodiscard]] HttpReply head(Upload& upload);
    [[nodiscard]] StreamAnswer patch(const QString& id, const HttpHead& head);
    [[nodiscard]] HttpReply terminate(Upload& upload);
    // The hook's verdict on a complete upload: empty if accepted, else the 422 to answer (the
    // upload is then gone) or the 5xx of the centre's own trouble.
    [[nodiscard]] std::optional<HttpReply> finish(Upload& upload, bool injectedRefusal = false);
    [[nodiscard]] HttpReply options() const;
    // Cuts off the PATCH still streaming into this upload, if any (it keeps what it received).
    void interruptStream(const QString& id);
    [[nodiscard]] Status save(const Upload& upload) const;
    void discard(const QString& id);
    [[nodiscard]] QString sidecarFile(const QString& id) const;

    Options m_options;
    Authenticator m_authenticate;
    CompletionHook m_complete;
    QHash<QString, Upload> m_uploads;
    QHash<QString, PatchStream*> m_streams; // upload id → the PATCH writing it now
};

} // namespace fieldcase::sync
