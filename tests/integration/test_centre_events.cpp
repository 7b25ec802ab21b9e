// The reference centre's event route over real TLS: a terminal's signed batch is applied and
// answered with one receipt per event; the same batch again gives duplicates (a lost answer is
// harmless); a replayed request, an unknown terminal, a bad signature and an event altered on
// the way are refused with reasons, and nothing of them is applied.
#include "sync/centre/centreserver.h"
#include "sync/protocol/requestsigning.h"
#include "sync/transport/curltransport.h"
#include "tests/support/storefixture.h"
#include "tests/support/testpki.h"
#include "tests/support/waitfor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

QByteArray batch(const QList<Event>& events)
{
    QJsonArray array;
    for (const Event& e : events)
        array.append(e.toJson());
    return QJsonDocument(QJsonObject {{QStringLiteral("events"), array}})
        .toJson(QJsonDocument::Compact);
}

// Sends on a worker thread while this thread runs the centre's event loop.
Result<HttpResponse> post(CurlTransport& transport, const HttpRequest& request)
{
    auto future = QtConcurrent::run([&transport, request] { return transport.send(request); });
    REQUIRE(test::waitFor([&] { return future.isFinished(); }, 20000));
    return future.result();
}

HttpRequest signedPost(CaseStore& terminal, quint16 port, const QByteArray& body)
{
    HttpRequest r {"POST", QStringLiteral("https://localhost:%1/v1/events").arg(port)};
    r.body = body;
    auto header = signRequest(terminal.terminalKey(), terminal.terminalId(),
        {"POST", "/v1/events", body}, QDateTime::currentMSecsSinceEpoch());
    REQUIRE(header);
    r.headers.append({QByteArray(kSignatureHeader), *header});
    r.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    return r;
}

QJsonArray receipts(const Result<HttpResponse>& r)
{
    INFO((r ? QString::fromUtf8(r->body) : r.error().toString()).toStdString());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return QJsonDocument::fromJson(r->body).object().value(QStringLiteral("receipts")).toArray();
}

} // namespace

TEST_CASE(
    "Centre: signed event batches get per-event receipts, forgeries are refused", "[sync][centre]")
{
    test::TestPki pki;
    REQUIRE(pki.ok());
    test::StoreFixture centreStore;
    test::StoreFixture terminal;
    REQUIRE(centreStore.store->registerTerminal(centreStore.installer, terminal.store->terminalId(),
        terminal.store->terminalKey().publicKey()));
    CentreServer centre(*centreStore.store, Clock::system(),
        {pki.cert(QStringLiteral("server")), pki.key(QStringLiteral("server")),
            pki.cert(QStringLiteral("ca"))});
    auto port = centre.listen();
    INFO((port ? QString() : port.error().toString()).toStdString());
    REQUIRE(port);
    CurlTransport transport({pki.cert(QStringLiteral("ca")), pki.cert(QStringLiteral("client")),
        pki.key(QStringLiteral("client"))});

    const QString caseId = terminal.openCase();
    auto events = terminal.store->caseEvents(caseId);
    REQUIRE(events);
    REQUIRE(events->size() >= 1);
    const QByteArray body = batch(*events);

    // Applied, one receipt per event in order.
    const HttpRequest first = signedPost(*terminal.store, *port, body);
    const QJsonArray applied = receipts(post(transport, first));
    REQUIRE(applied.size() == events->size());
    for (qsizetype i = 0; i < applied.size(); ++i) {
        CHECK(applied.at(i).toObject().value(QStringLiteral("id")).toString() == events->at(i).id);
        CHECK(applied.at(i).toObject().value(QStringLiteral("status")).toString()
            == QStringLiteral("accepted"));
    }
    auto atCentre = centreStore.store->caseEvents(caseId);
    REQUIRE(atCentre);
    CHECK(atCentre->size() == events->size());

    // The answer was lost and the terminal sends again: duplicates, nothing applied twice.
    const QJsonArray again = receipts(post(transport, signedPost(*terminal.store, *port, body)));
    for (const QJsonValue& r : again)
        CHECK(
            r.toObject().value(QStringLiteral("status")).toString() == QStringLiteral("duplicate"));
    CHECK(centreStore.store->caseEvents(caseId)->size() == events->size());

    // The same request replayed (same nonce): refused.
    auto replay = post(transport, first);
    REQUIRE(replay);
    CHECK(replay->status == 401);
    CHECK(replay->body.contains("replay"));

    // Another terminal the centre never enrolled.
    test::StoreFixture stranger;
    const QString otherCase = stranger.openCase();
    auto strangerEvents = stranger.store->caseEvents(otherCase);
    REQUIRE(strangerEvents);
    auto unknown = post(transport, signedPost(*stranger.store, *port, batch(*strangerEvents)));
    REQUIRE(unknown);
    CHECK(unknown->status == 401);
    CHECK(centreStore.store->caseEvents(otherCase).value_or(QList<Event> {}).isEmpty());

    // A body changed after signing (a TLS-terminating proxy): the signature does not match.
    HttpRequest altered = signedPost(*terminal.store, *port, body);
    altered.body.replace("超限运输", "普通运输");
    auto forged = post(transport, altered);
    REQUIRE(forged);
    CHECK(forged->status == 401);
    CHECK(forged->body.contains("does not match"));

    // A new event whose content was changed before signing the request (its own hash and
    // signature no longer match): rejected with a reason, not applied.
    const Event added = terminal.append(terminal.single, QStringLiteral("party.recorded"), caseId,
        QJsonObject {{QStringLiteral("partyId"), QStringLiteral("p1")},
            {QStringLiteral("kind"), QStringLiteral("person")},
            {QStringLiteral("name"), QStringLiteral("张三")}});
    QJsonObject tampered = added.toJson();
    QJsonObject payload = tampered.value(QStringLiteral("payload")).toObject();
    payload.insert(QStringLiteral("name"), QStringLiteral("李四"));
    tampered.insert(QStringLiteral("payload"), payload);
    const QByteArray tamperedBody = QJsonDocument(
        QJsonObject {{QStringLiteral("events"),
            QJsonArray {tampered}}}).toJson(QJsonDocument::Compact);
    const QJsonArray rejected
        = receipts(post(transport, signedPost(*terminal.store, *port, tamperedBody)));
    REQUIRE(rejected.size() == 1);
    CHECK(rejected.at(0).toObject().value(QStringLiteral("status")).toString()
        == QStringLiteral("rejected"));
    CHECK_FALSE(rejected.at(0).toObject().value(QStringLiteral("reason")).toString().isEmpty());
    CHECK(centreStore.store->caseEvents(caseId)->size() == events->size());

    // The genuine event then goes through.
    const QJsonArray genuine
        = receipts(post(transport, signedPost(*terminal.store, *port, batch({added}))));
    REQUIRE(genuine.size() == 1);
    CHECK(genuine.at(0).toObject().value(QStringLiteral("status")).toString()
        == QStringLiteral("accepted"));
}
