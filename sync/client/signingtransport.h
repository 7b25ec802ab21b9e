// A transport that signs every request with the terminal's key (FieldCase-Signature over method,
// path, time, nonce, terminal and the body's SM3; a tus PATCH without its body, see send())
// before handing it to the real transport. The sync client and its tus uploads go through it, so
// no request leaves unsigned.
#pragma once

#include "core/crypto/keys.h"
#include "core/util/clock.h"
#include "sync/transport/httptransport.h"

namespace fieldcase::sync {

class SigningTransport : public HttpTransport
{
public:
    // All references must outlive the transport.
    SigningTransport(
        HttpTransport& inner, const KeyPair& key, QString terminalId, const Clock& clock);
    [[nodiscard]] Result<HttpResponse> send(const HttpRequest& request) override;

private:
    HttpTransport& m_inner;
    const KeyPair& m_key;
    QString m_terminalId;
    const Clock& m_clock;
};

} // namespace fieldcase::sync
