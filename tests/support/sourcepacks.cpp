#include "tests/support/sourcepacks.h"

#include <QFile>
#include <QJsonDocument>

namespace fieldcase::test {

QJsonObject readSourcePack(const char* name)
{
    QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        FAIL("cannot open resources/reference/" << name);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (!doc.isObject())
        FAIL(name << " is not a JSON object: " << error.errorString().toStdString());
    return doc.object();
}

QJsonObject readSourcePackContent(const char* name)
{
    return readSourcePack(name).value(QLatin1String("content")).toObject();
}

} // namespace fieldcase::test
