// ESC/P-K renderer: every item lands where the layout put it, replayed by an independent
// interpreter; calibration shifts; rare glyphs and QR codes become bit images; golden streams.
#include "forms/escp/escprenderer.h"
#include "tests/unit/forms/escp/escpinterpreter.h"

#include <QDir>
#include <QFile>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <catch2/catch.hpp>
#include <cmath>

using namespace fieldcase;
using namespace fieldcase::forms;
using namespace fieldcase::forms::test;

namespace {

constexpr double kDot = 25.4 / 180; // one printer dot in mm
constexpr double kCellMm = 24 * kDot; // resident glyph cell height

PrinterProfile genericProfile()
{
    auto profile = PrinterProfile::fromFile(
        QString::fromUtf8(FIELDCASE_SOURCE_DIR "/forms/printers/generic-escp2-24pin.json"));
    REQUIRE(profile);
    return *profile;
}

TextItem text(QRectF box, const QString& s, double sizePt = 12, Align align = Align::Left,
    const QString& source = {})
{
    TextItem t;
    t.boxMm = box;
    t.text = s;
    t.sizePt = sizePt;
    t.align = align;
    t.source = source;
    return t;
}

// Top of the character cell the renderer aims for: the cell is centred in the box.
double cellTop(const TextItem& t)
{
    return t.boxMm.center().y() - kCellMm / 2;
}

QImage checkerboard(int modules)
{
    QImage image(modules, modules, QImage::Format_Grayscale8);
    for (int y = 0; y < modules; ++y) {
        for (int x = 0; x < modules; ++x)
            image.scanLine(y)[x] = ((x + y) % 2) ? 255 : 0;
    }
    return image;
}

QImage qrImage(const QString& content)
{
    const auto writer = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                            .setEncoding(ZXing::CharacterSet::UTF8)
                            .setMargin(4);
    const ZXing::BitMatrix matrix = writer.encode(content.toStdString(), 0, 0);
    QImage image(matrix.width(), matrix.height(), QImage::Format_Grayscale8);
    for (int y = 0; y < matrix.height(); ++y) {
        for (int x = 0; x < matrix.width(); ++x)
            image.scanLine(y)[x] = matrix.get(x, y) ? 0 : 255;
    }
    return image;
}

EscpTrace renderAndInterpret(
    const LaidOutDocument& doc, const PrinterProfile& profile, const EscpOptions& options = {})
{
    const auto bytes = renderEscp(doc, profile, options);
    if (!bytes)
        FAIL(bytes.error().message.toStdString() << " / " << bytes.error().context.toStdString());
    EscpTrace trace = interpretEscp(*bytes);
    INFO(trace.dump().toStdString());
    CHECK(trace.errors.isEmpty());
    CHECK(trace.reverseMoves == 0);
    CHECK(trace.startsWithInit);
    CHECK(trace.endsWithFormFeed);
    CHECK(trace.formFeeds == doc.pages.size());
    return trace;
}

// The run whose decoded text equals s (the first one).
EscpTextRun runWithText(const EscpTrace& trace, const QString& s, int page = 0)
{
    for (const EscpTextRun& r : trace.textsOnPage(page)) {
        if (r.text == s)
            return r;
    }
    INFO(trace.dump().toStdString());
    FAIL("no text run \"" << s.toStdString() << "\" on page " << page);
    return {};
}

LaidOutDocument singlePage(Page page)
{
    LaidOutDocument doc;
    doc.templateId = QStringLiteral("test");
    doc.pages.append(std::move(page));
    return doc;
}

QString hexAround(const QByteArray& bytes, qsizetype at)
{
    const qsizetype from = std::max<qsizetype>(0, at - 8);
    return QString::fromLatin1(bytes.mid(from, 24).toHex(' '))
        + QStringLiteral(" (from offset %1)").arg(from);
}

// Golden comparison: on mismatch writes <name>.fail next to the golden and prints the first
// differing bytes; a missing golden is created (inspect the printed listing before keeping it).
void compareGolden(const QString& name, const QByteArray& actual)
{
    const QString path
        = QString::fromUtf8(FIELDCASE_SOURCE_DIR "/tests/unit/forms/escp/golden/") + name;
    QFile file(path);
    if (!file.exists()) {
        REQUIRE(QDir().mkpath(QFileInfo(path).absolutePath()));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(actual);
        file.close();
        WARN("created golden " << path.toStdString() << "; interpreter listing:\n"
                               << interpretEscp(actual).dump().toStdString());
        return;
    }
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray expected = file.readAll();
    const QString failPath = path + QStringLiteral(".fail");
    if (expected == actual) {
        QFile::remove(failPath);
        return;
    }
    QFile fail(failPath);
    REQUIRE(fail.open(QIODevice::WriteOnly));
    fail.write(actual);
    qsizetype at = 0;
    while (at < expected.size() && at < actual.size() && expected.at(at) == actual.at(at))
        ++at;
    FAIL("golden " << name.toStdString() << " differs at offset " << at << " (sizes "
                   << expected.size() << " vs " << actual.size()
                   << ")\n  expected: " << hexAround(expected, at).toStdString()
                   << "\n  actual:   " << hexAround(actual, at).toStdString() << "\n  wrote "
                   << failPath.toStdString());
}

// A realistic first page: header, labelled fields in Chinese and Latin, rules and a QR stand-in.
LaidOutDocument sampleDocument()
{
    LaidOutDocument doc;
    doc.templateId = QStringLiteral("sample");
    doc.templateVersion = QStringLiteral("1");
    Page p1;
    p1.texts.append(text(QRectF(20, 20, 170, 6), QStringLiteral("交通运输行政执法文书"), 12,
        Align::Center, QStringLiteral("title")));
    p1.texts.append(text(QRectF(20, 30, 80, 5), QStringLiteral("案号: 交执罚〔2024〕12号"), 10.5,
        Align::Left, QStringLiteral("caseNo")));
    p1.texts.append(text(QRectF(110, 30, 80, 5), QStringLiteral("车牌 京A12345"), 10.5,
        Align::Right, QStringLiteral("plate")));
    TextItem bold = text(QRectF(20, 40, 170, 5), QStringLiteral("当事人 Zhang San 张三"), 12);
    bold.bold = true;
    p1.texts.append(bold);
    p1.lines.append(LineItem {QPointF(20, 46), QPointF(190, 46), 0.3});
    p1.lines.append(LineItem {QPointF(20, 46), QPointF(20, 70), 0.3});
    p1.images.append(ImageItem {QRectF(160, 50, 20, 20), checkerboard(21), QStringLiteral("qr")});
    Page p2;
    p2.texts.append(text(QRectF(20, 20, 100, 5), QStringLiteral("第2页 Page 2"), 10.5));
    doc.pages = {p1, p2};
    return doc;
}

} // namespace

