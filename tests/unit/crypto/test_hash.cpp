#include "core/crypto/hash.h"
#include "tests/support/tempdir.h"
#include "tests/unit/crypto/cryptotestutil.h"

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::cryptotest;

TEST_CASE("SM3 and SHA-256 match the standard vectors", "[crypto]")
{
    // GB/T 32905-2016 appendix A, examples 1 and 2.
    CHECK(hex(Hasher::hash(HashAlgorithm::Sm3, "abc"))
        == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    CHECK(hex(Hasher::hash(HashAlgorithm::Sm3, QByteArray("abcd").repeated(16)))
        == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    // FIPS 180-2 appendix B.1.
    CHECK(hex(Hasher::hash(HashAlgorithm::Sha256, "abc"))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex(Hasher::hash(HashAlgorithm::Sha256, QByteArrayView()))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hashLength(HashAlgorithm::Sm3) == 32);
    CHECK(hashLength(HashAlgorithm::Sha256) == 32);
}

TEST_CASE("Streaming in odd chunks equals one-shot hashing", "[crypto]")
{
    const auto algorithm = GENERATE(HashAlgorithm::Sm3, HashAlgorithm::Sha256);
    const qsizetype chunk = GENERATE(1, 7, 63, 64, 65, 4097, 99'991);
    const QByteArray data = patternBytes(100'003);
    const QByteArray expected = Hasher::hash(algorithm, data);
    REQUIRE(expected.size() == 32);

    Hasher h(algorithm);
    for (qsizetype i = 0; i < data.size(); i += chunk)
        h.addData(QByteArrayView(data).sliced(i, std::min(chunk, data.size() - i)));
    CHECK(hex(h.result()) == hex(expected));

    // result() resets the hasher for the next message.
    h.addData("abc");
    CHECK(hex(h.result()) == hex(Hasher::hash(algorithm, "abc")));

    Hasher moved = std::move(h);
    moved.addData(data);
    CHECK(hex(moved.result()) == hex(expected));
}

TEST_CASE("HMAC matches RFC 4231 and the openssl CLI", "[crypto]")
{
    // RFC 4231 test case 2.
    CHECK(hex(hmac(HashAlgorithm::Sha256, "Jefe", "what do ya want for nothing?"))
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Streaming equals one-shot.
    Hmac mac(HashAlgorithm::Sha256, "Jefe");
    mac.addData("what do ya ");
    mac.addData("want for nothing?");
    CHECK(hex(mac.result()) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(mac.result().isEmpty()); // single use

    // HMAC-SM3 (used by the SM4 cipher suite) against `openssl mac`.
    test::TempDir dir;
    const QByteArray key = patternBytes(32, 7);
    const QByteArray data = patternBytes(5000, 8);
    writeFile(dir.file(QStringLiteral("data.bin")), data);
    const auto r
        = runOpenssl({QStringLiteral("mac"), QStringLiteral("-digest"), QStringLiteral("SM3"),
            QStringLiteral("-macopt"), QStringLiteral("hexkey:") + QString::fromLatin1(key.toHex()),
            QStringLiteral("-in"), dir.file(QStringLiteral("data.bin")), QStringLiteral("HMAC")});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.trimmed().toLower().toStdString() == hex(hmac(HashAlgorithm::Sm3, key, data)));

    // An empty key is a valid (if weak) HMAC key, not an error.
    CHECK(hex(hmac(HashAlgorithm::Sha256, QByteArrayView(), QByteArrayView()))
        == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST_CASE("Hash algorithm names round-trip", "[crypto]")
{
    for (auto a : {HashAlgorithm::Sm3, HashAlgorithm::Sha256})
        CHECK(hashAlgorithmFromName(hashAlgorithmName(a)) == a);
    CHECK(hashAlgorithmName(HashAlgorithm::Sm3) == QLatin1String("sm3"));
    CHECK(hashAlgorithmName(HashAlgorithm::Sha256) == QLatin1String("sha256"));
    CHECK_FALSE(hashAlgorithmFromName(u"SM3"));
    CHECK_FALSE(hashAlgorithmFromName(u"md5"));
}
