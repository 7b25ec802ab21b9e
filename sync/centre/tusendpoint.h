// The centre's evidence endpoint: tus 1.0 (core, creation, termination, checksum with sm3 and
// sha256) under /v1/files on the centre's Qt HttpServer. Uploads are files on disk with their
// offset and metadata kept durably beside them, so a centre restart loses no acknowledged byte and
// a terminal resumes with HEAD after any cut. When the last byte arrives the completion hook
// decides whether the blob is good (the centre checks it against the evidence manifest).
//
// On disk, per upload: <id>.part (the bytes received, fsynced before an offset is acknowledged)
// and <id>.json (terminal, length, offset, metadata, complete; replaced atomically). A .part
// longer than the recorded offset (a crash between the two) is cut back to it on load.
#pragma once

#include "core/util/result.h"

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
    // The verified terminal id of a request, or the refusal to answer with.
    using Authenticator = std::function<std::optional<QString>(
        const QHttpServerRequest&, QHttpServerResponse* refusal)>;
    // Accepts (ok) or refuses (error message: the upload is discarded and the client told why).
    using CompletionHook = std::function<Status(const CompletedUpload&)>;

    struct Options
    {
        QString directory; // where uploads live
        qint64 maxSize = qint64(8) << 30;
        qint64 maxChunk = qint64(16) << 20;
        // Fault injection only (CentreServer::RouteFault::DamageChunk): may alter a PATCH's
        // chunk as received, before its checksum is checked. Unset in production.
        std::function<void(QByteArray& chunk)> alterChunk;
    };

    // Loads the uploads recorded in options.directory (created if missing).
    TusEndpoint(Options options, Authenticator authenticate, CompletionHook complete);

    // Adds the /v1/files routes to the server.
    void install(QHttpServer& server);

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

    void load();
    [[nodiscard]] QHttpServerResponse collection(const QHttpServerRequest& request);
    [[nodiscard]] QHttpServerResponse resource(
        const QString& id, const QHttpServerRequest& request);
    [[nodiscard]] QHttpServerResponse create(const QString& terminal, const QHttpServerRequest& r);
    [[nodiscard]] QHttpServerResponse head(Upload& upload);
    [[nodiscard]] QHttpServerResponse patch(Upload& upload, const QHttpServerRequest& request);
    [[nodiscard]] QHttpServerResponse terminate(Upload& upload);
    // The hook's verdict on a complete upload: empty if accepted, else the 422 to answer (the
    // upload is then gone).
    [[nodiscard]] std::optional<QHttpServerResponse> finish(Upload& upload);
    [[nodiscard]] QHttpServerResponse options() const;
    [[nodiscard]] Status save(const Upload& upload) const;
    void discard(const QString& id);
    [[nodiscard]] QString sidecarFile(const QString& id) const;

    Options m_options;
    Authenticator m_authenticate;
    CompletionHook m_complete;
    QHash<QString, Upload> m_uploads;
};

} // namespace fieldcase::sync
