#include "sync/client/syncsettings.h"

#include "core/util/durablefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

} // namespace

QString SyncSettings::directory(const QString& storeDirectory)
{
    return QDir(storeDirectory).filePath(QStringLiteral("sync"));
}

Result<SyncSettings> SyncSettings::load(const QString& storeDirectory)
{
    const QString path = QDir(directory(storeDirectory)).filePath(QStringLiteral("settings.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound,
            SyncText::tr("This terminal is not enrolled with a centre yet"), path);
    QJsonParseError error {};
    const QJsonObject o = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::Corrupt, SyncText::tr("The sync settings are damaged"), path);
    const QDir dir(directory(storeDirectory));
    SyncSettings s;
    s.centreUrl = o.value(QStringLiteral("centreUrl")).toString();
    s.enrolUrl = o.value(QStringLiteral("enrolUrl")).toString();
    s.unitId = o.value(QStringLiteral("unitId")).toString();
    s.unitName = o.value(QStringLiteral("unitName")).toString();
    s.installerId = o.value(QStringLiteral("installerId")).toString();
    s.tls = {dir.filePath(QStringLiteral("centre-ca.pem")),
        dir.filePath(QStringLiteral("client.pem")), dir.filePath(QStringLiteral("client.key"))};
    s.terminalCaFile = dir.filePath(QStringLiteral("terminal-ca.pem"));
    s.certificateNotAfterMs = o.value(QStringLiteral("certificateNotAfter")).toInteger();
    s.eventBatch = o.value(QStringLiteral("eventBatch")).toInt(s.eventBatch);
    s.maxBatchBytes = o.value(QStringLiteral("maxBatchBytes")).toInteger(s.maxBatchBytes);
    s.numbersLowWater = o.value(QStringLiteral("numbersLowWater")).toInt(s.numbersLowWater);
    s.mediaOnMeteredLinks = o.value(QStringLiteral("mediaOnMeteredLinks")).toBool();
    return s;
}

Status SyncSettings::save(const QString& storeDirectory) const
{
    const QJsonObject o {{QStringLiteral("centreUrl"), centreUrl},
        {QStringLiteral("enrolUrl"), enrolUrl}, {QStringLiteral("unitId"), unitId},
        {QStringLiteral("unitName"), unitName}, {QStringLiteral("installerId"), installerId},
        {QStringLiteral("certificateNotAfter"), certificateNotAfterMs},
        {QStringLiteral("eventBatch"), eventBatch},
        {QStringLiteral("maxBatchBytes"), maxBatchBytes},
        {QStringLiteral("numbersLowWater"), numbersLowWater},
        {QStringLiteral("mediaOnMeteredLinks"), mediaOnMeteredLinks}};
    const QString dir = directory(storeDirectory);
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::Io, SyncText::tr("Cannot create the sync folder"), dir);
    return writeFileDurably(QDir(dir).filePath(QStringLiteral("settings.json")),
        QJsonDocument(o).toJson(QJsonDocument::Indented));
}

} // namespace fieldcase::sync
