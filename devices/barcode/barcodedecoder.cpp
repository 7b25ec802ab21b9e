// ZXing-C++ 1.4 glue: grayscale conversion, format mapping and result conversion.
#include "devices/barcode/barcodedecoder.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>

#include <ZXing/ReadBarcode.h>
#include <exception>

namespace fieldcase::devices {

namespace {

ZXing::BarcodeFormats toZxing(BarcodeFormats formats)
{
    ZXing::BarcodeFormats out;
    if (formats.testFlag(BarcodeFormat::QR))
        out |= ZXing::BarcodeFormat::QRCode;
    if (formats.testFlag(BarcodeFormat::PDF417))
        out |= ZXing::BarcodeFormat::PDF417;
    if (formats.testFlag(BarcodeFormat::DataMatrix))
        out |= ZXing::BarcodeFormat::DataMatrix;
    if (formats.testFlag(BarcodeFormat::Aztec))
        out |= ZXing::BarcodeFormat::Aztec;
    if (formats.testFlag(BarcodeFormat::Code128))
        out |= ZXing::BarcodeFormat::Code128;
    if (formats.testFlag(BarcodeFormat::Code39))
        out |= ZXing::BarcodeFormat::Code39;
    if (formats.testFlag(BarcodeFormat::Ean13))
        out |= ZXing::BarcodeFormat::EAN13;
    return out;
}

DecodedBarcode fromZxing(const ZXing::Result& r)
{
    DecodedBarcode d;
    d.format = QString::fromLatin1(ZXing::ToString(r.format()));
    d.text = QString::fromStdString(r.text());
    const ZXing::ByteArray& raw = r.bytes();
    d.bytes = QByteArray(reinterpret_cast<const char*>(raw.data()), qsizetype(raw.size()));
    const ZXing::Position& pos = r.position();
    for (const ZXing::PointI& p : pos)
        d.position << QPoint(p.x, p.y);
    d.ecLevel = QString::fromStdString(r.ecLevel());
    return d;
}

// Valid results of one ZXing pass over a Grayscale8 image.
QList<DecodedBarcode> readAll(const QImage& gray, const ZXing::DecodeHints& hints)
{
    const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(),
        ZXing::ImageFormat::Lum, int(gray.bytesPerLine()));
    QList<DecodedBarcode> out;
    for (const ZXing::Result& r : ZXing::ReadBarcodes(view, hints)) {
        if (r.isValid())
            out << fromZxing(r);
    }
    return out;
}

// A 3x3 box blur of a Grayscale8 image (separable: rows, then columns).
QImage smoothed(const QImage& gray)
{
    const int w = gray.width();
    const int h = gray.height();
    QImage rows(gray.size(), QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) {
        const uchar* s = gray.constScanLine(y);
        uchar* d = rows.scanLine(y);
        for (int x = 0; x < w; ++x)
            d[x] = uchar((s[qMax(x - 1, 0)] + s[x] + s[qMin(x + 1, w - 1)]) / 3);
    }
    QImage out(gray.size(), QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) {
        const uchar* a = rows.constScanLine(qMax(y - 1, 0));
        const uchar* b = rows.constScanLine(y);
        const uchar* c = rows.constScanLine(qMin(y + 1, h - 1));
        uchar* d = out.scanLine(y);
        for (int x = 0; x < w; ++x)
            d[x] = uchar((a[x] + b[x] + c[x]) / 3);
    }
    return out;
}

} // namespace

Result<QList<DecodedBarcode>> decodeImage(
    const QImage& image, BarcodeFormats formats, bool tryHarder)
{
    if (image.isNull() || image.width() <= 0 || image.height() <= 0)
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "Devices", "The image is empty; there is nothing to scan."));
    if (formats == BarcodeFormats())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "No barcode format was selected."));

    // Transparent areas count as white paper, not as black.
    QImage gray;
    if (image.hasAlphaChannel()) {
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QImage src = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < src.height(); ++y) {
            const auto* s = reinterpret_cast<const QRgb*>(src.constScanLine(y));
            auto* d = reinterpret_cast<QRgb*>(flat.scanLine(y));
            for (int x = 0; x < src.width(); ++x) {
                const QRgb p = s[x];
                const int a = qAlpha(p);
                d[x] = qRgb(qRed(p) + 255 - a, qGreen(p) + 255 - a, qBlue(p) + 255 - a);
            }
        }
        gray = flat.convertToFormat(QImage::Format_Grayscale8);
    } else {
        gray = image.convertToFormat(QImage::Format_Grayscale8);
    }
    if (gray.isNull())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "Devices", "The image could not be converted to grayscale."));

    ZXing::DecodeHints hints;
    hints.setFormats(toZxing(formats)).setTryHarder(tryHarder).setTryRotate(tryHarder);

    QList<DecodedBarcode> out;
    try {
        out = readAll(gray, hints);
        // Sensor noise breaks finder patterns (Data Matrix's L edge in particular); a smoothed
        // copy and a global threshold are cheap second chances when nothing was found.
        if (out.isEmpty() && tryHarder)
            out = readAll(smoothed(gray), hints);
        if (out.isEmpty() && tryHarder) {
            hints.setBinarizer(ZXing::Binarizer::GlobalHistogram);
            out = readAll(gray, hints);
        }
    } catch (const std::exception& e) {
        return fail(ErrorCode::Internal,
            QCoreApplication::translate("Devices", "The barcode decoder failed."),
            QString::fromLocal8Bit(e.what()));
    }
    return out;
}

Result<QList<DecodedBarcode>> decodeFile(
    const QString& path, BarcodeFormats formats, bool tryHarder)
{
    if (!QFileInfo::exists(path))
        return fail(ErrorCode::NotFound,
            QCoreApplication::translate("Devices", "The image file does not exist."), path);
    QImageReader reader(path);
    reader.setAutoTransform(true); // honour EXIF orientation of camera photos
    const QImage image = reader.read();
    if (image.isNull())
        return fail(ErrorCode::Io,
            QCoreApplication::translate("Devices", "The image file could not be read: %1")
                .arg(reader.errorString()),
            path);
    return decodeImage(image, formats, tryHarder);
}

} // namespace fieldcase::devices
