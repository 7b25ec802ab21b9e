#include "sync/protocol/x509.h"

#include "core/crypto/opensslutil.h"

#include <QCoreApplication>

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

using BioPtr = ossl::Bio;
using PkeyPtr = ossl::Pkey;
using ReqPtr = std::unique_ptr<X509_REQ, ossl::Free<&X509_REQ_free>>;
using X509Ptr = std::unique_ptr<X509, ossl::Free<&X509_free>>;

QByteArray drain(BIO* bio)
{
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(n));
}

qint64 asn1TimeMs(const ASN1_TIME* time)
{
    struct tm tm
    {
    };
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return 0;
    return qint64(timegm(&tm)) * 1000;
}

QString nameEntry(const X509_NAME* name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int n = ASN1_STRING_to_UTF8(&utf8, data);
    if (n < 0)
        return {};
    QString out = QString::fromUtf8(reinterpret_cast<const char*>(utf8), n);
    OPENSSL_free(utf8);
    return out;
}

} // namespace

Result<TlsKeyAndRequest> makeTlsKeyAndRequest(const QString& commonName)
{
    const auto failed = [] {
        return fail(ErrorCode::Crypto, SyncText::tr("Could not make the terminal's TLS key"));
    };
    PkeyPtr key(EVP_EC_gen("P-256"));
    ReqPtr req(X509_REQ_new());
    if (!key || !req)
        return failed();
    const QByteArray cn = commonName.toUtf8();
    X509_NAME* name = X509_REQ_get_subject_name(req.get());
    if (X509_REQ_set_version(req.get(), 0) != 1
        || X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
               reinterpret_cast<const unsigned char*>(cn.constData()), int(cn.size()), -1, 0)
            != 1
        || X509_REQ_set_pubkey(req.get(), key.get()) != 1
        || X509_REQ_sign(req.get(), key.get(), EVP_sha256()) <= 0)
        return failed();
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    BioPtr reqBio(BIO_new(BIO_s_mem()));
    if (!keyBio || !reqBio
        || PEM_write_bio_PKCS8PrivateKey(
               keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1
        || PEM_write_bio_X509_REQ(reqBio.get(), req.get()) != 1)
        return failed();
    return TlsKeyAndRequest {drain(keyBio.get()), drain(reqBio.get())};
}

Result<CertificateInfo> inspectCertificate(const QByteArray& pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert)
        return fail(ErrorCode::InvalidArgument, SyncText::tr("This is not a PEM certificate"));
    CertificateInfo info;
    info.commonName = nameEntry(X509_get_subject_name(cert.get()), NID_commonName);
    info.organisation = nameEntry(X509_get_subject_name(cert.get()), NID_organizationName);
    info.notBeforeMs = asn1TimeMs(X509_get0_notBefore(cert.get()));
    info.notAfterMs = asn1TimeMs(X509_get0_notAfter(cert.get()));
    if (BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr)) {
        char* hex = BN_bn2hex(bn);
        info.serialHex = QString::fromLatin1(hex).toLower();
        OPENSSL_free(hex);
        BN_free(bn);
    }
    return info;
}

} // namespace fieldcase::sync
