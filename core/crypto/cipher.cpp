#include "core/crypto/cipher.h"

#include "core/crypto/hash.h"
#include "core/crypto/opensslutil.h"
#include "core/crypto/random.h"

#include <algorithm>
#include <limits>
#include <openssl/crypto.h>

namespace fieldcase {

QString cipherSuiteName(CipherSuite suite)
{
    switch (suite) {
    case CipherSuite::Aes256Gcm:
        return QStringLiteral("aes-256-gcm");
    case CipherSuite::Sm4CtrHmacSm3:
        return QStringLiteral("sm4-ctr-hmac-sm3");
    }
    return {};
}

std::optional<CipherSuite> cipherSuiteFromName(QStringView name)
{
    if (name == u"aes-256-gcm")
        return CipherSuite::Aes256Gcm;
    if (name == u"sm4-ctr-hmac-sm3")
        return CipherSuite::Sm4CtrHmacSm3;
    return std::nullopt;
}

namespace {

constexpr int kSm4KeyLength = 16;

const EVP_CIPHER* fetchedCipher(CipherSuite suite)
{
    // Fetched once per process, as the digests are (see ossl::digest).
    static const ossl::Cipher aesGcm(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr));
    static const ossl::Cipher sm4Ctr(EVP_CIPHER_fetch(nullptr, "SM4-CTR", nullptr));
    switch (suite) {
    case CipherSuite::Aes256Gcm:
        return aesGcm.get();
    case CipherSuite::Sm4CtrHmacSm3:
        return sm4Ctr.get();
    }
    return nullptr;
}

} // namespace

int cipherKeyLength(CipherSuite suite)
{
    switch (suite) {
    case CipherSuite::Aes256Gcm:
        return 32;
    case CipherSuite::Sm4CtrHmacSm3:
        return kSm4KeyLength + 32;
    }
    return 0;
}

int cipherIvLength(CipherSuite suite)
{
    switch (suite) {
    case CipherSuite::Aes256Gcm:
        return 12;
    case CipherSuite::Sm4CtrHmacSm3:
        return 16;
    }
    return 0;
}

int cipherTagLength(CipherSuite suite)
{
    switch (suite) {
    case CipherSuite::Aes256Gcm:
        return 16;
    case CipherSuite::Sm4CtrHmacSm3:
        return 32;
    }
    return 0;
}

qint64 cipherMaxMessageLength(CipherSuite suite)
{
    switch (suite) {
    // NIST SP 800-38D: at most 2^32 - 2 blocks per invocation, or the counter wraps into J0.
    case CipherSuite::Aes256Gcm:
        return ((qint64(1) << 32) - 2) * 16;
    case CipherSuite::Sm4CtrHmacSm3:
        return std::numeric_limits<qint64>::max();
    }
    return 0;
}

namespace detail {

// Shared state of StreamEncryptor and StreamDecryptor.
class CipherStream
{
public:
    static Result<std::unique_ptr<CipherStream>> create(
        CipherSuite suite, bool encrypt, const QByteArray& key, const QByteArray& iv);
    Result<QByteArray> update(QByteArrayView in);
    Result<QByteArray> finishEncrypt();
    Status finishDecrypt(QByteArrayView tag);

private:
    CipherStream(CipherSuite suite, bool encrypt)
        : m_suite(suite)
        , m_encrypt(encrypt)
    { }
    Status finalBlock();

