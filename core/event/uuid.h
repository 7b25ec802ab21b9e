// UUIDv7 (RFC 9562): 48-bit Unix ms timestamp + random bits; sortable by creation time.
#pragma once

#include <QString>

namespace fieldcase {

// A new UUIDv7 string (lowercase, 8-4-4-4-12) for the given Unix time in milliseconds.
[[nodiscard]] QString makeUuidV7(qint64 unixMs);
// True if text is a well-formed UUID of version 7 with the RFC variant.
[[nodiscard]] bool isUuidV7(QStringView text);

} // namespace fieldcase
