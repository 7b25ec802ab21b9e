// Scanner character stream → codes, with CR/LF/CRLF terminators and stale-partial handling.
#include "devices/barcode/scannerinput.h"

#include <utility>

namespace fieldcase::devices {

ScannerInput::ScannerInput(
    const Clock& clock, CodeHandler onCode, qint64 staleAfterMs, qsizetype maxLength)
    : m_clock(clock)
    , m_onCode(std::move(onCode))
    , m_staleAfterMs(staleAfterMs)
    , m_maxLength(maxLength)
{ }

bool ScannerInput::expireStale()
{
    if ((m_buffer.isEmpty() && !m_overflow) || m_clock.nowMs() - m_lastCharMs <= m_staleAfterMs)
        return false;
    // An over-long code was already counted when it overflowed.
    const bool counted = !std::exchange(m_overflow, false);
    m_buffer.clear();
    if (counted)
        ++m_discarded;
    return counted;
}

void ScannerInput::feed(QStringView chars)
{
    if (chars.isEmpty())
        return;
    expireStale();
    m_lastCharMs = m_clock.nowMs();
    for (const QChar c : chars) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            // An empty buffer here is the LF of a CRLF (or a blank line): nothing to report.
            if (std::exchange(m_overflow, false))
                continue;
            if (!m_buffer.isEmpty()) {
                const QString code = std::exchange(m_buffer, QString());
                if (m_onCode)
                    m_onCode(code);
            }
            continue;
        }
        if (c.unicode() == 0 || m_overflow)
            continue;
        if (m_buffer.size() >= m_maxLength) {
            m_buffer.clear();
            m_overflow = true;
            ++m_discarded;
            continue;
        }
        m_buffer.append(c);
    }
}

} // namespace fieldcase::devices
