#include "core/crypto/signer.h"

#include "core/crypto/opensslutil.h"
#include "core/util/logging.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <thread>

namespace fieldcase {

namespace {

using BnPtr = std::unique_ptr<BIGNUM, ossl::Free<&BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, ossl::Free<&BN_CTX_free>>;
using GroupPtr = std::unique_ptr<EC_GROUP, ossl::Free<&EC_GROUP_free>>;
using PointPtr = std::unique_ptr<EC_POINT, ossl::Free<&EC_POINT_free>>;
using SigPtr = std::unique_ptr<ECDSA_SIG, ossl::Free<&ECDSA_SIG_free>>;

BnPtr newBn()
{
    return BnPtr(BN_secure_new());
}

QByteArray pad32(const BIGNUM* n)
{
    QByteArray out(32, Qt::Uninitialized);
    BN_bn2binpad(n, reinterpret_cast<unsigned char*>(out.data()), 32);
    return out;
}

} // namespace

// GB/T 32918.2 signing, split in two. Offline: k random in [1, n-1], x1 = (k·G).x mod n.
// Online: e = SM3(Z ‖ M), r = (e + x1) mod n, s = (1 + d)⁻¹ · (k − r·d) mod n.
// Each precomputed k is used for exactly one signature and then cleared (a reused k reveals
// the private key), and never leaves process memory.
struct Signer::Sm2
{
    struct Nonce
    {
        BnPtr k;
        BnPtr x1;
    };

    GroupPtr group;
    const BIGNUM* order = nullptr;
    BnPtr d;
    BnPtr inverseOnePlusD;
    QByteArray z; // SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), fixed per key and ID

    std::mutex mutex;
    std::condition_variable wanted;
    std::deque<Nonce> pool;
    int capacity = 0;
    bool stopping = false;
    std::thread worker;
    std::atomic<qint64> hits {0};
    std::atomic<qint64> misses {0};

    bool setUp(EVP_PKEY* key);
    bool makeNonce(Nonce& out, BN_CTX* ctx) const;
    void run();
    Result<QByteArray> sign(QByteArrayView data);
};

bool Signer::Sm2::setUp(EVP_PKEY* key)
{
    group.reset(EC_GROUP_new_by_curve_name(NID_sm2));
    BnCtxPtr ctx(BN_CTX_new());
    if (!group || !ctx)
        return false;
    order = EC_GROUP_get0_order(group.get());
    BIGNUM* priv = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &priv) != 1)
        return false;
    d.reset(priv);
    BN_set_flags(d.get(), BN_FLG_CONSTTIME);

    // (1 + d)⁻¹ mod n, once per key.
    BnPtr onePlusD = newBn();
    inverseOnePlusD = newBn();
    if (!BN_copy(onePlusD.get(), d.get()) || !BN_add_word(onePlusD.get(), 1)
        || !BN_mod_inverse(inverseOnePlusD.get(), onePlusD.get(), order, ctx.get()))
        return false;

    // Z for the default ID: the same value OpenSSL computes inside every DigestSignInit.
    unsigned char pub[65];
    size_t pubLen = 0;
    if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &pubLen)
        != 1)
        return false;
    PointPtr point(EC_POINT_new(group.get()));
    BnPtr p = newBn(), a = newBn(), b = newBn(), gx = newBn(), gy = newBn(), ax = newBn(),
          ay = newBn();
    if (!point || EC_POINT_oct2point(group.get(), point.get(), pub, pubLen, ctx.get()) != 1
        || EC_POINT_get_affine_coordinates(group.get(), point.get(), ax.get(), ay.get(), ctx.get())
            != 1
        || EC_GROUP_get_curve(group.get(), p.get(), a.get(), b.get(), ctx.get()) != 1
        || EC_POINT_get_affine_coordinates(
               group.get(), EC_GROUP_get0_generator(group.get()), gx.get(), gy.get(), ctx.get())
            != 1)
        return false;
    const int idBits = int(sizeof kSm2DefaultId - 1) * 8;
    Hasher h(HashAlgorithm::Sm3);
    const char entl[2] = {char((idBits >> 8) & 0xff), char(idBits & 0xff)};
    h.addData(QByteArrayView(entl, 2));
    h.addData(QByteArrayView(kSm2DefaultId, qsizetype(sizeof kSm2DefaultId - 1)));
    for (const BIGNUM* v : {a.get(), b.get(), gx.get(), gy.get(), ax.get(), ay.get()})
        h.addData(pad32(v));
    z = h.result();
    return z.size() == 32;
}

bool Signer::Sm2::makeNonce(Nonce& out, BN_CTX* ctx) const
{
    out.k = newBn();
    out.x1 = newBn();
    PointPtr kg(EC_POINT_new(group.get()));
    if (!out.k || !out.x1 || !kg)
        return false;
    BN_set_flags(out.k.get(), BN_FLG_CONSTTIME);
    do {
        if (BN_priv_rand_range_ex(out.k.get(), order, 0, ctx) != 1)
            return false;
    } while (BN_is_zero(out.k.get()));
    return EC_POINT_mul(group.get(), kg.get(), out.k.get(), nullptr, nullptr, ctx) == 1
        && EC_POINT_get_affine_coordinates(group.get(), kg.get(), out.x1.get(), nullptr, ctx) == 1
        && BN_nnmod(out.x1.get(), out.x1.get(), order, ctx) == 1;
}

