#include "sync/transport/httptransport.h"

namespace fieldcase::sync {

namespace {

constexpr QLatin1StringView kFailurePrefix("failure=");

} // namespace

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

const char* transportFailureName(TransportFailure failure)
{
    switch (failure) {
    case TransportFailure::None:
        return "none";
    case TransportFailure::Unreachable:
        return "unreachable";
    case TransportFailure::Interrupted:
        return "interrupted";
    case TransportFailure::CentreNotTrusted:
        return "centre-not-trusted";
    case TransportFailure::ClientRejected:
        return "client-rejected";
    case TransportFailure::ResponseTooLarge:
        return "response-too-large";
    case TransportFailure::Local:
        return "local";
    case TransportFailure::Cancelled:
        return "cancelled";
    }
    return "none";
}

TransportFailure transportFailureOf(const Error& error)
{
    if (!error.context.startsWith(kFailurePrefix))
        return TransportFailure::None;
    const QString name = error.context.mid(kFailurePrefix.size()).section(u' ', 0, 0);
    for (const TransportFailure f : {TransportFailure::Unreachable, TransportFailure::Interrupted,
             TransportFailure::CentreNotTrusted, TransportFailure::ClientRejected,
             TransportFailure::ResponseTooLarge, TransportFailure::Local,
             TransportFailure::Cancelled}) {
        if (name == QLatin1String(transportFailureName(f)))
            return f;
    }
    return TransportFailure::None;
}

} // namespace fieldcase::sync