TEST_CASE("text runs land at their layout positions", "[escp]")
{
    const PrinterProfile profile = genericProfile();
    Page page;
    page.texts.append(text(QRectF(25, 30, 100, 6), QStringLiteral("行政处罚决定书")));
    page.texts.append(text(QRectF(25, 40, 100, 6), QStringLiteral("Plate ABC-123"), 10.5));
    page.texts.append(text(QRectF(137.3, 61.7, 40, 5), QStringLiteral("罚款200元"), 10.5));
    const EscpTrace trace = renderAndInterpret(singlePage(page), profile);

    const EscpTextRun cjk = runWithText(trace, QStringLiteral("行政处罚决定书"));
    CHECK(cjk.chinese);
    CHECK(cjk.xMm == Approx(25).margin(0.5));
    CHECK(cjk.yMm == Approx(cellTop(page.texts[0])).margin(0.5));

    const EscpTextRun latin = runWithText(trace, QStringLiteral("Plate ABC-123"));
    CHECK_FALSE(latin.chinese);
    CHECK(latin.cpi == 12); // 10.5 pt maps to 12 cpi
    CHECK(latin.xMm == Approx(25).margin(0.5));
    CHECK(latin.yMm == Approx(cellTop(page.texts[1])).margin(0.5));

    // Mixed line: runs follow each other at the printer's advance widths.
    const PitchSetting& pitch = profile.pitchFor(10.5);
    const EscpTextRun fa = runWithText(trace, QStringLiteral("罚款"));
    const EscpTextRun num = runWithText(trace, QStringLiteral("200"));
    const EscpTextRun yuan = runWithText(trace, QStringLiteral("元"));
    CHECK(fa.xMm == Approx(137.3).margin(0.5));
    CHECK(num.xMm == Approx(137.3 + 2 * pitch.cjkDots * kDot).margin(0.5));
    CHECK(yuan.xMm == Approx(137.3 + (2 * pitch.cjkDots + 3 * pitch.latinDots) * kDot).margin(0.5));
    for (const auto& r : {fa, num, yuan})
        CHECK(r.yMm == Approx(cellTop(page.texts[2])).margin(0.5));
    CHECK(trace.pageLengthUnits == QList<int> {2105}); // 297 mm at 1/180 inch
}

