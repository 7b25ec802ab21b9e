// Signs events with the terminal key. For SM2 the costly, message-independent half of a
// signature (a random k and the x coordinate of k·G) is precomputed on a background thread, so
// signing an event costs one SM3 hash and a few modular operations (online/offline signing).
#pragma once

#include "core/crypto/keys.h"

#include <QByteArrayView>

#include <memory>

namespace fieldcase {

class Signer
{
public:
    // poolSize: how many SM2 nonces to keep ready (0 disables the worker; then every signature
    // is computed in full). ECDSA keys ignore it: OpenSSL's P-256 signing is already fast.
    explicit Signer(KeyPair key, int poolSize = 64);
    ~Signer();
    Signer(const Signer&) = delete;
    Signer& operator=(const Signer&) = delete;

    // DER signature of data, verifiable by PublicKey::verify (SM2: SM3 with kSm2DefaultId).
    // Thread-safe.
    [[nodiscard]] Result<QByteArray> sign(QByteArrayView data);
    [[nodiscard]] const KeyPair& key() const { return m_key; }

    // How many signatures used a precomputed nonce / had to compute one on the spot.
    [[nodiscard]] qint64 poolHits() const;
    [[nodiscard]] qint64 poolMisses() const;

private:
    struct Sm2;
    KeyPair m_key;
    std::unique_ptr<Sm2> m_sm2; // null for ECDSA or when SM2 setup failed (falls back to key)
};

} // namespace fieldcase
