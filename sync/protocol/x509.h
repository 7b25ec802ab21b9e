// The X.509 pieces of enrolment: a terminal makes its TLS key and a certificate request (CSR);
// the centre's CA turns the request into the terminal's client certificate; both sides read a
// certificate's subject and validity for status screens. TLS keys are ECDSA P-256: TLS 1.3 stacks
// do not negotiate SM2 certificates, while event signatures stay SM2 (the terminal key).
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QString>

namespace fieldcase::sync {

struct TlsKeyAndRequest
{
    QByteArray keyPem; // PKCS#8, unencrypted: stored with owner-only permissions
    QByteArray csrPem;
};

// A fresh P-256 key and a CSR for it with CN = commonName, signed by that key.
[[nodiscard]] Result<TlsKeyAndRequest> makeTlsKeyAndRequest(const QString& commonName);

struct CertificateInfo
{
    QString commonName;
    QString organisation;
    qint64 notBeforeMs = 0;
    qint64 notAfterMs = 0;
    QString serialHex;
};

[[nodiscard]] Result<CertificateInfo> inspectCertificate(const QByteArray& pem);

} // namespace fieldcase::sync