TEST_CASE("alignment uses the printer's character widths", "[escp]")
{
    const PrinterProfile profile = genericProfile();
    const PitchSetting& pitch = profile.pitchFor(12);
    const QString s = QStringLiteral("AB中文");
    const double widthMm = (2 * pitch.latinDots + 2 * pitch.cjkDots) * kDot;
    const QRectF box(30, 50, 120, 6);
    for (const Align align : {Align::Left, Align::Center, Align::Right}) {
        Page page;
        page.texts.append(text(box, s, 12, align));
        const EscpTrace trace = renderAndInterpret(singlePage(page), profile);
        const EscpTextRun first = runWithText(trace, QStringLiteral("AB"));
        const EscpTextRun second = runWithText(trace, QStringLiteral("中文"));
        const double expected = align == Align::Left ? box.left()
            : align == Align::Center                 ? box.center().x() - widthMm / 2
                                                     : box.right() - widthMm;
        INFO("align " << int(align));
        CHECK(first.xMm == Approx(expected).margin(0.5));
        CHECK(second.xMm == Approx(expected + 2 * pitch.latinDots * kDot).margin(0.5));
    }
}

TEST_CASE("every page gets its length and ends with a form feed", "[escp]")
{
    const PrinterProfile profile = genericProfile();
    LaidOutDocument doc = sampleDocument();
    doc.pages[1].sizeMm = QSizeF(241, 280); // continuous form, 11 inch
    const auto bytes = renderEscp(doc, profile);
    REQUIRE(bytes);
    CHECK(bytes->startsWith("\x1b@"));
    const EscpTrace trace = renderAndInterpret(doc, profile);
    CHECK(trace.inits == 1);
    CHECK(trace.pageLengthUnits == QList<int> {2105, 1984});
    CHECK(trace.textsOnPage(1).size() == 4); // 第 / 2 / 页 / " Page 2"
    CHECK(
        runWithText(trace, QStringLiteral("第"), 1).yMm == Approx(22.5 - kCellMm / 2).margin(0.5));
    // Each page ends with FF: the byte before every ESC ( C after the first is an FF.
    qsizetype at = bytes->indexOf("\x1b(C", 0);
    at = bytes->indexOf("\x1b(C", at + 1);
    REQUIRE(at > 0);
    CHECK(bytes->at(at - 1) == '\x0c');
}

TEST_CASE("QR images print as 24-dot bands that still scan", "[escp]")
{
    const PrinterProfile profile = genericProfile();
    const QString content = QStringLiteral("FC-2024-000123|罚款200元");
    Page page;
    page.images.append(
        ImageItem {QRectF(140, 220, 30, 30), qrImage(content), QStringLiteral("qr")});
    page.texts.append(
        text(QRectF(140, 252, 30, 5), QStringLiteral("扫码核验"), 10.5, Align::Center));
    const EscpTrace trace = renderAndInterpret(singlePage(page), profile);
    REQUIRE_FALSE(trace.images.isEmpty());
    for (const EscpBitImage& b : trace.images)
        CHECK(b.mode == 39);
    // Bands stack every 24 dots.
    for (qsizetype i = 1; i < trace.images.size(); ++i)
        CHECK(trace.images[i].yDots - trace.images[i - 1].yDots == 24);
    // Every band lies inside the layout box (the quiet zone is white, so ink starts inside).
    for (const EscpBitImage& b : trace.images) {
        CHECK(b.xMm() >= 140 - kDot);
        CHECK(b.xMm() + b.columns * kDot <= 170 + kDot);
        CHECK(b.yMm() >= 220 - kDot);
        CHECK(b.yMm() + 24 * kDot <= 250 + 24 * kDot);
    }

    const QImage raster = trace.raster(0, 1500, 2105);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::Result result
        = ZXing::ReadBarcode(ZXing::ImageView(raster.constBits(), raster.width(), raster.height(),
                                 ZXing::ImageFormat::Lum, static_cast<int>(raster.bytesPerLine())),
            hints);
    REQUIRE(result.isValid());
    CHECK(QString::fromStdString(result.text()) == content);
}

