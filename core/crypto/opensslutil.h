// RAII owners for OpenSSL objects and error-queue helpers: internal to core/crypto, and used by
// sync's X.509 enrolment code (the only other place that calls OpenSSL directly).
#pragma once

#include "core/crypto/hash.h"
#include "core/util/result.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>

namespace fieldcase {

// Translation context for the user-visible messages of core/crypto.
class CryptoText
{
    Q_DECLARE_TR_FUNCTIONS(fieldcase::CryptoText)
};

} // namespace fieldcase

namespace fieldcase::ossl {

// Deleter calling an OpenSSL *_free function, so every object lives in a std::unique_ptr.
template<auto FreeFn>
struct Free
{
    template<typename T>
    void operator()(T* p) const noexcept
    {
        FreeFn(p);
    }
};

using MdCtx = std::unique_ptr<EVP_MD_CTX, Free<&EVP_MD_CTX_free>>;
using Md = std::unique_ptr<EVP_MD, Free<&EVP_MD_free>>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, Free<&EVP_MAC_CTX_free>>;
using Mac = std::unique_ptr<EVP_MAC, Free<&EVP_MAC_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Free<&EVP_CIPHER_CTX_free>>;
using Cipher = std::unique_ptr<EVP_CIPHER, Free<&EVP_CIPHER_free>>;
using Pkey = std::unique_ptr<EVP_PKEY, Free<&EVP_PKEY_free>>;
using Bio = std::unique_ptr<BIO, Free<&BIO_free_all>>;

// The digest for an algorithm, fetched once per process; null if the provider lacks it.
[[nodiscard]] const EVP_MD* digest(HashAlgorithm algorithm);

// OpenSSL's name for a digest ("SM3", "SHA256"), as the *_ex init functions take it.
[[nodiscard]] const char* digestName(HashAlgorithm algorithm);

// Drains this thread's OpenSSL error queue into one line (empty if nothing was queued).
[[nodiscard]] QString takeErrors();

// A Crypto error for a failed OpenSSL call; the drained error queue becomes the context.
[[nodiscard]] Error cryptoError(const QString& message);

// Unsigned byte pointer for OpenSSL; never null, because some EVP calls reject (nullptr, 0).
[[nodiscard]] const unsigned char* bytes(QByteArrayView data);

// A read-only memory BIO over data (which must outlive the BIO).
[[nodiscard]] Bio memBio(QByteArrayView data);

// Everything written to a memory BIO so far.
[[nodiscard]] QByteArray bioContents(BIO* bio);

} // namespace fieldcase::ossl
