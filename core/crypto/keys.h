// Signing keys: SM2 with SM3 (GB/T 32918, GM/T 0009) and ECDSA P-256 with SHA-256.
#pragma once

#include "core/crypto/hash.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>

struct evp_pkey_st;

namespace fieldcase {

// Signature schemes; each key type signs with exactly one of them.
enum class SignatureAlgorithm { Sm2Sm3, EcdsaP256Sha256 };

// Stable name stored with signatures: "sm2-sm3" or "ecdsa-p256-sha256".
[[nodiscard]] QString signatureAlgorithmName(SignatureAlgorithm algorithm);
// Parses a name written by signatureAlgorithmName; nullopt for anything else.
[[nodiscard]] std::optional<SignatureAlgorithm> signatureAlgorithmFromName(QStringView name);

// The GM/T 0009-2012 default SM2 distinguishing ID. OpenSSL 3 uses an EMPTY ID when none is
// set, while GmSSL, BouncyCastle and Chinese CAs/HSMs assume this one, so we set it explicitly
// on every sign and verify to stay interoperable.
inline constexpr char kSm2DefaultId[] = "1234567812345678";

namespace detail {
// Frees an EVP_PKEY; declared here so headers need no OpenSSL include.
struct PkeyDeleter
{
    void operator()(evp_pkey_st* key) const noexcept;
};
using PkeyPtr = std::unique_ptr<evp_pkey_st, PkeyDeleter>;
} // namespace detail

// A public key that verifies signatures; cheap to copy (shares the OpenSSL object).
class PublicKey
{
public:
    // Reads a SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"); only SM2 and P-256 are accepted.
    [[nodiscard]] static Result<PublicKey> fromPem(QByteArrayView pem);
    // Reads a DER SubjectPublicKeyInfo; only SM2 and P-256 are accepted.
    [[nodiscard]] static Result<PublicKey> fromDer(QByteArrayView der);

    PublicKey(const PublicKey& other);
    PublicKey& operator=(const PublicKey& other);
    PublicKey(PublicKey&& other) noexcept;
    PublicKey& operator=(PublicKey&& other) noexcept;
    ~PublicKey();

    // SubjectPublicKeyInfo PEM.
    [[nodiscard]] QByteArray toPem() const;
    // SubjectPublicKeyInfo DER.
    [[nodiscard]] QByteArray toDer() const;
    // The scheme this key verifies.
    [[nodiscard]] SignatureAlgorithm algorithm() const { return m_algorithm; }
    // True only if signature is a valid DER signature of data under this key.
    [[nodiscard]] bool verify(QByteArrayView data, QByteArrayView signature) const;
    // Digest of the DER SubjectPublicKeyInfo, identifying the key.
    [[nodiscard]] QByteArray fingerprint(HashAlgorithm algorithm = HashAlgorithm::Sm3) const;

    // Same key material.
    [[nodiscard]] bool operator==(const PublicKey& other) const;

private:
    friend class KeyPair;
    PublicKey(detail::PkeyPtr key, SignatureAlgorithm algorithm);

    detail::PkeyPtr m_key;
    SignatureAlgorithm m_algorithm;
};

// A private key with its public half; signs data. Copies share the OpenSSL object.
class KeyPair
{
public:
    // A fresh random key for the scheme.
    [[nodiscard]] static Result<KeyPair> generate(SignatureAlgorithm algorithm);
    // Reads an unencrypted private key PEM (PKCS#8 or traditional EC); the scheme follows the
    // key's type. Encrypted PEMs are refused rather than prompting on a terminal.
    [[nodiscard]] static Result<KeyPair> fromPrivatePem(QByteArrayView pem);

    KeyPair(const KeyPair& other);
    KeyPair& operator=(const KeyPair& other);
    KeyPair(KeyPair&& other) noexcept;
    KeyPair& operator=(KeyPair&& other) noexcept;
    ~KeyPair();

    // Unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"); protect it at rest yourself.
    [[nodiscard]] QByteArray privatePem() const;
    // The public half, holding no private material.
    [[nodiscard]] PublicKey publicKey() const;
    // The scheme this key signs with.
    [[nodiscard]] SignatureAlgorithm algorithm() const { return m_algorithm; }
    // DER signature of data: SM2 over SM3 with kSm2DefaultId, or ECDSA over SHA-256.
    [[nodiscard]] Result<QByteArray> sign(QByteArrayView data) const;

private:
    friend class Signer; // reads the private scalar for SM2 presigning
    KeyPair(detail::PkeyPtr key, SignatureAlgorithm algorithm);

    detail::PkeyPtr m_key;
    SignatureAlgorithm m_algorithm;
};

} // namespace fieldcase