void Signer::Sm2::run()
{
    BnCtxPtr ctx(BN_CTX_secure_new());
    while (true) {
        {
            std::unique_lock lock(mutex);
            wanted.wait(lock, [this] { return stopping || int(pool.size()) < capacity; });
            if (stopping)
                return;
        }
        Nonce nonce;
        if (!ctx || !makeNonce(nonce, ctx.get())) {
            qCWarning(lcCrypto) << "SM2 nonce precomputation failed:" << ossl::takeErrors();
            return; // signing falls back to on-the-spot nonces
        }
        std::lock_guard lock(mutex);
        pool.push_back(std::move(nonce));
    }
}

Result<QByteArray> Signer::Sm2::sign(QByteArrayView data)
{
    Hasher h(HashAlgorithm::Sm3);
    h.addData(z);
    h.addData(data);
    const QByteArray digest = h.result();
    BnCtxPtr ctx(BN_CTX_secure_new());
    BnPtr e(BN_bin2bn(reinterpret_cast<const unsigned char*>(digest.constData()), 32, nullptr));
    if (!ctx || !e)
        return fail(ossl::cryptoError(CryptoText::tr("Signing failed.")));
    while (true) {
        Nonce nonce;
        {
            std::lock_guard lock(mutex);
            if (!pool.empty()) {
                nonce = std::move(pool.front());
                pool.pop_front();
            }
        }
        wanted.notify_one();
        if (nonce.k) {
            ++hits;
        } else {
            ++misses;
            if (!makeNonce(nonce, ctx.get()))
                return fail(ossl::cryptoError(CryptoText::tr("Signing failed.")));
        }
        BnPtr r = newBn(), s = newBn(), t = newBn();
        if (!r || !s || !t || BN_mod_add(r.get(), e.get(), nonce.x1.get(), order, ctx.get()) != 1)
            return fail(ossl::cryptoError(CryptoText::tr("Signing failed.")));
        // r = 0 or r + k = n would leak or be invalid: draw another nonce (probability ~2⁻²⁵⁶).
        if (BN_is_zero(r.get()) || BN_add(t.get(), r.get(), nonce.k.get()) != 1
            || BN_cmp(t.get(), order) == 0)
            continue;
        if (BN_mod_mul(t.get(), r.get(), d.get(), order, ctx.get()) != 1
            || BN_mod_sub(t.get(), nonce.k.get(), t.get(), order, ctx.get()) != 1
            || BN_mod_mul(s.get(), inverseOnePlusD.get(), t.get(), order, ctx.get()) != 1)
            return fail(ossl::cryptoError(CryptoText::tr("Signing failed.")));
        if (BN_is_zero(s.get()))
            continue;
        SigPtr sig(ECDSA_SIG_new());
        if (!sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
            return fail(ossl::cryptoError(CryptoText::tr("Signing failed.")));
        r.release(); // owned by sig now
        s.release();
        const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
        QByteArray der(len, Qt::Uninitialized);
        auto* out = reinterpret_cast<unsigned char*>(der.data());
        if (len <= 0 || i2d_ECDSA_SIG(sig.get(), &out) != len)
            return fail(ossl::cryptoError(CryptoText::tr("Signing failed.")));
        return der;
    }
}

Signer::Signer(KeyPair key, int poolSize)
    : m_key(std::move(key))
{
    if (m_key.algorithm() != SignatureAlgorithm::Sm2Sm3)
        return;
    auto sm2 = std::make_unique<Sm2>();
    if (!sm2->setUp(m_key.m_key.get())) {
        qCWarning(lcCrypto) << "SM2 presigning unavailable, signing in full:" << ossl::takeErrors();
        return;
    }
    sm2->capacity = poolSize;
    m_sm2 = std::move(sm2);
    if (poolSize > 0)
        m_sm2->worker = std::thread([s = m_sm2.get()] { s->run(); });
}

Signer::~Signer()
{
    if (!m_sm2 || !m_sm2->worker.joinable())
        return;
    {
        std::lock_guard lock(m_sm2->mutex);
        m_sm2->stopping = true;
    }
    m_sm2->wanted.notify_all();
    m_sm2->worker.join();
}

Result<QByteArray> Signer::sign(QByteArrayView data)
{
    if (m_sm2)
        return m_sm2->sign(data);
    return m_key.sign(data);
}

qint64 Signer::poolHits() const
{
    return m_sm2 ? m_sm2->hits.load() : 0;
}

qint64 Signer::poolMisses() const
{
    return m_sm2 ? m_sm2->misses.load() : 0;
}

} // namespace fieldcase
