#include "core/util/result.h"

namespace fieldcase {

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Ok:
        return "ok";
    case ErrorCode::InvalidArgument:
        return "invalid-argument";
    case ErrorCode::NotFound:
        return "not-found";
    case ErrorCode::Conflict:
        return "conflict";
    case ErrorCode::PermissionDenied:
        return "permission-denied";
    case ErrorCode::Corrupt:
        return "corrupt";
    case ErrorCode::SchemaTooNew:
        return "schema-too-new";
    case ErrorCode::Io:
        return "io";
    case ErrorCode::DiskFull:
        return "disk-full";
    case ErrorCode::Crypto:
        return "crypto";
    case ErrorCode::Rejected:
        return "rejected";
    case ErrorCode::Internal:
        return "internal";
    }
    return "unknown";
}

QString Error::toString() const
{
    QString s = QLatin1String(errorCodeName(code)) + QLatin1String(": ") + message;
    if (!context.isEmpty())
        s += QLatin1String(" [") + context + QLatin1Char(']');
    return s;
}

} // namespace fieldcase
