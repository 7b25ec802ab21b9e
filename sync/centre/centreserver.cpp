#include "sync/centre/centreserver.h"

#include "sync/protocol/requestsigning.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

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
    installRoutes();
}

CentreServer::CentreServer(
    CaseStore& store, CentreStore& records, const Clock& clock, Options options, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_records(&records)
    , m_clock(clock)
    , m_options(std::move(options))
{
    installRoutes();
}

CentreServer::~CentreServer() = default;

void CentreServer::installRoutes()
{
    using Method = QHttpServerRequest::Method;
    m_server.route(QStringLiteral("/v1/events"), Method::Post,
        [this](const QHttpServerRequest& request) { return postEvents(request); });
    if (m_records) {
        m_server.route(QStringLiteral("/v1/events"), Method::Get,
            [this](const QHttpServerRequest& request) { return getEvents(request); });
        m_server.route(QStringLiteral("/v1/number-blocks"), Method::Post,
            [this](const QHttpServerRequest& request) { return postNumberBlock(request); });
        m_server.route(QStringLiteral("/v1/heartbeat"), Method::Post,
            [this](const QHttpServerRequest& request) { return postHeartbeat(request); });
        m_server.route(QStringLiteral("/v1/packs"), Method::Get,
            [this](const QHttpServerRequest& request) { return getPacks(request); });
        m_server.route(QStringLiteral("/v1/packs/<arg>/<arg>"), Method::Get,
            [this](const QString& id, const QString& version, const QHttpServerRequest& request) {
                return getPack(id, version, request);
            });
    }
    if (!m_options.filesDirectory.isEmpty()) {
        TusEndpoint::Options files {m_options.filesDirectory};
        files.damageChunk = [this] { return std::exchange(m_damageNextChunk, false); };
        files.refuseCompletion = [this] { return std::exchange(m_refuseNextEvidence, false); };
        m_files = std::make_unique<TusEndpoint>(
            std::move(files),
            [this](const HttpHead& head, std::optional<QByteArrayView> body, HttpReply* refusal) {
                return admit(head, body, refusal, /*allowUnsignedBody=*/true);
            },
            [this](const CompletedUpload& upload) { return verifyEvidence(upload); });
        m_files->install(m_server);
    }
}

Result<QSslConfiguration> CentreServer::tlsConfiguration() const
{
    QFile certFile(m_options.certFile);
    QFile keyFile(m_options.keyFile);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::NotFound, SyncText::tr("The centre's certificate or key cannot be read"));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

Result<quint16> CentreServer::listen(quint16 port)
{
    auto tls = tlsConfiguration();
    if (!tls)
        return fail(std::move(tls.error()));
    tls->setCaCertificates(QSslCertificate::fromPath(m_options.clientCaFile, QSsl::Pem));
    // Terminals must present a certificate from the centre's CA (stack.md §10: 6.4 API).
    tls->setPeerVerifyMode(QSslSocket::VerifyPeer);
    HttpFront::Options front;
    front.tls = *tls;
    front.address = m_options.address;
    front.idleTimeoutMs = m_options.idleTimeoutMs;
    m_front = std::make_unique<HttpFront>(
        m_server,
        [this](const HttpHead& head) -> std::optional<StreamAnswer> {
            if (!m_files)
                return std::nullopt;
            return m_files->streamRoute(head);
        },
        std::move(front));
    return m_front->listen(port);
}

Result<quint16> CentreServer::listenForEnrolment(quint16 port)
{
    if (!m_records)
        return fail(
            ErrorCode::InvalidArgument, SyncText::tr("Enrolment needs the centre's records"));
    auto ca = CertificateAuthority::load(m_options.terminalCaCertFile, m_options.terminalCaKeyFile);
    if (!ca)
        return fail(std::move(ca.error()));
    m_ca = std::make_unique<CertificateAuthority>(std::move(*ca));
    auto tls = tlsConfiguration();
    if (!tls)
        return fail(std::move(tls.error()));
    tls->setPeerVerifyMode(QSslSocket::VerifyNone); // the terminal has no certificate yet
    m_enrolServer = std::make_unique<QHttpServer>();
    m_enrolServer->route(QStringLiteral("/v1/enrol"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest& request) { return postEnrol(request); });
    m_enrolServer->sslSetup(*tls);
    const quint16 bound = m_enrolServer->listen(m_options.address, port);
    if (bound == 0)
        return fail(ErrorCode::Io, SyncText::tr("The centre cannot listen on port %1").arg(port));
    return bound;
}

std::optional<HttpReply> CentreServer::injectedFault(const HttpHead& head)
{
    m_damageNextChunk = false;
    m_refuseNextEvidence = false;
    if (!m_options.routeFaults)
        return std::nullopt;
    const RouteFault fault = m_options.routeFaults(QString::fromLatin1(head.method)
        + QLatin1Char(' ') + QUrl::fromPercentEncoding(head.path()));
    switch (fault.kind) {
    case RouteFault::Kind::None:
        return std::nullopt;
    case RouteFault::Kind::ServerError:
        return HttpReply::error(500, "injected", QStringLiteral("injected server error"));
    case RouteFault::Kind::Unavailable: {
        HttpReply r = HttpReply::error(503, "injected", QStringLiteral("injected overload"));
        if (fault.retryAfterSeconds >= 0 && fault.retryAfterAsDate) {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(
                m_clock.nowMs() + qint64(fault.retryAfterSeconds) * 1000, Qt::UTC);
            r.setHeader("Retry-After",
                QLocale::c()
                    .toString(at, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                    .toLatin1());
        } else if (fault.retryAfterSeconds >= 0) {
            r.setHeader("Retry-After", QByteArray::number(fault.retryAfterSeconds));
        }
        return r;
    }
    case RouteFault::Kind::Slow:
        // Blocks the centre's thread (see RouteFault): a Qt HttpServer 6.4 route has no way to
        // answer a request after it returned.
        QThread::msleep(ulong(std::max(0, fault.delayMs)));
        return std::nullopt;
    case RouteFault::Kind::DamageChunk:
        m_damageNextChunk = true; // consumed by the tus PATCH of this same request
        return std::nullopt;
    case RouteFault::Kind::RefuseEvidence:
        m_refuseNextEvidence = true; // likewise
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<QString> CentreServer::admit(const HttpHead& head, std::optional<QByteArrayView> body,
    HttpReply* refusal, bool allowUnsignedBody)
{
    if (auto fault = injectedFault(head)) {
        *refusal = std::move(*fault);
        return std::nullopt;
    }
    return authenticate(head, body, refusal, allowUnsignedBody);
}

std::optional<QString> CentreServer::admit(
    const QHttpServerRequest& request, QHttpServerResponse* refusal, bool allowUnsignedBody)
{
    const QByteArray body = request.body();
    HttpReply reply;
    auto terminal = admit(HttpHead::of(request), body, &reply, allowUnsignedBody);
    if (!terminal)
        *refusal = reply.toQt();
    return terminal;
}

std::optional<QString> CentreServer::authenticate(const HttpHead& head,
    std::optional<QByteArrayView> body, HttpReply* refusal, bool allowUnsignedBody)
{
    const QByteArray header = head.value(kSignatureHeader);
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
        *refusal = HttpReply::error(
            401, "signature", SyncText::tr("Unknown terminal \"%1\"").arg(terminal));
        return std::nullopt;
    }
    if (!body && !claimsUnsignedBody(header)) {
        // The body is still on its way: a signature over it could only be checked after the
        // bytes were taken in.
        *refusal = HttpReply::error(401, "signature",
            SyncText::tr("A PATCH must be signed with body=unsigned: the centre writes its bytes "
                         "as they arrive"));
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    auto verified = verifyRequest(header, *key,
        {head.method, head.target, body ? body->toByteArray() : QByteArray()}, now,
        m_options.signatureWindowMs);
    if (!verified) {
        *refusal = HttpReply::error(401, "signature", verified.error().message);
        return std::nullopt;
    }
    // body=unsigned is only for tus PATCH, whose bytes the tus checksum and the final hash check
    // cover; anywhere else an unsigned body could be swapped by a TLS-terminating proxy.
    if (verified->unsignedBody && !allowUnsignedBody) {
        *refusal = HttpReply::error(401, "signature",
            SyncText::tr("The request signature does not cover the body; this resource needs a "
                         "signed body"));
        return std::nullopt;
    }
    // A replay inside the window: the same nonce twice. Old nonces are forgotten once outside it.
    auto& seen = m_nonces[terminal];
    seen.removeIf(
        [&](const auto& entry) { return now - entry.value() > 2 * m_options.signatureWindowMs; });
    if (seen.contains(verified->nonce)) {
        *refusal = HttpReply::error(
            401, "signature", SyncText::tr("This request was already received (replay)"));
        return std::nullopt;
    }
    seen.insert(verified->nonce, now);
    return terminal;
}

QHttpServerResponse CentreServer::postEvents(const QHttpServerRequest& request)
{
    QHttpServerResponse refusal(QHttpServerResponse::StatusCode::Unauthorized);
    const auto terminal = admit(request, &refusal);
    if (!terminal)
        return refusal;
    const InjectedFault fault = m_options.faults
        ? m_options.faults(QStringLiteral("POST /v1/events"))
        : InjectedFault::None;
    if (fault == InjectedFault::FailBefore)
        return errorResponse("injected", QStringLiteral("injected failure before the batch"),
            QHttpServerResponse::StatusCode::ServiceUnavailable);
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
        // Route what the centre now holds to the terminals that follow its case. A duplicate is
        // routed again: it repairs routes a crash between the import and here may have missed.
        if (m_records && o.kind != ImportOutcome::Kind::Rejected) {
            auto routed = m_records->route(
                events.at(i), [this](const QString& caseId) { return m_store.caseEvents(caseId); });
            if (!routed)
                return errorResponse("store", routed.error().message,
                    QHttpServerResponse::StatusCode::ServiceUnavailable);
        }
        QJsonObject receipt {{QStringLiteral("id"), o.eventId},
            {QStringLiteral("status"), QLatin1String(outcomeName(o.kind))}};
        if (!o.reason.isEmpty())
            receipt.insert(QStringLiteral("reason"), o.reason);
        receipts[indexOf.at(i)] = receipt;
    }
    if (fault == InjectedFault::LoseAnswer)
        return errorResponse("injected", QStringLiteral("injected loss of the receipts"),
            QHttpServerResponse::StatusCode::ServiceUnavailable);
    return QHttpServerResponse(QJsonObject {{QStringLiteral("receipts"), receipts}});
}

namespace {

QJsonObject bodyObject(const QHttpServerRequest& request, bool* ok)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

QHttpServerResponse badRequest(const QString& reason)
{
    return errorResponse("bad-request", reason, QHttpServerResponse::StatusCode::BadRequest);
}

QHttpServerResponse storeFailure(const Error& error)
{
    return errorResponse(
        "store", error.message, QHttpServerResponse::StatusCode::ServiceUnavailable);
}

} // namespace

QHttpServerResponse CentreServer::getEvents(const QHttpServerRequest& request)
{
    QHttpServerResponse refusal(QHttpServerResponse::StatusCode::Unauthorized);
    const auto terminal = admit(request, &refusal);
    if (!terminal)
        return refusal;
    if (m_options.faults
        && m_options.faults(QStringLiteral("GET /v1/events")) != InjectedFault::None)
        return errorResponse("injected", QStringLiteral("injected failure"),
            QHttpServerResponse::StatusCode::ServiceUnavailable);
    const QUrlQuery query(request.url());
    bool ok = true;
    const QString afterText = query.queryItemValue(QStringLiteral("after"));
    const qint64 after = afterText.isEmpty() ? 0 : afterText.toLongLong(&ok);
    if (!ok || after < 0)
        return badRequest(SyncText::tr("The cursor \"%1\" is not valid").arg(afterText));
    int limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit <= 0 || limit > m_options.pullLimit)
        limit = m_options.pullLimit;
    auto page = m_records->deliveries(*terminal, after, limit + 1);
    if (!page)
        return storeFailure(page.error());
    const bool more = page->size() > limit;
    if (more)
        page->removeLast();
    QJsonArray events;
    QSet<QString> authors;
    qint64 cursor = after;
    for (const Delivery& d : *page) {
        auto e = m_store.event(d.eventId);
        if (!e)
            return storeFailure(e.error());
        events.append(e->toJson());
        authors.insert(e->terminalId);
        cursor = d.seq;
    }
    // The keys of the terminals that made these events, so the terminal can check them.
    QJsonArray keys;
    auto st = m_store.database().prepare(
        "SELECT algorithm, public_key_pem, label FROM terminals WHERE id = ?");
    if (!st)
        return storeFailure(st.error());
    for (const QString& id : std::as_const(authors)) {
        st->bind(1, id);
        auto row = st->step();
        if (!row)
            return storeFailure(row.error());
        if (*row)
            keys.append(
                QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("algorithm"), st->text(0)},
                    {QStringLiteral("publicKey"), st->text(1)},
                    {QStringLiteral("label"), st->text(2)}});
        st->reset();
    }
    return QHttpServerResponse(
        QJsonObject {{QStringLiteral("events"), events}, {QStringLiteral("terminals"), keys},
            {QStringLiteral("cursor"), QString::number(cursor)}, {QStringLiteral("more"), more}});
}

