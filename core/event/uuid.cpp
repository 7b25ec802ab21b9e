#include "core/event/uuid.h"

#include <QRegularExpression>

#include <array>
#include <openssl/rand.h>

namespace fieldcase {

QString makeUuidV7(qint64 unixMs)
{
    std::array<unsigned char, 16> b {};
    if (RAND_bytes(b.data(), int(b.size())) != 1)
        qFatal("RAND_bytes failed: no entropy for identifiers"); // cannot continue safely
    const auto ms = quint64(unixMs) & 0xFFFF'FFFF'FFFFULL;
    for (int i = 0; i < 6; ++i)
        b[size_t(i)] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0F)); // version 7
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3F)); // RFC 4122/9562 variant
    const QByteArray hex = QByteArray(reinterpret_cast<const char*>(b.data()), 16).toHex();
    return QString::fromLatin1(hex.left(8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-'
        + hex.mid(16, 4) + '-' + hex.mid(20));
}

bool isUuidV7(QStringView text)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    return re.match(text.toString()).hasMatch();
}

} // namespace fieldcase
