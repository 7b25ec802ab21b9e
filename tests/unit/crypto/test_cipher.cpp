#include "core/crypto/cipher.h"
#include "core/crypto/hash.h"
#include "core/crypto/random.h"
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

struct Encrypted
{
    QByteArray ciphertext;
    QByteArray tag;
};

Encrypted encrypt(CipherSuite suite, const QByteArray& key, const QByteArray& iv,
    const QByteArray& plain, qsizetype chunk)
{
    auto enc = StreamEncryptor::create(suite, key, iv);
    REQUIRE(enc);
    Encrypted out;
    for (qsizetype i = 0; i < plain.size(); i += chunk) {
        auto part = enc->update(QByteArrayView(plain).sliced(i, std::min(chunk, plain.size() - i)));
        if (!part)
            FAIL(part.error().toString().toStdString());
        out.ciphertext += *part;
    }
    auto tag = enc->finish();
    REQUIRE(tag);
    out.tag = *tag;
    return out;
}

// Decrypts in chunks; returns the finish() status and the (unauthenticated) plaintext.
Status decrypt(CipherSuite suite, const QByteArray& key, const QByteArray& iv, const Encrypted& in,
    qsizetype chunk, QByteArray* plain)
{
    auto dec = StreamDecryptor::create(suite, key, iv);
    REQUIRE(dec);
    for (qsizetype i = 0; i < in.ciphertext.size(); i += chunk) {
        auto part = dec->update(
            QByteArrayView(in.ciphertext).sliced(i, std::min(chunk, in.ciphertext.size() - i)));
        if (!part)
            FAIL(part.error().toString().toStdString());
        *plain += *part;
    }
    return dec->finish(in.tag);
}

QByteArray flipped(QByteArray data, qsizetype index)
{
    data[index] = static_cast<char>(data.at(index) ^ 0x01);
    return data;
}

} // namespace

TEST_CASE("Cipher suites have the documented names and sizes", "[crypto]")
{
    CHECK(cipherSuiteName(CipherSuite::Aes256Gcm) == QLatin1String("aes-256-gcm"));
    CHECK(cipherSuiteName(CipherSuite::Sm4CtrHmacSm3) == QLatin1String("sm4-ctr-hmac-sm3"));
    for (auto suite : {CipherSuite::Aes256Gcm, CipherSuite::Sm4CtrHmacSm3})
        CHECK(cipherSuiteFromName(cipherSuiteName(suite)) == suite);
    CHECK_FALSE(cipherSuiteFromName(u"sm4-gcm"));
    CHECK(cipherKeyLength(CipherSuite::Aes256Gcm) == 32);
    CHECK(cipherIvLength(CipherSuite::Aes256Gcm) == 12);
    CHECK(cipherTagLength(CipherSuite::Aes256Gcm) == 16);
    CHECK(cipherKeyLength(CipherSuite::Sm4CtrHmacSm3) == 48);
    CHECK(cipherIvLength(CipherSuite::Sm4CtrHmacSm3) == 16);
    CHECK(cipherTagLength(CipherSuite::Sm4CtrHmacSm3) == 32);
}

