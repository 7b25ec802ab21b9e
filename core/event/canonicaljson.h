// Canonical JSON: the byte form that event hashes and signatures are computed over.
// Rules (docs/events.md): object keys sorted by their UTF-8 bytes, no insignificant
// whitespace, integers without fraction or exponent, other numbers in shortest round-trip form,
// strings escaped only where JSON requires it (", \, control characters), non-ASCII as UTF-8.
#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace fieldcase {

[[nodiscard]] QByteArray canonicalJson(const QJsonValue& value);

} // namespace fieldcase
