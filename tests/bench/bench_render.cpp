// Scenario "render": template layout + PDF and layout + ESC/P-K for the 当场行政处罚决定书 (one
// page) and a 40-question 询问笔录 (three pages), p50/p99 and bytes per page.
#include "forms/escp/escprenderer.h"
#include "forms/escp/printerprofile.h"
#include "forms/pdf/pdfrenderer.h"
#include "forms/template/template.h"
#include "tests/bench/scenarios.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace fieldcase::bench {

namespace {
QJsonObject readJson(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}
} // namespace

int runRender(const BenchOptions& options)
{
    Report report(QStringLiteral("render"), options.quick);
    ScratchDir scratch(options);
    if (!report.check(scratch.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    const QString root = QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/");
    auto profile
        = forms::PrinterProfile::fromFile(root + QStringLiteral("printers/epson-lq630k.json"));
    if (!report.check(profile.has_value(), QStringLiteral("printer profile")))
        return report.finish();
    const int runs = options.quick ? 20 : 200;
    for (const QString& name :
        {QStringLiteral("dangchang-chufa-jueding"), QStringLiteral("xunwen-bilu")}) {
        auto tpl = forms::DocumentTemplate::fromFile(
            root + QStringLiteral("templates/") + name + QStringLiteral(".json"));
        const QJsonObject data = readJson(
            root + QStringLiteral("templates/samples/") + name + QStringLiteral(".sample.json"));
        if (!report.check(tpl.has_value(), QStringLiteral("template ") + name))
            return report.finish();
        Samples pdf, escp;
        qint64 pdfBytes = 0, escpBytes = 0;
        int pages = 0;
        const QString out = scratch.file(name + QStringLiteral(".pdf"));
        for (int i = 0; i < runs; ++i) {
            auto t0 = SteadyClock::now();
            auto laidOut = forms::layout(*tpl, data);
            const bool rendered = laidOut && forms::renderPdf(*laidOut, out).has_value();
            pdf.add(SteadyClock::now() - t0);
            if (!report.check(rendered, QStringLiteral("PDF render of ") + name))
                return report.finish();
            pages = int(laidOut->pages.size());
            pdfBytes = QFileInfo(out).size();
            t0 = SteadyClock::now();
            auto again = forms::layout(*tpl, data);
            auto stream = again ? forms::renderEscp(*again, *profile)
                                : Result<QByteArray>(fail(again.error()));
            escp.add(SteadyClock::now() - t0);
            if (!report.check(stream.has_value() && stream->startsWith("\x1b@"),
                    QStringLiteral("ESC/P render of ") + name))
                return report.finish();
            escpBytes = stream->size();
        }
        const QString label = name == QLatin1String("xunwen-bilu")
            ? QStringLiteral("询问笔录 (%1 pages)").arg(pages)
            : QStringLiteral("当场行政处罚决定书");
        const double escpP99 = escp.percentileUs(99) / 1000, pdfP99 = pdf.percentileUs(99) / 1000;
        report.addRow(
            {label + QStringLiteral(": layout + ESC/P-K p50"), escp.percentileUs(50) / 1000,
                QStringLiteral("ms"), std::nullopt, {}, std::nullopt, {}, {}, std::nullopt});
        report.addRow(
            {label + QStringLiteral(": layout + ESC/P-K p99"), escpP99, QStringLiteral("ms"),
                std::nullopt, {}, std::nullopt, {}, QStringLiteral("≤ 20 ms"), escpP99 <= 20});
        report.addRow({label + QStringLiteral(": layout + PDF p50"), pdf.percentileUs(50) / 1000,
            QStringLiteral("ms"), std::nullopt, {}, std::nullopt, {}, {}, std::nullopt});
        report.addRow({label + QStringLiteral(": layout + PDF p99"), pdfP99, QStringLiteral("ms"),
            std::nullopt, {}, std::nullopt, {}, QStringLiteral("≤ 150 ms"), pdfP99 <= 150});
        report.addRow({label + QStringLiteral(": bytes per page (ESC/P / PDF)"),
            double(escpBytes) / pages, QStringLiteral("B"), double(pdfBytes) / pages,
            QStringLiteral("PDF"), std::nullopt, {}, {}, std::nullopt});
    }
    return report.finish();
}

} // namespace fieldcase::bench
