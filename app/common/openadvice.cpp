#include "app/common/openadvice.h"

namespace fieldcase::app {

QString OpenAdvice::forError(const Error& error, const QString& dataDir)
{
    QString what;
    switch (error.code) {
    case ErrorCode::Corrupt:
        what
            = tr("The case database in %1 is damaged or is not a FieldCase database.").arg(dataDir);
        break;
    case ErrorCode::SchemaTooNew:
        what = tr("The case database in %1 was written by a newer version of FieldCase.")
                   .arg(dataDir);
        break;
    case ErrorCode::DiskFull:
        what
            = tr("There is not enough storage space to open the case database in %1.").arg(dataDir);
        break;
    default:
        what = tr("The case database in %1 could not be opened.").arg(dataDir);
    }
    QString todo;
    if (error.code == ErrorCode::SchemaTooNew)
        todo = tr("Install the newer FieldCase version on this terminal. This version will not "
                  "open or change the data.");
    else if (error.code == ErrorCode::DiskFull)
        todo
            = tr("Free some space (for example archive old evidence), then start FieldCase again.");
    else
        todo = tr("FieldCase has not changed the file. Do not delete it. Call county IT: they copy "
                  "the whole data folder, run \"fieldcase-admin db check\" on the copy and restore "
                  "the terminal from its report.");
    return what + QLatin1Char('\n') + todo + QLatin1Char('\n')
        + tr("Details: %1").arg(error.toString());
}

} // namespace fieldcase::app
