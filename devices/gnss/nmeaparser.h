// Our own NMEA 0183 parser: raw receiver bytes in, one merged GNSS fix per epoch out.
#pragma once

#include "core/util/clock.h"
#include "devices/gnss/gnssfix.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace fieldcase::devices {

// Running counts, for diagnostics and for attaching to a case.
struct NmeaCounters
{
    qint64 sentencesOk = 0; // checksum good and the sentence applied
    qint64 checksumErrors = 0; // '*hh' present but wrong: dropped
    qint64 missingChecksum = 0; // no '*hh': dropped (see NmeaParser)
    qint64 unknownSentences = 0; // checksum good, talker or type not supported: ignored
    qint64 malformedSentences = 0; // checksum good, fields unusable: ignored
    qint64 garbageBytes = 0; // bytes outside any '$...' sentence, or in an overlong line
};

// Incremental NMEA 0183 parser. Feed it raw bytes in any chunking; it calls the fix callback
// once per epoch. Sentences without a checksum are rejected: NMEA makes '*hh' optional for some
// sentences, but an unchecked position is not good enough for evidence.
class NmeaParser
{
public:
    using FixCallback = std::function<void(const GnssFix&)>;

    // The clock stamps ageMs and receivedAtMs; it must outlive the parser.
    explicit NmeaParser(const Clock& clock = Clock::system());

    // Called with every completed epoch.
    void setFixCallback(FixCallback callback) { m_callback = std::move(callback); }
    // Consumes bytes; partial lines are kept until their end arrives.
    void feed(QByteArrayView bytes);
    // Emits the pending epoch if it was not emitted yet (end of stream or of a replay).
    void flush();
    // Forgets the partial line (after a reconnect the rest of it will never come).
    void resetLine()
    {
        m_line.clear();
        m_inSentence = false;
    }

    // The merged state right now, with ageMs computed against the clock.
    [[nodiscard]] GnssFix currentFix() const;
    [[nodiscard]] const NmeaCounters& counters() const { return m_counters; }

    // Longest line accepted; the standard says 82 but real receivers exceed it slightly.
    static constexpr qsizetype MaxLineLength = 160;

    // XOR of the bytes between '$' and '*' (exposed for tests and simulators).
    [[nodiscard]] static quint8 checksum(QByteArrayView body);
    // "$" + body + "*hh" with the right checksum, no line ending (for simulators and replays).
    [[nodiscard]] static QByteArray withChecksum(QByteArrayView body);

private:
    enum SentenceKind : unsigned { KindGga = 1, KindRmc = 2 };

    void handleLine(QByteArrayView line);
    bool applySentence(const QList<QByteArray>& fields, QByteArrayView talker, QByteArrayView type);
    bool applyGga(const QList<QByteArray>& f);
    bool applyRmc(const QList<QByteArray>& f);
    bool applyGsa(const QList<QByteArray>& f);
    bool applyGsv(const QList<QByteArray>& f, QByteArrayView talker);
    bool applyVtg(const QList<QByteArray>& f);
    void beginEpochSentence(int timeOfDayMs, unsigned kind, QByteArrayView talker);
    void emitEpoch();

    const Clock& m_clock;
    FixCallback m_callback;
    NmeaCounters m_counters;
    QByteArray m_line;
    bool m_inSentence = false;

    GnssFix m_fix;
    QDate m_date; // last RMC date; GGA carries no date
    int m_dateTimeOfDayMs = 0; // time of the RMC that gave m_date
    int m_epochTimeMs = -1;
    unsigned m_epochSeen = 0; // SentenceKind bits seen in the current epoch
    unsigned m_epochExpected = KindGga | KindRmc; // learned from the previous epoch
    bool m_epochEmitted = true;
    bool m_epochGgaValid = true;
    bool m_epochRmcValid = true;
    bool m_haveGsa = false;
    qint64 m_lastValidMs = -1;
};

} // namespace fieldcase::devices