TEST_CASE("characters outside the resident font become bit images in place", "[escp]")
{
    PrinterProfile profile = genericProfile(); // gb2312
    const PitchSetting& pitch = profile.pitchFor(12);
    Page page;
    page.texts.append(text(QRectF(40, 80, 100, 6), QStringLiteral("吉𠮷祥龘")));
    {
        const EscpTrace trace = renderAndInterpret(singlePage(page), profile);
        CHECK(runWithText(trace, QStringLiteral("吉")).xMm == Approx(40).margin(0.5));
        CHECK(runWithText(trace, QStringLiteral("祥")).xMm
            == Approx(40 + 2 * pitch.cjkDots * kDot).margin(0.5));
        REQUIRE(trace.images.size() == 2);
        for (int i = 0; i < 2; ++i) {
            const EscpBitImage& glyph = trace.images[i];
            CHECK(glyph.columns <= pitch.cjkDots);
            CHECK(glyph.yMm() == Approx(cellTop(page.texts[0])).margin(0.5));
            // The glyph is inked and sits inside its full-width cell.
            CHECK(glyph.data.count('\0') < glyph.data.size());
            const double cellX = 40 + (i == 0 ? 1 : 3) * pitch.cjkDots * kDot;
            CHECK(glyph.xMm() >= cellX - 0.2);
            CHECK(glyph.xMm() + glyph.columns * kDot <= cellX + pitch.cjkDots * kDot + 0.2);
        }
    }
    // A GBK printer has 龘 in its font; 𠮷 still needs a bitmap.
    profile.repertoire = Repertoire::Gbk;
    {
        const EscpTrace trace = renderAndInterpret(singlePage(page), profile);
        CHECK(runWithText(trace, QStringLiteral("祥龘")).xMm
            == Approx(40 + 2 * pitch.cjkDots * kDot).margin(0.5));
        CHECK(trace.images.size() == 1);
    }
    profile.repertoire = Repertoire::Gb18030;
    {
        const EscpTrace trace = renderAndInterpret(singlePage(page), profile);
        CHECK(runWithText(trace, QStringLiteral("吉𠮷祥龘")).chinese);
        CHECK(trace.images.isEmpty());
    }
}

TEST_CASE("control characters in case data never reach the printer", "[escp]")
{
    Page page;
    page.texts.append(text(QRectF(20, 20, 100, 6), QStringLiteral("A\x1b@B\x0c")));
    const auto bytes = renderEscp(singlePage(page), genericProfile());
    REQUIRE(bytes);
    CHECK(bytes->count("\x1b@") == 1);
    CHECK(bytes->count('\x0c') == 1);
    const EscpTrace trace = renderAndInterpret(singlePage(page), genericProfile());
    CHECK(runWithText(trace, QStringLiteral("A @B ")).xMm == Approx(20).margin(0.5));
}

TEST_CASE("large text is printed as a bit image", "[escp]")
{
    Page page;
    page.texts.append(
        text(QRectF(20, 20, 170, 10), QStringLiteral("行政处罚决定书"), 22, Align::Center));
    const EscpTrace trace = renderAndInterpret(singlePage(page), genericProfile());
    CHECK(trace.texts.isEmpty());
    REQUIRE(trace.images.size() >= 2); // 22 pt = 55 dots tall: three bands
    double left = 1e9, right = 0;
    for (const EscpBitImage& b : trace.images) {
        left = std::min(left, b.xMm());
        right = std::max(right, b.xMm() + b.columns * kDot);
    }
    // Centred: equal margins within a couple of millimetres (glyph side bearings).
    CHECK((left - 20) == Approx(190 - right).margin(2.0));
}

TEST_CASE("calibration offsets shift everything by the configured amount", "[escp]")
{
    PrinterProfile profile = genericProfile();
    const LaidOutDocument doc = sampleDocument();
    const EscpTrace plain = renderAndInterpret(doc, profile);
    profile.calibration.offsetX01mm = 15; // +1.5 mm
    profile.calibration.offsetY01mm = -7; // -0.7 mm
    const EscpTrace shifted = renderAndInterpret(doc, profile);
    REQUIRE(plain.texts.size() == shifted.texts.size());
    for (qsizetype i = 0; i < plain.texts.size(); ++i) {
        INFO(plain.texts[i].text.toStdString());
        CHECK(shifted.texts[i].xMm - plain.texts[i].xMm == Approx(1.5).margin(kDot));
        CHECK(shifted.texts[i].yMm - plain.texts[i].yMm == Approx(-0.7).margin(kDot));
    }
    REQUIRE(plain.images.size() == shifted.images.size());
    for (qsizetype i = 0; i < plain.images.size(); ++i) {
        CHECK(shifted.images[i].xMm() - plain.images[i].xMm() == Approx(1.5).margin(kDot));
        CHECK(shifted.images[i].yMm() - plain.images[i].yMm() == Approx(-0.7).margin(kDot));
    }

    // Feed correction scales distances from the top of form.
    profile.calibration = {};
    profile.calibration.linePitchCorrectionPerMille = 10;
    const EscpTrace stretched = renderAndInterpret(doc, profile);
    for (qsizetype i = 0; i < plain.texts.size(); ++i)
        CHECK(stretched.texts[i].yMm == Approx(plain.texts[i].yMm * 1.01).margin(kDot));

    // Calibration can be switched off (previews of the nominal geometry).
    profile.calibration.offsetX01mm = 40;
    EscpOptions options;
    options.applyCalibration = false;
    const EscpTrace uncalibrated = renderAndInterpret(doc, profile, options);
    for (qsizetype i = 0; i < plain.texts.size(); ++i)
        CHECK(uncalibrated.texts[i].xMm == Approx(plain.texts[i].xMm).margin(0.01));
}

