// Decoding 2-D and linear barcodes from camera or scanner images with ZXing-C++ 1.4. The API is
// ZXing-free so callers need no ZXing headers; any QImage format is accepted.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QFlags>
#include <QImage>
#include <QList>
#include <QPolygon>
#include <QString>

namespace fieldcase::devices {

// The symbologies FieldCase asks the decoder for.
enum class BarcodeFormat : unsigned {
    QR = 0x01,
    PDF417 = 0x02,
    DataMatrix = 0x04,
    Aztec = 0x08,
    Code128 = 0x10,
    Code39 = 0x20,
    Ean13 = 0x40,
};
Q_DECLARE_FLAGS(BarcodeFormats, BarcodeFormat)

// One code found in an image.
struct DecodedBarcode
{
    QString format; // ZXing's name of the symbology, e.g. "QRCode", "PDF417", "DataMatrix"
    QString text; // the content as text (UTF-8 / ECI decoded)
    QByteArray bytes; // the raw content bytes, without character set conversion
    QPolygon position; // corners in image pixels: top-left, top-right, bottom-right, bottom-left
    QString ecLevel; // error correction level as reported by ZXing (may be empty)
};

} // namespace fieldcase::devices

Q_DECLARE_OPERATORS_FOR_FLAGS(fieldcase::devices::BarcodeFormats)

namespace fieldcase::devices {

// Finds every code of the given formats in image. Nothing found is an empty list, not an error;
// a null image is an InvalidArgument error.
[[nodiscard]] Result<QList<DecodedBarcode>> decodeImage(const QImage& image,
    BarcodeFormats formats = BarcodeFormat::QR | BarcodeFormat::PDF417 | BarcodeFormat::DataMatrix,
    bool tryHarder = true);

// Loads the image file at path and decodes it like decodeImage(); NotFound for a missing file,
// Io for a file that is not a readable image.
[[nodiscard]] Result<QList<DecodedBarcode>> decodeFile(const QString& path,
    BarcodeFormats formats = BarcodeFormat::QR | BarcodeFormat::PDF417 | BarcodeFormat::DataMatrix,
    bool tryHarder = true);

} // namespace fieldcase::devices