QHttpServerResponse CentreServer::postEnrol(const QHttpServerRequest& request)
{
    if (auto fault = injectedFault(HttpHead::of(request)))
        return fault->toQt();
    bool ok = false;
    const QJsonObject body = bodyObject(request, &ok);
    const QString token = body.value(QStringLiteral("token")).toString();
    const QByteArray csr = body.value(QStringLiteral("csr")).toString().toUtf8();
    const QJsonObject terminal = body.value(QStringLiteral("terminal")).toObject();
    const QString terminalId = terminal.value(QStringLiteral("id")).toString();
    auto signingKey
        = PublicKey::fromPem(body.value(QStringLiteral("signingKey")).toString().toUtf8());
    if (!ok || token.isEmpty() || csr.isEmpty() || terminalId.isEmpty() || !signingKey)
        return badRequest(SyncText::tr("An enrolment needs a token, a certificate request, the "
                                       "signing key and the terminal id"));
    // Proof that the terminal holds the key it asks the centre to trust.
    const QByteArray header = request.value(kSignatureHeader);
    auto verified = verifyRequest(header, *signingKey, {"POST", "/v1/enrol", request.body()},
        m_clock.nowMs(), m_options.signatureWindowMs);
    if (!verified || verified->terminalId != terminalId || verified->unsignedBody)
        return errorResponse("signature",
            verified ? SyncText::tr("The request is signed for another terminal, or not whole")
                     : verified.error().message,
            QHttpServerResponse::StatusCode::Unauthorized);

    auto found = m_records->token(token);
    if (!found)
        return storeFailure(found.error());
    if (!*found)
        return errorResponse("token", SyncText::tr("Unknown enrolment token"),
            QHttpServerResponse::StatusCode::Forbidden);
    const EnrolmentToken& t = **found;
    const QByteArray requestHash = Hasher::hash(HashAlgorithm::Sm3, csr);
    if (t.usedAt != 0) {
        // The same terminal with the same request lost the answer: give it again.
        if (t.terminalId == terminalId && t.requestHash == requestHash)
            return QHttpServerResponse(QByteArrayLiteral("application/json"), t.answer,
                QHttpServerResponse::StatusCode::Ok);
        return errorResponse("token", SyncText::tr("This enrolment token was already used"),
            QHttpServerResponse::StatusCode::Conflict);
    }
    if (t.expiresAt < m_clock.nowMs())
        return errorResponse("token", SyncText::tr("This enrolment token has expired"),
            QHttpServerResponse::StatusCode::Forbidden);

    // A terminal id already enrolled with another key is not taken over by a new token.
    auto known = m_store.database().prepare("SELECT public_key_pem FROM terminals WHERE id = ?");
    if (!known)
        return storeFailure(known.error());
    known->bind(1, terminalId);
    if (auto row = known->step(); row && *row) {
        auto existing = PublicKey::fromPem(known->textUtf8(0));
        if (!existing || !(*existing == *signingKey))
            return errorResponse("terminal",
                SyncText::tr("Terminal %1 is already enrolled with another key").arg(terminalId),
                QHttpServerResponse::StatusCode::Conflict);
    }
    known = {};

    auto certificate
        = m_ca->issue(csr, terminalId, t.unitId, m_options.certificateDays, m_clock.nowMs());
    if (!certificate)
        return badRequest(certificate.error().message);
    const Actor centre {{m_options.installerId}, Role::Installer};
    if (auto registered = m_store.registerTerminal(
            centre, terminalId, *signingKey, terminal.value(QStringLiteral("model")).toString());
        !registered)
        return storeFailure(registered.error());

    auto officers = m_records->officers(t.unitId);
    if (!officers)
        return storeFailure(officers.error());
    QJsonArray officerList;
    for (const CentreOfficer& o : *officers)
        officerList.append(
            QJsonObject {{QStringLiteral("id"), o.id}, {QStringLiteral("name"), o.name},
                {QStringLiteral("certNo"), o.certNo}, {QStringLiteral("unit"), o.unitId},
                {QStringLiteral("roles"), QJsonArray::fromStringList(o.roles)},
                {QStringLiteral("usesThisTerminal"), t.officerIds.contains(o.id)}});
    auto units = m_records->units();
    if (!units)
        return storeFailure(units.error());
    QJsonObject unit;
    for (const QJsonValue& u : *units)
        if (u.toObject().value(QStringLiteral("id")).toString() == t.unitId)
            unit = u.toObject();
    const QJsonObject answer {{QStringLiteral("terminal"), terminalId},
        {QStringLiteral("certificate"), QString::fromUtf8(*certificate)},
        {QStringLiteral("terminalCa"), QString::fromUtf8(m_ca->certificatePem())},
        {QStringLiteral("unit"), unit}, {QStringLiteral("officers"), officerList}};
    const QByteArray answerBytes = QJsonDocument(answer).toJson(QJsonDocument::Compact);
    if (auto done
        = m_records->completeEnrolment(token, terminalId, requestHash, answerBytes, terminal);
        !done) {
        return errorResponse("token", done.error().message,
            done.error().code == ErrorCode::Conflict
                ? QHttpServerResponse::StatusCode::Conflict
                : QHttpServerResponse::StatusCode::ServiceUnavailable);
    }
    return QHttpServerResponse(QByteArrayLiteral("application/json"), answerBytes,
        QHttpServerResponse::StatusCode::Created);
}

