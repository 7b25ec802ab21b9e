// fieldcase-admin render: lays out a document template with JSON data and writes a PDF or an
// ESC/P-K byte stream, for installers (checking templates and printer calibration) and tests.
#include "app/admin/admin.h"
#include "forms/escp/escprenderer.h"
#include "forms/escp/printerprofile.h"
#include "forms/issue/documentissuer.h"
#include "forms/pdf/pdfrenderer.h"
#include "forms/template/template.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>

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

int Admin::verifyDocument(const QString& file, bool json)
{
    if (const int rc = openStore(); rc != 0)
        return rc;
    QImage image;
    if (file.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        // PDFs are rasterised with poppler's pdftoppm (first page, 200 dpi).
        QTemporaryDir temp;
        const QString prefix = temp.filePath(QStringLiteral("page"));
        if (QProcess::execute(QStringLiteral("pdftoppm"),
                {QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-f"),
                    QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"),
                    QStringLiteral("-png"), file, prefix})
            != 0)
            return reportError({ErrorCode::Io, tr("Cannot rasterise %1 (pdftoppm)").arg(file), {}});
        const QStringList pages = QDir(temp.path()).entryList({QStringLiteral("page*.png")});
        if (!pages.isEmpty())
            image.load(temp.filePath(pages.first()));
    } else {
        image.load(file);
    }
    if (image.isNull())
        return reportError(
            {ErrorCode::InvalidArgument, tr("%1 is not a readable image or PDF").arg(file), {}},
            64);
    auto v = forms::verifyDocumentImage(*m_store, image);
    if (!v)
        return reportError(v.error(), 1);
    const QString status = forms::verifyStatusName(v->status);
    (void)m_store->audit().record({}, std::nullopt, QStringLiteral("document.verified"),
        v->claim.number, {{QLatin1String("status"), status}});
    if (json)
        printJson({{QLatin1String("status"), status}, {QLatin1String("number"), v->claim.number},
            {QLatin1String("caseId"), v->claim.caseId},
            {QLatin1String("contentHash"), v->claim.contentHash},
            {QLatin1String("detail"), v->detail}});
    else
        m_out << v->claim.number << ": " << status << " — " << v->detail << Qt::endl;
    return v->status == forms::VerifyStatus::Valid ? 0 : 1;
}

} // namespace fieldcase::admin
