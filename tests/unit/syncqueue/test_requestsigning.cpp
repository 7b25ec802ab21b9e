// Requests signed with the terminal key: a signature verifies against the same request and key,
// and is refused when the body, method, path or time was changed, when another terminal's key is
// used, outside the time window, or when the header is malformed.
#include "sync/protocol/requestsigning.h"

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

TEST_CASE("Signed requests verify, and every alteration is refused", "[sync][signing]")
{
    for (const SignatureAlgorithm algorithm :
        {SignatureAlgorithm::Sm2Sm3, SignatureAlgorithm::EcdsaP256Sha256}) {
        INFO(signatureAlgorithmName(algorithm).toStdString());
        auto key = KeyPair::generate(algorithm);
        REQUIRE(key);
        const qint64 now = 1'795'000'000'000;
        const SignedRequestParts request {"POST", "/v1/events", R"({"events":[{"id":"0193"}]})"};
        auto header = signRequest(*key, QStringLiteral("terminal-0001"), request, now);
        REQUIRE(header);
        CHECK(parseTerminalId(*header) == QStringLiteral("terminal-0001"));

        auto ok = verifyRequest(*header, key->publicKey(), request, now + 1000);
        INFO((ok ? QString() : ok.error().message).toStdString());
        REQUIRE(ok);
        CHECK(ok->terminalId == QStringLiteral("terminal-0001"));
        CHECK(ok->timeMs == now);
        CHECK(ok->nonce.size() == 32);
        // Two signatures of the same request differ (nonce): a server's replay cache can tell them
        // apart.
        auto second = signRequest(*key, QStringLiteral("terminal-0001"), request, now);
        REQUIRE(second);
        CHECK(*second != *header);

        auto refusedFor
            = [&](const SignedRequestParts& r, qint64 at, const PublicKey& k, const QByteArray& h) {
                  auto v = verifyRequest(h, k, r, at);
                  return v ? QString() : v.error().message;
              };
        SignedRequestParts body = request;
        body.body.replace("0193", "0194");
        CHECK(refusedFor(body, now, key->publicKey(), *header)
                  .contains(QStringLiteral("does not match")));
        SignedRequestParts method = request;
        method.method = "PUT";
        CHECK(refusedFor(method, now, key->publicKey(), *header)
                  .contains(QStringLiteral("does not match")));
        SignedRequestParts path = request;
        path.pathAndQuery = "/v1/events?terminal=other";
        CHECK(refusedFor(path, now, key->publicKey(), *header)
                  .contains(QStringLiteral("does not match")));
        // A claimed time changed to get inside the window breaks the signature.
        QByteArray retimed = *header;
        retimed.replace(QByteArray::number(now), QByteArray::number(now + 60'000));
        CHECK(refusedFor(request, now + 60'000, key->publicKey(), retimed)
                  .contains(QStringLiteral("does not match")));
        // Replay after the window.
        CHECK(refusedFor(request, now + 6 * 60 * 1000, key->publicKey(), *header)
                  .contains(QStringLiteral("away")));
        // Another terminal's key of the same type.
        auto other = KeyPair::generate(algorithm);
        REQUIRE(other);
        CHECK(refusedFor(request, now, other->publicKey(), *header)
                  .contains(QStringLiteral("does not match")));
        // Malformed headers.
        CHECK(refusedFor(request, now, key->publicKey(), "terminal=x")
                  .contains(QStringLiteral("missing")));
        CHECK(refusedFor(request, now, key->publicKey(), QByteArray())
                  .contains(QStringLiteral("missing")));
    }
    // A key of the other type than the header says.
    auto sm2 = KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    auto ecdsa = KeyPair::generate(SignatureAlgorithm::EcdsaP256Sha256);
    REQUIRE(sm2);
    REQUIRE(ecdsa);
    const SignedRequestParts r {"GET", "/v1/packs", {}};
    auto h = signRequest(*sm2, QStringLiteral("t"), r, 1000);
    REQUIRE(h);
    auto v = verifyRequest(*h, ecdsa->publicKey(), r, 1000);
    REQUIRE_FALSE(v);
    CHECK(v.error().message.contains(QStringLiteral("key type")));
}

TEST_CASE("A signature may leave the body unsigned, and says so", "[sync][signing]")
{
    auto key = KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    REQUIRE(key);
    const qint64 now = 1'795'000'000'000;
    const SignedRequestParts request {"PATCH", "/v1/files/0a1b", "chunk bytes"};
    auto header
        = signRequest(*key, QStringLiteral("terminal-0001"), request, now, BodySigning::Unsigned);
    REQUIRE(header);
    CHECK(header->contains("body=unsigned"));

    // Any body verifies (the tus checksum covers it), and the verifier is told.
    SignedRequestParts otherBody = request;
    otherBody.body = "other bytes";
    for (const SignedRequestParts& r : {request, otherBody}) {
        auto v = verifyRequest(*header, key->publicKey(), r, now);
        INFO((v ? QString() : v.error().message).toStdString());
        REQUIRE(v);
        CHECK(v->unsignedBody);
    }
    // Method, path and time are still covered.
    SignedRequestParts path = request;
    path.pathAndQuery = "/v1/files/ffff";
    CHECK_FALSE(verifyRequest(*header, key->publicKey(), path, now));
    SignedRequestParts method = request;
    method.method = "DELETE";
    CHECK_FALSE(verifyRequest(*header, key->publicKey(), method, now));

    // Removing body=unsigned to pass the signature off as covering the body breaks it.
    QByteArray stripped = *header;
    stripped.replace(", body=unsigned", "");
    auto downgraded = verifyRequest(stripped, key->publicKey(), request, now);
    REQUIRE_FALSE(downgraded);
    CHECK(downgraded.error().message.contains(QStringLiteral("does not match")));
    // Adding it to a signature over the body breaks it too, and an unknown value is malformed.
    auto full = signRequest(*key, QStringLiteral("terminal-0001"), request, now);
    REQUIRE(full);
    auto v = verifyRequest(*full, key->publicKey(), request, now);
    REQUIRE(v);
    CHECK_FALSE(v->unsignedBody);
    QByteArray added = *full;
    added.replace(", sig=", ", body=unsigned, sig=");
    CHECK_FALSE(verifyRequest(added, key->publicKey(), request, now));
    QByteArray odd = *header;
    odd.replace("body=unsigned", "body=maybe");
    auto malformed = verifyRequest(odd, key->publicKey(), request, now);
    REQUIRE_FALSE(malformed);
    CHECK(malformed.error().message.contains(QStringLiteral("malformed")));
}
