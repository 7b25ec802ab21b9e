// Printing through a real, isolated cupsd: an ESC/P-K stream reaches a raw socket printer byte for
// byte; a PDF goes through a CUPS PDF queue and its text arrives; a scheduler that dies mid-job
// leaves the job "unknown", never "printed".
#include "devices/printer/cupsjob.h"
#include "forms/escp/escprenderer.h"
#include "forms/escp/printerprofile.h"
#include "forms/pdf/pdfrenderer.h"
#include "forms/template/template.h"
#include "tests/support/cupsharness.h"

#include <QFile>
#include <QJsonDocument>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QThread>

#include <catch2/catch.hpp>

using namespace fieldcase;

namespace {
QByteArray waitForFile(const QString& path, qint64 minSize, int timeoutMs = 15000)
{
    for (int waited = 0; waited < timeoutMs; waited += 100) {
        QFile f(path);
        if (f.exists() && f.size() >= minSize && f.open(QIODevice::ReadOnly))
            return f.readAll();
        QThread::msleep(100);
    }
    return {};
}
// The 当场行政处罚决定书 laid out with its sample data, as the terminal issues it.
forms::LaidOutDocument decision()
{
    auto tpl = forms::DocumentTemplate::fromFile(
        QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/templates/dangchang-chufa-jueding.json"));
    REQUIRE(tpl);
    QFile f(QStringLiteral(
        FIELDCASE_SOURCE_DIR "/forms/templates/samples/dangchang-chufa-jueding.sample.json"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    auto laidOut = forms::layout(*tpl, QJsonDocument::fromJson(f.readAll()).object());
    REQUIRE(laidOut);
    return *laidOut;
}
} // namespace

TEST_CASE("An ESC/P-K stream reaches a raw CUPS printer byte for byte", "[cups][printing]")
{
    test::CupsHarness cups;
    INFO(cups.error().toStdString());
    REQUIRE(cups.started());
    auto profile = forms::PrinterProfile::fromFile(
        QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/printers/epson-lq630k.json"));
    REQUIRE(profile);
    auto rendered = forms::renderEscp(decision(), *profile);
    REQUIRE(rendered);
    const QByteArray stream = *rendered;
    REQUIRE(stream.size() > 1000);
    auto outcome = devices::printThroughCups({cups.server(), QStringLiteral("raw9100"), stream,
        QStringLiteral("application/vnd.cups-raw"), QStringLiteral("alignment"), 30000});
    REQUIRE(outcome);
    INFO(outcome->detail.toStdString());
    CHECK(outcome->result == PrintResult::Printed);
    const QByteArray received = waitForFile(cups.sinkFile(), stream.size());
    CHECK(received == stream);
}

TEST_CASE("A PDF goes through a CUPS PDF queue and its text arrives", "[cups][printing]")
{
    test::CupsHarness cups;
    INFO(cups.error().toStdString());
    REQUIRE(cups.started());
    const QString pdfPath = QStringLiteral(FIELDCASE_BINARY_DIR "/cups-test.pdf");
    REQUIRE(forms::renderPdf(decision(), pdfPath));
    QFile in(pdfPath);
    REQUIRE(in.open(QIODevice::ReadOnly));
    auto outcome = devices::printThroughCups({cups.server(), QStringLiteral("pdffile"),
        in.readAll(), QStringLiteral("application/pdf"), QStringLiteral("decision"), 60000});
    REQUIRE(outcome);
    INFO(outcome->detail.toStdString());
    CHECK(outcome->result == PrintResult::Printed);
    REQUIRE_FALSE(waitForFile(cups.pdfFile(), 100).isEmpty());
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {cups.pdfFile(), QStringLiteral("-")});
    REQUIRE(text.waitForFinished(20000));
    // Qt's PDF text layer maps some glyphs to Kangxi radicals (⽰ for 示); NFKC maps them back.
    const QString extracted
        = QString::fromUtf8(text.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
    CHECK(extracted.contains(QStringLiteral("示交罚〔2026〕00001号")));
    CHECK(extracted.contains(QStringLiteral("申请行政复议")));
    CHECK(extracted.contains(QStringLiteral("当场行政处罚决定书"))); // NFKC folds the radical forms
}

TEST_CASE("A job whose scheduler dies mid-job is unknown, never printed", "[cups][printing]")
{
    test::CupsHarness cups;
    INFO(cups.error().toStdString());
    REQUIRE(cups.started());
    // "deadraw" points at a port nobody listens on: the job stays pending while CUPS retries.
    QThread* killer = QThread::create([&cups] {
        QThread::msleep(1500);
        cups.stopScheduler();
    });
    killer->start();
    auto outcome
        = devices::printThroughCups({cups.server(), QStringLiteral("deadraw"), QByteArray(500, 'x'),
            QStringLiteral("application/vnd.cups-raw"), QStringLiteral("lost"), 8000});
    killer->wait();
    delete killer;
    REQUIRE(outcome);
    INFO(outcome->detail.toStdString());
    CHECK(outcome->result == PrintResult::Unknown);
}

TEST_CASE("An unreachable print service is an error, not a print", "[cups][printing]")
{
    auto outcome = devices::printThroughCups(
        {QStringLiteral("/nonexistent/cups.sock"), QStringLiteral("raw9100"), QByteArray("x"),
            QStringLiteral("application/vnd.cups-raw"), QStringLiteral("x"), 2000});
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().code == ErrorCode::Io);
}