QHttpServerResponse CentreServer::postNumberBlock(const QHttpServerRequest& request)
{
    QHttpServerResponse refusal(QHttpServerResponse::StatusCode::Unauthorized);
    const auto terminal = admit(request, &refusal);
    if (!terminal)
        return refusal;
    bool ok = false;
    const QJsonObject body = bodyObject(request, &ok);
    const QString requestId = body.value(QStringLiteral("requestId")).toString();
    const QString docType = body.value(QStringLiteral("docType")).toString();
    const int year = body.value(QStringLiteral("year")).toInt();
    if (!ok || requestId.isEmpty() || docType.isEmpty() || year < 2000)
        return badRequest(SyncText::tr("A number block request needs requestId, docType and year"));
    auto block
        = m_records->allocateBlock(*terminal, requestId, docType, year, m_options.numberBlockSize);
    if (!block) {
        if (block.error().code == ErrorCode::NotFound)
            return errorResponse(
                "no-series", block.error().message, QHttpServerResponse::StatusCode::NotFound);
        if (block.error().code == ErrorCode::Conflict)
            return errorResponse(
                "conflict", block.error().message, QHttpServerResponse::StatusCode::Conflict);
        return storeFailure(block.error());
    }
    return QHttpServerResponse(
        QJsonObject {{QStringLiteral("block"),
            QJsonObject {{QStringLiteral("id"), block->id},
                {QStringLiteral("docType"), block->docType}, {QStringLiteral("year"), block->year},
                {QStringLiteral("firstSeq"), block->firstSeq},
                {QStringLiteral("lastSeq"), block->lastSeq},
                {QStringLiteral("pattern"), block->pattern}}}},
        QHttpServerResponse::StatusCode::Created);
}

