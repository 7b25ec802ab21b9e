// The centre's terminal CA: turns an enrolling terminal's certificate request into its TLS client
// certificate (CN = terminal id, O = unit), after checking the request is signed by the key it
// carries and that the key is P-256. The CA key never leaves the centre.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace fieldcase::sync {

class CertificateAuthority
{
public:
    // Reads the CA certificate and its private key (PEM files).
    [[nodiscard]] static Result<CertificateAuthority> load(
        const QString& certFile, const QString& keyFile);
    CertificateAuthority(CertificateAuthority&&) noexcept;
    CertificateAuthority& operator=(CertificateAuthority&&) noexcept;
    ~CertificateAuthority();

    // A client certificate for the request, valid from nowMs − 5 min for validDays.
    [[nodiscard]] Result<QByteArray> issue(const QByteArray& csrPem, const QString& terminalId,
        const QString& unitId, int validDays, qint64 nowMs) const;
    [[nodiscard]] QByteArray certificatePem() const;

private:
    struct Private;
    explicit CertificateAuthority(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace fieldcase::sync
