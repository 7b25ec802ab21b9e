#include "sync/tus/tusclient.h"

#include "core/crypto/hash.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

constexpr QByteArrayView kTusVersion = "1.0.0";

Error protocolError(const HttpResponse& r, const QString& what)
{
    // The centre's own reason (a JSON error body), when it gives one, is what the officer needs.
    const QString reason
        = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("reason")).toString();
    QString message
        = SyncText::tr("The centre refused the upload (%1: HTTP %2)").arg(what).arg(r.status);
    if (!reason.isEmpty())
        message += QStringLiteral(": ") + reason;
    // The context starts with the status (and whether the centre said when to come back), so
    // callers can tell a refusal from a centre in trouble.
    const QByteArray retryAfter = r.header("retry-after").trimmed();
    return Error {ErrorCode::Rejected, message,
        QStringLiteral("status=%1 ").arg(r.status)
            + (retryAfter.isEmpty()
                    ? QString()
                    : QStringLiteral("retry-after=%1 ").arg(QString::fromLatin1(retryAfter)))
            + QString::fromUtf8(r.body.left(200))};
}

int statusOf(const Error& e)
{
    return e.context.startsWith(QLatin1String("status=")) ? e.context.mid(7, 3).toInt() : 0;
}

QStringList splitList(const QByteArray& value)
{
    QStringList out;
    for (const QByteArray& part : value.split(',')) {
        if (!part.trimmed().isEmpty())
            out.append(QString::fromLatin1(part.trimmed()));
    }
    return out;
}

// Worth reading the offset again and going on within this upload: a cut, a conflict, or a
// centre error (5xx, 408) that did not say when to come back. A centre that named a time
// (Retry-After) is left alone: the caller keeps that time.
bool transient(const Error& e)
{
    const TransportFailure f = transportFailureOf(e);
    if (f == TransportFailure::Unreachable || f == TransportFailure::Interrupted
        || e.code == ErrorCode::Conflict)
        return true;
    const int status = statusOf(e);
    return (status >= 500 || status == 408) && !e.context.contains(QLatin1String(" retry-after="));
}

} // namespace

TusClient::TusClient(HttpTransport& transport, QString endpoint)
    : m_transport(transport)
    , m_endpoint(std::move(endpoint))
{ }

HttpRequest TusClient::request(const QByteArray& method, const QString& url) const
{
    HttpRequest r;
    r.method = method;
    r.url = url;
    r.headers.append({QByteArray("Tus-Resumable"), kTusVersion.toByteArray()});
    return r;
}

Result<HttpResponse> TusClient::send(HttpRequest request)
{
    if (m_decorate)
        m_decorate(request);
    return m_transport.send(request);
}

Result<TusServerInfo> TusClient::discover()
{
    auto r = send(request("OPTIONS", m_endpoint));
    if (!r)
        return fail(r.error());
    if (r->status != 200 && r->status != 204)
        return fail(protocolError(*r, QStringLiteral("OPTIONS")));
    TusServerInfo info;
    info.versions = splitList(r->header("tus-version"));
    info.extensions = splitList(r->header("tus-extension"));
    info.checksumAlgorithms = splitList(r->header("tus-checksum-algorithm"));
    bool ok = false;
    const qint64 max = r->header("tus-max-size").toLongLong(&ok);
    info.maxSize = ok ? max : -1;
    return info;
}

Result<QString> TusClient::create(qint64 length, const QList<QPair<QString, QByteArray>>& metadata)
{
    HttpRequest r = request("POST", m_endpoint);
    r.headers.append({"Upload-Length", QByteArray::number(length)});
    QByteArrayList pairs;
    for (const auto& [key, value] : metadata)
        pairs.append(key.toLatin1() + ' ' + value.toBase64());
    if (!pairs.isEmpty())
        r.headers.append({"Upload-Metadata", pairs.join(',')});
    auto response = send(r);
    if (!response)
        return fail(response.error());
    if (response->status != 201)
        return fail(protocolError(*response, QStringLiteral("POST")));
    const QByteArray location = response->header("location");
    if (location.isEmpty())
        return fail(ErrorCode::Rejected,
            SyncText::tr("The centre created an upload but did not say where"));
    // Servers may answer with a relative Location (and behind TLS some build http:// ones).
    return QUrl(m_endpoint).resolved(QUrl(QString::fromUtf8(location))).toString();
}

Result<qint64> TusClient::offset(const QString& uploadUrl)
{
    auto r = send(request("HEAD", uploadUrl));
    if (!r)
        return fail(r.error());
    if (r->status == 404 || r->status == 410)
        return fail(
            ErrorCode::NotFound, SyncText::tr("The centre no longer has this upload"), uploadUrl);
    bool ok = false;
    const qint64 offset = r->header("upload-offset").toLongLong(&ok);
    if (r->status != 200 || !ok || offset < 0)
        return fail(protocolError(*r, QStringLiteral("HEAD")));
    return offset;
}

