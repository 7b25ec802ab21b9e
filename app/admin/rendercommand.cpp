// fieldcase-admin render: lays out a document template with JSON data and writes a PDF or an
// ESC/P-K byte stream, for installers (checking templates and printer calibration) and tests.
#include "app/admin/admin.h"
#include "forms/escp/escprenderer.h"
#include "forms/escp/printerprofile.h"
#include "forms/pdf/pdfrenderer.h"
#include "forms/template/template.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace fieldcase::admin {

namespace {
// A bare name refers to the bundled folder (forms/templates, forms/printers) of the build.
QString resolve(const QString& nameOrPath, const char* folder)
{
    if (QFileInfo::exists(nameOrPath))
        return nameOrPath;
    return QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/") + QLatin1String(folder) + QLatin1Char('/')
        + nameOrPath + QStringLiteral(".json");
}
} // namespace

int Admin::render(const QString& templateName, const QString& dataFile, const QString& format,
    const QString& outFile, const QString& printerProfile)
{
    if (templateName.isEmpty() || dataFile.isEmpty() || outFile.isEmpty()
        || (format != QLatin1String("pdf") && format != QLatin1String("escp"))) {
        m_err << tr("Usage: fieldcase-admin render --template NAME --doc-data FILE.json --format "
                    "pdf|escp --out FILE [--printer-profile NAME]")
              << Qt::endl;
        return 64;
    }
    auto tpl = forms::DocumentTemplate::fromFile(resolve(templateName, "templates"));
    if (!tpl)
        return reportError(tpl.error(), 1);
    QFile f(dataFile);
    if (!f.open(QIODevice::ReadOnly))
        return reportError(
            {ErrorCode::NotFound, tr("Cannot read %1").arg(dataFile), f.errorString()});
    QJsonParseError error;
    const QJsonDocument data = QJsonDocument::fromJson(f.readAll(), &error);
    if (!data.isObject())
        return reportError({ErrorCode::InvalidArgument, tr("The data file is not a JSON object"),
                               error.errorString()},
            64);
    auto laidOut = forms::layout(*tpl, data.object());
    if (!laidOut)
        return reportError(laidOut.error(), 1);
    if (format == QLatin1String("pdf")) {
        if (auto ok = forms::renderPdf(*laidOut, outFile); !ok)
            return reportError(ok.error());
    } else {
        auto profile = forms::PrinterProfile::fromFile(resolve(printerProfile, "printers"));
        if (!profile)
            return reportError(profile.error(), 1);
        auto stream = forms::renderEscp(*laidOut, *profile);
        if (!stream)
            return reportError(stream.error(), 1);
        QSaveFile out(outFile);
        if (!out.open(QIODevice::WriteOnly) || out.write(*stream) != stream->size()
            || !out.commit())
            return reportError(
                {ErrorCode::Io, tr("Cannot write %1").arg(outFile), out.errorString()});
    }
    m_out << tr("%1: %2 page(s) written to %3")
                 .arg(laidOut->title)
                 .arg(laidOut->pages.size())
                 .arg(outFile)
          << Qt::endl;
    return 0;
}

} // namespace fieldcase::admin
