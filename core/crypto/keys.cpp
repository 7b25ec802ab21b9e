#include "core/crypto/keys.h"

#include "core/crypto/opensslutil.h"

#include <cstring>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace fieldcase {

namespace detail {
void PkeyDeleter::operator()(evp_pkey_st* key) const noexcept
{
    EVP_PKEY_free(key);
}
} // namespace detail

namespace {

// OpenSSL's default PEM password callback prompts on the controlling terminal and blocks; keys
// here are never passphrase-protected, so an encrypted PEM must fail instead.
int refusePassword(char*, int, int, void*)
{
    return -1;
}

// The scheme for a key, or nullopt if it is neither SM2 nor EC on P-256.
std::optional<SignatureAlgorithm> schemeOf(const EVP_PKEY* key)
{
    // OpenSSL 3 gives SM2 keys their own key type ("SM2") even when read back from PEM/DER,
    // so is_a is reliable; an "EC" key on the SM2 curve would sign plain ECDSA and is refused.
    if (EVP_PKEY_is_a(key, "SM2"))
        return SignatureAlgorithm::Sm2Sm3;
    if (EVP_PKEY_is_a(key, "EC")) {
        char group[80] = {};
        size_t len = 0;
        if (EVP_PKEY_get_group_name(key, group, sizeof group, &len) == 1
            && (std::strcmp(group, "prime256v1") == 0 || std::strcmp(group, "P-256") == 0))
            return SignatureAlgorithm::EcdsaP256Sha256;
    }
    return std::nullopt;
}

const char* digestFor(SignatureAlgorithm algorithm)
{
    return algorithm == SignatureAlgorithm::Sm2Sm3 ? "SM3" : "SHA256";
}

// SM2 signs Z = SM3(ENTL || ID || curve || public key) || M; the ID must be set after the
// DigestSign/VerifyInit call, on the EVP_PKEY_CTX that call created, or OpenSSL uses "".
bool setSm2Id(EVP_PKEY_CTX* pctx)
{
    return EVP_PKEY_CTX_set1_id(pctx, kSm2DefaultId, sizeof kSm2DefaultId - 1) == 1;
}

Result<SignatureAlgorithm> requireScheme(const EVP_PKEY* key)
{
    if (auto scheme = schemeOf(key))
        return *scheme;
    return fail(ErrorCode::InvalidArgument,
        CryptoText::tr("Unsupported key type; only SM2 and ECDSA P-256 keys are accepted."),
        QString::fromLatin1(EVP_PKEY_get0_type_name(key)));
}

} // namespace

QString signatureAlgorithmName(SignatureAlgorithm algorithm)
{
    switch (algorithm) {
    case SignatureAlgorithm::Sm2Sm3:
        return QStringLiteral("sm2-sm3");
    case SignatureAlgorithm::EcdsaP256Sha256:
        return QStringLiteral("ecdsa-p256-sha256");
    }
    return {};
}

std::optional<SignatureAlgorithm> signatureAlgorithmFromName(QStringView name)
{
    if (name == u"sm2-sm3")
        return SignatureAlgorithm::Sm2Sm3;
    if (name == u"ecdsa-p256-sha256")
        return SignatureAlgorithm::EcdsaP256Sha256;
    return std::nullopt;
}

// ---- PublicKey ----------------------------------------------------------------------------

PublicKey::PublicKey(detail::PkeyPtr key, SignatureAlgorithm algorithm)
    : m_key(std::move(key))
    , m_algorithm(algorithm)
{ }

PublicKey::PublicKey(const PublicKey& other)
    : m_algorithm(other.m_algorithm)
{
    if (other.m_key && EVP_PKEY_up_ref(other.m_key.get()) == 1)
        m_key.reset(other.m_key.get());
}

PublicKey& PublicKey::operator=(const PublicKey& other)
{
    if (this != &other)
        *this = PublicKey(other);
    return *this;
}

PublicKey::PublicKey(PublicKey&& other) noexcept = default;
PublicKey& PublicKey::operator=(PublicKey&& other) noexcept = default;
PublicKey::~PublicKey() = default;

Result<PublicKey> PublicKey::fromPem(QByteArrayView pem)
{
    ossl::Bio bio = ossl::memBio(pem);
    detail::PkeyPtr key(
        bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, &refusePassword, nullptr) : nullptr);
    if (!key)
        return fail(ErrorCode::InvalidArgument, CryptoText::tr("Cannot read the public key (PEM)."),
            ossl::takeErrors());
    auto scheme = requireScheme(key.get());
    if (!scheme)
        return fail(scheme.error());
    return PublicKey(std::move(key), *scheme);
}

Result<PublicKey> PublicKey::fromDer(QByteArrayView der)
{
    const unsigned char* p = ossl::bytes(der);
    detail::PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
    if (!key)
        return fail(ErrorCode::InvalidArgument, CryptoText::tr("Cannot read the public key (DER)."),
            ossl::takeErrors());
    auto scheme = requireScheme(key.get());
    if (!scheme)
        return fail(scheme.error());
    return PublicKey(std::move(key), *scheme);
}

QByteArray PublicKey::toPem() const
{
    if (!m_key)
        return {};
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1) {
        (void)ossl::takeErrors();
        return {};
    }
    return ossl::bioContents(bio.get());
}

QByteArray PublicKey::toDer() const
{
    if (!m_key)
        return {};
    unsigned char* der = nullptr;
    const int len = i2d_PUBKEY(m_key.get(), &der);
    if (len <= 0) {
        (void)ossl::takeErrors();
        return {};
    }
    QByteArray out(reinterpret_cast<const char*>(der), len);
    OPENSSL_free(der);
    return out;
}

