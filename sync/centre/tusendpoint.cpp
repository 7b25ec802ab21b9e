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

// HTTP status codes of the tus endpoint.
enum Code : int {
    Ok = 200,
    Created = 201,
    NoContent = 204,
    BadRequest = 400,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
    PreconditionFailed = 412,
    PayloadTooLarge = 413,
    UnsupportedMediaType = 415,
    UnprocessableEntity = 422,
    ChecksumMismatch = 460, // tus checksum extension
    InternalServerError = 500,
    InsufficientStorage = 507,
};

constexpr char kTusVersion[] = "1.0.0";
constexpr QLatin1StringView kPatchType("application/offset+octet-stream");

// Every answer says which tus version it speaks (tus 1.0.0 core, "Tus-Resumable").
HttpReply answer(int code)
{
    HttpReply r;
    r.status = code;
    r.setHeader("Tus-Resumable", kTusVersion);
    return r;
}

// A refusal with a JSON reason; HEAD answers must carry no body (the connection is reused).
HttpReply refuse(int code, const char* error, const QString& reason, bool head = false)
{
    if (head)
        return answer(code);
    HttpReply r = HttpReply::error(code, error, reason);
    r.setHeader("Tus-Resumable", kTusVersion);
    return r;
}

// "sm3 <base64>" or "sha256 <base64>" (tus checksum extension).
struct ChunkChecksum
{
    HashAlgorithm algorithm;
    QByteArray digest;
};

std::optional<ChunkChecksum> parseChecksum(const QByteArray& header)
{
    const qsizetype space = header.indexOf(' ');
    if (space < 0)
        return std::nullopt;
    const auto algorithm = hashAlgorithmFromName(QString::fromLatin1(header.left(space)));
    const auto digest = QByteArray::fromBase64Encoding(
        header.mid(space + 1).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!algorithm || !digest)
        return std::nullopt;
    return ChunkChecksum {*algorithm, *digest};
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

HttpReply storageFailure(const Error& error)
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

// One PATCH body on its way to the upload's file. The bytes go to <id>.part past the recorded
// offset as they arrive; they count only once end() or cut() made them durable and recorded the
// new offset (a crash before that: load() cuts them off again).
class TusEndpoint::PatchStream final : public BodySink
{
public:
    PatchStream(TusEndpoint& endpoint, const Upload& upload, std::optional<ChunkChecksum> checksum,
        bool damage, bool refuse)
        : m_endpoint(endpoint)
        , m_id(upload.id)
        , m_start(upload.offset)
        , m_file(dataFile(endpoint.m_options.directory, upload.id))
        , m_damage(damage)
        , m_refuse(refuse)
    {
        if (checksum) {
            m_expected = checksum->digest;
            m_hasher.emplace(checksum->algorithm);
        }
    }

    ~PatchStream() override
    {
        if (!m_detached && m_endpoint.m_streams.value(m_id) == this)
            m_endpoint.m_streams.remove(m_id);
    }

    // Opens the file at the upload's offset, cutting off anything past it.
    Status open()
    {
        // Unbuffered: each piece reaches the kernel as it arrives, and a write error shows at
        // once rather than at the flush.
        if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered)
            || (m_file.size() != m_start && !m_file.resize(m_start)) || !m_file.seek(m_start))
            return fail(ErrorCode::Io, SyncText::tr("The centre cannot write the upload"),
                m_file.fileName() + QStringLiteral(": ") + m_file.errorString());
        return {};
    }

    void write(QByteArrayView piece) override
    {
        if (m_done || m_error || piece.isEmpty())
            return;
        QByteArray damaged;
        if (std::exchange(m_damage, false)) {
            damaged = piece.toByteArray();
            damaged[0] = char(damaged.at(0) ^ 0x01);
            piece = damaged;
            m_damaged = true;
        }
        if (m_hasher)
            m_hasher->addData(piece);
        if (m_file.write(piece.data(), piece.size()) != piece.size())
            m_error = ioError(
                errno, SyncText::tr("The centre cannot write the upload"), m_file.fileName());
        m_received += piece.size();
    }

    HttpReply end() override
    {
        m_done = true;
        if (m_error) {
            rollBack();
            return storageFailure(*m_error);
        }
        if (m_hasher && m_hasher->result() != m_expected) {
            // Nothing of this chunk is kept; the terminal sends it again.
            rollBack();
            return refuse(ChecksumMismatch, "checksum",
                SyncText::tr("The chunk does not match its checksum"));
        }
        if (auto refused = commit())
            return std::move(*refused);
        HttpReply r = answer(NoContent);
        r.setHeader("Upload-Offset", QByteArray::number(m_start + m_received));
        return r;
    }

    void cut() override
    {
        if (std::exchange(m_done, true))
            return;
        // A chunk known to be damaged (the injected fault) keeps nothing: no checksum can
        // catch its damaged first byte now.
        if (m_error || m_damaged || m_received == 0 || !m_endpoint.m_options.keepCutChunks) {
            rollBack();
            return;
        }
        if (auto refused = commit()) {
            qCWarning(lcTus).noquote()
                << "upload" << m_id << "could not keep a cut chunk:" << refused->body;
            return;
        }
        qCInfo(lcTus) << "upload" << m_id << "kept" << m_received << "bytes of a cut PATCH";
    }

    // A newer request for this upload takes over: keep what arrived, drop the connection.
    void interrupt()
    {
        m_endpoint.m_streams.remove(m_id);
        cut();
        m_detached = true; // the endpoint may be gone by the time the connection lets go of us
        if (abandon)
            abandon();
    }

