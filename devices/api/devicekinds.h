// One interface per device kind, on top of Device. A plugin implements the private hooks; the app
// calls the public functions and listens to the signals. Every asynchronous request returns a
// ticket, and its answer always arrives later from the event loop (never inside the call), so a
// caller can store the ticket before the answer comes.
#pragma once

#include "devices/api/device.h"
#include "devices/api/printoutcome.h"
#include "devices/gnss/gnssfix.h"

#include <QByteArray>
#include <QDateTime>
#include <QVariantMap>

namespace fieldcase::devices {

// A rendered document to print.
struct PrintJob
{
    QByteArray data;
    QString format; // "application/vnd.fieldcase.escp" (ESC/P-K) or "application/pdf"
    QString title; // for the printer's queue and the journal
};

inline constexpr char kEscpFormat[] = "application/vnd.fieldcase.escp";
inline constexpr char kPdfFormat[] = "application/pdf";

// A printer: dot-matrix over a raw transport, or a page printer through CUPS.
class PrinterDevice : public Device
{
    Q_OBJECT
public:
    // Queues the job; printFinished reports it. The ticket identifies the answer.
    quint64 print(const PrintJob& job);

Q_SIGNALS:
    void printFinished(quint64 ticket, const fieldcase::devices::PrintOutcome& outcome);

protected:
    using Device::Device;
    // Plugins report each job exactly once.
    void finishPrint(quint64 ticket, const PrintOutcome& outcome);

private:
    virtual void doPrint(quint64 ticket, const PrintJob& job) = 0;

    quint64 m_nextTicket = 1;
};

// A GNSS receiver: every epoch as a GnssFix (check it with assess() before use).
class GnssDevice : public Device
{
    Q_OBJECT
public:
    [[nodiscard]] GnssFix currentFix() const { return m_fix; }
    [[nodiscard]] bool hasFix() const { return m_hasFix; }

Q_SIGNALS:
    void fixReceived(const fieldcase::devices::GnssFix& fix);

protected:
    using Device::Device;
    void publishFix(const GnssFix& fix);
    // The last fix; plugins extend it.
    QJsonObject doStatus() const override;

private:
    GnssFix m_fix;
    bool m_hasFix = false;
};

// What was read from an IC card with one card profile.
struct CardReadout
{
    QString profileId;
    QString cardKind; // "officer-certificate", "road-transport-certificate", ...
    QByteArray atr;
    QVariantMap fields; // field name → value, as the profile names them
    bool simulated = false;
};

// The answer to a PIN verification.
struct PinOutcome
{
    enum class Result { Verified, WrongPin, Blocked, NotSupported, Failed };
    Result result = Result::Failed;
    int triesLeft = -1; // after a wrong PIN, when the card says (ISO 7816-4 63Cx)
    QString detail;
};

// An IC card reader (PC/SC): card presence, profile reads and PIN checks.
class CardReaderDevice : public Device
{
    Q_OBJECT
public:
    [[nodiscard]] bool cardPresent() const { return m_cardPresent; }
    // Reads the inserted card with the named profile; cardRead or cardReadFailed answers.
    quint64 readCard(const QString& profileId);
    // Verifies a PIN with the named profile's verify command; pinVerified answers.
    quint64 verifyPin(const QString& profileId, const QString& pin);

Q_SIGNALS:
    void cardPresenceChanged(bool present);
    void cardRead(quint64 ticket, const fieldcase::devices::CardReadout& readout);
    void cardReadFailed(quint64 ticket, const QString& message);
    void pinVerified(quint64 ticket, const fieldcase::devices::PinOutcome& outcome);

protected:
    using Device::Device;
    void setCardPresent(bool present);
    // Plugins answer each request exactly once with one of these.
    void finishRead(quint64 ticket, const CardReadout& readout);
    void failRead(quint64 ticket, const QString& message);
    void finishPin(quint64 ticket, const PinOutcome& outcome);

private:
    virtual void doReadCard(quint64 ticket, const QString& profileId) = 0;
    virtual void doVerifyPin(quint64 ticket, const QString& profileId, const QString& pin) = 0;

protected:
    // Card presence; plugins extend it.
    QJsonObject doStatus() const override;

private:
    bool m_cardPresent = false;
    quint64 m_nextTicket = 1;
};

// A still (or clip) the camera produced: a file on local disk, not yet evidence.
struct CapturedMedia
{
    QString filePath;
    QString mediaType; // "image/jpeg", "video/mp4"
    QDateTime capturedAt;
    bool simulated = false;
};

// A camera: stills on request; video where the plugin says "video".
class CameraDevice : public Device
{
    Q_OBJECT
public:
    quint64 captureStill();

Q_SIGNALS:
    void captured(quint64 ticket, const fieldcase::devices::CapturedMedia& media);
    void captureFailed(quint64 ticket, const QString& message);

protected:
    using Device::Device;
    void finishCapture(quint64 ticket, const CapturedMedia& media);
    void failCapture(quint64 ticket, const QString& message);

private:
    virtual void doCaptureStill(quint64 ticket) = 0;

    quint64 m_nextTicket = 1;
};

// One file on a body-worn recorder, as listed (not yet imported).
struct RecordingInfo
{
    QString filePath;
    QString kind; // "video", "audio", "photo"
    qint64 sizeBytes = 0;
    QDateTime startedAt; // invalid if unknown
    qint64 durationMs = -1; // -1 if unknown
    QString officerId; // from the device, when it says
    bool simulated = false;
};

// A body-worn camera or audio recorder mounted as USB storage.
class RecorderDevice : public Device
{
    Q_OBJECT
public:
    // Lists the recordings on the device; recordingsListed or listFailed answers.
    quint64 listRecordings();

Q_SIGNALS:
    void recordingsListed(quint64 ticket, const QList<fieldcase::devices::RecordingInfo>& items);
    void listFailed(quint64 ticket, const QString& message);

protected:
    using Device::Device;
    void finishList(quint64 ticket, const QList<RecordingInfo>& items);
    void failList(quint64 ticket, const QString& message);

private:
    virtual void doListRecordings(quint64 ticket) = 0;

    quint64 m_nextTicket = 1;
};

// A barcode scanner (HID or serial) or any source of decoded codes.
class BarcodeDevice : public Device
{
    Q_OBJECT
Q_SIGNALS:
    // One complete read. format is "QRCode", "PDF417", ... when known, else empty.
    void scanned(const QString& text, const QString& format);

protected:
    using Device::Device;
    void publishScan(const QString& text, const QString& format);
};

// The kind interface a device implements, or nullptr: qobject_cast works across plugins because
// this library is shared.
template<typename T>
[[nodiscard]] T* deviceAs(Device* device)
{
    return qobject_cast<T*>(device);
}

// Whether the device implements the interface of the kind it claims (checked on every plugin).
[[nodiscard]] bool implementsKindInterface(Device* device);

} // namespace fieldcase::devices

Q_DECLARE_METATYPE(fieldcase::devices::CardReadout)
Q_DECLARE_METATYPE(fieldcase::devices::PinOutcome)
Q_DECLARE_METATYPE(fieldcase::devices::CapturedMedia)
Q_DECLARE_METATYPE(fieldcase::devices::RecordingInfo)