TEST_CASE("Stream encryption round-trips in any chunking", "[crypto]")
{
    const auto suite = GENERATE(CipherSuite::Aes256Gcm, CipherSuite::Sm4CtrHmacSm3);
    const QByteArray key = randomBytes(cipherKeyLength(suite));
    const QByteArray iv = randomBytes(cipherIvLength(suite));
    const QByteArray plain = patternBytes(70'001, 11);
    const Encrypted reference = encrypt(suite, key, iv, plain, plain.size());
    CHECK(reference.ciphertext.size() == plain.size());
    CHECK(reference.tag.size() == cipherTagLength(suite));
    CHECK(reference.ciphertext != plain);

    const qsizetype chunk = GENERATE(1, 15, 16, 17, 4096, 65'536);
    CAPTURE(cipherSuiteName(suite).toStdString(), chunk);
    const Encrypted e = encrypt(suite, key, iv, plain, chunk);
    CHECK(hex(e.ciphertext) == hex(reference.ciphertext));
    CHECK(hex(e.tag) == hex(reference.tag));

    QByteArray decrypted;
    const qsizetype decryptChunk = GENERATE(7, 100'000);
    CHECK(decrypt(suite, key, iv, e, decryptChunk, &decrypted));
    CHECK(decrypted == plain);
}

TEST_CASE("Tampering with ciphertext, tag, iv or key is detected", "[crypto]")
{
    const auto suite = GENERATE(CipherSuite::Aes256Gcm, CipherSuite::Sm4CtrHmacSm3);
    CAPTURE(cipherSuiteName(suite).toStdString());
    const QByteArray key = randomBytes(cipherKeyLength(suite));
    const QByteArray iv = randomBytes(cipherIvLength(suite));
    const QByteArray plain = patternBytes(5000, 12);
    const Encrypted good = encrypt(suite, key, iv, plain, 1000);

    auto expectCorrupt = [&](const QByteArray& k, const QByteArray& v, const Encrypted& e) {
        QByteArray ignored;
        const Status st = decrypt(suite, k, v, e, 1000, &ignored);
        REQUIRE_FALSE(st);
        CHECK(st.error().code == ErrorCode::Corrupt);
    };
    expectCorrupt(key, iv, {flipped(good.ciphertext, 0), good.tag});
    expectCorrupt(key, iv, {flipped(good.ciphertext, 4321), good.tag});
    expectCorrupt(key, iv, {good.ciphertext.left(4999), good.tag});
    expectCorrupt(key, iv, {good.ciphertext + 'x', good.tag});
    expectCorrupt(key, iv, {good.ciphertext, flipped(good.tag, good.tag.size() - 1)});
    expectCorrupt(key, iv, {good.ciphertext, good.tag.left(good.tag.size() - 1)});
    expectCorrupt(key, iv, {good.ciphertext, QByteArray()});
    expectCorrupt(key, flipped(iv, iv.size() - 1), good);
    if (suite == CipherSuite::Aes256Gcm) {
        expectCorrupt(flipped(key, 0), iv, good);
    } else {
        // Encrypt-then-MAC authenticates iv and ciphertext, not the SM4 half of the key: a wrong
        // SM4 key passes the tag and yields garbage (BlobStore's plaintext hash catches that).
        QByteArray garbage;
        CHECK(decrypt(suite, flipped(key, 0), iv, good, 1000, &garbage));
        CHECK(garbage != plain);
    }
    expectCorrupt(randomBytes(key.size()), iv, good);
    expectCorrupt(flipped(key, key.size() - 1), iv, good); // the HMAC half for SM4

    QByteArray plainAgain;
    CHECK(decrypt(suite, key, iv, good, 1000, &plainAgain));
    CHECK(plainAgain == plain);
}

TEST_CASE("Cipher streams validate their inputs and state", "[crypto]")
{
    const auto suite = GENERATE(CipherSuite::Aes256Gcm, CipherSuite::Sm4CtrHmacSm3);
    const QByteArray key = randomBytes(cipherKeyLength(suite));
    const QByteArray iv = randomBytes(cipherIvLength(suite));

    auto badKey = StreamEncryptor::create(suite, key.left(16), iv);
    REQUIRE_FALSE(badKey);
    CHECK(badKey.error().code == ErrorCode::InvalidArgument);
    auto badIv = StreamDecryptor::create(suite, key, iv + 'x');
    REQUIRE_FALSE(badIv);
    CHECK(badIv.error().code == ErrorCode::InvalidArgument);

    auto enc = StreamEncryptor::create(suite, key, iv);
    REQUIRE(enc);
    REQUIRE(enc->finish()); // empty message
    CHECK_FALSE(enc->update("more"));
    CHECK_FALSE(enc->finish());
}

TEST_CASE("AES-256-GCM matches the GCM specification test cases", "[crypto]")
{
    // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14.
    const QByteArray key(32, '\0');
    const QByteArray iv(12, '\0');
    const Encrypted empty = encrypt(CipherSuite::Aes256Gcm, key, iv, QByteArray(), 1);
    CHECK(hex(empty.tag) == "530f8afbc74536b9a963b4f1c4cb738b");
    const Encrypted block = encrypt(CipherSuite::Aes256Gcm, key, iv, QByteArray(16, '\0'), 16);
    CHECK(hex(block.ciphertext) == "cea7403d4d606b6e074ec5d3baf39d18");
    CHECK(hex(block.tag) == "d0d1c8a799996bf0265b98b5d48ab919");
}

TEST_CASE("SM4-CTR ciphertext and HMAC-SM3 tag match the openssl CLI", "[crypto]")
{
    test::TempDir dir;
    const QByteArray key = randomBytes(48);
    // A counter block near wrap-around checks the full 128-bit increment.
    const QByteArray iv = fromHex("00112233445566778899aabbfffffffe");
    const QByteArray plain = patternBytes(10'000, 13);
    const Encrypted ours = encrypt(CipherSuite::Sm4CtrHmacSm3, key, iv, plain, 333);

    writeFile(dir.file(s("plain.bin")), plain);
    const auto r = runOpenssl({s("enc"), s("-sm4-ctr"), s("-K"),
        QString::fromLatin1(key.left(16).toHex()), s("-iv"), QString::fromLatin1(iv.toHex()),
        s("-in"), dir.file(s("plain.bin")), s("-out"), dir.file(s("cli.bin"))});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    CHECK(hex(readFile(dir.file(s("cli.bin")))) == hex(ours.ciphertext));

    // Encrypt-then-MAC: the tag is HMAC-SM3(mac key, iv || ciphertext).
    writeFile(dir.file(s("mac-input.bin")), iv + ours.ciphertext);
    const auto mac = runOpenssl({s("mac"), s("-digest"), s("SM3"), s("-macopt"),
        s("hexkey:") + QString::fromLatin1(key.mid(16).toHex()), s("-in"),
        dir.file(s("mac-input.bin")), s("HMAC")});
    REQUIRE(mac.exitCode == 0);
    CHECK(mac.out.trimmed().toLower().toStdString() == hex(ours.tag));
}

TEST_CASE("seal and open wrap small keys", "[crypto]")
{
    const auto suite = GENERATE(CipherSuite::Aes256Gcm, CipherSuite::Sm4CtrHmacSm3);
    CAPTURE(cipherSuiteName(suite).toStdString());
    const QByteArray kek = randomBytes(cipherKeyLength(suite));
    const QByteArray fileKey = randomBytes(48);

    auto sealed = seal(suite, kek, fileKey);
    REQUIRE(sealed);
    CHECK(sealed->size() == cipherIvLength(suite) + fileKey.size() + cipherTagLength(suite));
    auto again = seal(suite, kek, fileKey);
    REQUIRE(again);
    CHECK(*again != *sealed); // fresh iv each time

    auto opened = open(suite, kek, *sealed);
    REQUIRE(opened);
    CHECK(*opened == fileKey);

    for (qsizetype i : {qsizetype(0), qsizetype(cipherIvLength(suite)), sealed->size() - 1}) {
        auto tampered = open(suite, kek, flipped(*sealed, i));
        REQUIRE_FALSE(tampered);
        CHECK(tampered.error().code == ErrorCode::Corrupt);
    }
    auto wrongKey = open(suite, randomBytes(cipherKeyLength(suite)), *sealed);
    REQUIRE_FALSE(wrongKey);
    CHECK(wrongKey.error().code == ErrorCode::Corrupt);
    auto truncated = open(suite, kek, sealed->left(cipherIvLength(suite) + 3));
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().code == ErrorCode::Corrupt);
    auto badKek = seal(suite, kek.left(5), fileKey);
    REQUIRE_FALSE(badKek);
    CHECK(badKek.error().code == ErrorCode::InvalidArgument);

    auto emptySealed = seal(suite, kek, QByteArray());
    REQUIRE(emptySealed);
    auto emptyOpened = open(suite, kek, *emptySealed);
    REQUIRE(emptyOpened);
    CHECK(emptyOpened->isEmpty());
}

TEST_CASE("randomBytes returns fresh bytes of the requested length", "[crypto]")
{
    CHECK(randomBytes(0).isEmpty());
    CHECK(randomBytes(-1).isEmpty());
    const QByteArray a = randomBytes(32);
    const QByteArray b = randomBytes(32);
    CHECK(a.size() == 32);
    CHECK(a != b);
}
