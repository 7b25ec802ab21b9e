// The reference centre's HTTP side (docs/protocol.md): Qt HttpServer routes behind the centre's
// HttpFront (TLS with client certificates; tus PATCH bodies stream to disk, everything else goes
// to Qt HttpServer), backed by a CaseStore that imports every terminal's events (so the centre
// checks chains, hashes and signatures with exactly the code the terminals use). Qt HttpServer
// 6.4 cannot show a route the TLS peer certificate, so every request must also carry a valid
// FieldCase-Signature from an enrolled terminal; replays inside the time window are caught by a
// nonce cache.
#pragma once

#include "core/store/casestore.h"
#include "core/util/clock.h"
#include "core/util/result.h"
#include "sync/centre/centrestore.h"
#include "sync/centre/certificateauthority.h"
#include "sync/centre/httpfront.h"
#include "sync/centre/tusendpoint.h"

#include <QHash>
#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <functional>

namespace fieldcase::sync {

class CentreServer : public QObject
{
    Q_OBJECT
public:
    // Faults a drill or soak test injects into event batches: refused before anything is
    // applied, or applied and the answer lost (the terminal must resend and get duplicates).
    enum class InjectedFault { None, FailBefore, LoseAnswer };

    // A fault injected into one request on any route of either port (events, pull, heartbeat,
    // number blocks, packs, every tus request on /v1/files, enrolment), decided before the
    // request is authenticated or handled.
    struct RouteFault
    {
        enum class Kind {
            None,
            ServerError, // 500, nothing done
            Unavailable, // 503 with Retry-After (when retryAfterSeconds >= 0), nothing done
            // Handled normally after delayMs. Qt HttpServer 6.4 routes are synchronous and a
            // request cannot be kept to answer later, so the wait blocks the centre's thread:
            // every other connection waits too (a centre stalled as a whole, e.g. on its disk).
            Slow,
            // A tus PATCH whose chunk arrives with one bit flipped, as if damaged on the way:
            // the endpoint's own checksum check answers 460 and keeps nothing of it.
            DamageChunk,
            // A tus PATCH that completes its upload is refused by the evidence check (422)
            // although the blob is good: a centre that cannot open this terminal's evidence (a
            // wrong key, a suite it lacks). The terminal's own copy checks out.
            RefuseEvidence,
        };
        Kind kind = Kind::None;
        int delayMs = 0;
        int retryAfterSeconds = -1;
        // Retry-After as an HTTP date (RFC 9110 §5.6.7 IMF-fixdate) instead of seconds.
        bool retryAfterAsDate = false;
    };

    struct Options
    {
        QString certFile; // the centre's TLS certificate and key (PEM)
        QString keyFile;
        QString clientCaFile; // terminals must present a certificate from this CA
        qint64 signatureWindowMs = 5 * 60 * 1000;
        int maxEventsPerBatch = 500;
        qint64 maxBodyBytes = 1 << 20;
        QString filesDirectory; // evidence uploads (tus); empty: no /v1/files
        // Enrolment: the terminal CA (signs terminals' TLS certificates), the installer the centre
        // acts as when it records a terminal's key, and how long certificates last.
        QString terminalCaCertFile;
        QString terminalCaKeyFile;
        QString installerId = QStringLiteral("centre");
        int certificateDays = 365;
        QByteArray
            evidenceKey; // seals the file keys of received evidence (32 bytes); empty: not kept
        QHostAddress address = QHostAddress::LocalHost;
        int pullLimit = 500;
        qint64 numberBlockSize = 100;
        // Asked once per event push or pull; unset in production.
        std::function<InjectedFault(const QString& route)> faults;
        // Asked once for every request on either port, with "METHOD /path" (no query); unset in
        // production.
        std::function<RouteFault(const QString& route)> routeFaults;
        // How long the sync port waits for a silent client (HttpFront::Options::idleTimeoutMs).
        int idleTimeoutMs = 120 * 1000;
    };

    // store and clock must outlive the server.
    CentreServer(CaseStore& store, const Clock& clock, Options options, QObject* parent = nullptr);
    // The full centre: with its records it also enrols terminals, routes events back to the
    // terminals that follow a case, allocates number blocks, serves packs and takes heartbeats.
    CentreServer(CaseStore& store, CentreStore& records, const Clock& clock, Options options,
        QObject* parent = nullptr);
    ~CentreServer() override;

    // Listens on 127.0.0.1 (port 0: a free one); returns the port.
    [[nodiscard]] Result<quint16> listen(quint16 port = 0);
    // The enrolment port: TLS with server authentication only (a terminal has no certificate
    // yet), serving POST /v1/enrol and nothing else. Needs the records and the terminal CA.
    [[nodiscard]] Result<quint16> listenForEnrolment(quint16 port = 0);

    // The verified terminal id, or an error response (401) in *refusal. A request whose body is
    // not signed (tus PATCH: the tus checksum and the final hash check cover the bytes) passes
    // only with allowUnsignedBody. body is nullopt for a body that streams in after this check
    // (tus PATCH through HttpFront): its signature must then say body=unsigned.
    [[nodiscard]] std::optional<QString> authenticate(const HttpHead& head,
        std::optional<QByteArrayView> body, HttpReply* refusal, bool allowUnsignedBody = false);

private:
    // The injected fault's answer for this request, if routeFaults has one for it.
    [[nodiscard]] std::optional<HttpReply> injectedFault(const HttpHead& head);
    // injectedFault, then authenticate: what every route on the sync port starts with.
    [[nodiscard]] std::optional<QString> admit(const HttpHead& head,
        std::optional<QByteArrayView> body, HttpReply* refusal, bool allowUnsignedBody = false);
    [[nodiscard]] std::optional<QString> admit(const QHttpServerRequest& request,
        QHttpServerResponse* refusal, bool allowUnsignedBody = false);
    void installRoutes();
    QHttpServerResponse postEvents(const QHttpServerRequest& request);
    QHttpServerResponse getEvents(const QHttpServerRequest& request);
    QHttpServerResponse postEnrol(const QHttpServerRequest& request);
    QHttpServerResponse postNumberBlock(const QHttpServerRequest& request);
    QHttpServerResponse postHeartbeat(const QHttpServerRequest& request);
    QHttpServerResponse getPacks(const QHttpServerRequest& request);
    QHttpServerResponse getPack(
        const QString& id, const QString& version, const QHttpServerRequest& request);
    Status verifyEvidence(const CompletedUpload& upload);
    [[nodiscard]] Result<QSslConfiguration> tlsConfiguration() const;

    CaseStore& m_store;
    CentreStore* m_records = nullptr;
    std::unique_ptr<CertificateAuthority> m_ca;
    std::unique_ptr<QHttpServer> m_enrolServer;
    const Clock& m_clock;
    Options m_options;
    QHttpServer m_server;
    QHash<QString, QHash<QByteArray, qint64>> m_nonces; // terminal → nonce → time seen
    std::unique_ptr<TusEndpoint> m_files;
    // After m_files: its connections (and PATCH bodies still arriving) go first.
    std::unique_ptr<HttpFront> m_front;
    bool m_damageNextChunk = false; // RouteFault::DamageChunk for the request being handled
    bool m_refuseNextEvidence = false; // RouteFault::RefuseEvidence, likewise
};

} // namespace fieldcase::sync
