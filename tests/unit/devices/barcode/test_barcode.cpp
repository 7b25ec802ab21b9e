// Barcode decoding on generated and degraded images, payload classification and scanner input.
#include "core/util/clock.h"
#include "devices/barcode/barcodedecoder.h"
#include "devices/barcode/barcodepayload.h"
#include "devices/barcode/scannerinput.h"

#include <QFile>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QRandomGenerator>
#include <QStringList>
#include <QTemporaryDir>
#include <QTransform>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <catch2/catch.hpp>
#include <cmath>

using namespace fieldcase;
using namespace fieldcase::devices;

namespace {

const QString kChinese = QStringLiteral("超限运输处罚决定书 京A12345 罚款200元");
const QString kFc1
    = QStringLiteral("FC1|交运罚〔2026〕第000123号|8f14e45f-ceea-467a-9575-6f1b2c3d4e5f|"
                     "a3f1c2d4e5b6978812345678abcdef0123456789abcdef0123456789abcdef01|"
                     "https://verify.example.gov.cn/d/000123");

// Renders text as a symbol with the ZXing writer; each module becomes `scale` pixels.
QImage makeCode(ZXing::BarcodeFormat format, const QString& text, int scale = 4, int eccLevel = -1)
{
    ZXing::MultiFormatWriter writer(format);
    writer.setEncoding(ZXing::CharacterSet::UTF8)
        .setMargin(format == ZXing::BarcodeFormat::PDF417 ? 2 : 4);
    if (eccLevel >= 0)
        writer.setEccLevel(eccLevel);
    const ZXing::BitMatrix m = writer.encode(text.toStdString(), 0, 0);
    QImage img(m.width() * scale, m.height() * scale, QImage::Format_Grayscale8);
    for (int y = 0; y < img.height(); ++y) {
        uchar* line = img.scanLine(y);
        for (int x = 0; x < img.width(); ++x)
            line[x] = m.get(x / scale, y / scale) ? 0 : 255;
    }
    // PDF417 rows are one module high in the matrix: stretch them to the usual 3:1 ratio.
    if (format == ZXing::BarcodeFormat::PDF417)
        img = img.scaled(img.width(), img.height() * 3);
    return img;
}

// Draws img rotated by degrees around its centre on a white canvas large enough to hold it.
QImage rotated(const QImage& img, qreal degrees)
{
    const QRect bounds = QTransform().rotate(degrees).mapRect(img.rect());
    QImage out(bounds.size() + QSize(20, 20), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.translate(out.width() / 2.0, out.height() / 2.0);
    p.rotate(degrees);
    p.drawImage(QPointF(-img.width() / 2.0, -img.height() / 2.0), img);
    return out;
}

// img resized by factor with smooth sampling.
QImage scaledBy(const QImage& img, qreal factor)
{
    return img.scaled(qRound(img.width() * factor), qRound(img.height() * factor),
        Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

// A (2r+1)² box blur on the grayscale version of img.
QImage boxBlur(const QImage& img, int r)
{
    const QImage src = img.convertToFormat(QImage::Format_Grayscale8);
    QImage out(src.size(), QImage::Format_Grayscale8);
    for (int y = 0; y < src.height(); ++y) {
        for (int x = 0; x < src.width(); ++x) {
            int sum = 0;
            int n = 0;
            for (int dy = -r; dy <= r; ++dy) {
                const int yy = std::clamp(y + dy, 0, src.height() - 1);
                const uchar* line = src.constScanLine(yy);
                for (int dx = -r; dx <= r; ++dx) {
                    sum += line[std::clamp(x + dx, 0, src.width() - 1)];
                    ++n;
                }
            }
            out.scanLine(y)[x] = uchar(sum / n);
        }
    }
    return out;
}

// Adds roughly Gaussian noise (sum of uniforms) with standard deviation sigma to every channel.
QImage noisy(const QImage& img, double sigma, quint32 seed)
{
    QRandomGenerator rng(seed);
    QImage out = img.convertToFormat(QImage::Format_RGB32);
    auto gauss = [&] {
        double s = 0;
        for (int i = 0; i < 4; ++i)
            s += rng.generateDouble();
        return (s - 2.0) * std::sqrt(3.0) * sigma;
    };
    for (int y = 0; y < out.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < out.width(); ++x) {
            const QRgb p = line[x];
            line[x] = qRgb(std::clamp(int(qRed(p) + gauss()), 0, 255),
                std::clamp(int(qGreen(p) + gauss()), 0, 255),
                std::clamp(int(qBlue(p) + gauss()), 0, 255));
        }
    }
    return out;
}

// A noisy "photo": gradient, shapes, lines and text, with the codes pasted at the given places.
QImage photo(const QList<QPair<QImage, QPoint>>& codes, quint32 seed)
{
    QRandomGenerator rng(seed);
    QImage out(1280, 960, QImage::Format_RGB32);
    QPainter p(&out);
    QLinearGradient g(0, 0, 1280, 960);
    g.setColorAt(0, QColor(120, 110, 95));
    g.setColorAt(1, QColor(200, 190, 170));
    p.fillRect(out.rect(), g);
    for (int i = 0; i < 40; ++i) {
        p.setPen(QPen(QColor::fromRgb(rng.bounded(256), rng.bounded(256), rng.bounded(256)),
            rng.bounded(1, 6)));
        p.setBrush(QColor::fromRgb(rng.bounded(256), rng.bounded(256), rng.bounded(256)));
        const QRect r(
            rng.bounded(1280), rng.bounded(960), rng.bounded(20, 200), rng.bounded(20, 150));
        if (i % 3 == 0)
            p.drawEllipse(r);
        else if (i % 3 == 1)
            p.drawRect(r);
        else
            p.drawLine(r.topLeft(), r.bottomRight());
    }
    p.setPen(Qt::black);
    p.drawText(QPoint(40, 60), QStringLiteral("道路运输证 Road transport certificate 2026"));
    for (const auto& [code, at] : codes) {
        p.fillRect(QRect(at - QPoint(6, 6), code.size() + QSize(12, 12)), Qt::white); // the paper
        p.drawImage(at, code);
    }
    p.end();
    return noisy(out, 12.0, seed + 1);
}

QStringList textsOf(const QList<DecodedBarcode>& codes)
{
    QStringList out;
    for (const DecodedBarcode& c : codes)
        out << c.text;
    return out;
}

// Decodes img and requires exactly one code with the expected text.
void requireSingle(const QImage& img, const QString& expected,
    BarcodeFormats formats = BarcodeFormat::QR | BarcodeFormat::PDF417 | BarcodeFormat::DataMatrix)
{
    const auto r = decodeImage(img, formats);
    REQUIRE(r.has_value());
    INFO(textsOf(*r).join(QStringLiteral(" / ")).toStdString());
    REQUIRE(r->size() == 1);
    CHECK(r->front().text == expected);
}

} // namespace

TEST_CASE("Plain generated codes decode to the exact text", "[barcode]")
{
    SECTION("QR with Chinese text")
    {
        const auto r = decodeImage(makeCode(ZXing::BarcodeFormat::QRCode, kChinese));
        REQUIRE(r.has_value());
        REQUIRE(r->size() == 1);
        const DecodedBarcode& c = r->front();
        CHECK(c.text == kChinese);
        CHECK(c.format == QStringLiteral("QRCode"));
        CHECK(QString::fromUtf8(c.bytes).contains(QStringLiteral("京A12345")));
        CHECK(c.position.size() == 4);
        CHECK_FALSE(c.ecLevel.isEmpty());
    }
    SECTION("QR with an FC1 payload")
    {
        requireSingle(makeCode(ZXing::BarcodeFormat::QRCode, kFc1), kFc1);
    }
    SECTION("PDF417 with Chinese text")
    {
        const QImage img = makeCode(ZXing::BarcodeFormat::PDF417, kChinese, 2);
        const auto r = decodeImage(img);
        REQUIRE(r.has_value());
        REQUIRE(r->size() == 1);
        CHECK(r->front().text == kChinese);
        CHECK(r->front().format == QStringLiteral("PDF417"));
    }
    SECTION("Data Matrix")
    {
        // ZXing 1.4's Data Matrix writer cannot encode CJK (it throws even with UTF-8 set).
        const QString text = QStringLiteral("FC-DM 2026-000123 JING-A12345");
        const auto r = decodeImage(makeCode(ZXing::BarcodeFormat::DataMatrix, text, 6));
        REQUIRE(r.has_value());
        REQUIRE(r->size() == 1);
        CHECK(r->front().text == text);
        CHECK(r->front().format == QStringLiteral("DataMatrix"));
    }
    SECTION("Any QImage format is accepted")
    {
        const QImage qr = makeCode(ZXing::BarcodeFormat::QRCode, kChinese);
        for (const QImage::Format f : {QImage::Format_RGB32, QImage::Format_ARGB32,
                 QImage::Format_RGB888, QImage::Format_Mono, QImage::Format_Indexed8,
                 QImage::Format_RGBA64, QImage::Format_RGB16}) {
            INFO(int(f));
            requireSingle(qr.convertToFormat(f), kChinese);
        }
    }
    SECTION("Transparent background counts as white")
    {
        const QImage qr = makeCode(ZXing::BarcodeFormat::QRCode, kFc1);
        QImage argb(qr.size(), QImage::Format_ARGB32);
        for (int y = 0; y < qr.height(); ++y)
            for (int x = 0; x < qr.width(); ++x)
                argb.setPixel(x, y,
                    qr.pixelColor(x, y).black() > 128 ? qRgba(0, 0, 0, 255) : qRgba(0, 0, 0, 0));
        requireSingle(argb, kFc1);
    }
    SECTION("Format selection filters")
    {
        const auto r
            = decodeImage(makeCode(ZXing::BarcodeFormat::QRCode, kChinese), BarcodeFormat::PDF417);
        REQUIRE(r.has_value());
        CHECK(r->isEmpty());
    }
}

TEST_CASE("Transformed codes still decode to the exact text", "[barcode]")
{
    const QImage qr = makeCode(ZXing::BarcodeFormat::QRCode, kChinese);
    const QImage fc1 = makeCode(ZXing::BarcodeFormat::QRCode, kFc1);
    const QImage pdf = makeCode(ZXing::BarcodeFormat::PDF417, kChinese, 2);
    const QImage dm = makeCode(ZXing::BarcodeFormat::DataMatrix, QStringLiteral("DM-000123"), 6);

    SECTION("rotated 15 degrees")
    {
        requireSingle(rotated(qr, 15), kChinese);
        requireSingle(rotated(fc1, 15), kFc1);
        requireSingle(rotated(dm, 15), QStringLiteral("DM-000123"));
    }
    SECTION("rotated 90 degrees")
    {
        requireSingle(rotated(qr, 90), kChinese);
        requireSingle(rotated(pdf, 90), kChinese);
        requireSingle(rotated(dm, 90), QStringLiteral("DM-000123"));
    }
    SECTION("scaled to 50%")
    {
        requireSingle(scaledBy(qr, 0.5), kChinese);
        requireSingle(scaledBy(pdf, 0.5 * 2), kChinese); // PDF417 at 2 px/module already
        requireSingle(scaledBy(dm, 0.5), QStringLiteral("DM-000123"));
    }
    SECTION("scaled to 200%")
    {
        requireSingle(scaledBy(qr, 2.0), kChinese);
        requireSingle(scaledBy(pdf, 2.0), kChinese);
        requireSingle(scaledBy(dm, 2.0), QStringLiteral("DM-000123"));
    }
    SECTION("blurred")
    {
        requireSingle(boxBlur(qr, 1), kChinese);
        requireSingle(boxBlur(fc1, 1), kFc1);
        requireSingle(boxBlur(dm, 1), QStringLiteral("DM-000123"));
    }
    SECTION("Gaussian noise")
    {
        requireSingle(noisy(qr, 40.0, 7), kChinese);
        requireSingle(noisy(pdf, 30.0, 8), kChinese);
        requireSingle(noisy(dm, 40.0, 9), QStringLiteral("DM-000123"));
    }
    SECTION("embedded in a larger noisy photo")
    {
        requireSingle(photo({{rotated(qr, 8), QPoint(700, 380)}}, 42), kChinese);
    }
    SECTION("two codes in one image")
    {
        const QImage img = photo({{fc1, QPoint(80, 200)}, {qr, QPoint(700, 300)}}, 43);
        const auto r = decodeImage(img);
        REQUIRE(r.has_value());
        QStringList texts = textsOf(*r);
        texts.sort();
        QStringList expected {kChinese, kFc1};
        expected.sort();
        CHECK(texts == expected);
    }
}

TEST_CASE("Nothing found, damaged codes and errors", "[barcode]")
{
    SECTION("blank image gives an empty list")
    {
        QImage blank(640, 480, QImage::Format_RGB32);
        blank.fill(Qt::white);
        const auto r = decodeImage(blank);
        REQUIRE(r.has_value());
        CHECK(r->isEmpty());
    }
    SECTION("a noisy photo without codes gives an empty list")
    {
        const auto r = decodeImage(photo({}, 77));
        REQUIRE(r.has_value());
        CHECK(r->isEmpty());
    }
    SECTION("damaged QR beyond error correction gives no result, not a wrong one")
    {
        QImage qr = makeCode(ZXing::BarcodeFormat::QRCode, kChinese, 4, 0)
                        .convertToFormat(QImage::Format_RGB32);
        REQUIRE(decodeImage(qr)->size() == 1); // intact: readable
        QPainter p(&qr);
        const int s = qr.width();
        p.fillRect(QRect(s * 3 / 10, s * 3 / 10, s * 4 / 10, s * 4 / 10), Qt::white);
        p.end();
        const auto r = decodeImage(qr);
        REQUIRE(r.has_value());
        CHECK(r->isEmpty());
    }
    SECTION("null image is an error")
    {
        const auto r = decodeImage(QImage());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ErrorCode::InvalidArgument);
    }
    SECTION("no format selected is an error")
    {
        QImage blank(64, 64, QImage::Format_RGB32);
        blank.fill(Qt::white);
        CHECK_FALSE(decodeImage(blank, BarcodeFormats()).has_value());
    }
    SECTION("decodeFile")
    {
        QTemporaryDir dir;
        REQUIRE(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("code.png"));
        REQUIRE(rotated(makeCode(ZXing::BarcodeFormat::QRCode, kFc1), 15).save(png));
        const auto ok = decodeFile(png);
        REQUIRE(ok.has_value());
        REQUIRE(ok->size() == 1);
        CHECK(ok->front().text == kFc1);

        const auto missing = decodeFile(dir.filePath(QStringLiteral("missing.png")));
        REQUIRE_FALSE(missing.has_value());
        CHECK(missing.error().code == ErrorCode::NotFound);

        const QString junk = dir.filePath(QStringLiteral("junk.jpg"));
        QFile f(junk);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("this is not an image");
        f.close();
        const auto bad = decodeFile(junk);
        REQUIRE_FALSE(bad.has_value());
        CHECK(bad.error().code == ErrorCode::Io);
        CHECK_FALSE(bad.error().message.isEmpty());
    }
}

TEST_CASE("interpret classifies scanned text", "[barcode]")
{
    SECTION("FC1 document with URL")
    {
        const BarcodePayload p = interpret(kFc1);
        REQUIRE(p.kind == BarcodePayload::Kind::FieldCaseDocument);
        CHECK(p.number == QStringLiteral("交运罚〔2026〕第000123号"));
        CHECK(p.caseId == QStringLiteral("8f14e45f-ceea-467a-9575-6f1b2c3d4e5f"));
        CHECK(p.contentHash.size() == 64);
        CHECK(p.verifyUrl == QStringLiteral("https://verify.example.gov.cn/d/000123"));
        CHECK(p.raw == kFc1);
    }
    SECTION("FC1 document without URL")
    {
        const QString text = QStringLiteral("FC1|N-1|case-1|") + QString(64, QLatin1Char('a'));
        const BarcodePayload p = interpret(text);
        REQUIRE(p.kind == BarcodePayload::Kind::FieldCaseDocument);
        CHECK(p.number == QStringLiteral("N-1"));
        CHECK(p.verifyUrl.isEmpty());
    }
    SECTION("malformed FC1 is plain text")
    {
        CHECK(interpret(QStringLiteral("FC1|N-1|case-1|abc")).kind == BarcodePayload::Kind::Text);
        CHECK(interpret(QStringLiteral("FC2|N-1|case-1|") + QString(64, QLatin1Char('a'))).kind
            == BarcodePayload::Kind::Text);
        CHECK(interpret(QStringLiteral("FC1|N-1|case-1|") + QString(64, QLatin1Char('z'))).kind
            == BarcodePayload::Kind::Text);
        CHECK(interpret(QStringLiteral("FC1|a|b|") + QString(64, QLatin1Char('a'))
                  + QStringLiteral("|u|extra"))
                  .kind
            == BarcodePayload::Kind::Text);
    }
    SECTION("URL")
    {
        const BarcodePayload p
            = interpret(QStringLiteral("https://zwfw.example.gov.cn/zz?id=42\r\n"));
        REQUIRE(p.kind == BarcodePayload::Kind::Url);
        CHECK(p.value == QStringLiteral("https://zwfw.example.gov.cn/zz?id=42"));
        CHECK(interpret(QStringLiteral("ftp://example.org/x")).kind == BarcodePayload::Kind::Text);
        CHECK(interpret(QStringLiteral("https://")).kind == BarcodePayload::Kind::Text);
    }
    SECTION("Chinese ID number shape")
    {
        const BarcodePayload p = interpret(QStringLiteral("11010519491231002x"));
        REQUIRE(p.kind == BarcodePayload::Kind::ChineseIdNumber);
        CHECK(p.value == QStringLiteral("11010519491231002X"));
        CHECK(interpret(QStringLiteral("110105194912310021")).kind
            == BarcodePayload::Kind::ChineseIdNumber);
        CHECK(interpret(QStringLiteral("11010519491331002X")).kind == BarcodePayload::Kind::Text);
        CHECK(interpret(QStringLiteral("1101051949123100")).kind == BarcodePayload::Kind::Text);
    }
    SECTION("anything else, including an e-certificate code, is raw text")
    {
        const QString cert = QStringLiteral("JT1291:AbCdEf0123=="); // 电子证照: payload not public
        const BarcodePayload p = interpret(cert);
        CHECK(p.kind == BarcodePayload::Kind::Text);
        CHECK(p.raw == cert);
        CHECK(interpret(kChinese).kind == BarcodePayload::Kind::Text);
        CHECK(interpret(QString()).kind == BarcodePayload::Kind::Text);
        CHECK_FALSE(payloadKindName(BarcodePayload::Kind::Url).isEmpty());
    }
}

TEST_CASE("ScannerInput assembles codes from scanner characters", "[barcode]")
{
    ManualClock clock;
    QStringList codes;
    ScannerInput in(
        clock, [&](const QString& c) { codes << c; }, 300);

    SECTION("CR, LF and CRLF terminators")
    {
        in.feed(u"ABC\r");
        in.feed(u"DEF\n");
        in.feed(u"京A12345\r\n");
        in.feed(u"\r\n\n");
        CHECK(codes
            == QStringList {
                QStringLiteral("ABC"), QStringLiteral("DEF"), QStringLiteral("京A12345")});
        CHECK(in.pending().isEmpty());
        CHECK(in.discardedCount() == 0);
    }
    SECTION("a code split over several feeds and several codes in one feed")
    {
        in.feed(u"FC1|N");
        clock.advanceMs(20);
        in.feed(u"-1|c");
        clock.advanceMs(20);
        in.feed(u"ase\r\nX1\rX2\n");
        CHECK(codes
            == QStringList {
                QStringLiteral("FC1|N-1|case"), QStringLiteral("X1"), QStringLiteral("X2")});
    }
    SECTION("CR and LF split across feeds count once")
    {
        in.feed(u"A1\r");
        clock.advanceMs(10);
        in.feed(u"\nA2\r");
        CHECK(codes == QStringList {QStringLiteral("A1"), QStringLiteral("A2")});
    }
    SECTION("a stale partial code is discarded and counted")
    {
        in.feed(u"stray keys");
        clock.advanceMs(301);
        in.feed(u"REAL-CODE\r");
        CHECK(codes == QStringList {QStringLiteral("REAL-CODE")});
        CHECK(in.discardedCount() == 1);
    }
    SECTION("slow but within the limit is kept")
    {
        in.feed(u"AB");
        clock.advanceMs(300);
        in.feed(u"CD\n");
        CHECK(codes == QStringList {QStringLiteral("ABCD")});
        CHECK(in.discardedCount() == 0);
    }
    SECTION("expireStale drops a pending partial without new input")
    {
        in.feed(u"half");
        CHECK_FALSE(in.expireStale());
        clock.advanceMs(500);
        CHECK(in.expireStale());
        CHECK(in.pending().isEmpty());
        CHECK(in.discardedCount() == 1);
        in.feed(u"\r");
        CHECK(codes.isEmpty());
    }
    SECTION("over-long input is discarded up to its terminator")
    {
        ScannerInput small(
            clock, [&](const QString& c) { codes << c; }, 300, 8);
        small.feed(u"0123456789ABCDEF\rOK\r");
        CHECK(codes == QStringList {QStringLiteral("OK")});
        CHECK(small.discardedCount() == 1);
    }
}
