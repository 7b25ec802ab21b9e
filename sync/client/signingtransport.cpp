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
    auto header = signRequest(
        m_key, m_terminalId, {request.method, pathAndQuery, request.body}, m_clock.nowMs());
    if (!header)
        return fail(std::move(header.error()));
    HttpRequest signedRequest = request;
    signedRequest.headers.append({QByteArray(kSignatureHeader), *header});
    return m_inner.send(signedRequest);
}

} // namespace fieldcase::sync
