#include "sync/client/enrolment.h"

#include "core/util/durablefile.h"
#include "sync/protocol/requestsigning.h"
#include "sync/protocol/x509.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

QString reasonOf(const HttpResponse& response)
{
    const QString reason = QJsonDocument::fromJson(response.body)
                               .object()
                               .value(QStringLiteral("reason"))
                               .toString();
    return reason.isEmpty() ? SyncText::tr("the centre answered %1").arg(response.status) : reason;
}

} // namespace

Result<SyncSettings> enrolTerminal(
    CaseStore& store, const EnrolmentRequest& request, const TransportFactory& makeTransport)
{
    const Actor installer {{request.installerId}, Role::Installer};
    auto who = store.officer(request.installerId);
    if (!who || !who->roles.contains(Role::Installer))
        return fail(ErrorCode::PermissionDenied,
            SyncText::tr("Only an installer registered on this terminal can enrol it"));
    const QString dirPath = SyncSettings::directory(store.options().directory);
    const QDir dir(dirPath);
    if (!QDir().mkpath(dirPath))
        return fail(ErrorCode::Io, SyncText::tr("Cannot create the sync folder"), dirPath);

    QFile ca(request.centreCaFile);
    if (!ca.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, SyncText::tr("The centre's CA certificate cannot be read"),
            request.centreCaFile);
    const QByteArray caPem = ca.readAll();
    if (!inspectCertificate(caPem))
        return fail(ErrorCode::InvalidArgument,
            SyncText::tr("The centre's CA file is not a PEM certificate"), request.centreCaFile);
    FC_TRY(writeFileDurably(dir.filePath(QStringLiteral("centre-ca.pem")), caPem, 0644));

    // The key and request are kept until the certificate arrives: a retry after a lost answer
    // sends the same request, which the centre recognises.
    const QString keyPath = dir.filePath(QStringLiteral("client.key"));
    const QString csrPath = dir.filePath(QStringLiteral("client.csr"));
    QByteArray csr;
    if (QFile csrFile(csrPath); QFile::exists(keyPath) && csrFile.open(QIODevice::ReadOnly)) {
        csr = csrFile.readAll();
    } else {
        auto made = makeTlsKeyAndRequest(store.terminalId());
        if (!made)
            return fail(std::move(made.error()));
        FC_TRY(writeFileDurably(keyPath, made->keyPem, 0600));
        FC_TRY(writeFileDurably(csrPath, made->csrPem, 0644));
        csr = made->csrPem;
    }

    const QJsonObject body {{QStringLiteral("token"), request.token.trimmed()},
        {QStringLiteral("csr"), QString::fromUtf8(csr)},
        {QStringLiteral("signingKey"), QString::fromUtf8(store.terminalKey().publicKey().toPem())},
        {QStringLiteral("terminal"),
            QJsonObject {{QStringLiteral("id"), store.terminalId()},
                {QStringLiteral("kind"), request.kind}, {QStringLiteral("model"), request.model},
                {QStringLiteral("serial"), request.serial}}}};
    HttpRequest http {"POST", request.enrolUrl + QStringLiteral("/v1/enrol")};
    http.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const QByteArray path = QUrl(http.url).path(QUrl::FullyEncoded).toUtf8();
    auto signature = signRequest(
        store.terminalKey(), store.terminalId(), {"POST", path, http.body}, store.clock().nowMs());
    if (!signature)
        return fail(std::move(signature.error()));
    http.headers = {{kSignatureHeader, *signature}, {"Content-Type", "application/json"}};

    auto transport = makeTransport({dir.filePath(QStringLiteral("centre-ca.pem")), {}, {}});
    auto response = transport->send(http);
    if (!response)
        return fail(std::move(response.error()));
    if (response->status != 201 && response->status != 200)
        return fail(ErrorCode::Rejected,
            SyncText::tr("The centre refused the enrolment: %1").arg(reasonOf(*response)));
    const QJsonObject answer = QJsonDocument::fromJson(response->body).object();
    const QByteArray certificate = answer.value(QStringLiteral("certificate")).toString().toUtf8();
    auto info = inspectCertificate(certificate);
    if (!info || info->commonName != store.terminalId())
        return fail(ErrorCode::Rejected,
            SyncText::tr("The centre's answer holds no certificate for this terminal"));
    FC_TRY(writeFileDurably(dir.filePath(QStringLiteral("client.pem")), certificate, 0644));
    FC_TRY(writeFileDurably(dir.filePath(QStringLiteral("terminal-ca.pem")),
        answer.value(QStringLiteral("terminalCa")).toString().toUtf8(), 0644));

    for (const QJsonValue& v : answer.value(QStringLiteral("officers")).toArray()) {
        const QJsonObject o = v.toObject();
        Officer officer {o.value(QStringLiteral("id")).toString(),
            o.value(QStringLiteral("name")).toString(),
            o.value(QStringLiteral("certNo")).toString(),
            o.value(QStringLiteral("unit")).toString(), {}, true};
        for (const QJsonValue& r : o.value(QStringLiteral("roles")).toArray())
            if (auto role = roleFromName(r.toString()))
                officer.roles.append(*role);
        if (officer.id == request.installerId)
            continue; // the installer enrolling keeps their local record
        FC_TRY(store.registerOfficer(installer, officer));
    }

    SyncSettings settings;
    settings.centreUrl = request.centreUrl;
    settings.enrolUrl = request.enrolUrl;
    const QJsonObject unit = answer.value(QStringLiteral("unit")).toObject();
    settings.unitId = unit.value(QStringLiteral("id")).toString();
    settings.unitName = unit.value(QStringLiteral("name")).toString();
    settings.installerId = request.installerId;
    settings.certificateNotAfterMs = info->notAfterMs;
    FC_TRY(settings.save(store.options().directory));
    QFile::remove(csrPath);
    FC_TRY(store.audit().record(request.installerId, Role::Installer,
        QStringLiteral("sync.enrolled"), settings.centreUrl,
        QJsonObject {{QStringLiteral("unit"), settings.unitId},
            {QStringLiteral("certificateSerial"), info->serialHex}}));
    return SyncSettings::load(store.options().directory);
}

} // namespace fieldcase::sync