QHttpServerResponse CentreServer::postHeartbeat(const QHttpServerRequest& request)
{
    QHttpServerResponse refusal(QHttpServerResponse::StatusCode::Unauthorized);
    const auto terminal = admit(request, &refusal);
    if (!terminal)
        return refusal;
    bool ok = false;
    const QJsonObject report = bodyObject(request, &ok);
    if (!ok)
        return badRequest(SyncText::tr("The heartbeat is not a JSON object"));
    auto commands = m_records->heartbeat(*terminal, report);
    if (!commands)
        return storeFailure(commands.error());
    return QHttpServerResponse(QJsonObject {
        {QStringLiteral("commands"), *commands}, {QStringLiteral("time"), m_clock.nowMs()}});
}

QHttpServerResponse CentreServer::getPacks(const QHttpServerRequest& request)
{
    QHttpServerResponse refusal(QHttpServerResponse::StatusCode::Unauthorized);
    if (!admit(request, &refusal))
        return refusal;
    // have=<id>:<version>,… names what the terminal holds: only newer versions are listed, so
    // an unchanged pack costs the terminal nothing (docs/protocol.md "Reference packs").
    QHash<QString, qint64> have;
    const QUrlQuery query(request.url());
    const bool delta = query.hasQueryItem(QStringLiteral("have"));
    // Split before decoding: an id may hold an encoded comma or colon.
    for (const QString& encoded : query.queryItemValue(QStringLiteral("have"), QUrl::FullyEncoded)
                                      .split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = QUrl::fromPercentEncoding(encoded.toLatin1());
        const qsizetype colon = item.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const qint64 version = item.mid(colon + 1).toLongLong(&ok);
        if (colon <= 0 || !ok || version < 0)
            return badRequest(SyncText::tr("\"%1\" is not <pack id>:<version>").arg(item));
        have.insert(item.left(colon), version);
    }
    auto packs = m_records->packs();
    if (!packs)
        return storeFailure(packs.error());
    // Every version after the terminal's, oldest first: a case is judged by the rules in force on
    // the day of the act, so an intermediate version is needed too.
    std::stable_sort(
        packs->begin(), packs->end(), [](const PublishedPack& a, const PublishedPack& b) {
            return a.id != b.id ? a.id < b.id : a.version.toLongLong() < b.version.toLongLong();
        });
    QJsonArray list;
    QSet<QString> unchanged;
    for (const PublishedPack& p : std::as_const(*packs)) {
        bool ok = false;
        const qint64 version = p.version.toLongLong(&ok);
        if (!ok)
            continue; // published before versions were checked; a terminal could not order it
        if (delta && have.contains(p.id) && version <= have.value(p.id)) {
            unchanged.insert(p.id);
            continue;
        }
        unchanged.remove(p.id);
        list.append(QJsonObject {{QStringLiteral("id"), p.id}, {QStringLiteral("kind"), p.kind},
            {QStringLiteral("version"), version}, {QStringLiteral("sha256"), p.sha256},
            {QStringLiteral("size"), p.size}});
    }
    return QHttpServerResponse(QJsonObject {
        {QStringLiteral("packs"), list}, {QStringLiteral("unchanged"), int(unchanged.size())}});
}

