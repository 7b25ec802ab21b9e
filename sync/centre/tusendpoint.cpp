#include "sync/centre/tusendpoint.h"

#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/util/durablefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <cerrno>
#include <unistd.h>

namespace fieldcase::sync {

namespace {

Q_LOGGING_CATEGORY(lcTus, "fieldcase.centre.tus")

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

using Code = QHttpServerResponse::StatusCode;

constexpr char kTusVersion[] = "1.0.0";
// tus checksum extension: "Checksum Mismatch" (not in Qt's enum; Qt writes it without a phrase).
constexpr auto kChecksumMismatch = Code(460);
constexpr QLatin1StringView kPatchType("application/offset+octet-stream");

// Every answer says which tus version it speaks (tus 1.0.0 core, "Tus-Resumable").
QHttpServerResponse answer(Code code)
{
    QHttpServerResponse r(code);
    r.setHeader("Tus-Resumable", kTusVersion);
    return r;
}

// A refusal with a JSON reason; HEAD answers must carry no body (the connection is reused).
QHttpServerResponse refuse(Code code, const char* error, const QString& reason, bool head = false)
{
    if (head)
        return answer(code);
    QHttpServerResponse r(QJsonObject {{QStringLiteral("error"), QLatin1String(error)},
                              {QStringLiteral("reason"), reason}},
        code);
    r.setHeader("Tus-Resumable", kTusVersion);
    return r;
}

// Upload-Metadata: "key base64, key base64, key" (tus 1.0.0 creation extension). Keys are unique,
// non-empty, without spaces or commas; a value may be empty and then its space may be left out.
std::optional<QHash<QString, QByteArray>> parseMetadata(const QByteArray& header)
{
    QHash<QString, QByteArray> out;
    if (header.trimmed().isEmpty())
        return out;
    for (const QByteArray& raw : header.split(',')) {
        const QByteArray pair = raw.trimmed();
        const qsizetype space = pair.indexOf(' ');
        const QByteArray key = space < 0 ? pair : pair.left(space);
        const QByteArray value = space < 0 ? QByteArray() : pair.mid(space + 1).trimmed();
        if (key.isEmpty() || value.contains(' ') || out.contains(QString::fromLatin1(key)))
            return std::nullopt;
        auto decoded
            = QByteArray::fromBase64Encoding(value, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::nullopt;
        out.insert(QString::fromLatin1(key), *decoded);
    }
    return out;
}

bool validId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{32}$"));
    return pattern.match(id).hasMatch();
}

std::optional<qint64> nonNegative(const QByteArray& value)
{
    bool ok = false;
    const qint64 n = value.trimmed().toLongLong(&ok);
    if (!ok || n < 0)
        return std::nullopt;
    return n;
}

// Writes chunk at offset of the upload's file and fsyncs it, so an acknowledged offset survives a
// power cut. Anything beyond offset (left by a crash after a write whose offset was not recorded)
// is cut off first.
Status appendDurably(const QString& path, qint64 offset, QByteArrayView chunk)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return fail(ErrorCode::Io, SyncText::tr("The centre cannot write the upload"),
            path + QStringLiteral(": ") + file.errorString());
    if ((file.size() != offset && !file.resize(offset)) || !file.seek(offset))
        return fail(ErrorCode::Io, SyncText::tr("The centre cannot write the upload"),
            path + QStringLiteral(": ") + file.errorString());
    if (file.write(chunk.data(), chunk.size()) != chunk.size() || !file.flush()) {
        const int err = errno;
        file.resize(offset);
        return fail(ioError(err, SyncText::tr("The centre cannot write the upload"), path));
    }
    if (::fsync(file.handle()) != 0) {
        const int err = errno;
        file.resize(offset);
        return fail(ioError(err, SyncText::tr("The centre cannot write the upload"), path));
    }
    return {};
}

QHttpServerResponse storageFailure(const Error& error)
{
    qCWarning(lcTus).noquote() << error.toString();
    // 507 tells the terminal to retry later, like any 5xx.
    return refuse(
        error.code == ErrorCode::DiskFull ? Code::InsufficientStorage : Code::InternalServerError,
        "storage", error.message);
}

} // namespace

TusEndpoint::TusEndpoint(Options options, Authenticator authenticate, CompletionHook complete)
    : m_options(std::move(options))
    , m_authenticate(std::move(authenticate))
    , m_complete(std::move(complete))
{
    load();
}

QString TusEndpoint::dataFile(const QString& directory, const QString& id)
{
    return QDir(directory).filePath(id + QStringLiteral(".part"));
}

