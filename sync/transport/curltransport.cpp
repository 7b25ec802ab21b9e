#include "sync/transport/curltransport.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cstring>
#include <curl/curl.h>
#include <mutex>
#include <utility>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

struct CurlEasyDeleter
{
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct CurlListDeleter
{
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

// libcurl's global state must be set up once, before any thread uses it.
void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink
{
    HttpResponse* response;
    qint64 limit;
    bool overflow = false;
};

size_t onBody(char* data, size_t size, size_t count, void* user)
{
    auto* sink = static_cast<Sink*>(user);
    const qint64 n = qint64(size * count);
    if (sink->response->body.size() + n > sink->limit) {
        sink->overflow = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    sink->response->body.append(data, n);
    return size_t(n);
}

// A request body handed to libcurl piece by piece (CURLOPT_READFUNCTION).
struct BodySource
{
    const QByteArray* body;
    qsizetype at = 0;
};

size_t readBody(char* buffer, size_t size, size_t count, void* user)
{
    auto* source = static_cast<BodySource*>(user);
    const qsizetype n
        = std::min<qsizetype>(qsizetype(size * count), source->body->size() - source->at);
    std::memcpy(buffer, source->body->constData() + source->at, size_t(n));
    source->at += n;
    return size_t(n);
}

size_t onHeader(char* data, size_t size, size_t count, void* user)
{
    auto* response = static_cast<HttpResponse*>(user);
    const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
    if (line.startsWith("HTTP/"))
        response->headers.clear(); // a new response (after 100 Continue or a redirect)
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        response->headers.append(
            {line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    return size * count;
}

Error failure(TransportFailure kind, const QString& message, const char* curlDetail)
{
    return Error {ErrorCode::Io, message,
        QStringLiteral("failure=%1 %2")
            .arg(QLatin1String(transportFailureName(kind)), QString::fromUtf8(curlDetail))};
}

} // namespace

struct CurlTransport::Impl
{
    TlsConfig tls;
    std::unique_ptr<CURL, CurlEasyDeleter> handle;
    const std::atomic<bool>* cancel = nullptr;
    bool kept = false; // the last exchange answered and left its connection open
};

void CurlTransport::setCancelFlag(const std::atomic<bool>* flag)
{
    d->cancel = flag;
}

namespace {

// libcurl calls this about once a second, and whenever data moves; non-zero aborts the transfer.
int onProgress(void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto* cancel = static_cast<const std::atomic<bool>*>(flag);
    return cancel && cancel->load() ? 1 : 0;
}

} // namespace

CurlTransport::CurlTransport(TlsConfig tls)
    : d(std::make_unique<Impl>())
{
    globalInit();
    d->tls = std::move(tls);
    d->handle.reset(curl_easy_init());
}

CurlTransport::~CurlTransport() = default;

Result<HttpResponse> CurlTransport::send(const HttpRequest& request)
{
    CURL* h = d->handle.get();
    if (!h)
        return fail(failure(
            TransportFailure::Local, SyncText::tr("The network library could not start"), ""));
    // No client certificate is only for enrolment (a terminal that has none yet).
    const bool withClientCertificate = !d->tls.clientCertFile.isEmpty();
    for (const QString& file : {d->tls.caFile, d->tls.clientCertFile, d->tls.clientKeyFile}) {
        if ((withClientCertificate || file == d->tls.caFile) && !QFileInfo::exists(file)) {
            return fail(failure(TransportFailure::Local,
                SyncText::tr(
                    "The terminal's certificate files are missing (%1); enrol the terminal again")
                    .arg(file),
                ""));
        }
    }
    curl_easy_reset(h);
    HttpResponse response;
    Sink sink {&response, request.maxResponseBytes};
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray url = request.url.toUtf8();
    const QByteArray ca = QFile::encodeName(d->tls.caFile);
    const QByteArray cert = QFile::encodeName(d->tls.clientCertFile);
    const QByteArray key = QFile::encodeName(d->tls.clientKeyFile);
    CurlList headers;
    // libcurl asks "Expect: 100-continue" before bodies over 1 MiB and waits a second for an
    // answer Qt HttpServer 6.4 never gives: every large tus chunk would stall. Send at once.
    headers.reset(curl_slist_append(headers.release(), "Expect:"));
    for (const auto& [name, value] : request.headers) {
        const QByteArray line = name + ": " + value;
        headers.reset(curl_slist_append(headers.release(), line.constData()));
    }
    curl_easy_setopt(h, CURLOPT_URL, url.constData());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L); // worker threads: no SIGALRM for DNS timeouts
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    // The centre's CA and nothing else: the system trust store would let any public CA (or a
    // CA an attacker got installed) vouch for a fake centre.
    curl_easy_setopt(h, CURLOPT_CAINFO, ca.constData());
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (withClientCertificate) {
        curl_easy_setopt(h, CURLOPT_SSLCERT, cert.constData());
        curl_easy_setopt(h, CURLOPT_SSLKEY, key.constData());
    }
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.constData());
    BodySource source {&request.body};
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PATCH"
        || request.method == "PUT") {
        if (request.resendBodyOnFreshConnection) {
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.constData());
        } else {
            // Read through a callback with no seek callback: libcurl cannot rewind the body,
            // so its silent resend on a fresh connection fails (CURLE_SEND_FAIL_REWIND) once
            // any of the body went out (libcurl's Curl_readrewind).
            curl_easy_setopt(h, CURLOPT_POST, 1L);
            curl_easy_setopt(h, CURLOPT_READFUNCTION, readBody);
            curl_easy_setopt(h, CURLOPT_READDATA, &source);
        }
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    }
    if (request.method == "HEAD")
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(request.timeoutMs));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &response);
    if (d->cancel) {
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, onProgress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, d->cancel);
    }

    const CURLcode rc = curl_easy_perform(h);
    const bool hadConnection = std::exchange(d->kept, false);
    if (rc != CURLE_OK) {
        const char* detail = errorBuffer[0] ? errorBuffer : curl_easy_strerror(rc);
        switch (rc) {
        case CURLE_ABORTED_BY_CALLBACK:
            return fail(failure(TransportFailure::Cancelled,
                SyncText::tr("Sync was stopped because the terminal is closing; it goes on at "
                             "the next start"),
                detail));
        case CURLE_WRITE_ERROR:
            if (sink.overflow) {
                return fail(failure(TransportFailure::ResponseTooLarge,
                    SyncText::tr("The centre sent more than %1 bytes; the answer was refused")
                        .arg(request.maxResponseBytes),
                    detail));
            }
            break;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
            return fail(failure(TransportFailure::CentreNotTrusted,
                SyncText::tr("The server is not the provincial centre: its certificate is not from "
                             "the centre's "
                             "authority. Nothing was sent. If this persists, the connection may be "
                             "intercepted; "
                             "tell county IT"),
                detail));
        case CURLE_SSL_CERTPROBLEM:
            return fail(failure(TransportFailure::Local,
                SyncText::tr("The terminal's certificate cannot be used; enrol the terminal again"),
                detail));
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_OPERATION_TIMEDOUT:
            if (rc != CURLE_OPERATION_TIMEDOUT || response.headers.isEmpty()) {
                return fail(failure(TransportFailure::Unreachable,
                    SyncText::tr("The centre cannot be reached; sync will try again"), detail));
            }
            break;
        default:
            break;
        }
        // Under TLS 1.3 a refused client certificate shows at the first read ("certificate
        // required" alert, curl 56), not in the handshake (stack.md §10).
        const QByteArray text(detail);
        if (text.contains("certificate required") || text.contains("unknown ca")
            || text.contains("bad certificate") || text.contains("certificate expired")
            || text.contains("certificate revoked")) {
            return fail(failure(TransportFailure::ClientRejected,
                SyncText::tr("The centre refused this terminal's certificate; enrol the terminal "
                             "again or call county IT"),
                detail));
        }
        // Some servers (node's https, Qt HttpServer) just close or reset a TLS 1.3 connection
        // whose client certificate they refuse, which looks like a link dying before the answer:
        // retry, but say what it may mean so a lasting refusal does not pass for a bad link.
        if ((rc == CURLE_GOT_NOTHING || rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR)
            && response.headers.isEmpty()) {
            return fail(failure(TransportFailure::Interrupted,
                SyncText::tr(
                    "The connection to the centre broke before it answered; sync will try again. "
                    "If this keeps happening, the centre may not accept this terminal's "
                    "certificate; call county IT"),
                detail));
        }
        if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT)
            return fail(failure(TransportFailure::Local,
                SyncText::tr("The centre's address is not valid"), detail));
        return fail(failure(TransportFailure::Interrupted,
            SyncText::tr("The connection to the centre broke; sync will try again"), detail));
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    response.status = int(status);
    long connects = 0;
    curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
    response.reconnected = hadConnection && connects > 0;
    // Whether libcurl still holds the connection (it closes one itself, e.g. after an answer
    // that came before the whole body was sent, whatever the headers said).
    curl_socket_t socket = CURL_SOCKET_BAD;
    d->kept = curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK
        && socket != CURL_SOCKET_BAD;
    return response;
}

} // namespace fieldcase::sync
