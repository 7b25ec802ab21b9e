// Turning the character stream of a keyboard-wedge (HID) or serial barcode scanner into codes.
// Scanners send a code as characters followed by CR, LF or CRLF. A partial code that has not been
// continued for too long (a keystroke from a person, a cut cable) is dropped and counted.
#pragma once

#include "core/util/clock.h"

#include <QString>
#include <QStringView>

#include <functional>

namespace fieldcase::devices {

// Assembles scanner characters into complete codes; one callback per code.
class ScannerInput
{
public:
    // Called once per complete, non-empty code (terminator removed).
    using CodeHandler = std::function<void(const QString& code)>;

    // clock must outlive this object. A partial code whose last character is older than
    // staleAfterMs when more characters arrive is discarded.
    ScannerInput(const Clock& clock, CodeHandler onCode, qint64 staleAfterMs = 300,
        qsizetype maxLength = 8192);

    // Feeds characters as they arrive (any chunking); calls the handler for each finished code.
    void feed(QStringView chars);

    // Drops a stale partial code now (call from a timer to free it without waiting for input);
    // returns whether one was dropped.
    bool expireStale();

    // Forgets any partial code without counting it.
    void reset()
    {
        m_buffer.clear();
        m_overflow = false;
    }

    // The characters received for the code in progress.
    [[nodiscard]] const QString& pending() const { return m_buffer; }

    // How many partial codes were discarded (stale or over maxLength).
    [[nodiscard]] int discardedCount() const { return m_discarded; }

private:
    const Clock& m_clock;
    CodeHandler m_onCode;
    qint64 m_staleAfterMs;
    qsizetype m_maxLength;
    QString m_buffer;
    qint64 m_lastCharMs = 0;
    int m_discarded = 0;
    bool m_overflow = false; // skipping the rest of an over-long code until its terminator
};

} // namespace fieldcase::devices
