// How many bytes to put in the next tus PATCH. Two costs pull against each other: every PATCH
// costs a round trip (on 3G, 300 ms or more), so chunks should be long; a cut PATCH may be lost
// whole (a centre that buffers request bodies, as Qt HttpServer 6.4 does, keeps nothing of it),
// so on a link that cuts, chunks should be short. The sizer aims at about targetMs of sending
// per chunk at the measured throughput, and on a link that has cut it also keeps a chunk below
// 1/lossDivisor of the bytes the link carries between cuts, which bounds the expected loss per
// cut to about half of that. Its memory of the link (throughput, bytes and cuts) outlives one
// upload: the sync client keeps it in the store, so a terminal on a bad link starts small.
#pragma once

#include <QJsonObject>
#include <QtGlobal>

namespace fieldcase::sync {

class ChunkSizer
{
public:
    struct Limits
    {
        qint64 minBytes = 64 * 1024;
        qint64 maxBytes = qint64(8) << 20;
        qint64 firstBytes = 256 * 1024; // before anything was measured
        qint64 targetMs = 4000; // sending time per chunk the sizer aims at
        int lossDivisor = 16; // a chunk ≤ bytes between cuts / this, once the link has cut
        qint64 memoryBytes = qint64(256) << 20; // older experience fades beyond this much traffic
    };

    ChunkSizer() = default;
    explicit ChunkSizer(Limits limits)
        : m_limits(limits)
    { }

    // The size of the first PATCH, before anything was measured.
    void setFirstBytes(qint64 bytes) { m_limits.firstBytes = bytes; }

    // Bytes for the next PATCH.
    [[nodiscard]] qint64 next() const;
    // A PATCH of `bytes` was acknowledged `ms` after it started.
    void sent(qint64 bytes, qint64 ms);
    // A PATCH failed on the way (the link was cut or reset, or the answer did not come in time):
    // counted as a cut, and the throughput estimate halves, so a chunk sized for a faster link
    // than this one shrinks until it fits in a request's time.
    void cut();
    // Forgets what was learned (keeps the limits and the first size).
    void forget();

    // What the sizer learned, to keep between uploads and runs ({} for nothing learned).
    [[nodiscard]] QJsonObject toJson() const;
    // Takes back what toJson() gave; ignores anything malformed (the sizer then starts afresh).
    void restore(const QJsonObject& json);

    [[nodiscard]] double bytesPerMs() const { return m_bytesPerMs; }
    [[nodiscard]] double cuts() const { return m_cuts; }

private:
    void fade();

    Limits m_limits;
    double m_bytesPerMs = 0; // smoothed throughput; 0 until measured
    double m_bytes = 0; // bytes acknowledged within the memory window
    double m_cuts = 0; // cuts within the same window (fractional after fading)
};

} // namespace fieldcase::sync
