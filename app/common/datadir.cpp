#include "app/common/datadir.h"

#include <QStandardPaths>

namespace fieldcase::app {

QString defaultDataDirectory()
{
    const QString env = qEnvironmentVariable("FIELDCASE_DATA");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace fieldcase::app
