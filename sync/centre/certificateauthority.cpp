#include "sync/centre/certificateauthority.h"

#include "core/crypto/opensslutil.h"

#include <QCoreApplication>
#include <QFile>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

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
using NamePtr = std::unique_ptr<X509_NAME, ossl::Free<&X509_NAME_free>>;
using BnPtr = std::unique_ptr<BIGNUM, ossl::Free<&BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, ossl::Free<&X509_EXTENSION_free>>;

BioPtr memory(const QByteArray& data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), int(data.size())));
}

bool addName(X509_NAME* name, const char* field, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
               reinterpret_cast<const unsigned char*>(utf8.constData()), int(utf8.size()), -1, 0)
        == 1;
}

bool addExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value)
{
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

} // namespace

struct CertificateAuthority::Private
{
    X509Ptr cert;
    PkeyPtr key;
    QByteArray certPem;
};

CertificateAuthority::CertificateAuthority(std::unique_ptr<Private> p)
    : d(std::move(p))
{ }
CertificateAuthority::CertificateAuthority(CertificateAuthority&&) noexcept = default;
CertificateAuthority& CertificateAuthority::operator=(CertificateAuthority&&) noexcept = default;
CertificateAuthority::~CertificateAuthority() = default;

Result<CertificateAuthority> CertificateAuthority::load(
    const QString& certFile, const QString& keyFile)
{
    QFile certIn(certFile);
    QFile keyIn(keyFile);
    if (!certIn.open(QIODevice::ReadOnly) || !keyIn.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound,
            SyncText::tr("The terminal CA's certificate or key cannot be read"),
            certFile + QLatin1Char(' ') + keyFile);
    auto d = std::make_unique<Private>();
    d->certPem = certIn.readAll();
    const QByteArray keyPem = keyIn.readAll();
    auto certBio = memory(d->certPem);
    auto keyBio = memory(keyPem);
    d->cert.reset(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    d->key.reset(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!d->cert || !d->key || X509_check_private_key(d->cert.get(), d->key.get()) != 1)
        return fail(ErrorCode::Crypto,
            SyncText::tr("The terminal CA's certificate and key do not belong together"));
    return CertificateAuthority(std::move(d));
}

QByteArray CertificateAuthority::certificatePem() const
{
    return d->certPem;
}

Result<QByteArray> CertificateAuthority::issue(const QByteArray& csrPem, const QString& terminalId,
    const QString& unitId, int validDays, qint64 nowMs) const
{
    auto bio = memory(csrPem);
    ReqPtr req(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!req)
        return fail(
            ErrorCode::InvalidArgument, SyncText::tr("The certificate request is not a PEM CSR"));
    EVP_PKEY* requested = X509_REQ_get0_pubkey(req.get());
    // Proof of possession: the request is signed by the key it asks a certificate for.
    if (!requested || X509_REQ_verify(req.get(), requested) != 1)
        return fail(ErrorCode::InvalidArgument,
            SyncText::tr("The certificate request is not signed by its own key"));
    char group[64] = {};
    size_t groupLength = 0;
    if (!EVP_PKEY_is_a(requested, "EC")
        || EVP_PKEY_get_utf8_string_param(requested, "group", group, sizeof group, &groupLength)
            != 1
        || qstrcmp(group, "prime256v1") != 0)
        return fail(
            ErrorCode::InvalidArgument, SyncText::tr("The terminal's TLS key must be ECDSA P-256"));

    const auto failed = [] {
        return fail(ErrorCode::Crypto, SyncText::tr("Could not issue the terminal certificate"));
    };
    X509Ptr cert(X509_new());
    NamePtr subject(X509_NAME_new());
    BnPtr serial(BN_new());
    if (!cert || !subject || !serial)
        return failed();
    // 127 random bits: positive, unique without a counter shared between centre replicas.
    if (X509_set_version(cert.get(), 2) != 1
        || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return failed();
    if (!addName(subject.get(), "CN", terminalId)
        || (!unitId.isEmpty() && !addName(subject.get(), "O", unitId))
        || X509_set_subject_name(cert.get(), subject.get()) != 1
        || X509_set_issuer_name(cert.get(), X509_get_subject_name(d->cert.get())) != 1
        || X509_set_pubkey(cert.get(), requested) != 1)
        return failed();
    time_t now = time_t(nowMs / 1000);
    if (!X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, -300, &now)
        || !X509_time_adj_ex(X509_getm_notAfter(cert.get()), validDays, 0, &now))
        return failed();
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, d->cert.get(), cert.get(), nullptr, nullptr, 0);
    if (!addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature")
        || !addExtension(cert.get(), &ctx, NID_ext_key_usage, "clientAuth")
        || !addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash")
        || !addExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always"))
        return failed();
    if (X509_sign(cert.get(), d->key.get(), EVP_sha256()) <= 0)
        return failed();
    BioPtr out(BIO_new(BIO_s_mem()));
    if (!out || PEM_write_bio_X509(out.get(), cert.get()) != 1)
        return failed();
    char* data = nullptr;
    const long n = BIO_get_mem_data(out.get(), &data);
    return QByteArray(data, int(n));
}

} // namespace fieldcase::sync
