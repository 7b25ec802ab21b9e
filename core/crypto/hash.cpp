#include "core/crypto/hash.h"

#include "core/crypto/opensslutil.h"
#include "core/util/logging.h"

#include <openssl/core_names.h>
#include <openssl/params.h>

namespace fieldcase {

QString hashAlgorithmName(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sm3:
        return QStringLiteral("sm3");
    case HashAlgorithm::Sha256:
        return QStringLiteral("sha256");
    }
    return {};
}

std::optional<HashAlgorithm> hashAlgorithmFromName(QStringView name)
{
    if (name == u"sm3")
        return HashAlgorithm::Sm3;
    if (name == u"sha256")
        return HashAlgorithm::Sha256;
    return std::nullopt;
}

int hashLength(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sm3:
    case HashAlgorithm::Sha256:
        return 32;
    }
    return 0;
}

namespace detail {
void MdCtxDeleter::operator()(evp_md_ctx_st* ctx) const noexcept
{
    EVP_MD_CTX_free(ctx);
}
void MacCtxDeleter::operator()(evp_mac_ctx_st* ctx) const noexcept
{
    EVP_MAC_CTX_free(ctx);
}
} // namespace detail

Hasher::Hasher(HashAlgorithm algorithm)
    : m_algorithm(algorithm)
    , m_ctx(EVP_MD_CTX_new())
{
    const EVP_MD* md = ossl::digest(algorithm);
    if (!m_ctx || !md || EVP_DigestInit_ex2(m_ctx.get(), md, nullptr) != 1) {
        m_failed = true;
        qCCritical(lcCrypto) << "cannot start digest" << hashAlgorithmName(algorithm)
                             << ossl::takeErrors();
    }
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&& other) noexcept = default;
Hasher& Hasher::operator=(Hasher&& other) noexcept = default;

void Hasher::addData(QByteArrayView data)
{
    if (m_failed || !m_ctx)
        return;
    if (EVP_DigestUpdate(m_ctx.get(), ossl::bytes(data), static_cast<size_t>(data.size())) != 1) {
        m_failed = true;
        qCCritical(lcCrypto) << "digest update failed" << ossl::takeErrors();
    }
}

QByteArray Hasher::result()
{
    if (m_failed || !m_ctx)
        return {};
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1) {
        m_failed = true;
        qCCritical(lcCrypto) << "digest final failed" << ossl::takeErrors();
        return {};
    }
    out.truncate(static_cast<qsizetype>(len));
    if (EVP_DigestInit_ex2(m_ctx.get(), ossl::digest(m_algorithm), nullptr) != 1) {
        m_failed = true;
        qCCritical(lcCrypto) << "digest reset failed" << ossl::takeErrors();
    }
    return out;
}

QByteArray Hasher::hash(HashAlgorithm algorithm, QByteArrayView data)
{
    Hasher h(algorithm);
    h.addData(data);
    return h.result();
}

Hmac::Hmac(HashAlgorithm algorithm, QByteArrayView key)
{
    // Like the digests, fetch the HMAC implementation once per process.
    static const ossl::Mac mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    if (mac)
        m_ctx.reset(EVP_MAC_CTX_new(mac.get()));
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(
            OSSL_MAC_PARAM_DIGEST, const_cast<char*>(ossl::digestName(algorithm)), 0),
        OSSL_PARAM_construct_end(),
    };
    // A null key pointer means "keep the previous key" to EVP_MAC_init, which fails on a fresh
    // context; ossl::bytes() never returns null, so an empty key is a real zero-length key.
    if (!m_ctx
        || EVP_MAC_init(m_ctx.get(), ossl::bytes(key), static_cast<size_t>(key.size()), params)
            != 1) {
        m_failed = true;
        qCCritical(lcCrypto) << "cannot start HMAC" << hashAlgorithmName(algorithm)
                             << ossl::takeErrors();
    }
}

Hmac::~Hmac() = default;
Hmac::Hmac(Hmac&& other) noexcept = default;
Hmac& Hmac::operator=(Hmac&& other) noexcept = default;

void Hmac::addData(QByteArrayView data)
{
    if (m_failed || !m_ctx)
        return;
    if (EVP_MAC_update(m_ctx.get(), ossl::bytes(data), static_cast<size_t>(data.size())) != 1) {
        m_failed = true;
        qCCritical(lcCrypto) << "HMAC update failed" << ossl::takeErrors();
    }
}

QByteArray Hmac::result()
{
    if (m_failed || !m_ctx)
        return {};
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    size_t len = 0;
    const int ok = EVP_MAC_final(m_ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
        static_cast<size_t>(out.size()));
    m_failed = true; // single use: a finalised MAC context cannot take more data
    if (ok != 1) {
        qCCritical(lcCrypto) << "HMAC final failed" << ossl::takeErrors();
        return {};
    }
    out.truncate(static_cast<qsizetype>(len));
    return out;
}

QByteArray hmac(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView data)
{
    Hmac mac(algorithm, key);
    mac.addData(data);
    return mac.result();
}

} // namespace fieldcase
