#include "core/crypto/keys.h"
#include "tests/support/tempdir.h"
#include "tests/unit/crypto/cryptotestutil.h"

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::cryptotest;

namespace {

QString s(const char* latin1)
{
    return QString::fromLatin1(latin1);
}

KeyPair makeKey(SignatureAlgorithm algorithm)
{
    auto key = KeyPair::generate(algorithm);
    REQUIRE(key);
    CHECK(key->algorithm() == algorithm);
    return *key;
}

} // namespace

TEST_CASE("Signatures verify and reject tampering", "[crypto]")
{
    const auto algorithm
        = GENERATE(SignatureAlgorithm::Sm2Sm3, SignatureAlgorithm::EcdsaP256Sha256);
    const KeyPair key = makeKey(algorithm);
    const PublicKey pub = key.publicKey();
    REQUIRE(pub.algorithm() == algorithm);

    const QByteArray data = "case FC-2026-0001 event 42";
    auto sig = key.sign(data);
    REQUIRE(sig);
    CHECK(sig->startsWith('\x30')); // DER SEQUENCE
    CHECK(pub.verify(data, *sig));

    QByteArray alteredData = data;
    alteredData[5] = 'X';
    CHECK_FALSE(pub.verify(alteredData, *sig));

    QByteArray alteredSig = *sig;
    alteredSig[alteredSig.size() - 3] = static_cast<char>(alteredSig.at(alteredSig.size() - 3) ^ 1);
    CHECK_FALSE(pub.verify(data, alteredSig));
    CHECK_FALSE(pub.verify(data, sig->left(sig->size() - 1)));
    CHECK_FALSE(pub.verify(data, QByteArray()));

    const KeyPair other = makeKey(algorithm);
    CHECK_FALSE(other.publicKey().verify(data, *sig));

    // Signatures are randomised but all verify; empty data is signable.
    auto sig2 = key.sign(data);
    REQUIRE(sig2);
    CHECK(*sig2 != *sig);
    CHECK(pub.verify(data, *sig2));
    auto emptySig = key.sign(QByteArrayView());
    REQUIRE(emptySig);
    CHECK(pub.verify(QByteArrayView(), *emptySig));

    // Copies share the key.
    const PublicKey copy = pub;
    CHECK(copy == pub);
    CHECK(copy.verify(data, *sig));
}

TEST_CASE("SM2 signatures use the GM/T 0009 ID, cross-checked with the openssl CLI", "[crypto]")
{
    test::TempDir dir;
    const KeyPair key = makeKey(SignatureAlgorithm::Sm2Sm3);
    const QByteArray data = patternBytes(3000, 3);
    auto sig = key.sign(data);
    REQUIRE(sig);
    const QString pubPem = dir.file(s("pub.pem"));
    const QString privPem = dir.file(s("priv.pem"));
    const QString dataFile = dir.file(s("data.bin"));
    const QString sigFile = dir.file(s("sig.bin"));
    writeFile(pubPem, key.publicKey().toPem());
    writeFile(privPem, key.privatePem());
    writeFile(dataFile, data);
    writeFile(sigFile, *sig);

    auto cliVerify = [&](const QString& distidOption) {
        QStringList args {s("dgst"), s("-sm3"), s("-verify"), pubPem};
        if (!distidOption.isEmpty())
            args << s("-sigopt") << distidOption;
        args << s("-signature") << sigFile << dataFile;
        return runOpenssl(args);
    };
    const auto ok = cliVerify(s("distid:1234567812345678"));
    INFO(ok.err.toStdString());
    CHECK(ok.exitCode == 0);
    CHECK(ok.out.contains("Verified OK"));
    // A different ID, or OpenSSL's default empty one, must not verify: proof the ID was set.
    CHECK(cliVerify(s("distid:1234567812345679")).exitCode != 0);
    CHECK(cliVerify(QString()).exitCode != 0);

    // And the other way round: the CLI signs with the ID, we verify.
    const QString cliSig = dir.file(s("cli.sig"));
    const auto signedByCli = runOpenssl({s("dgst"), s("-sm3"), s("-sign"), privPem, s("-sigopt"),
        s("distid:1234567812345678"), s("-out"), cliSig, dataFile});
    REQUIRE(signedByCli.exitCode == 0);
    CHECK(key.publicKey().verify(data, readFile(cliSig)));
    const QString cliSigEmptyId = dir.file(s("cli-empty-id.sig"));
    REQUIRE(
        runOpenssl({s("dgst"), s("-sm3"), s("-sign"), privPem, s("-out"), cliSigEmptyId, dataFile})
            .exitCode
        == 0);
    CHECK_FALSE(key.publicKey().verify(data, readFile(cliSigEmptyId)));
}

TEST_CASE("ECDSA P-256 signatures cross-check with the openssl CLI", "[crypto]")
{
    test::TempDir dir;
    const KeyPair key = makeKey(SignatureAlgorithm::EcdsaP256Sha256);
    const QByteArray data = patternBytes(3000, 4);
    auto sig = key.sign(data);
    REQUIRE(sig);
    const QString pubPem = dir.file(s("pub.pem"));
    const QString privPem = dir.file(s("priv.pem"));
    const QString dataFile = dir.file(s("data.bin"));
    const QString sigFile = dir.file(s("sig.bin"));
    writeFile(pubPem, key.publicKey().toPem());
    writeFile(privPem, key.privatePem());
    writeFile(dataFile, data);
    writeFile(sigFile, *sig);

    const auto ok = runOpenssl(
        {s("dgst"), s("-sha256"), s("-verify"), pubPem, s("-signature"), sigFile, dataFile});
    INFO(ok.err.toStdString());
    CHECK(ok.exitCode == 0);
    CHECK(ok.out.contains("Verified OK"));
    // SM3 over the same data must not verify: the digest really is SHA-256.
    CHECK(
        runOpenssl({s("dgst"), s("-sm3"), s("-verify"), pubPem, s("-signature"), sigFile, dataFile})
            .exitCode
        != 0);

    const QString cliSig = dir.file(s("cli.sig"));
    REQUIRE(runOpenssl({s("dgst"), s("-sha256"), s("-sign"), privPem, s("-out"), cliSig, dataFile})
                .exitCode
        == 0);
    CHECK(key.publicKey().verify(data, readFile(cliSig)));
}