    CipherSuite m_suite;
    bool m_encrypt;
    bool m_done = false;
    qint64 m_processed = 0;
    ossl::CipherCtx m_ctx;
    std::optional<Hmac> m_mac; // Sm4CtrHmacSm3 only
};

Result<std::unique_ptr<CipherStream>> CipherStream::create(
    CipherSuite suite, bool encrypt, const QByteArray& key, const QByteArray& iv)
{
    if (key.size() != cipherKeyLength(suite) || iv.size() != cipherIvLength(suite))
        return fail(ErrorCode::InvalidArgument,
            CryptoText::tr("Wrong key or IV length for %1.").arg(cipherSuiteName(suite)),
            QStringLiteral("key %1 bytes, iv %2 bytes").arg(key.size()).arg(iv.size()));
    const EVP_CIPHER* cipher = fetchedCipher(suite);
    if (!cipher)
        return fail(ossl::cryptoError(
            CryptoText::tr("Cipher %1 is not available.").arg(cipherSuiteName(suite))));

    std::unique_ptr<CipherStream> s(new CipherStream(suite, encrypt));
    s->m_ctx.reset(EVP_CIPHER_CTX_new());
    const auto* k = reinterpret_cast<const unsigned char*>(key.constData());
    const auto* v = reinterpret_cast<const unsigned char*>(iv.constData());
    // GCM's default IV length is 12 and SM4-CTR takes the full 16-byte counter block, so the
    // lengths need no extra parameter. For SM4 only the first 16 key bytes go to the cipher.
    if (!s->m_ctx
        || EVP_CipherInit_ex2(s->m_ctx.get(), cipher, k, v, encrypt ? 1 : 0, nullptr) != 1)
        return fail(ossl::cryptoError(CryptoText::tr("Cannot start the cipher.")));
    if (suite == CipherSuite::Sm4CtrHmacSm3) {
        s->m_mac.emplace(HashAlgorithm::Sm3, QByteArrayView(key).sliced(kSm4KeyLength));
        // The MAC covers the IV so a changed counter block cannot go unnoticed.
        s->m_mac->addData(iv);
    }
    return s;
}

Result<QByteArray> CipherStream::update(QByteArrayView in)
{
    if (m_done)
        return fail(ErrorCode::Internal, CryptoText::tr("Cipher stream used after finish()."));
    if (in.size() > cipherMaxMessageLength(m_suite) - m_processed) {
        m_done = true;
        return fail(ErrorCode::InvalidArgument, CryptoText::tr("Too much data for one key and IV."),
            cipherSuiteName(m_suite));
    }
    if (m_mac && !m_encrypt)
        m_mac->addData(in);

    // Both suites are stream modes: output length equals input length.
    QByteArray out(in.size(), Qt::Uninitialized);
    qsizetype done = 0;
    // EVP_CipherUpdate takes an int length, so feed huge inputs in pieces.
    constexpr qsizetype kMaxPiece = qsizetype(1) << 30;
    while (done < in.size()) {
        const qsizetype piece = std::min(in.size() - done, kMaxPiece);
        int outl = 0;
        if (EVP_CipherUpdate(m_ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + done,
                &outl, ossl::bytes(in) + done, static_cast<int>(piece))
                != 1
            || outl != piece) {
            m_done = true;
            return fail(ossl::cryptoError(CryptoText::tr("Encryption or decryption failed.")));
        }
        done += piece;
    }
    m_processed += in.size();
    if (m_mac && m_encrypt)
        m_mac->addData(out);
    return out;
}

Status CipherStream::finalBlock()
{
    // Neither mode buffers data, so Final must produce no output; GCM decryption checks the tag
    // here, which is why callers map a failure to Corrupt.
    unsigned char tail[32];
    int outl = 0;
    if (EVP_CipherFinal_ex(m_ctx.get(), tail, &outl) != 1)
        return fail(ossl::cryptoError(CryptoText::tr("Cipher finalisation failed.")));
    if (outl != 0)
        return fail(ErrorCode::Internal, CryptoText::tr("Unexpected cipher output at finish."));
    return {};
}

Result<QByteArray> CipherStream::finishEncrypt()
{
    if (m_done)
        return fail(ErrorCode::Internal, CryptoText::tr("Cipher stream used after finish()."));
    m_done = true;
    FC_TRY(finalBlock());
    QByteArray tag;
    if (m_mac) {
        tag = m_mac->result();
    } else {
        tag.resize(cipherTagLength(m_suite));
        if (EVP_CIPHER_CTX_ctrl(
                m_ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag.size()), tag.data())
            != 1)
            return fail(ossl::cryptoError(CryptoText::tr("Cannot read the GCM tag.")));
    }
    if (tag.size() != cipherTagLength(m_suite))
        return fail(ossl::cryptoError(CryptoText::tr("Cannot compute the authentication tag.")));
    return tag;
}

Status CipherStream::finishDecrypt(QByteArrayView tag)
{
    if (m_done)
        return fail(ErrorCode::Internal, CryptoText::tr("Cipher stream used after finish()."));
    m_done = true;
    const QString mismatch = CryptoText::tr("Authentication tag mismatch: the data was altered.");
    if (tag.size() != cipherTagLength(m_suite))
        return fail(ErrorCode::Corrupt, mismatch,
            QStringLiteral("tag is %1 bytes, expected %2")
                .arg(tag.size())
                .arg(cipherTagLength(m_suite)));
    if (m_mac) {
        FC_TRY(finalBlock());
        const QByteArray expected = m_mac->result();
        if (expected.size() != tag.size())
            return fail(
                ossl::cryptoError(CryptoText::tr("Cannot compute the authentication tag.")));
        // Constant-time compare: a data-dependent early exit would leak how much of a forged
        // tag is right.
        if (CRYPTO_memcmp(expected.constData(), tag.data(), static_cast<size_t>(tag.size())) != 0)
            return fail(ErrorCode::Corrupt, mismatch, cipherSuiteName(m_suite));
        return {};
    }
    // GCM: the tag must be set before Final, which compares it (in constant time) itself.
    QByteArray tagCopy = tag.toByteArray();
    if (EVP_CIPHER_CTX_ctrl(
            m_ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tagCopy.size()), tagCopy.data())
        != 1)
        return fail(ossl::cryptoError(CryptoText::tr("Cannot set the GCM tag.")));
    if (!finalBlock()) {
        (void)ossl::takeErrors();
        return fail(ErrorCode::Corrupt, mismatch, cipherSuiteName(m_suite));
    }
    return {};
}

} // namespace detail