bool PublicKey::verify(QByteArrayView data, QByteArrayView signature) const
{
    if (!m_key)
        return false;
    ossl::MdCtx md(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr; // owned by md
    bool ok = md
        && EVP_DigestVerifyInit_ex(
               md.get(), &pctx, digestFor(m_algorithm), nullptr, nullptr, m_key.get(), nullptr)
            == 1
        && (m_algorithm != SignatureAlgorithm::Sm2Sm3 || setSm2Id(pctx))
        && EVP_DigestVerify(md.get(), ossl::bytes(signature), static_cast<size_t>(signature.size()),
               ossl::bytes(data), static_cast<size_t>(data.size()))
            == 1;
    // A bad signature leaves DER/verify errors queued; they are an expected outcome here.
    (void)ossl::takeErrors();
    return ok;
}

QByteArray PublicKey::fingerprint(HashAlgorithm algorithm) const
{
    const QByteArray der = toDer();
    return der.isEmpty() ? QByteArray() : Hasher::hash(algorithm, der);
}

bool PublicKey::operator==(const PublicKey& other) const
{
    if (!m_key || !other.m_key)
        return m_key == other.m_key;
    return m_algorithm == other.m_algorithm && EVP_PKEY_eq(m_key.get(), other.m_key.get()) == 1;
}

// ---- KeyPair ------------------------------------------------------------------------------

KeyPair::KeyPair(detail::PkeyPtr key, SignatureAlgorithm algorithm)
    : m_key(std::move(key))
    , m_algorithm(algorithm)
{ }

KeyPair::KeyPair(const KeyPair& other)
    : m_algorithm(other.m_algorithm)
{
    if (other.m_key && EVP_PKEY_up_ref(other.m_key.get()) == 1)
        m_key.reset(other.m_key.get());
}

KeyPair& KeyPair::operator=(const KeyPair& other)
{
    if (this != &other)
        *this = KeyPair(other);
    return *this;
}

KeyPair::KeyPair(KeyPair&& other) noexcept = default;
KeyPair& KeyPair::operator=(KeyPair&& other) noexcept = default;
KeyPair::~KeyPair() = default;

Result<KeyPair> KeyPair::generate(SignatureAlgorithm algorithm)
{
    detail::PkeyPtr key(algorithm == SignatureAlgorithm::Sm2Sm3
            ? EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2")
            : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return fail(ossl::cryptoError(CryptoText::tr("Key generation failed.")));
    return KeyPair(std::move(key), algorithm);
}

Result<KeyPair> KeyPair::fromPrivatePem(QByteArrayView pem)
{
    ossl::Bio bio = ossl::memBio(pem);
    detail::PkeyPtr key(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &refusePassword, nullptr) : nullptr);
    if (!key)
        return fail(ErrorCode::InvalidArgument,
            CryptoText::tr("Cannot read the private key (PEM); it may be encrypted or damaged."),
            ossl::takeErrors());
    auto scheme = requireScheme(key.get());
    if (!scheme)
        return fail(scheme.error());
    return KeyPair(std::move(key), *scheme);
}

QByteArray KeyPair::privatePem() const
{
    if (!m_key)
        return {};
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!bio
        || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1) {
        (void)ossl::takeErrors();
        return {};
    }
    return ossl::bioContents(bio.get());
}

PublicKey KeyPair::publicKey() const
{
    // Round trip through DER so the PublicKey holds no private scalar.
    const unsigned char* der = nullptr;
    unsigned char* buf = nullptr;
    const int len = m_key ? i2d_PUBKEY(m_key.get(), &buf) : 0;
    detail::PkeyPtr pub;
    if (len > 0) {
        der = buf;
        pub.reset(d2i_PUBKEY(nullptr, &der, len));
    }
    OPENSSL_free(buf);
    if (!pub) {
        (void)ossl::takeErrors();
        return PublicKey(nullptr, m_algorithm);
    }
    return PublicKey(std::move(pub), m_algorithm);
}

Result<QByteArray> KeyPair::sign(QByteArrayView data) const
{
    if (!m_key)
        return fail(ErrorCode::InvalidArgument, CryptoText::tr("No private key to sign with."));
    ossl::MdCtx md(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr; // owned by md
    if (!md
        || EVP_DigestSignInit_ex(
               md.get(), &pctx, digestFor(m_algorithm), nullptr, nullptr, m_key.get(), nullptr)
            != 1)
        return fail(ossl::cryptoError(CryptoText::tr("Cannot start signing.")));
    if (m_algorithm == SignatureAlgorithm::Sm2Sm3 && !setSm2Id(pctx))
        return fail(ossl::cryptoError(CryptoText::tr("Cannot set the SM2 distinguishing ID.")));
    size_t len = 0;
    if (EVP_DigestSign(md.get(), nullptr, &len, ossl::bytes(data), static_cast<size_t>(data.size()))
        != 1)
        return fail(ossl::cryptoError(CryptoText::tr("Signing failed.")));
    QByteArray sig(static_cast<qsizetype>(len), Qt::Uninitialized);
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
            ossl::bytes(data), static_cast<size_t>(data.size()))
        != 1)
        return fail(ossl::cryptoError(CryptoText::tr("Signing failed.")));
    // ECDSA/SM2 DER signatures are shorter than the maximum whenever r or s has leading zeros.
    sig.truncate(static_cast<qsizetype>(len));
    return sig;
}

} // namespace fieldcase
