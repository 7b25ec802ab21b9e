// HttpTransport over libcurl with mutual TLS and a pinned CA.
#pragma once

#include "sync/transport/httptransport.h"

#include <atomic>
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

    // While *flag is true, a request in progress stops within about a second (libcurl's progress
    // callback) and fails as interrupted; so does any later one. The flag must outlive the
    // transport; nullptr: never cancelled. Lets an app that is closing join its sync thread
    // at once instead of after a long tus chunk.
    void setCancelFlag(const std::atomic<bool>* flag);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace fieldcase::sync