private:
    // Makes the received bytes durable and records the new offset; when the upload is whole the
    // completion hook decides. nullopt if done, else the answer that says why not.
    std::optional<HttpReply> commit()
    {
        const auto it = m_endpoint.m_uploads.find(m_id);
        if (it == m_endpoint.m_uploads.end()) {
            m_file.close();
            return refuse(NotFound, "not-found", SyncText::tr("The centre has no such upload"));
        }
        if (!m_file.flush() || ::fsync(m_file.handle()) != 0) {
            const Error e = ioError(
                errno, SyncText::tr("The centre cannot write the upload"), m_file.fileName());
            rollBack();
            return storageFailure(e);
        }
        m_file.close();
        Upload next = *it;
        next.offset = m_start + m_received;
        if (next.offset == next.length) {
            // The record says complete only once the hook accepted the blob; a crash before
            // that cuts the last chunk off again on restart and the terminal resends it.
            if (auto refused = m_endpoint.finish(next, m_refuse))
                return refused;
        } else if (auto saved = m_endpoint.save(next); !saved) {
            rollBack();
            return storageFailure(saved.error());
        }
        m_endpoint.m_uploads.insert(m_id, next);
        return std::nullopt;
    }

    void rollBack()
    {
        if (!m_file.isOpen() && !m_file.open(QIODevice::ReadWrite))
            return; // load() cuts the file back to the recorded offset on the next start
        if (!m_file.resize(m_start))
            qCWarning(lcTus) << "cannot cut back" << m_file.fileName();
        m_file.close();
    }

    TusEndpoint& m_endpoint;
    QString m_id;
    qint64 m_start;
    qint64 m_received = 0;
    QFile m_file;
    std::optional<Hasher> m_hasher;
    QByteArray m_expected;
    std::optional<Error> m_error;
    bool m_damage; // flip a bit of the first byte (fault injection)
    bool m_refuse; // refuse the upload if this PATCH completes it (fault injection)
    bool m_damaged = false;
    bool m_done = false;
    bool m_detached = false;
};

TusEndpoint::~TusEndpoint()
{
    // A stream outliving the endpoint must not reach back into it.
    const auto streams = m_streams;
    for (PatchStream* stream : streams)
        stream->interrupt();
}

void TusEndpoint::install(QHttpServer& server)
{
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/v1/files"), Method::Options | Method::Post,
        [this](const QHttpServerRequest& request) { return collection(request).toQt(); });
    server.route(QStringLiteral("/v1/files/<arg>"), Method::Options | Method::Head | Method::Delete,
        [this](const QString& id, const QHttpServerRequest& request) {
            return resource(id, request).toQt();
        });
}

std::optional<StreamAnswer> TusEndpoint::streamRoute(const HttpHead& head)
{
    static constexpr QByteArrayView prefix("/v1/files/");
    const QByteArray path = head.path();
    if (head.method != "PATCH" || !path.startsWith(prefix))
        return std::nullopt;
    const QString id = QString::fromLatin1(path.mid(prefix.size()));
    return patch(id, head);
}

void TusEndpoint::interruptStream(const QString& id)
{
    if (PatchStream* stream = m_streams.value(id))
        stream->interrupt();
}

HttpReply TusEndpoint::options() const
{
    HttpReply r = answer(NoContent);
    r.setHeader("Tus-Version", kTusVersion);
    r.setHeader("Tus-Extension", "creation,termination,checksum");
    r.setHeader("Tus-Checksum-Algorithm", "sm3,sha256");
    r.setHeader("Tus-Max-Size", QByteArray::number(m_options.maxSize));
    return r;
}

