// The sync client's HTTP layer: one blocking request at a time over HTTPS with mutual TLS and a
// pinned centre CA. Behind an interface so the scheduler can be tested with a fake, while the
// integration tests use the real libcurl transport against real TLS servers (STYLE.md 11).
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace fieldcase::sync {

// One request. Bodies are small (event batches, manifests); evidence goes through tus in chunks.
struct HttpRequest
{
    QByteArray method = "GET";
    QString url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int timeoutMs = 30000; // the whole exchange
    int connectTimeoutMs = 10000;
    qint64 maxResponseBytes = 8 << 20; // a larger answer is refused, not buffered
    // libcurl sends a request once more on a fresh connection by itself when the kept connection
    // it used dies before any answer. false: not once its body has started (the request fails as
    // Interrupted instead). A tus PATCH sets it: the centre keeps what arrived of the cut one, so
    // the same chunk again at the old offset would only cross the link to be refused (409); the
    // client asks the offset (HEAD) and goes on from there.
    bool resendBodyOnFreshConnection = true;
};

struct HttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    // The request had to open a new connection although the one before had answered and was
    // kept: the link dropped the kept connection. libcurl then sends the request once more on a
    // fresh one by itself, so part of its body may have crossed the link twice.
    bool reconnected = false;

    // The first header of that name (case-insensitive), or empty.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
};

// Why a request failed, so the scheduler can decide: retry later, or stop and tell the officer.
enum class TransportFailure {
    None,
    Unreachable, // DNS, refused, no route, timeout connecting: retry with backoff
    Interrupted, // the link broke or timed out mid-exchange: retry with backoff
    CentreNotTrusted, // the server's certificate is not from the pinned CA: never retry silently
    ClientRejected, // the centre refused our certificate (revoked, expired, not enrolled)
    ResponseTooLarge, // more than maxResponseBytes: a broken or hostile server
    Local, // our own configuration (missing certificate file, bad URL)
    Cancelled, // the terminal is closing (cancel flag): not the link's fault, goes on next start
};

// The TLS identity of a terminal and the centre it trusts.
struct TlsConfig
{
    QString caFile; // the centre CA, pinned: the system trust store is not used
    QString clientCertFile; // PEM, from enrolment
    QString clientKeyFile;
};

// Sends one request and waits for the whole answer. Blocking: call from a worker thread.
class HttpTransport
{
public:
    virtual ~HttpTransport() = default;
    // An error carries a TransportFailure in its context ("failure=<name>") and a message for
    // the officer's sync screen.
    [[nodiscard]] virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

[[nodiscard]] const char* transportFailureName(TransportFailure failure);
// The failure recorded in an error from HttpTransport::send (None if it carries none).
[[nodiscard]] TransportFailure transportFailureOf(const Error& error);

} // namespace fieldcase::sync