// ---- StreamEncryptor / StreamDecryptor ---------------------------------------------------------

StreamEncryptor::StreamEncryptor(std::unique_ptr<detail::CipherStream> stream)
    : d(std::move(stream))
{ }
StreamEncryptor::StreamEncryptor(StreamEncryptor&& other) noexcept = default;
StreamEncryptor& StreamEncryptor::operator=(StreamEncryptor&& other) noexcept = default;
StreamEncryptor::~StreamEncryptor() = default;

Result<StreamEncryptor> StreamEncryptor::create(CipherSuite suite, QByteArray key, QByteArray iv)
{
    auto stream = detail::CipherStream::create(suite, true, key, iv);
    if (!stream)
        return fail(stream.error());
    return StreamEncryptor(std::move(*stream));
}

Result<QByteArray> StreamEncryptor::update(QByteArrayView plaintext)
{
    if (!d)
        return fail(ErrorCode::Internal, CryptoText::tr("Moved-from encryptor used."));
    return d->update(plaintext);
}

Result<QByteArray> StreamEncryptor::finish()
{
    if (!d)
        return fail(ErrorCode::Internal, CryptoText::tr("Moved-from encryptor used."));
    return d->finishEncrypt();
}

StreamDecryptor::StreamDecryptor(std::unique_ptr<detail::CipherStream> stream)
    : d(std::move(stream))
{ }
StreamDecryptor::StreamDecryptor(StreamDecryptor&& other) noexcept = default;
StreamDecryptor& StreamDecryptor::operator=(StreamDecryptor&& other) noexcept = default;
StreamDecryptor::~StreamDecryptor() = default;

Result<StreamDecryptor> StreamDecryptor::create(CipherSuite suite, QByteArray key, QByteArray iv)
{
    auto stream = detail::CipherStream::create(suite, false, key, iv);
    if (!stream)
        return fail(stream.error());
    return StreamDecryptor(std::move(*stream));
}

Result<QByteArray> StreamDecryptor::update(QByteArrayView ciphertext)
{
    if (!d)
        return fail(ErrorCode::Internal, CryptoText::tr("Moved-from decryptor used."));
    return d->update(ciphertext);
}

Status StreamDecryptor::finish(QByteArrayView tag)
{
    if (!d)
        return fail(ErrorCode::Internal, CryptoText::tr("Moved-from decryptor used."));
    return d->finishDecrypt(tag);
}

// ---- seal / open --------------------------------------------------------------------------

Result<QByteArray> seal(CipherSuite suite, QByteArrayView key, QByteArrayView plaintext)
{
    const QByteArray iv = randomBytes(cipherIvLength(suite));
    auto enc = StreamEncryptor::create(suite, key.toByteArray(), iv);
    if (!enc)
        return fail(enc.error());
    auto ct = enc->update(plaintext);
    if (!ct)
        return fail(ct.error());
    auto tag = enc->finish();
    if (!tag)
        return fail(tag.error());
    return iv + *ct + *tag;
}

Result<QByteArray> open(CipherSuite suite, QByteArrayView key, QByteArrayView sealed)
{
    const qsizetype ivLen = cipherIvLength(suite);
    const qsizetype tagLen = cipherTagLength(suite);
    if (sealed.size() < ivLen + tagLen)
        return fail(ErrorCode::Corrupt, CryptoText::tr("Sealed data is truncated."),
            QStringLiteral("%1 bytes").arg(sealed.size()));
    auto dec = StreamDecryptor::create(suite, key.toByteArray(), sealed.first(ivLen).toByteArray());
    if (!dec)
        return fail(dec.error());
    auto pt = dec->update(sealed.sliced(ivLen, sealed.size() - ivLen - tagLen));
    if (!pt)
        return fail(pt.error());
    FC_TRY(dec->finish(sealed.last(tagLen)));
    return *pt;
}

} // namespace fieldcase
