#include "sync/protocol/requestsigning.h"

#include "core/crypto/hash.h"
#include "core/crypto/random.h"

#include <QCoreApplication>
#include <QMap>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

constexpr char kUnsignedPayload[] = "UNSIGNED-PAYLOAD";

// The body line is part of what is signed, so a body=unsigned signature stripped of that field
// (to pass it off as covering the body) no longer verifies.
QByteArray signedString(const SignedRequestParts& r, qint64 timeMs, const QByteArray& nonce,
    const QString& terminal, BodySigning body)
{
    return QByteArrayList {"fieldcase-request-v1", r.method.toUpper(), r.pathAndQuery,
        QByteArray::number(timeMs), nonce, terminal.toUtf8(),
        body == BodySigning::Unsigned ? QByteArray(kUnsignedPayload)
                                      : Hasher::hash(HashAlgorithm::Sm3, r.body).toHex()}
        .join('\n');
}

// "k=v, k=v" → map; values have no commas (base64 and hex do not).
QMap<QByteArray, QByteArray> fields(const QByteArray& header)
{
    QMap<QByteArray, QByteArray> out;
    for (const QByteArray& part : header.split(',')) {
        const qsizetype eq = part.indexOf('=');
        if (eq > 0)
            out.insert(part.left(eq).trimmed(), part.mid(eq + 1).trimmed());
    }
    return out;
}

Error refused(const QString& why)
{
    return Error {ErrorCode::PermissionDenied,
        SyncText::tr("The request signature is not valid: %1").arg(why), {}};
}

} // namespace

Result<QByteArray> signRequest(const KeyPair& key, const QString& terminalId,
    const SignedRequestParts& request, qint64 nowMs, BodySigning body)
{
    const QByteArray nonce = randomBytes(16).toHex();
    auto signature = key.sign(signedString(request, nowMs, nonce, terminalId, body));
    if (!signature)
        return fail(signature.error());
    return "terminal=" + terminalId.toUtf8() + ", time=" + QByteArray::number(nowMs)
        + ", nonce=" + nonce + ", alg=" + signatureAlgorithmName(key.algorithm()).toLatin1()
        + (body == BodySigning::Unsigned ? QByteArray(", body=unsigned") : QByteArray())
        + ", sig=" + signature->toBase64();
}

QString parseTerminalId(const QByteArray& header)
{
    return QString::fromUtf8(fields(header).value("terminal"));
}

bool claimsUnsignedBody(const QByteArray& header)
{
    return fields(header).value("body") == "unsigned";
}

Result<VerifiedSignature> verifyRequest(const QByteArray& header, const PublicKey& key,
    const SignedRequestParts& request, qint64 nowMs, qint64 windowMs)
{
    const auto f = fields(header);
    VerifiedSignature v;
    v.terminalId = QString::fromUtf8(f.value("terminal"));
    bool timeOk = false;
    v.timeMs = f.value("time").toLongLong(&timeOk);
    v.nonce = f.value("nonce");
    const QByteArray sig = QByteArray::fromBase64(f.value("sig"));
    if (v.terminalId.isEmpty() || !timeOk || v.nonce.size() < 16 || sig.isEmpty())
        return fail(refused(SyncText::tr("a field is missing")));
    if (f.value("alg") != signatureAlgorithmName(key.algorithm()).toLatin1())
        return fail(refused(SyncText::tr("not signed with the terminal's enrolled key type")));
    if (f.contains("body") && f.value("body") != "unsigned")
        return fail(refused(SyncText::tr("a field is malformed")));
    v.unsignedBody = f.value("body") == "unsigned";
    if (std::abs(nowMs - v.timeMs) > windowMs) {
        // Outside the window a captured request could be replayed; inside it the nonce cache
        // of the server catches a replay.
        return fail(refused(SyncText::tr("its time is %1 s away from the centre's clock")
                                .arg((nowMs - v.timeMs) / 1000)));
    }
    const BodySigning body = v.unsignedBody ? BodySigning::Unsigned : BodySigning::Signed;
    if (!key.verify(signedString(request, v.timeMs, v.nonce, v.terminalId, body), sig))
        return fail(refused(SyncText::tr("it does not match the request or the terminal's key")));
    return v;
}

} // namespace fieldcase::sync