TEST_CASE("items outside the printable area are errors, not misprints", "[escp]")
{
    PrinterProfile profile = genericProfile();
    profile.originYMm = 8.5;
    Page page;
    page.texts.append(text(QRectF(20, 3, 100, 5), QStringLiteral("页眉"), 10.5, Align::Left,
        QStringLiteral("header")));
    const auto above = renderEscp(singlePage(page), profile);
    REQUIRE_FALSE(above);
    CHECK(above.error().code == ErrorCode::InvalidArgument);
    CHECK(above.error().context.contains(QStringLiteral("header")));

    profile.originYMm = 0;
    page.texts[0].boxMm = QRectF(20, 300, 100, 5);
    const auto below = renderEscp(singlePage(page), profile);
    REQUIRE_FALSE(below);

    CHECK_FALSE(renderEscp(LaidOutDocument {}, profile));
    CHECK_FALSE(renderEscp(singlePage(Page {}), PrinterProfile {}));
}

TEST_CASE("rules print as bit images along the layout's lines", "[escp]")
{
    Page page;
    page.lines.append(LineItem {QPointF(20, 100), QPointF(120, 100), 0.3});
    page.lines.append(LineItem {QPointF(50, 110), QPointF(50, 160), 0.3});
    const EscpTrace trace = renderAndInterpret(singlePage(page), genericProfile());
    const QImage raster = trace.raster(0, 1500, 2105);
    const auto inked = [&](double xMm, double yMm) {
        return raster.pixelColor(int(std::lround(xMm / kDot)), int(std::lround(yMm / kDot))).value()
            < 128;
    };
    CHECK(inked(20.2, 100));
    CHECK(inked(70, 100));
    CHECK(inked(119.8, 100));
    CHECK_FALSE(inked(70, 101));
    CHECK(inked(50, 110.2));
    CHECK(inked(50, 135));
    CHECK(inked(50, 159.8));
    CHECK_FALSE(inked(51, 135));
    CHECK_FALSE(inked(50, 162));
}

TEST_CASE("alignment test page puts crosses and labels at known positions", "[escp]")
{
    const PrinterProfile profile = genericProfile();
    const QByteArray bytes = alignmentTestPage(profile);
    REQUIRE_FALSE(bytes.isEmpty());
    const EscpTrace trace = interpretEscp(bytes);
    INFO(trace.dump().toStdString());
    CHECK(trace.errors.isEmpty());
    CHECK(trace.formFeeds == 1);
    const QImage raster = trace.raster(0, 1500, 2105);
    for (const double y : {30.0, 148.5, 277.0}) {
        for (const double x : {20.0, 105.0, 190.0}) {
            INFO("cross " << x << "," << y);
            CHECK(raster.pixelColor(int(std::lround(x / kDot)), int(std::lround(y / kDot))).value()
                < 128);
            CHECK(raster.pixelColor(int(std::lround((x + 4) / kDot)), int(std::lround(y / kDot)))
                      .value()
                < 128);
            CHECK(raster.pixelColor(int(std::lround(x / kDot)), int(std::lround((y + 4) / kDot)))
                      .value()
                < 128);
        }
    }
    CHECK(runWithText(trace, QStringLiteral("105,148.5")).xMm == Approx(107).margin(0.5));
    compareGolden(QStringLiteral("alignment-generic.escp"), bytes);
}

TEST_CASE("golden ESC/P-K stream of the sample document", "[escp]")
{
    const PrinterProfile profile = genericProfile();
    const auto bytes = renderEscp(sampleDocument(), profile);
    REQUIRE(bytes);
    compareGolden(QStringLiteral("sample-document.escp"), *bytes);
}
