// Cryptographically secure random bytes from OpenSSL's DRBG.
#pragma once

#include <QByteArray>

namespace fieldcase {

// n random bytes (empty for n <= 0). Aborts the process if the DRBG fails: that only happens
// when it cannot be seeded, and any key or IV made then would be predictable, so there is no
// safe way to carry on.
[[nodiscard]] QByteArray randomBytes(int n);

} // namespace fieldcase