HttpReply TusEndpoint::collection(const QHttpServerRequest& request)
{
    HttpReply refusal;
    const auto terminal = m_authenticate(HttpHead::of(request), request.body(), &refusal);
    if (!terminal) {
        refusal.setHeader("Tus-Resumable", kTusVersion);
        return refusal;
    }
    if (request.method() == QHttpServerRequest::Method::Options)
        return options();
    if (request.value("Tus-Resumable") != kTusVersion) {
        HttpReply r = refuse(PreconditionFailed, "tus-version",
            SyncText::tr("The centre speaks tus %1").arg(QLatin1String(kTusVersion)));
        r.setHeader("Tus-Version", kTusVersion);
        return r;
    }
    return create(*terminal, request);
}

HttpReply TusEndpoint::resource(const QString& id, const QHttpServerRequest& request)
{
    const bool isHead = request.method() == QHttpServerRequest::Method::Head;
    HttpReply refusal;
    const auto terminal = m_authenticate(HttpHead::of(request), request.body(), &refusal);
    if (!terminal) {
        if (isHead) {
            // No body for HEAD; a Retry-After (an overloaded centre) still tells when to come back.
            HttpReply r = answer(refusal.status);
            if (const QByteArray retry = refusal.header("Retry-After"); !retry.isEmpty())
                r.setHeader("Retry-After", retry);
            return r;
        }
        refusal.setHeader("Tus-Resumable", kTusVersion);
        return refusal;
    }
    if (request.method() == QHttpServerRequest::Method::Options)
        return options();
    if (request.value("Tus-Resumable") != kTusVersion) {
        HttpReply r = refuse(PreconditionFailed, "tus-version",
            SyncText::tr("The centre speaks tus %1").arg(QLatin1String(kTusVersion)), isHead);
        r.setHeader("Tus-Version", kTusVersion);
        return r;
    }
    // Another terminal's upload does not exist for this one (no hint that the id is taken).
    if (!validId(id) || !m_uploads.contains(id) || m_uploads.value(id).terminalId != *terminal) {
        HttpReply r
            = refuse(NotFound, "not-found", SyncText::tr("The centre has no such upload"), isHead);
        r.setHeader("Cache-Control", "no-store");
        return r;
    }
    // The terminal asks where the upload stands or gives it up: a PATCH still streaming into it
    // is dead to the terminal, so it ends here with what it brought.
    interruptStream(id);
    const auto it = m_uploads.find(id);
    if (it == m_uploads.end())
        return refuse(NotFound, "not-found", SyncText::tr("The centre has no such upload"), isHead);
    return isHead ? head(*it) : terminate(*it);
}

