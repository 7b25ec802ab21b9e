// The sync client against a scripted centre (no network): answers that are malformed, partial,
// refusing or missing never lose an outbox entry, and every failure is recorded with a reason the
// officer can read. The real-centre paths are in tests/integration/test_sync_client.cpp.
#include "core/store/outbox.h"
#include "sync/client/syncclient.h"
#include "sync/protocol/requestsigning.h"
#include "tests/support/storefixture.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

class ScriptedTransport : public HttpTransport
{
public:
    std::function<Result<HttpResponse>(const HttpRequest&)> answer;
    QList<HttpRequest> seen;

    Result<HttpResponse> send(const HttpRequest& request) override
    {
        seen.append(request);
        return answer(request);
    }
};

HttpResponse json(int status, const QJsonObject& body)
{
    return {status, {}, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

SyncSettings settings()
{
    SyncSettings s;
    s.centreUrl = QStringLiteral("https://centre.invalid:8443");
    s.installerId = QStringLiteral("inst-1");
    return s;
}

QStringList sentIds(const HttpRequest& request)
{
    QStringList ids;
    for (const QJsonValue& e :
        QJsonDocument::fromJson(request.body).object().value(QStringLiteral("events")).toArray())
        ids.append(e.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

int pendingEvents(test::StoreFixture& f)
{
    Outbox outbox(f.store->database(), f.clock);
    return int(outbox.pending(QStringLiteral("event"), 1000)->size());
}

} // namespace

TEST_CASE("Sync client: every request is signed, and receipts decide what leaves the outbox",
    "[sync][client]")
{
    test::StoreFixture f;
    const QString c = f.openCase();
    f.append(f.single, QStringLiteral("case.note"), c,
        {{QStringLiteral("text"), QStringLiteral("补充说明")}});
    const int made = pendingEvents(f);
    REQUIRE(made >= 2);
    ScriptedTransport transport;
    SyncClient client(*f.store, transport, settings());
    CycleReport report;

    SECTION("a receipt for each: all leave; the header is a valid signature")
    {
        transport.answer = [](const HttpRequest& r) -> Result<HttpResponse> {
            QJsonArray receipts;
            for (const QString& id : sentIds(r))
                receipts.append(QJsonObject {{QStringLiteral("id"), id},
                    {QStringLiteral("status"), QStringLiteral("accepted")}});
            return json(200, {{QStringLiteral("receipts"), receipts}});
        };
        REQUIRE(client.pushEvents(report));
        CHECK(report.eventsAccepted == made);
        CHECK(pendingEvents(f) == 0);
        const HttpRequest& r = transport.seen.first();
        QByteArray header;
        for (const auto& [name, value] : r.headers)
            if (name == kSignatureHeader)
                header = value;
        CHECK(verifyRequest(header, f.store->terminalKey().publicKey(),
            {"POST", "/v1/events", r.body}, f.clock.nowMs()));
    }
    SECTION("an answer that is not JSON: nothing leaves, the reason is kept")
    {
        transport.answer = [](const HttpRequest&) -> Result<HttpResponse> {
            return HttpResponse {200, {}, QByteArrayLiteral("<html>proxy login</html>")};
        };
        auto pushed = client.pushEvents(report);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().message.contains(QStringLiteral("no receipt")));
        CHECK(pendingEvents(f) == made);
        Outbox outbox(f.store->database(), f.clock);
        auto entries = outbox.pending(QStringLiteral("event"), 10);
        CHECK(entries->first().attempts == 1);
        CHECK(entries->first().lastError.contains(QStringLiteral("no receipt")));
    }
    SECTION("receipts for events never sent are ignored; unanswered ones stay")
    {
        transport.answer = [](const HttpRequest& r) -> Result<HttpResponse> {
            const QStringList ids = sentIds(r);
            return json(200,
                {{QStringLiteral("receipts"),
                    QJsonArray {QJsonObject {{QStringLiteral("id"), ids.first()},
                                    {QStringLiteral("status"), QStringLiteral("duplicate")}},
                        QJsonObject {{QStringLiteral("id"), QStringLiteral("not-sent")},
                            {QStringLiteral("status"), QStringLiteral("accepted")}}}}});
        };
        REQUIRE_FALSE(client.pushEvents(report));
        CHECK(report.eventsDuplicate == 1);
        CHECK(report.eventsAccepted == 0);
        CHECK(pendingEvents(f) == made - 1);
    }
    SECTION("a 503 with a reason: pending, the centre's reason recorded")
    {
        transport.answer = [](const HttpRequest&) -> Result<HttpResponse> {
            return json(503,
                {{QStringLiteral("error"), QStringLiteral("store")},
                    {QStringLiteral("reason"), QStringLiteral("disk full")}});
        };
        auto pushed = client.pushEvents(report);
        REQUIRE_FALSE(pushed);
        CHECK(pushed.error().message.contains(QStringLiteral("503")));
        CHECK(pushed.error().message.contains(QStringLiteral("disk full")));
        CHECK(pendingEvents(f) == made);
    }
    SECTION("the link fails: pending, counted, and the cycle is not complete")
    {
        transport.answer = [](const HttpRequest&) -> Result<HttpResponse> {
            return fail(ErrorCode::Io, QStringLiteral("The centre cannot be reached"),
                QStringLiteral("failure=unreachable"));
        };
        CycleReport cycle = client.runCycle({true, true});
        CHECK_FALSE(cycle.complete);
        REQUIRE(cycle.errors.size() == 1);
        CHECK(cycle.errors.first().contains(QStringLiteral("cannot be reached")));
        CHECK(pendingEvents(f) == made);
        CHECK(transport.seen.size() == 1); // stopped at the first link failure
    }
}

TEST_CASE("Sync client: a malformed pull changes nothing, and the cursor moves only after import",
    "[sync][client]")
{
    test::StoreFixture f;
    ScriptedTransport transport;
    SyncClient client(*f.store, transport, settings());
    Outbox outbox(f.store->database(), f.clock);
    CycleReport report;

    transport.answer = [](const HttpRequest&) -> Result<HttpResponse> {
        return json(200, {{QStringLiteral("events"), QJsonArray {}}});
    };
    auto pulled = client.pull(report);
    REQUIRE_FALSE(pulled);
    CHECK(pulled.error().message.contains(QStringLiteral("malformed")));
    CHECK(outbox.state(QStringLiteral("pullCursor"))->isEmpty());

    // An event from a terminal whose key the answer does not give: refused, reported; the
    // cursor still moves (the refusal is recorded, not retried forever).
    test::StoreFixture other;
    const QString c = other.openCase();
    const QJsonObject event = other.store->caseEvents(c)->first().toJson();
    transport.answer = [&](const HttpRequest& r) -> Result<HttpResponse> {
        CHECK(r.url.endsWith(QStringLiteral("/v1/events?after=0")));
        return json(200,
            {{QStringLiteral("events"), QJsonArray {event}},
                {QStringLiteral("terminals"), QJsonArray {}},
                {QStringLiteral("cursor"), QStringLiteral("7")}, {QStringLiteral("more"), false}});
    };
    REQUIRE(client.pull(report));
    CHECK(report.pulledRejected == 1);
    CHECK(report.errors.last().contains(QStringLiteral("unknown terminal")));
    CHECK(outbox.state(QStringLiteral("pullCursor")).value() == QStringLiteral("7"));
}
