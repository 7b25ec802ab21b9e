#include "core/crypto/random.h"

#include "core/crypto/opensslutil.h"

#include <openssl/rand.h>

namespace fieldcase {

QByteArray randomBytes(int n)
{
    if (n <= 0)
        return {};
    QByteArray out(n, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), n) != 1)
        qFatal("RAND_bytes failed, refusing to continue with weak randomness: %s",
            qPrintable(ossl::takeErrors()));
    return out;
}

} // namespace fieldcase