QString TusEndpoint::sidecarFile(const QString& id) const
{
    return QDir(m_options.directory).filePath(id + QStringLiteral(".json"));
}

void TusEndpoint::load()
{
    QDir dir(m_options.directory);
    if (!dir.mkpath(QStringLiteral(".")))
        qCWarning(lcTus) << "cannot create" << m_options.directory;
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        Upload u;
        u.id = o.value(QStringLiteral("id")).toString();
        u.terminalId = o.value(QStringLiteral("terminal")).toString();
        u.length = qint64(o.value(QStringLiteral("length")).toDouble(-1));
        u.offset = qint64(o.value(QStringLiteral("offset")).toDouble(-1));
        u.complete = o.value(QStringLiteral("complete")).toBool();
        u.metadataHeader = o.value(QStringLiteral("metadata")).toString().toLatin1();
        const auto metadata = parseMetadata(u.metadataHeader);
        if (!validId(u.id) || name != u.id + QStringLiteral(".json") || u.terminalId.isEmpty()
            || u.length < 0 || u.offset < 0 || u.offset > u.length || !metadata) {
            qCWarning(lcTus) << "ignoring a malformed upload record" << file.fileName();
            continue;
        }
        u.metadata = *metadata;
        if (!u.complete) {
            // Bytes past the recorded offset were never acknowledged (a crash between the write
            // and the record): cut them off so the next PATCH at the recorded offset fits. Bytes
            // missing below it (a disk that lied about fsync) are asked for again.
            QFile part(dataFile(m_options.directory, u.id));
            const qint64 size = part.exists() ? part.size() : 0;
            if (size > u.offset) {
                if (!part.resize(u.offset))
                    qCWarning(lcTus) << "cannot cut back" << part.fileName();
            } else if (size < u.offset) {
                qCWarning(lcTus) << "upload" << u.id << "has" << size << "bytes of" << u.offset
                                 << "recorded; asking for the rest again";
                u.offset = size;
                if (auto saved = save(u); !saved)
                    qCWarning(lcTus).noquote() << saved.error().toString();
            }
        }
        m_uploads.insert(u.id, u);
    }
}

