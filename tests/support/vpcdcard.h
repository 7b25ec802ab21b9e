// A virtual ISO 7816-4 card for tests: it connects to vpcd (the virtual reader driver loaded by
// pcscd) as a client and answers APDUs from a script of applications, files, records and a PIN.
// Connecting is inserting the card; disconnecting is removing it. Runs on its own thread, so a
// test can block in PC/SC calls while the card answers.
//
// vpcd wire protocol (vsmartcard docs, "Creating a virtual smart card"): every message is a
// 2-byte big-endian length and a payload. A 1-byte payload is a control: 00 power off, 01 power
// on, 02 reset (no answer), 04 "send the ATR". Any longer payload is a C-APDU; the answer is the
// R-APDU (data + SW1 SW2).
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <mutex>
#include <thread>

namespace fieldcase::test {

class VpcdCard
{
public:
    // One elementary file.
    struct File
    {
        QByteArray fid;
        bool record = false;
        QByteArray data; // transparent
        QList<QByteArray> records; // record file, record 1 first
        bool pinProtected = false; // READ answers 6982 until the PIN is verified
    };
    // One DF selected by its AID.
    struct Application
    {
        QByteArray aid;
        QList<File> files;
    };

    static constexpr quint16 kDefaultPort = 35963; // vpcd's first reader, "Virtual PCD 00 00"

    VpcdCard();
    ~VpcdCard();
    VpcdCard(const VpcdCard&) = delete;
    VpcdCard& operator=(const VpcdCard&) = delete;

    // Loads a card description (see tests/unit/devices/cardreader/cards/README.md); false with
    // *error on a malformed one. Replaces whatever was scripted before.
    bool loadJson(const QJsonObject& description, QString* error);
    bool loadFile(const QString& path, QString* error);

    void setAtr(const QByteArray& atr);
    void addApplication(const Application& application);
    // The PIN as the VERIFY data field must carry it (already formatted and padded).
    void setPin(const QByteArray& verifyData, int maxTries = 3, quint8 reference = 0x00);

    // Connects to vpcd (retrying until timeoutMs): the reader now sees a card.
    bool insert(int timeoutMs = 5000, quint16 port = kDefaultPort);
    // Disconnects: the reader sees the card removed.
    void remove();
    [[nodiscard]] bool inserted() const;

    [[nodiscard]] int pinTriesLeft() const;
    // Delays every answer (a slow card, to show reads run off the GUI thread).
    void setResponseDelayMs(int ms);
    // "C: 00A4040C09A0... R: 9000" per APDU, oldest first.
    [[nodiscard]] QStringList log() const;
    void clearLog();

    // The answer to one C-APDU (public for direct unit tests of the script).
    [[nodiscard]] QByteArray respond(const QByteArray& apdu);

private:
    void run(int fd);
    void resetSelection();
    QByteArray select(
        const QByteArray& apdu, quint8 p1, quint8 p2, const QByteArray& data, bool hasLe);
    QByteArray readBinary(quint8 p1, quint8 p2, int le);
    QByteArray readRecord(quint8 p1, quint8 p2, int le);
    QByteArray verify(quint8 p1, quint8 p2, const QByteArray& data, bool hasData);

    mutable std::mutex m_mutex;
    QByteArray m_atr;
    QList<Application> m_apps;
    QByteArray m_pin;
    quint8 m_pinReference = 0;
    int m_pinMaxTries = 0;
    int m_pinTries = 0;
    bool m_verified = false;
    int m_app = -1; // selected application
    int m_file = -1; // selected EF in it
    QStringList m_log;

    int m_delayMs = 0;
    int m_fd = -1;
    bool m_connected = false;
    std::thread m_thread;
};

} // namespace fieldcase::test
