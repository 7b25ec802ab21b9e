// Message digests (SM3, SHA-256) and HMAC, streaming and one-shot.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>

struct evp_md_ctx_st;
struct evp_mac_ctx_st;

namespace fieldcase {

// Digest algorithms used for content addresses, fingerprints and MACs.
enum class HashAlgorithm { Sm3, Sha256 };

// Stable lowercase name stored in manifests: "sm3" or "sha256".
[[nodiscard]] QString hashAlgorithmName(HashAlgorithm algorithm);
// Parses a name written by hashAlgorithmName; nullopt for anything else.
[[nodiscard]] std::optional<HashAlgorithm> hashAlgorithmFromName(QStringView name);
// Digest size in bytes (32 for both algorithms).
[[nodiscard]] int hashLength(HashAlgorithm algorithm);

namespace detail {
// Frees an EVP_MD_CTX; declared here so headers need no OpenSSL include.
struct MdCtxDeleter
{
    void operator()(evp_md_ctx_st* ctx) const noexcept;
};
// Frees an EVP_MAC_CTX.
struct MacCtxDeleter
{
    void operator()(evp_mac_ctx_st* ctx) const noexcept;
};
} // namespace detail

// Streaming digest; move-only. result() finishes the message and resets for the next one.
class Hasher
{
public:
    // Starts an empty message.
    explicit Hasher(HashAlgorithm algorithm);
    ~Hasher();
    Hasher(Hasher&& other) noexcept;
    Hasher& operator=(Hasher&& other) noexcept;
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;

    // The algorithm this hasher computes.
    [[nodiscard]] HashAlgorithm algorithm() const { return m_algorithm; }
    // Feeds more of the message.
    void addData(QByteArrayView data);
    // The raw digest of everything added since construction or the last result(); the hasher is
    // then reset and may be reused. Empty only if OpenSSL failed (logged to lcCrypto).
    [[nodiscard]] QByteArray result();

    // One-shot digest of data; empty only if OpenSSL failed.
    [[nodiscard]] static QByteArray hash(HashAlgorithm algorithm, QByteArrayView data);

private:
    HashAlgorithm m_algorithm;
    std::unique_ptr<evp_md_ctx_st, detail::MdCtxDeleter> m_ctx;
    bool m_failed = false;
};

// Streaming HMAC (EVP_MAC "HMAC"); move-only and single-use: result() may be called once.
class Hmac
{
public:
    // Starts an empty message under key (any length, empty allowed).
    Hmac(HashAlgorithm algorithm, QByteArrayView key);
    ~Hmac();
    Hmac(Hmac&& other) noexcept;
    Hmac& operator=(Hmac&& other) noexcept;
    Hmac(const Hmac&) = delete;
    Hmac& operator=(const Hmac&) = delete;

    // Feeds more of the message.
    void addData(QByteArrayView data);
    // The MAC of everything added; empty if OpenSSL failed or result() was already called.
    [[nodiscard]] QByteArray result();

private:
    std::unique_ptr<evp_mac_ctx_st, detail::MacCtxDeleter> m_ctx;
    bool m_failed = false;
};

// One-shot HMAC of data under key; empty only if OpenSSL failed.
[[nodiscard]] QByteArray hmac(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView data);

} // namespace fieldcase
