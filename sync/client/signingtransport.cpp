#include "sync/client/signingtransport.h"

#include "sync/protocol/requestsigning.h"

#include <QUrl>

namespace fieldcase::sync {

SigningTransport::SigningTransport(
    HttpTransport& inner, const KeyPair& key, QString terminalId, const Clock& clock)
    : m_inner(inner)
    , m_key(key)
    , m_terminalId(std::move(terminalId))
    , m_clock(clock)
{ }

Result<HttpResponse> SigningTransport::send(const HttpRequest& request)
{
    const QUrl url(request.url);
    QByteArray pathAndQuery = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        pathAndQuery += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    // A tus PATCH is signed without its body (body=unsigned): the centre writes those bytes as
    // they arrive, so it must know who sends them first. The tus checksum and the centre's final
    // SM3 check of the whole blob against the signed evidence record cover the bytes.
    const BodySigning signing
        = request.method == "PATCH" ? BodySigning::Unsigned : BodySigning::Signed;
    auto header = signRequest(m_key, m_terminalId, {request.method, pathAndQuery, request.body},
        m_clock.nowMs(), signing);
    if (!header)
        return fail(std::move(header.error()));
    HttpRequest signedRequest = request;
    signedRequest.headers.append({QByteArray(kSignatureHeader), *header});
    return m_inner.send(signedRequest);
}

} // namespace fieldcase::sync
