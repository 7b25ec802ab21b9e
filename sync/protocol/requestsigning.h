// Requests signed with the terminal's key, on top of mutual TLS: the centre can tie every request
// to an enrolled terminal even where its web server cannot see the TLS peer certificate (Qt
// HttpServer 6.4, stack.md §10), and a request replayed later or altered on the way (by a proxy
// that terminates TLS) is refused.
//
// Header: FieldCase-Signature: terminal=<id>, time=<unix ms>, nonce=<hex>, alg=<sm2-sm3|...>,
// [body=unsigned,] sig=<base64>. Signed string (UTF-8, "\n"-joined): "fieldcase-request-v1",
// method, path with query, time, nonce, terminal id, hex SM3 of the body, or the literal
// UNSIGNED-PAYLOAD when the header says body=unsigned (tus PATCH from a client that cannot hash the
// chunk it streams; the tus checksum and the centre's final hash check cover those bytes).
#pragma once

#include "core/crypto/keys.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QString>

namespace fieldcase::sync {

inline constexpr char kSignatureHeader[] = "FieldCase-Signature";

// The parts of a request that are signed.
struct SignedRequestParts
{
    QByteArray method; // "POST"
    QByteArray pathAndQuery; // "/v1/events?after=12"
    QByteArray body;
};

// Whether the body's hash is part of the signature.
enum class BodySigning {
    Signed, // SM3 of the body is signed (the default: every request of ours)
    Unsigned, // "body=unsigned": only method, path, time, nonce and terminal are signed
};

// The header value for a request signed now by this terminal. With BodySigning::Unsigned the
// request's body is ignored.
[[nodiscard]] Result<QByteArray> signRequest(const KeyPair& key, const QString& terminalId,
    const SignedRequestParts& request, qint64 nowMs, BodySigning body = BodySigning::Signed);

// What a valid header says.
struct VerifiedSignature
{
    QString terminalId;
    qint64 timeMs = 0;
    QByteArray nonce; // for the server's replay cache (unique per terminal within the window)
    bool unsignedBody = false; // body=unsigned: the caller decides whether that is acceptable
};

// Checks a header against the request and the terminal's enrolled public key (looked up by the
// caller from the terminal id, which parseTerminalId gives before verification). Refused with a
// reason: malformed, another terminal's key, a time more than windowMs from nowMs, or a signature
// that does not match the method, path, body or time. A valid body=unsigned signature is accepted
// here with unsignedBody set; refusing it where a body must be signed is the caller's decision.
[[nodiscard]] Result<VerifiedSignature> verifyRequest(const QByteArray& header,
    const PublicKey& key, const SignedRequestParts& request, qint64 nowMs,
    qint64 windowMs = 5 * 60 * 1000);

// The terminal id a header claims (unverified), to find its key.
[[nodiscard]] QString parseTerminalId(const QByteArray& header);
// Whether a header claims body=unsigned (unverified), for a server that must decide before the
// body arrives.
[[nodiscard]] bool claimsUnsignedBody(const QByteArray& header);

} // namespace fieldcase::sync
