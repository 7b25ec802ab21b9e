// HttpTransport over libcurl with mutual TLS and a pinned CA.
#pragma once

#include "sync/transport/httptransport.h"

#include <memory>

namespace fieldcase::sync {

// One easy handle, reused between requests (keeps the TLS session and connection when the
// server allows). Not thread-safe: one transport per worker thread.
class CurlTransport final : public HttpTransport
{
public:
    explicit CurlTransport(TlsConfig tls);
    ~CurlTransport() override;

    [[nodiscard]] Result<HttpResponse> send(const HttpRequest& request) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace fieldcase::sync
