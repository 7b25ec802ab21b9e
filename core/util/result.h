// Errors as values: every fallible core operation returns Result<T>.
#pragma once

#include <QString>

#include <expected>
#include <utility>

namespace fieldcase {

// What went wrong, in a form callers can branch on; the message is for people.
enum class ErrorCode {
    Ok = 0,
    InvalidArgument, // bad input from a caller or user
    NotFound, // the thing named does not exist
    Conflict, // already exists / stale / would break a uniqueness rule
    PermissionDenied, // the acting officer's role may not do this
    Corrupt, // stored data fails an integrity check (hash, signature, quick_check)
    SchemaTooNew, // the database was written by a newer FieldCase
    Io, // a file or database write/read failed (disk full, I/O error)
    DiskFull, // ENOSPC / SQLITE_FULL, reported separately so the UI can say so
    Crypto, // an OpenSSL call failed
    Rejected, // an imported item was refused (chain gap, bad signature, ...)
    Internal, // a bug: an invariant did not hold
};

[[nodiscard]] const char* errorCodeName(ErrorCode code);

// An error value: code, a human-readable message and optional context (file, SQL, event id).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString context;

    [[nodiscard]] QString toString() const;
};

template<typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

[[nodiscard]] inline std::unexpected<Error> fail(
    ErrorCode code, QString message, QString context = {})
{
    return std::unexpected<Error>(Error {code, std::move(message), std::move(context)});
}

[[nodiscard]] inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected<Error>(std::move(error));
}

} // namespace fieldcase

// Propagate an error from an expression returning Result/Status; evaluates to nothing.
#define FC_TRY(expr)                                                                               \
    do {                                                                                           \
        if (auto fcTryResult_ = (expr); !fcTryResult_)                                             \
            return ::fieldcase::fail(std::move(fcTryResult_.error()));                             \
    } while (false)
