#include "sync/centre/centreserver.h"

#include "sync/protocol/requestsigning.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

QHttpServerResponse errorResponse(
    const char* code, const QString& reason, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(QJsonObject {{QStringLiteral("error"), QLatin1String(code)},
                                   {QStringLiteral("reason"), reason}},
        status);
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "UNKNOWN";
    }
}

const char* outcomeName(ImportOutcome::Kind kind)
{
    switch (kind) {
    case ImportOutcome::Kind::Applied:
        return "accepted";
    case ImportOutcome::Kind::Duplicate:
        return "duplicate";
    case ImportOutcome::Kind::Rejected:
        return "rejected";
    }
    return "rejected";
}

} // namespace

CentreServer::CentreServer(CaseStore& store, const Clock& clock, Options options, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_server.route(QStringLiteral("/v1/events"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest& request) { return postEvents(request); });
    if (!m_options.filesDirectory.isEmpty()) {
        m_files = std::make_unique<TusEndpoint>(
            TusEndpoint::Options {m_options.filesDirectory},
            [this](const QHttpServerRequest& request, QHttpServerResponse* refusal) {
                return authenticate(request, refusal, /*allowUnsignedBody=*/true);
            },
            [](const CompletedUpload&) -> Status { return {}; });
        m_files->install(m_server);
    }
}

Result<quint16> CentreServer::listen(quint16 port)
{
    QFile certFile(m_options.certFile);
    QFile keyFile(m_options.keyFile);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::NotFound, SyncText::tr("The centre's certificate or key cannot be read"));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
    tls.setCaCertificates(QSslCertificate::fromPath(m_options.clientCaFile, QSsl::Pem));
    // Terminals must present a certificate from the centre's CA (stack.md §10: 6.4 API).
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    m_server.sslSetup(tls);
    const quint16 bound = m_server.listen(QHostAddress::LocalHost, port);
    if (bound == 0)
        return fail(ErrorCode::Io, SyncText::tr("The centre cannot listen on port %1").arg(port));
    return bound;
}

std::optional<QString> CentreServer::authenticate(
    const QHttpServerRequest& request, QHttpServerResponse* refusal, bool allowUnsignedBody)
{
    const QByteArray header = request.value(kSignatureHeader);
    const QString terminal = parseTerminalId(header);
    auto st = m_store.database().prepare("SELECT public_key_pem FROM terminals WHERE id = ?");
    std::optional<PublicKey> key;
    if (st && !terminal.isEmpty()) {
        st->bind(1, terminal);
        if (auto row = st->step(); row && *row) {
            if (auto k = PublicKey::fromPem(st->text(0).toUtf8()))
                key = *k;
        }
    }
    if (!key) {
        *refusal = errorResponse("signature", SyncText::tr("Unknown terminal \"%1\"").arg(terminal),
            QHttpServerResponse::StatusCode::Unauthorized);
        return std::nullopt;
    }
    const QByteArray pathAndQuery = request.url().path(QUrl::FullyEncoded).toUtf8()
        + (request.url().hasQuery() ? "?" + request.url().query(QUrl::FullyEncoded).toUtf8()
                                    : QByteArray());
    const QByteArray method = methodName(request.method());
    const qint64 now = m_clock.nowMs();
    auto verified = verifyRequest(
        header, *key, {method, pathAndQuery, request.body()}, now, m_options.signatureWindowMs);
    if (!verified) {
        *refusal = errorResponse(
            "signature", verified.error().message, QHttpServerResponse::StatusCode::Unauthorized);
        return std::nullopt;
    }
    // body=unsigned is only for tus PATCH, whose bytes the tus checksum and the final hash check
    // cover; anywhere else an unsigned body could be swapped by a TLS-terminating proxy.
    if (verified->unsignedBody && !allowUnsignedBody) {
        *refusal = errorResponse("signature",
            SyncText::tr("The request signature does not cover the body; this resource needs a "
                         "signed body"),
            QHttpServerResponse::StatusCode::Unauthorized);
        return std::nullopt;
    }
    // A replay inside the window: the same nonce twice. Old nonces are forgotten once outside it.
    auto& seen = m_nonces[terminal];
    seen.removeIf(
        [&](const auto& entry) { return now - entry.value() > 2 * m_options.signatureWindowMs; });
    if (seen.contains(verified->nonce)) {
        *refusal
            = errorResponse("signature", SyncText::tr("This request was already received (replay)"),
                QHttpServerResponse::StatusCode::Unauthorized);
        return std::nullopt;
    }
    seen.insert(verified->nonce, now);
    return terminal;
}

QHttpServerResponse CentreServer::postEvents(const QHttpServerRequest& request)
{
    QHttpServerResponse refusal(QHttpServerResponse::StatusCode::Unauthorized);
    const auto terminal = authenticate(request, &refusal);
    if (!terminal)
        return refusal;
    if (request.body().size() > m_options.maxBodyBytes) {
        return errorResponse("too-large",
            SyncText::tr("The batch is larger than %1 bytes").arg(m_options.maxBodyBytes),
            QHttpServerResponse::StatusCode::PayloadTooLarge);
    }
    const QJsonArray array = QJsonDocument::fromJson(request.body())
                                 .object()
                                 .value(QStringLiteral("events"))
                                 .toArray();
    if (array.isEmpty() || array.size() > m_options.maxEventsPerBatch) {
        return errorResponse("bad-batch",
            SyncText::tr("A batch holds 1 to %1 events").arg(m_options.maxEventsPerBatch),
            QHttpServerResponse::StatusCode::BadRequest);
    }
    // One receipt per event, in request order. Events that do not even parse are rejected here;
    // the rest go to importEvents, which checks chain, hash, signature and the sender.
    QList<Event> events;
    QList<int> indexOf;
    QJsonArray receipts;
    for (int i = 0; i < array.size(); ++i) {
        auto e = Event::fromJson(array.at(i).toObject());
        if (!e || e->terminalId != *terminal) {
            receipts.append(QJsonObject {
                {QStringLiteral("id"), array.at(i).toObject().value(QStringLiteral("id"))},
                {QStringLiteral("status"), QStringLiteral("rejected")},
                {QStringLiteral("reason"),
                    e ? SyncText::tr("The event was made by another terminal")
                      : e.error().message}});
            continue;
        }
        indexOf.append(int(receipts.size()));
        receipts.append(QJsonObject {});
        events.append(*e);
    }
    auto outcomes = m_store.importEvents(events);
    if (!outcomes) {
        // Nothing was applied (the store's transaction rolled back): the terminal retries.
        return errorResponse(
            "store", outcomes.error().message, QHttpServerResponse::StatusCode::ServiceUnavailable);
    }
    for (qsizetype i = 0; i < outcomes->size(); ++i) {
        const ImportOutcome& o = outcomes->at(i);
        QJsonObject receipt {{QStringLiteral("id"), o.eventId},
            {QStringLiteral("status"), QLatin1String(outcomeName(o.kind))}};
        if (!o.reason.isEmpty())
            receipt.insert(QStringLiteral("reason"), o.reason);
        receipts[indexOf.at(i)] = receipt;
    }
    return QHttpServerResponse(QJsonObject {{QStringLiteral("receipts"), receipts}});
}

} // namespace fieldcase::sync
