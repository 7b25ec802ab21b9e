#include "sync/centre/tusendpoint.h"

namespace fieldcase::sync {

TusEndpoint::TusEndpoint(Options options, Authenticator authenticate, CompletionHook complete)
    : m_options(std::move(options))
    , m_authenticate(std::move(authenticate))
    , m_complete(std::move(complete))
{
}

void TusEndpoint::install(QHttpServer& server)
{
    Q_UNUSED(server); // routes come next
}

} // namespace fieldcase::sync