Status TusEndpoint::save(const Upload& u) const
{
    const QJsonObject o {{QStringLiteral("id"), u.id}, {QStringLiteral("terminal"), u.terminalId},
        {QStringLiteral("length"), double(u.length)}, {QStringLiteral("offset"), double(u.offset)},
        {QStringLiteral("complete"), u.complete},
        {QStringLiteral("metadata"), QString::fromLatin1(u.metadataHeader)}};
    return writeFileDurably(sidecarFile(u.id), QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void TusEndpoint::discard(const QString& id)
{
    QFile::remove(sidecarFile(id));
    QFile::remove(dataFile(m_options.directory, id));
    if (auto synced = syncDirectory(m_options.directory); !synced)
        qCWarning(lcTus).noquote() << synced.error().toString();
    m_uploads.remove(id);
}

void TusEndpoint::install(QHttpServer& server)
{
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/v1/files"), Method::Options | Method::Post,
        [this](const QHttpServerRequest& request) { return collection(request); });
    server.route(QStringLiteral("/v1/files/<arg>"),
        Method::Options | Method::Head | Method::Patch | Method::Delete,
        [this](const QString& id, const QHttpServerRequest& request) {
            return resource(id, request);
        });
}

QHttpServerResponse TusEndpoint::options() const
{
    QHttpServerResponse r = answer(Code::NoContent);
    r.setHeader("Tus-Version", kTusVersion);
    r.setHeader("Tus-Extension", "creation,termination,checksum");
    r.setHeader("Tus-Checksum-Algorithm", "sm3,sha256");
    r.setHeader("Tus-Max-Size", QByteArray::number(m_options.maxSize));
    return r;
}

QHttpServerResponse TusEndpoint::collection(const QHttpServerRequest& request)
{
    QHttpServerResponse refusal(Code::Unauthorized);
    const auto terminal = m_authenticate(request, &refusal);
    if (!terminal) {
        refusal.setHeader("Tus-Resumable", kTusVersion);
        return refusal;
    }
    if (request.method() == QHttpServerRequest::Method::Options)
        return options();
    if (request.value("Tus-Resumable") != kTusVersion) {
        QHttpServerResponse r = refuse(Code::PreconditionFailed, "tus-version",
            SyncText::tr("The centre speaks tus %1").arg(QLatin1String(kTusVersion)));
        r.setHeader("Tus-Version", kTusVersion);
        return r;
    }
    return create(*terminal, request);
}

QHttpServerResponse TusEndpoint::resource(const QString& id, const QHttpServerRequest& request)
{
    const bool isHead = request.method() == QHttpServerRequest::Method::Head;
    QHttpServerResponse refusal(Code::Unauthorized);
    const auto terminal = m_authenticate(request, &refusal);
    if (!terminal) {
        if (isHead) {
            // No body for HEAD; a Retry-After (an overloaded centre) still tells when to come back.
            QHttpServerResponse r = answer(refusal.statusCode());
            if (const auto retry = refusal.headers("Retry-After"); !retry.isEmpty())
                r.setHeader("Retry-After", retry.first());
            return r;
        }
        refusal.setHeader("Tus-Resumable", kTusVersion);
        return refusal;
    }
    if (request.method() == QHttpServerRequest::Method::Options)
        return options();
    if (request.value("Tus-Resumable") != kTusVersion) {
        QHttpServerResponse r = refuse(Code::PreconditionFailed, "tus-version",
            SyncText::tr("The centre speaks tus %1").arg(QLatin1String(kTusVersion)), isHead);
        r.setHeader("Tus-Version", kTusVersion);
        return r;
    }
    // Another terminal's upload does not exist for this one (no hint that the id is taken).
    const auto it = validId(id) ? m_uploads.find(id) : m_uploads.end();
    if (it == m_uploads.end() || it->terminalId != *terminal) {
        QHttpServerResponse r = refuse(
            Code::NotFound, "not-found", SyncText::tr("The centre has no such upload"), isHead);
        r.setHeader("Cache-Control", "no-store");
        return r;
    }
    switch (request.method()) {
    case QHttpServerRequest::Method::Head:
        return head(*it);
    case QHttpServerRequest::Method::Patch:
        return patch(*it, request);
    default:
        return terminate(*it);
    }
}

QHttpServerResponse TusEndpoint::create(const QString& terminal, const QHttpServerRequest& request)
{
    const auto length = nonNegative(request.value("Upload-Length"));
    if (!length) {
        // Upload-Defer-Length (the creation-defer-length extension) is not offered.
        return refuse(Code::BadRequest, "upload-length",
            SyncText::tr("Upload-Length is missing or not a number"));
    }
    if (*length > m_options.maxSize) {
        return refuse(Code::PayloadTooLarge, "too-large",
            SyncText::tr("The upload is larger than the centre accepts (%1 bytes)")
                .arg(m_options.maxSize));
    }
    if (!request.body().isEmpty()) {
        return refuse(Code::BadRequest, "creation-with-upload",
            SyncText::tr("The centre does not take data with the creation request"));
    }
    const QByteArray metadataHeader = request.value("Upload-Metadata").trimmed();
    const auto metadata = parseMetadata(metadataHeader);
    if (!metadata) {
        return refuse(
            Code::BadRequest, "upload-metadata", SyncText::tr("Upload-Metadata is malformed"));
    }
    Upload u;
    u.id = QString::fromLatin1(randomBytes(16).toHex());
    u.terminalId = terminal;
    u.length = *length;
    u.metadataHeader = metadataHeader;
    u.metadata = *metadata;
    // The data file first, then the record: a record never names a file that is not there.
    if (auto created = appendDurably(dataFile(m_options.directory, u.id), 0, {}); !created)
        return storageFailure(created.error());
    if (auto saved = save(u); !saved) {
        QFile::remove(dataFile(m_options.directory, u.id));
        return storageFailure(saved.error());
    }
    m_uploads.insert(u.id, u);
    Upload& stored = m_uploads[u.id];
    if (stored.length == 0) {
        // Nothing to send: complete at once.
        if (auto refused = finish(stored))
            return std::move(*refused);
    }
    QHttpServerResponse r = answer(Code::Created);
    // A path, not an absolute URL: the centre does not know the name the terminal used for it
    // (or a proxy in front); both our TusClient and tus-js-client resolve it against the endpoint.
    r.setHeader("Location", "/v1/files/" + u.id.toLatin1());
    return r;
}

QHttpServerResponse TusEndpoint::head(Upload& u)
{
    QHttpServerResponse r = answer(Code::Ok);
    r.setHeader("Upload-Offset", QByteArray::number(u.offset));
    r.setHeader("Upload-Length", QByteArray::number(u.length));
    if (!u.metadataHeader.isEmpty())
        r.setHeader("Upload-Metadata", u.metadataHeader);
    // An offset is only true now; a cache must never answer a resume.
    r.setHeader("Cache-Control", "no-store");
    return r;
}

QHttpServerResponse TusEndpoint::patch(Upload& u, const QHttpServerRequest& request)
{
    const QByteArray type = request.value("Content-Type").split(';').value(0).trimmed();
    if (QLatin1StringView(type).compare(kPatchType, Qt::CaseInsensitive) != 0) {
        return refuse(Code::UnsupportedMediaType, "content-type",
            SyncText::tr("A PATCH must be sent as %1").arg(kPatchType));
    }
    const auto offset = nonNegative(request.value("Upload-Offset"));
    if (!offset) {
        return refuse(Code::BadRequest, "upload-offset",
            SyncText::tr("Upload-Offset is missing or not a number"));
    }
    if (*offset != u.offset) {
        QHttpServerResponse r = refuse(Code::Conflict, "offset",
            SyncText::tr("The centre has %1 bytes of this upload, not %2")
                .arg(u.offset)
                .arg(*offset));
        r.setHeader("Upload-Offset", QByteArray::number(u.offset));
        return r;
    }
    QByteArray body = request.body();
    if (m_options.alterChunk)
        m_options.alterChunk(body);
    if (body.size() > m_options.maxChunk) {
        return refuse(Code::PayloadTooLarge, "too-large",
            SyncText::tr("A chunk may hold at most %1 bytes").arg(m_options.maxChunk));
    }
    if (*offset + body.size() > u.length) {
        return refuse(Code::BadRequest, "upload-length",
            SyncText::tr("The chunk goes beyond the upload's length (%1 bytes)").arg(u.length));
    }
    if (const QByteArray checksum = request.value("Upload-Checksum").trimmed();
        !checksum.isEmpty()) {
        const qsizetype space = checksum.indexOf(' ');
        const auto algorithm = hashAlgorithmFromName(
            QString::fromLatin1(space < 0 ? checksum : checksum.left(space)));
        const auto expected = QByteArray::fromBase64Encoding(
            checksum.mid(space + 1).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        if (!algorithm || space < 0 || !expected) {
            return refuse(Code::BadRequest, "checksum",
                SyncText::tr("Upload-Checksum must be \"sm3 <base64>\" or \"sha256 <base64>\""));
        }
        if (Hasher::hash(*algorithm, body) != *expected) {
            // Nothing of this chunk is kept; the terminal sends it again.
            return refuse(kChecksumMismatch, "checksum",
                SyncText::tr("The chunk does not match its checksum"));
        }
    }
    if (!body.isEmpty() && !u.complete) {
        if (auto written = appendDurably(dataFile(m_options.directory, u.id), u.offset, body);
            !written)
            return storageFailure(written.error());
        Upload next = u;
        next.offset += body.size();
        if (next.offset == next.length) {
            // The record says complete only once the hook accepted the blob; a crash before
            // that cuts the last chunk off again on restart and the terminal resends it.
            if (auto refused = finish(next))
                return std::move(*refused);
        } else if (auto saved = save(next); !saved) {
            return storageFailure(saved.error());
        }
        u = next;
    }
    QHttpServerResponse r = answer(Code::NoContent);
    r.setHeader("Upload-Offset", QByteArray::number(u.offset));
    return r;
}

std::optional<QHttpServerResponse> TusEndpoint::finish(Upload& u)
{
    CompletedUpload done {
        u.id, u.terminalId, dataFile(m_options.directory, u.id), u.length, u.metadata};
    if (auto verdict = m_complete(done); !verdict) {
        const ErrorCode code = verdict.error().code;
        if (code == ErrorCode::Io || code == ErrorCode::DiskFull || code == ErrorCode::Crypto
            || code == ErrorCode::Internal) {
            // The centre's own trouble (its disk, its records): the upload stays as it was, with
            // the last chunk not acknowledged, so the terminal resends it and the hook is asked
            // again. Refusing it would blame the terminal's file.
            return storageFailure(verdict.error());
        }
        qCInfo(lcTus).noquote() << "upload" << u.id << "refused:" << verdict.error().toString();
        const QString id = u.id;
        discard(id); // u dangles from here
        return refuse(Code::UnprocessableEntity, "verification", verdict.error().message);
    }
    u.complete = true;
    if (auto saved = save(u); !saved) {
        // The hook accepted but the centre could not record it: the terminal retries the last
        // chunk and the hook is asked again.
        u.complete = false;
        return storageFailure(saved.error());
    }
    return std::nullopt;
}

QHttpServerResponse TusEndpoint::terminate(Upload& u)
{
    if (u.complete) {
        // Received evidence belongs to the case now; a terminal cannot take it back.
        return refuse(Code::Forbidden, "complete",
            SyncText::tr("The upload is complete and kept by the centre"));
    }
    const QString id = u.id;
    discard(id);
    return answer(Code::NoContent);
}

} // namespace fieldcase::sync
