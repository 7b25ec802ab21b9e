// IC-card reading over PC/SC (pcsc-lite): a blocking, thread-safe session for tools and tests,
// and a QObject that watches readers and cards on a worker thread for the UI.
#pragma once

#include "core/util/result.h"
#include "devices/cardreader/cardprofile.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace fieldcase::devices {

// What was read from a card with a profile (the plugin API's CardReadout is built from it).
struct CardData
{
    // One decoded field.
    struct Value
    {
        QString name;
        QString labelEn;
        QString labelZh;
        QString text; // decoded
        QByteArray raw; // the bytes it was decoded from
    };

    QString profileId;
    bool demo = false; // read with a demo layout: not evidence of anything
    QString reader;
    QByteArray atr;
    QList<Value> fields;
    QStringList lockedFields; // names of fields that need the PIN, which was not given

    // The decoded text of a field; empty when not read.
    [[nodiscard]] QString text(QStringView name) const;
    [[nodiscard]] bool has(QStringView name) const;
};

// The answer of a card to a PIN check (VERIFY, ISO 7816-4 §11.5.6); maps onto PinOutcome.
struct PinCheck
{
    enum class Status {
        Verified, // 9000
        NotVerified, // pinStatus(): 63Cx, not entered yet, x tries left
        WrongPin, // 63Cx: x tries left
        Blocked, // 6983: authentication method blocked
        NotSupported, // no PIN in the profile, or the card does not know the command
    };

    Status status = Status::NotSupported;
    int triesLeft = -1; // -1: the card did not say

    // A sentence for the officer ("Wrong PIN: 2 tries left.").
    [[nodiscard]] QString message() const;
};

// Blocking PC/SC access. Every call connects, runs its APDUs inside one card transaction and
// disconnects. Safe to call from several threads (calls are serialised). The context is
// re-established on its own after pcscd restarts.
class PcscSession
{
public:
    PcscSession();
    ~PcscSession();
    PcscSession(const PcscSession&) = delete;
    PcscSession& operator=(const PcscSession&) = delete;

    // Reader names, in pcscd's order; empty (not an error) when none is attached.
    [[nodiscard]] Result<QStringList> listReaders();
    // Waits (SCardGetStatusChange) until a card is in the reader (present) or none is (!present)
    // and returns that reader's name; empty reader: any reader. Holds the session meanwhile.
    [[nodiscard]] Result<QString> waitForCard(
        bool present, int timeoutMs, const QString& reader = {});
    // The ATR of the card in reader (empty name: the first reader holding a card).
    [[nodiscard]] Result<QByteArray> cardAtr(const QString& reader = {});
    // The first profile whose application the card selects (9000), or NotFound.
    [[nodiscard]] Result<CardProfile> detectProfile(
        const QList<CardProfile>& profiles, const QString& reader = {});
    // Reads every field of the profile. Fields that need the PIN are read only when pin is
    // given (it is verified first; a wrong PIN fails the whole read); otherwise they are listed
    // in CardData::lockedFields.
    [[nodiscard]] Result<CardData> readCard(
        const CardProfile& profile, const QString& reader = {}, const QString& pin = {});
    // Checks a PIN. A wrong PIN costs one try; the card is reset afterwards either way.
    [[nodiscard]] Result<PinCheck> verifyPin(
        const CardProfile& profile, const QString& pin, const QString& reader = {});
    // The PIN's tries left without spending one (VERIFY with no data, ISO 7816-4 §11.5.6).
    [[nodiscard]] Result<PinCheck> pinStatus(
        const CardProfile& profile, const QString& reader = {});

    // Drops the PC/SC context (the next call establishes a new one).
    void reset();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

class PcscMonitor;

// The card reader for the UI: watches readers and card insert/remove with
// SCardGetStatusChange on a worker thread, reads cards on another, and survives reader unplug
// and pcscd restarts. All signals arrive on the thread that owns the object.
class PcscReader : public QObject
{
    Q_OBJECT
public:
    // What the officer sees.
    enum class State {
        NoService, // pcscd is not running (or restarting)
        NoReader, // no (matching) reader attached
        NoCard, // a reader, but no card in it
        CardPresent, // a card is in the reader
        Reading, // a read or PIN check is running
        Error, // the service or the card misbehaves (lastError() says how)
    };
    Q_ENUM(State)

    explicit PcscReader(QObject* parent = nullptr);
    ~PcscReader() override;

    // Starts watching (idempotent). State stays NoService until the first report.
    void start();
    // Stops watching; running reads still finish. state() keeps its last value until start().
    void stop();

    // Only readers whose name contains this text count (empty: all readers).
    void setReaderFilter(const QString& nameContains);
    // How long one SCardGetStatusChange waits, and the retry interval while pcscd is away.
    void setPollIntervalMs(int ms);

    [[nodiscard]] State state() const { return m_state; }
    // The last error, for the user; empty when there was none.
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] QStringList readers() const { return m_readers; }
    // The reader holding the card (CardPresent/Reading), else empty.
    [[nodiscard]] QString activeReader() const { return m_activeReader; }
    [[nodiscard]] QByteArray atr() const { return m_atr; }

    // Reads the card in the active reader off the calling thread. The future finishes on this
    // object's thread, so do not block that thread waiting for it (use QFuture::then or a
    // QFutureWatcher); it is cancelled if the reader is destroyed first.
    [[nodiscard]] QFuture<Result<CardData>> readCard(
        const CardProfile& profile, const QString& pin = {});
    [[nodiscard]] QFuture<Result<PinCheck>> verifyPin(
        const CardProfile& profile, const QString& pin);

    // The blocking layer this object uses (for a CLI sharing the reader's context).
    [[nodiscard]] PcscSession& session() { return *m_session; }

Q_SIGNALS:
    void stateChanged(fieldcase::devices::PcscReader::State state);
    void readersChanged(const QStringList& readers);
    // A card was inserted (its ATR) or removed (empty).
    void cardChanged(const QByteArray& atr);

private:
    friend class PcscMonitor;
    struct ReaderStatus
    {
        QString name;
        bool present = false;
        bool mute = false;
        QByteArray atr;
    };
    struct Snapshot
    {
        bool service = false;
        QString error; // an unexpected PC/SC failure, else empty
        QList<ReaderStatus> readers;
    };

    void applySnapshot(const Snapshot& snapshot);
    void updateState();
    template<typename T, typename Op>
    QFuture<Result<T>> runJob(Op op);

    std::unique_ptr<PcscSession> m_session;
    std::unique_ptr<PcscMonitor> m_monitor;
    int m_monitorGeneration = 0; // snapshots of an older monitor are ignored
    QThreadPool m_pool;
    QString m_filter;
    int m_pollMs = 1000;
    Snapshot m_snapshot;
    State m_baseState = State::NoService; // from the monitor, before Reading is applied
    State m_state = State::NoService;
    int m_busy = 0;
    QString m_lastError;
    QStringList m_readers;
    QString m_activeReader;
    QByteArray m_atr;
};

} // namespace fieldcase::devices