HttpReply TusEndpoint::create(const QString& terminal, const QHttpServerRequest& request)
{
    const auto length = nonNegative(request.value("Upload-Length"));
    if (!length) {
        // Upload-Defer-Length (the creation-defer-length extension) is not offered.
        return refuse(
            BadRequest, "upload-length", SyncText::tr("Upload-Length is missing or not a number"));
    }
    if (*length > m_options.maxSize) {
        return refuse(PayloadTooLarge, "too-large",
            SyncText::tr("The upload is larger than the centre accepts (%1 bytes)")
                .arg(m_options.maxSize));
    }
    if (!request.body().isEmpty()) {
        return refuse(BadRequest, "creation-with-upload",
            SyncText::tr("The centre does not take data with the creation request"));
    }
    const QByteArray metadataHeader = request.value("Upload-Metadata").trimmed();
    const auto metadata = parseMetadata(metadataHeader);
    if (!metadata) {
        return refuse(BadRequest, "upload-metadata", SyncText::tr("Upload-Metadata is malformed"));
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
    HttpReply r = answer(Created);
    // A path, not an absolute URL: the centre does not know the name the terminal used for it
    // (or a proxy in front); both our TusClient and tus-js-client resolve it against the endpoint.
    r.setHeader("Location", "/v1/files/" + u.id.toLatin1());
    return r;
}

HttpReply TusEndpoint::head(Upload& u)
{
    HttpReply r = answer(Ok);
    r.setHeader("Upload-Offset", QByteArray::number(u.offset));
    r.setHeader("Upload-Length", QByteArray::number(u.length));
    if (!u.metadataHeader.isEmpty())
        r.setHeader("Upload-Metadata", u.metadataHeader);
    // An offset is only true now; a cache must never answer a resume.
    r.setHeader("Cache-Control", "no-store");
    return r;
}

StreamAnswer TusEndpoint::patch(const QString& id, const HttpHead& request)
{
    HttpReply refusal;
    const auto terminal = m_authenticate(request, std::nullopt, &refusal);
    if (!terminal) {
        refusal.setHeader("Tus-Resumable", kTusVersion);
        return refusal;
    }
    if (request.value("Tus-Resumable") != kTusVersion) {
        HttpReply r = refuse(PreconditionFailed, "tus-version",
            SyncText::tr("The centre speaks tus %1").arg(QLatin1String(kTusVersion)));
        r.setHeader("Tus-Version", kTusVersion);
        return r;
    }
    if (!validId(id) || !m_uploads.contains(id) || m_uploads.value(id).terminalId != *terminal) {
        HttpReply r = refuse(NotFound, "not-found", SyncText::tr("The centre has no such upload"));
        r.setHeader("Cache-Control", "no-store");
        return r;
    }
    // The terminal sends again: the PATCH still streaming into this upload is dead to it. Its
    // bytes are kept, so this one's offset is now likely behind (409; the terminal asks HEAD).
    interruptStream(id);
    const auto it = m_uploads.find(id);
    if (it == m_uploads.end())
        return refuse(NotFound, "not-found", SyncText::tr("The centre has no such upload"));
    const Upload& u = *it;
    const QByteArray type = request.value("Content-Type").split(';').value(0).trimmed();
    if (QLatin1StringView(type).compare(kPatchType, Qt::CaseInsensitive) != 0) {
        return refuse(UnsupportedMediaType, "content-type",
            SyncText::tr("A PATCH must be sent as %1").arg(kPatchType));
    }
    const auto offset = nonNegative(request.value("Upload-Offset"));
    if (!offset) {
        return refuse(
            BadRequest, "upload-offset", SyncText::tr("Upload-Offset is missing or not a number"));
    }
    if (*offset != u.offset) {
        HttpReply r = refuse(Conflict, "offset",
            SyncText::tr("The centre has %1 bytes of this upload, not %2")
                .arg(u.offset)
                .arg(*offset));
        r.setHeader("Upload-Offset", QByteArray::number(u.offset));
        return r;
    }
    const qint64 size = request.value("Content-Length").toLongLong();
    if (size > m_options.maxChunk) {
        return refuse(PayloadTooLarge, "too-large",
            SyncText::tr("A chunk may hold at most %1 bytes").arg(m_options.maxChunk));
    }
    if (*offset + size > u.length) {
        return refuse(BadRequest, "upload-length",
            SyncText::tr("The chunk goes beyond the upload's length (%1 bytes)").arg(u.length));
    }
    std::optional<ChunkChecksum> checksum;
    if (const QByteArray header = request.value("Upload-Checksum"); !header.isEmpty()) {
        checksum = parseChecksum(header);
        if (!checksum) {
            return refuse(BadRequest, "checksum",
                SyncText::tr("Upload-Checksum must be \"sm3 <base64>\" or \"sha256 <base64>\""));
        }
    }
    if (u.complete) {
        // Nothing more to write (only an empty PATCH gets here); the offset says so.
        HttpReply r = answer(NoContent);
        r.setHeader("Upload-Offset", QByteArray::number(u.offset));
        return r;
    }
    const bool damage = m_options.damageChunk && m_options.damageChunk();
    const bool refuse = m_options.refuseCompletion && m_options.refuseCompletion();
    auto stream = std::make_unique<PatchStream>(*this, u, checksum, damage, refuse);
    if (auto opened = stream->open(); !opened)
        return storageFailure(opened.error());
    m_streams.insert(id, stream.get());
    return std::unique_ptr<BodySink>(std::move(stream));
}

std::optional<HttpReply> TusEndpoint::finish(Upload& u, bool injectedRefusal)
{
    CompletedUpload done {
        u.id, u.terminalId, dataFile(m_options.directory, u.id), u.length, u.metadata};
    Status verdict = injectedRefusal
        ? Status(fail(ErrorCode::Rejected, QStringLiteral("injected refusal of good evidence")))
        : m_complete(done);
    if (!verdict) {
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
        return refuse(UnprocessableEntity, "verification", verdict.error().message);
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

HttpReply TusEndpoint::terminate(Upload& u)
{
    if (u.complete) {
        // Received evidence belongs to the case now; a terminal cannot take it back.
        return refuse(
            Forbidden, "complete", SyncText::tr("The upload is complete and kept by the centre"));
    }
    const QString id = u.id;
    discard(id);
    return answer(NoContent);
}

} // namespace fieldcase::sync
