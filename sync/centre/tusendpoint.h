// The centre's evidence endpoint: tus 1.0 (core, creation, termination, checksum with sm3 and
// sha256) under /v1/files on the centre's Qt HttpServer. Uploads are files on disk with their
// offset and metadata kept durably beside them, so a centre restart loses no acknowledged byte and
// a terminal resumes with HEAD after any cut. When the last byte arrives the completion hook
// decides whether the blob is good (the centre checks it against the evidence manifest).
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
    };

    TusEndpoint(Options options, Authenticator authenticate, CompletionHook complete);

    // Adds the /v1/files routes to the server.
    void install(QHttpServer& server);

private:
    Options m_options;
    Authenticator m_authenticate;
    CompletionHook m_complete;
};

} // namespace fieldcase::sync
