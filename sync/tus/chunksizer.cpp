#include "sync/tus/chunksizer.h"

#include <algorithm>
#include <cmath>

namespace fieldcase::sync {

qint64 ChunkSizer::next() const
{
    double size
        = m_bytesPerMs > 0 ? m_bytesPerMs * double(m_limits.targetMs) : double(m_limits.firstBytes);
    if (m_cuts > 0) {
        // Bytes the link carries between cuts (acknowledged bytes over cuts; never below one
        // minimal chunk's worth, so the very first cut does not divide nothing).
        const double between = std::max(m_bytes, double(m_limits.minBytes)) / m_cuts;
        size = std::min(size, between / double(m_limits.lossDivisor));
    }
    return std::clamp(qint64(size), m_limits.minBytes, m_limits.maxBytes);
}

void ChunkSizer::sent(qint64 bytes, qint64 ms)
{
    if (bytes <= 0)
        return;
    m_bytes += double(bytes);
    // Throughput of this PATCH, smoothed: the newest counts for a half. A PATCH shorter than the
    // smallest chunk (the tail of a file, a small document) mostly measures the round trip, not
    // the link: it is counted as bytes carried but does not move the estimate.
    if (bytes >= m_limits.minBytes || m_bytesPerMs <= 0) {
        const double rate = double(bytes) / double(std::max<qint64>(ms, 1));
        m_bytesPerMs = m_bytesPerMs > 0 ? (m_bytesPerMs + rate) / 2 : rate;
    }
    fade();
}

void ChunkSizer::cut()
{
    m_cuts += 1;
    m_bytesPerMs /= 2;
}

void ChunkSizer::forget()
{
    m_bytesPerMs = 0;
    m_bytes = 0;
    m_cuts = 0;
}

void ChunkSizer::fade()
{
    // Past the memory window both counts halve, so the link's recent behaviour dominates: a
    // terminal that moved from a bad cell to depot Wi-Fi grows its chunks again.
    while (m_bytes > double(m_limits.memoryBytes)) {
        m_bytes /= 2;
        m_cuts /= 2;
    }
    if (m_cuts < 0.25)
        m_cuts = 0;
}

QJsonObject ChunkSizer::toJson() const
{
    if (m_bytesPerMs <= 0 && m_bytes <= 0 && m_cuts <= 0)
        return {};
    return {{QStringLiteral("bytesPerMs"), m_bytesPerMs}, {QStringLiteral("bytes"), m_bytes},
        {QStringLiteral("cuts"), m_cuts}};
}

void ChunkSizer::restore(const QJsonObject& json)
{
    const double rate = json.value(QStringLiteral("bytesPerMs")).toDouble(-1);
    const double bytes = json.value(QStringLiteral("bytes")).toDouble(-1);
    const double cuts = json.value(QStringLiteral("cuts")).toDouble(-1);
    if (!(rate >= 0 && bytes >= 0 && cuts >= 0) || !std::isfinite(rate) || !std::isfinite(bytes)
        || !std::isfinite(cuts))
        return;
    m_bytesPerMs = rate;
    m_bytes = bytes;
    m_cuts = cuts;
    fade();
}

} // namespace fieldcase::sync