Result<qint64> TusClient::patch(const QString& uploadUrl, qint64 offset, QByteArrayView chunk)
{
    HttpRequest r = request("PATCH", uploadUrl);
    r.resendBodyOnFreshConnection = false; // after a cut, only a HEAD says where to go on
    r.headers.append({"Upload-Offset", QByteArray::number(offset)});
    r.headers.append({QByteArray("Content-Type"), QByteArray("application/offset+octet-stream")});
    if (const auto algorithm = hashAlgorithmFromName(m_checksum)) {
        r.headers.append({"Upload-Checksum",
            m_checksum.toLatin1() + ' ' + Hasher::hash(*algorithm, chunk).toBase64()});
    }
    r.body = chunk.toByteArray();
    auto response = send(r);
    if (!response)
        return fail(response.error());
    if (response->status == 409)
        return fail(ErrorCode::Conflict,
            SyncText::tr("The centre has another offset for this upload"), uploadUrl);
    if (response->status == 460)
        return fail(ErrorCode::Rejected,
            SyncText::tr("The centre says the uploaded data is damaged (checksum)"),
            QStringLiteral("status=460 ") + uploadUrl);
    if (response->status == 404 || response->status == 410)
        return fail(
            ErrorCode::NotFound, SyncText::tr("The centre no longer has this upload"), uploadUrl);
    bool ok = false;
    const qint64 newOffset = response->header("upload-offset").toLongLong(&ok);
    if (response->status != 204 || !ok || newOffset < offset || newOffset > offset + chunk.size())
        return fail(protocolError(*response, QStringLiteral("PATCH")));
    return newOffset;
}

Status TusClient::terminate(const QString& uploadUrl)
{
    auto r = send(request("DELETE", uploadUrl));
    if (!r)
        return fail(r.error());
    if (r->status != 204 && r->status != 404 && r->status != 410)
        return fail(protocolError(*r, QStringLiteral("DELETE")));
    return {};
}

Result<TusUploadReport> TusClient::upload(QIODevice& source, qint64 length, QString uploadUrl,
    const QList<QPair<QString, QByteArray>>& metadata, TusUploadReport* partial,
    const std::function<void(qint64)>& progress)
{
    TusUploadReport report;
    report.length = length;
    auto keep = [&](Error e) {
        if (partial)
            *partial = report;
        return fail(std::move(e));
    };
    if (uploadUrl.isEmpty()) {
        auto created = create(length, metadata);
        if (!created)
            return keep(created.error());
        uploadUrl = *created;
    }
    report.uploadUrl = uploadUrl;
    qint64 at = 0;
    bool needOffset = true; // a resumed or fresh upload starts from what the server has
    int failures = 0;
    qint64 resentAt = -1; // the chunk sent again after a checksum mismatch (460)
    QByteArray chunk;
    while (true) {
        if (needOffset) {
            auto o = offset(uploadUrl);
            if (!o) {
                if (transient(o.error()) && ++failures < m_maxAttempts)
                    continue;
                return keep(o.error());
            }
            at = *o;
            needOffset = false;
        }
        if (at >= length)
            break;
        if (!source.seek(at))
            return keep(Error {ErrorCode::Io, SyncText::tr("Cannot read the file being uploaded"),
                source.errorString()});
        chunk.resize(qsizetype(std::min(m_sizer ? m_sizer->next() : m_chunkSize, length - at)));
        const qint64 n = source.read(chunk.data(), chunk.size());
        if (n != chunk.size())
            return keep(Error {ErrorCode::Io, SyncText::tr("Cannot read the file being uploaded"),
                source.errorString()});
        report.bytesSent += n;
        ++report.patches;
        QElapsedTimer sending;
        sending.start();
        auto next = patch(uploadUrl, at, chunk);
        if (!next) {
            // 460: the chunk arrived damaged and the centre kept none of it. Ask where it stands
            // and send that chunk once more; a second mismatch is not the link's doing.
            if (statusOf(next.error()) == 460 && resentAt != at) {
                resentAt = at;
                ++report.resumes;
                needOffset = true;
                continue;
            }
            // The link dropped the chunk or it took too long (a timeout before the answer counts
            // as unreachable): shorter chunks lose less next time. Closing the app is no lesson.
            if (const TransportFailure f = transportFailureOf(next.error()); m_sizer
                && (f == TransportFailure::Interrupted || f == TransportFailure::Unreachable))
                m_sizer->cut();
            if (transient(next.error()) && ++failures < m_maxAttempts) {
                ++report.resumes;
                needOffset = true;
                continue;
            }
            return keep(next.error());
        }
        failures = 0;
        if (m_sizer)
            m_sizer->sent(*next - at, sending.elapsed());
        at = *next;
        if (progress)
            progress(at);
    }
    return report;
}

} // namespace fieldcase::sync
