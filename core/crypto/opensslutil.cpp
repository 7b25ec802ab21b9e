#include "core/crypto/opensslutil.h"

#include <QStringList>

#include <openssl/err.h>

namespace fieldcase::ossl {

const EVP_MD* digest(HashAlgorithm algorithm)
{
    // Fetching walks the provider tables under a lock; fetch once and share the (immutable,
    // thread-safe) EVP_MD. The statics are destroyed before OpenSSL's own atexit cleanup because
    // the fetch itself registered that handler first.
    static const Md sm3(EVP_MD_fetch(nullptr, "SM3", nullptr));
    static const Md sha256(EVP_MD_fetch(nullptr, "SHA256", nullptr));
    switch (algorithm) {
    case HashAlgorithm::Sm3:
        return sm3.get();
    case HashAlgorithm::Sha256:
        return sha256.get();
    }
    return nullptr;
}

const char* digestName(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sm3:
        return "SM3";
    case HashAlgorithm::Sha256:
        return "SHA256";
    }
    return "";
}

QString takeErrors()
{
    QStringList parts;
    while (const unsigned long code = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        parts << QString::fromLatin1(buf);
    }
    return parts.join(QLatin1String("; "));
}

Error cryptoError(const QString& message)
{
    return Error {ErrorCode::Crypto, message, takeErrors()};
}

const unsigned char* bytes(QByteArrayView data)
{
    static const unsigned char empty = 0;
    return data.isNull() ? &empty : reinterpret_cast<const unsigned char*>(data.data());
}

Bio memBio(QByteArrayView data)
{
    return Bio(BIO_new_mem_buf(bytes(data), static_cast<int>(data.size())));
}

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return len > 0 ? QByteArray(data, len) : QByteArray();
}

} // namespace fieldcase::ossl
