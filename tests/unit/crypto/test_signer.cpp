#include "core/crypto/signer.h"
#include "tests/support/tempdir.h"
#include "tests/unit/crypto/cryptotestutil.h"

#include <QThread>

#include <catch2/catch.hpp>
#include <set>

using namespace fieldcase;
using namespace fieldcase::cryptotest;

TEST_CASE("Presigned SM2 signatures verify with OpenSSL and the default ID", "[crypto][signer]")
{
    auto key = KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    REQUIRE(key);
    Signer signer(*key, 16);
    const PublicKey pub = key->publicKey();
    QThread::msleep(100); // let the worker fill the pool
    std::set<QByteArray> seen;
    for (int i = 0; i < 300; ++i) {
        const QByteArray message
            = "超限运输案件事件 #" + QByteArray::number(i) + QByteArray(i % 7, 'x');
        auto sig = signer.sign(message);
        REQUIRE(sig);
        REQUIRE(pub.verify(message, *sig));
        CHECK_FALSE(pub.verify(message + '!', *sig));
        CHECK(seen.insert(*sig).second); // a fresh nonce every time
    }
    CHECK(signer.poolHits() > 0);
    CHECK(signer.poolHits() + signer.poolMisses() == 300);
    // The same message twice gives two different valid signatures.
    auto a = signer.sign("同一消息");
    auto b = signer.sign("同一消息");
    CHECK(*a != *b);
    CHECK(pub.verify("同一消息", *a));
    CHECK(pub.verify("同一消息", *b));
}

TEST_CASE("Presigned SM2 signatures verify with the openssl CLI only under ID 1234567812345678",
    "[crypto][signer]")
{
    test::TempDir dir;
    auto key = KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    REQUIRE(key);
    Signer signer(*key, 4);
    const QByteArray message = "京A12345 行政处罚决定书 罚款 200 元";
    auto sig = signer.sign(message);
    REQUIRE(sig);
    writeFile(dir.file(QStringLiteral("pub.pem")), key->publicKey().toPem());
    writeFile(dir.file(QStringLiteral("msg.bin")), message);
    writeFile(dir.file(QStringLiteral("sig.bin")), *sig);
    auto verify = [&](const char* id) {
        return runOpenssl(
            {QStringLiteral("dgst"), QStringLiteral("-sm3"), QStringLiteral("-verify"),
                dir.file(QStringLiteral("pub.pem")), QStringLiteral("-sigopt"),
                QStringLiteral("distid:") + QLatin1String(id), QStringLiteral("-signature"),
                dir.file(QStringLiteral("sig.bin")), dir.file(QStringLiteral("msg.bin"))});
    };
    const auto ok = verify("1234567812345678");
    INFO(ok.out.toStdString() << ok.err.toStdString());
    CHECK(ok.exitCode == 0);
    CHECK(verify("1234567812345679").exitCode != 0);
}

TEST_CASE("Without a pool every signature is computed on the spot, still valid", "[crypto][signer]")
{
    auto key = KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    Signer signer(*key, 0);
    for (int i = 0; i < 20; ++i) {
        auto sig = signer.sign(QByteArray::number(i));
        REQUIRE(sig);
        CHECK(key->publicKey().verify(QByteArray::number(i), *sig));
    }
    CHECK(signer.poolHits() == 0);
    CHECK(signer.poolMisses() == 20);
}

TEST_CASE("ECDSA keys sign through the key itself", "[crypto][signer]")
{
    auto key = KeyPair::generate(SignatureAlgorithm::EcdsaP256Sha256);
    Signer signer(*key);
    auto sig = signer.sign("abc");
    REQUIRE(sig);
    CHECK(key->publicKey().verify("abc", *sig));
}