TEST_CASE("PEM round trips keep the key and its algorithm", "[crypto]")
{
    const auto algorithm
        = GENERATE(SignatureAlgorithm::Sm2Sm3, SignatureAlgorithm::EcdsaP256Sha256);
    const KeyPair key = makeKey(algorithm);

    const QByteArray privPem = key.privatePem();
    CHECK(privPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    auto reread = KeyPair::fromPrivatePem(privPem);
    REQUIRE(reread);
    CHECK(reread->algorithm() == algorithm);
    CHECK(reread->publicKey() == key.publicKey());
    auto sig = reread->sign("x");
    REQUIRE(sig);
    CHECK(key.publicKey().verify("x", *sig));

    const QByteArray pubPem = key.publicKey().toPem();
    CHECK(pubPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    CHECK_FALSE(pubPem.contains("PRIVATE"));
    auto pub = PublicKey::fromPem(pubPem);
    REQUIRE(pub);
    CHECK(pub->algorithm() == algorithm);
    CHECK(*pub == key.publicKey());
    CHECK(pub->toPem() == pubPem);
    auto fromDer = PublicKey::fromDer(pub->toDer());
    REQUIRE(fromDer);
    CHECK(fromDer->algorithm() == algorithm);

    // The fingerprint is the digest of the DER SubjectPublicKeyInfo.
    CHECK(hex(pub->fingerprint()) == hex(Hasher::hash(HashAlgorithm::Sm3, pub->toDer())));
    CHECK(hex(pub->fingerprint(HashAlgorithm::Sha256))
        == hex(Hasher::hash(HashAlgorithm::Sha256, pub->toDer())));
    CHECK(pub->fingerprint() != makeKey(algorithm).publicKey().fingerprint());
}

TEST_CASE("Keys made by the openssl CLI are recognised, others are refused", "[crypto]")
{
    test::TempDir dir;
    auto genpkey = [&](const QString& file, QStringList extra) {
        QStringList args {s("genpkey")};
        args << extra << s("-out") << dir.file(file);
        REQUIRE(runOpenssl(args).exitCode == 0);
        return readFile(dir.file(file));
    };

    auto sm2 = KeyPair::fromPrivatePem(genpkey(s("sm2.pem"), {s("-algorithm"), s("SM2")}));
    REQUIRE(sm2);
    CHECK(sm2->algorithm() == SignatureAlgorithm::Sm2Sm3);

    // Traditional "EC PRIVATE KEY" PEM.
    REQUIRE(runOpenssl({s("ecparam"), s("-name"), s("prime256v1"), s("-genkey"), s("-noout"),
                           s("-out"), dir.file(s("p256.pem"))})
                .exitCode
        == 0);
    const QByteArray p256Pem = readFile(dir.file(s("p256.pem")));
    CHECK(p256Pem.startsWith("-----BEGIN EC PRIVATE KEY-----"));
    auto p256 = KeyPair::fromPrivatePem(p256Pem);
    REQUIRE(p256);
    CHECK(p256->algorithm() == SignatureAlgorithm::EcdsaP256Sha256);

    auto ed = KeyPair::fromPrivatePem(genpkey(s("ed.pem"), {s("-algorithm"), s("ED25519")}));
    REQUIRE_FALSE(ed);
    CHECK(ed.error().code == ErrorCode::InvalidArgument);

    auto p384 = KeyPair::fromPrivatePem(genpkey(
        s("p384.pem"), {s("-algorithm"), s("EC"), s("-pkeyopt"), s("ec_paramgen_curve:P-384")}));
    REQUIRE_FALSE(p384);
    CHECK(p384.error().code == ErrorCode::InvalidArgument);

    // Encrypted keys fail instead of prompting for a passphrase.
    auto encrypted = KeyPair::fromPrivatePem(genpkey(
        s("enc.pem"), {s("-algorithm"), s("SM2"), s("-aes256"), s("-pass"), s("pass:secret")}));
    REQUIRE_FALSE(encrypted);
    CHECK(encrypted.error().code == ErrorCode::InvalidArgument);

    CHECK_FALSE(KeyPair::fromPrivatePem("not a key"));
    CHECK_FALSE(PublicKey::fromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
    CHECK_FALSE(PublicKey::fromDer(QByteArray()));
}

TEST_CASE("Signature algorithm names round-trip", "[crypto]")
{
    CHECK(signatureAlgorithmName(SignatureAlgorithm::Sm2Sm3) == QLatin1String("sm2-sm3"));
    CHECK(signatureAlgorithmName(SignatureAlgorithm::EcdsaP256Sha256)
        == QLatin1String("ecdsa-p256-sha256"));
    for (auto a : {SignatureAlgorithm::Sm2Sm3, SignatureAlgorithm::EcdsaP256Sha256})
        CHECK(signatureAlgorithmFromName(signatureAlgorithmName(a)) == a);
    CHECK_FALSE(signatureAlgorithmFromName(u"rsa"));
    CHECK(QByteArray(kSm2DefaultId) == "1234567812345678");
}
