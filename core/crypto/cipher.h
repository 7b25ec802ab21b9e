// Authenticated streaming encryption for evidence at rest, and seal/open for wrapping keys.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>

namespace fieldcase {

// Authenticated cipher suites. OpenSSL 3.0 has no SM4-GCM, so the SM suite is SM4-CTR with
// HMAC-SM3 over (iv || ciphertext), encrypt-then-MAC. That tag does not cover the SM4 half of the
// key: a wrong SM4 key with the right MAC key decrypts to garbage without a tag error.
enum class CipherSuite { Aes256Gcm, Sm4CtrHmacSm3 };

// Stable name stored in manifests: "aes-256-gcm" or "sm4-ctr-hmac-sm3".
[[nodiscard]] QString cipherSuiteName(CipherSuite suite);
// Parses a name written by cipherSuiteName; nullopt for anything else.
[[nodiscard]] std::optional<CipherSuite> cipherSuiteFromName(QStringView name);
// Key bytes: 32 for AES-256-GCM; 48 for SM4 (16-byte SM4 key followed by a 32-byte HMAC key).
[[nodiscard]] int cipherKeyLength(CipherSuite suite);
// IV bytes: 12 for GCM, 16 (the initial counter block) for SM4-CTR.
[[nodiscard]] int cipherIvLength(CipherSuite suite);
// Tag bytes: 16 for GCM, 32 for HMAC-SM3.
[[nodiscard]] int cipherTagLength(CipherSuite suite);
// Most plaintext one key/iv may encrypt (GCM's 2^32-2 blocks; unlimited for SM4-CTR).
[[nodiscard]] qint64 cipherMaxMessageLength(CipherSuite suite);

namespace detail {
class CipherStream;
} // namespace detail

// Encrypts a stream chunk by chunk; finish() yields the tag. Never reuse a key/iv pair.
class StreamEncryptor
{
public:
    // key and iv must have exactly cipherKeyLength/cipherIvLength bytes.
    [[nodiscard]] static Result<StreamEncryptor> create(
        CipherSuite suite, QByteArray key, QByteArray iv);
    StreamEncryptor(StreamEncryptor&& other) noexcept;
    StreamEncryptor& operator=(StreamEncryptor&& other) noexcept;
    ~StreamEncryptor();

    // Ciphertext for this plaintext chunk (same length: both suites are stream modes).
    [[nodiscard]] Result<QByteArray> update(QByteArrayView plaintext);
    // Ends the stream and returns the authentication tag; no update() afterwards.
    [[nodiscard]] Result<QByteArray> finish();

private:
    explicit StreamEncryptor(std::unique_ptr<detail::CipherStream> d);
    std::unique_ptr<detail::CipherStream> d;
};

// Decrypts a stream chunk by chunk. The plaintext update() returns is UNAUTHENTICATED: callers
// must not act on it, or keep it, until finish() has accepted the tag.
class StreamDecryptor
{
public:
    // key and iv must have exactly cipherKeyLength/cipherIvLength bytes.
    [[nodiscard]] static Result<StreamDecryptor> create(
        CipherSuite suite, QByteArray key, QByteArray iv);
    StreamDecryptor(StreamDecryptor&& other) noexcept;
    StreamDecryptor& operator=(StreamDecryptor&& other) noexcept;
    ~StreamDecryptor();

    // Plaintext for this ciphertext chunk, not yet authenticated.
    [[nodiscard]] Result<QByteArray> update(QByteArrayView ciphertext);
    // Checks the tag in constant time; ErrorCode::Corrupt if the data or tag was altered.
    [[nodiscard]] Status finish(QByteArrayView tag);

private:
    explicit StreamDecryptor(std::unique_ptr<detail::CipherStream> d);
    std::unique_ptr<detail::CipherStream> d;
};

// Encrypts a small message (e.g. a per-file key under a key-encryption key) with a random iv;
// returns iv || ciphertext || tag.
[[nodiscard]] Result<QByteArray> seal(
    CipherSuite suite, QByteArrayView key, QByteArrayView plaintext);
// Reverses seal(); ErrorCode::Corrupt if sealed was altered, truncated or made with another key.
[[nodiscard]] Result<QByteArray> open(CipherSuite suite, QByteArrayView key, QByteArrayView sealed);

} // namespace fieldcase