QHttpServerResponse CentreServer::getPack(
    const QString& id, const QString& version, const QHttpServerRequest& request)
{
    QHttpServerResponse refusal(QHttpServerResponse::StatusCode::Unauthorized);
    if (!admit(request, &refusal))
        return refusal;
    auto packs = m_records->packs();
    if (!packs)
        return storeFailure(packs.error());
    for (const PublishedPack& p : *packs) {
        if (p.id != id || p.version != version)
            continue;
        QFile file(p.path);
        if (!file.open(QIODevice::ReadOnly))
            return storeFailure(
                Error {ErrorCode::Io, SyncText::tr("The pack file is missing"), p.path});
        return QHttpServerResponse(QByteArrayLiteral("application/octet-stream"), file.readAll());
    }
    return errorResponse("not-found", SyncText::tr("No pack %1 version %2").arg(id, version),
        QHttpServerResponse::StatusCode::NotFound);
}

Status CentreServer::verifyEvidence(const CompletedUpload& upload)
{
    // The terminal uploads the blob as it stores it (encrypted); the metadata carries what is
    // needed to open it. The centre decrypts it as it reads, checks the authentication tag and the
    // plaintext hash against the blob's name, and keeps it only if both hold.
    const auto meta = [&](const char* key) { return upload.metadata.value(QLatin1String(key)); };
    const QString blobHash = QString::fromLatin1(meta("blob"));
    const auto algorithm = hashAlgorithmFromName(QString::fromLatin1(meta("alg")));
    const auto suite = cipherSuiteFromName(QString::fromLatin1(meta("suite")));
    const QByteArray key = QByteArray::fromHex(meta("key"));
    if (blobHash.isEmpty() || !algorithm || !suite)
        return fail(ErrorCode::InvalidArgument,
            SyncText::tr("The upload does not say which evidence it is (blob, alg, suite)"));
    auto decryptor = StreamDecryptor::create(*suite, key, QByteArray::fromHex(meta("iv")));
    if (!decryptor)
        return fail(
            ErrorCode::InvalidArgument, SyncText::tr("The evidence key or iv is not valid"));
    QFile file(upload.path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, SyncText::tr("The received upload cannot be read"), upload.path);
    Hasher hasher(*algorithm);
    qint64 plainBytes = 0;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    while (true) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(ErrorCode::Io, SyncText::tr("The received upload cannot be read"));
        if (n == 0)
            break;
        auto plain = decryptor->update(QByteArrayView(buffer.constData(), n));
        if (!plain)
            return fail(std::move(plain.error()));
        hasher.addData(*plain);
        plainBytes += plain->size();
    }
    if (auto tagged = decryptor->finish(QByteArray::fromHex(meta("tag"))); !tagged)
        return fail(ErrorCode::Corrupt,
            SyncText::tr("The evidence failed its authentication check: it was altered"));
    if (QString::fromLatin1(hasher.result().toHex()) != blobHash)
        return fail(ErrorCode::Corrupt,
            SyncText::tr("The evidence's content does not match its hash %1").arg(blobHash));
    if (!m_records)
        return {};
    QJsonObject manifest {{QStringLiteral("upload"), upload.id},
        {QStringLiteral("path"), upload.path},
        {QStringLiteral("alg"), QString::fromLatin1(meta("alg"))},
        {QStringLiteral("suite"), QString::fromLatin1(meta("suite"))},
        {QStringLiteral("iv"), QString::fromLatin1(meta("iv"))},
        {QStringLiteral("tag"), QString::fromLatin1(meta("tag"))},
        {QStringLiteral("case"), QString::fromUtf8(meta("case"))},
        {QStringLiteral("plainSize"), plainBytes}};
    if (!m_options.evidenceKey.isEmpty()) {
        auto sealed = seal(CipherSuite::Aes256Gcm, m_options.evidenceKey, key);
        if (!sealed)
            return fail(std::move(sealed.error()));
        manifest.insert(QStringLiteral("sealedKey"), QString::fromLatin1(sealed->toHex()));
    }
    return m_records->recordEvidence(blobHash, upload.terminalId, upload.length, manifest);
}

} // namespace fieldcase::sync
