#include "tests/support/vpcdcard.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringEncoder>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fieldcase::test {

namespace {

// Status words, ISO/IEC 7816-4 §5.6.
constexpr quint16 kOk = 0x9000;
constexpr quint16 kEndOfFile = 0x6282; // end of file reached before reading Le bytes
constexpr quint16 kWrongLength = 0x6700;
constexpr quint16 kNotRecordFile = 0x6981; // command incompatible with file structure
constexpr quint16 kSecurity = 0x6982; // security status not satisfied
constexpr quint16 kBlocked = 0x6983; // authentication method blocked
constexpr quint16 kNoCurrentEf = 0x6986; // command not allowed (no current EF)
constexpr quint16 kNotFound = 0x6A82; // file or application not found
constexpr quint16 kRecordNotFound = 0x6A83;
constexpr quint16 kBadP1P2 = 0x6A86;
constexpr quint16 kRefNotFound = 0x6A88; // referenced data not found
constexpr quint16 kOffsetOutside = 0x6B00; // wrong parameters P1-P2 (offset outside the EF)
constexpr quint16 kInsNotSupported = 0x6D00;
constexpr quint16 kClaNotSupported = 0x6E00;

QByteArray sw(quint16 word, const QByteArray& data = {})
{
    QByteArray out = data;
    out.append(static_cast<char>(word >> 8));
    out.append(static_cast<char>(word & 0xFF));
    return out;
}

QByteArray tlv(quint8 tag, const QByteArray& value)
{
    QByteArray out;
    out.append(static_cast<char>(tag));
    out.append(static_cast<char>(value.size()));
    out.append(value);
    return out;
}

bool readExactly(int fd, char* buffer, std::size_t n)
{
    std::size_t got = 0;
    while (got < n) {
        // vpcd writes the length and the APDU separately; with Nagle on its side the second
        // write waits for our ACK, which Linux delays by up to 40 ms. Quick ACKs (re-armed on
        // every read, the kernel clears the flag) make one APDU take well under a millisecond.
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
        const ssize_t r = ::recv(fd, buffer + got, n - got, 0);
        if (r <= 0)
            return false;
        got += std::size_t(r);
    }
    return true;
}

bool sendFrame(int fd, const QByteArray& payload)
{
    QByteArray frame;
    frame.append(static_cast<char>((payload.size() >> 8) & 0xFF));
    frame.append(static_cast<char>(payload.size() & 0xFF));
    frame.append(payload);
    std::size_t sent = 0;
    while (sent < std::size_t(frame.size())) {
        const ssize_t r
            = ::send(fd, frame.constData() + sent, std::size_t(frame.size()) - sent, MSG_NOSIGNAL);
        if (r <= 0)
            return false;
        sent += std::size_t(r);
    }
    return true;
}

// File content from a description: a hex string, or a list of segments
// {"hex"} / {"ascii"|"utf8"|"gbk": text, "pad": total length, "padByte": "00"}.
bool contentFromJson(const QJsonValue& value, QByteArray* out, QString* error)
{
    if (value.isString()) {
        *out = QByteArray::fromHex(value.toString().remove(u' ').toLatin1());
        return true;
    }
    if (!value.isArray()) {
        *error = QStringLiteral("file content must be hex or a list of segments");
        return false;
    }
    for (const QJsonValue& segment : value.toArray()) {
        const QJsonObject s = segment.toObject();
        QByteArray bytes;
        if (s.contains(QLatin1String("hex"))) {
            bytes = QByteArray::fromHex(
                s.value(QLatin1String("hex")).toString().remove(u' ').toLatin1());
        } else if (s.contains(QLatin1String("ascii"))) {
            bytes = s.value(QLatin1String("ascii")).toString().toLatin1();
        } else if (s.contains(QLatin1String("utf8"))) {
            bytes = s.value(QLatin1String("utf8")).toString().toUtf8();
        } else if (s.contains(QLatin1String("gbk"))) {
            QStringEncoder encoder("GB18030");
            bytes = encoder.encode(s.value(QLatin1String("gbk")).toString());
        } else {
            *error = QStringLiteral("unknown segment %1")
                         .arg(QString::fromUtf8(QJsonDocument(s).toJson(QJsonDocument::Compact)));
            return false;
        }
        const int pad = s.value(QLatin1String("pad")).toInt(0);
        const QByteArray padByte = QByteArray::fromHex(
            s.value(QLatin1String("padByte")).toString(QStringLiteral("00")).toLatin1());
        if (pad > 0 && bytes.size() > pad) {
            *error = QStringLiteral("segment longer than its pad");
            return false;
        }
        while (bytes.size() < pad)
            bytes.append(padByte.isEmpty() ? '\0' : padByte.at(0));
        out->append(bytes);
    }
    return true;
}

} // namespace

VpcdCard::VpcdCard()
    // A plausible T=1 ATR; pcscd only needs bytes, the reader code shows them.
    : m_atr(QByteArray::fromHex("3B8880010046434341524431A5"))
{ }

VpcdCard::~VpcdCard()
{
    remove();
}

bool VpcdCard::loadJson(const QJsonObject& description, QString* error)
{
    std::lock_guard lock(m_mutex);
    m_apps.clear();
    m_pin.clear();
    m_pinMaxTries = m_pinTries = 0;
    if (description.contains(QLatin1String("atr")))
        m_atr = QByteArray::fromHex(description.value(QLatin1String("atr")).toString().toLatin1());
    for (const QJsonValue& a : description.value(QLatin1String("applications")).toArray()) {
        Application app;
        app.aid
            = QByteArray::fromHex(a.toObject().value(QLatin1String("aid")).toString().toLatin1());
        for (const QJsonValue& f : a.toObject().value(QLatin1String("files")).toArray()) {
            const QJsonObject o = f.toObject();
            File file;
            file.fid = QByteArray::fromHex(o.value(QLatin1String("fid")).toString().toLatin1());
            file.pinProtected = o.value(QLatin1String("pinProtected")).toBool(false);
            if (file.fid.size() != 2) {
                *error = QStringLiteral("a file needs a 2-byte fid");
                return false;
            }
            if (o.contains(QLatin1String("records"))) {
                file.record = true;
                for (const QJsonValue& r : o.value(QLatin1String("records")).toArray()) {
                    QByteArray record;
                    if (!contentFromJson(r, &record, error))
                        return false;
                    file.records << record;
                }
            } else if (!contentFromJson(o.value(QLatin1String("data")), &file.data, error)) {
                return false;
            }
            app.files << file;
        }
        m_apps << app;
    }
    const QJsonObject pin = description.value(QLatin1String("pin")).toObject();
    if (!pin.isEmpty()) {
        m_pin = QByteArray::fromHex(pin.value(QLatin1String("data")).toString().toLatin1());
        m_pinMaxTries = m_pinTries = pin.value(QLatin1String("tries")).toInt(3);
        m_pinReference = static_cast<quint8>(pin.value(QLatin1String("reference"))
                                                 .toString(QStringLiteral("00"))
                                                 .toUInt(nullptr, 16));
    }
    return true;
}

bool VpcdCard::loadFile(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open ") + path;
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = path + QStringLiteral(": ") + parseError.errorString();
        return false;
    }
    return loadJson(doc.object(), error);
}

void VpcdCard::setAtr(const QByteArray& atr)
{
    std::lock_guard lock(m_mutex);
    m_atr = atr;
}

void VpcdCard::addApplication(const Application& application)
{
    std::lock_guard lock(m_mutex);
    m_apps << application;
}

void VpcdCard::setPin(const QByteArray& verifyData, int maxTries, quint8 reference)
{
    std::lock_guard lock(m_mutex);
    m_pin = verifyData;
    m_pinMaxTries = m_pinTries = maxTries;
    m_pinReference = reference;
}

int VpcdCard::pinTriesLeft() const
{
    std::lock_guard lock(m_mutex);
    return m_pinTries;
}

void VpcdCard::setResponseDelayMs(int ms)
{
    std::lock_guard lock(m_mutex);
    m_delayMs = ms;
}

QStringList VpcdCard::log() const
{
    std::lock_guard lock(m_mutex);
    return m_log;
}

void VpcdCard::clearLog()
{
    std::lock_guard lock(m_mutex);
    m_log.clear();
}

bool VpcdCard::inserted() const
{
    std::lock_guard lock(m_mutex);
    return m_connected;
}

bool VpcdCard::insert(int timeoutMs, quint16 port)
{
    remove();
    QElapsedTimer timer;
    timer.start();
    while (true) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
            {
                std::lock_guard lock(m_mutex);
                m_fd = fd;
                m_connected = true;
                m_app = m_file = -1;
                m_verified = false;
            }
            m_thread = std::thread([this, fd] { run(fd); });
            return true;
        }
        ::close(fd);
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(50); // vpcd listens only once pcscd has loaded the driver
    }
}

void VpcdCard::remove()
{
    int fd = -1;
    {
        std::lock_guard lock(m_mutex);
        fd = m_fd;
        m_fd = -1;
    }
    if (fd >= 0)
        ::shutdown(fd, SHUT_RDWR); // wakes the thread's recv()
    if (m_thread.joinable())
        m_thread.join();
    if (fd >= 0)
        ::close(fd);
    std::lock_guard lock(m_mutex);
    m_connected = false;
}

void VpcdCard::run(int fd)
{
    while (true) {
        char header[2];
        if (!readExactly(fd, header, 2))
            break;
        const std::size_t length = (std::size_t(quint8(header[0])) << 8) | quint8(header[1]);
        QByteArray payload(qsizetype(length), '\0');
        if (length > 0 && !readExactly(fd, payload.data(), length))
            break;
        if (length == 1) {
            const quint8 control = quint8(payload.at(0));
            if (control == 0x04) { // get ATR
                QByteArray atr;
                {
                    std::lock_guard lock(m_mutex);
                    atr = m_atr;
                }
                if (!sendFrame(fd, atr))
                    break;
            } else { // 00 power off, 01 power on, 02 reset: a fresh card session
                std::lock_guard lock(m_mutex);
                resetSelection();
            }
            continue;
        }
        const QByteArray answer = respond(payload);
        int delay = 0;
        {
            std::lock_guard lock(m_mutex);
            delay = m_delayMs;
        }
        if (delay > 0)
            QThread::msleep(delay);
        if (!sendFrame(fd, answer))
            break;
    }
    // vpcd or pcscd went away (or remove() shut the socket): the card is out.
    std::lock_guard lock(m_mutex);
    m_connected = false;
}

void VpcdCard::resetSelection()
{
    m_app = m_file = -1;
    m_verified = false; // a reset clears the security status (ISO 7816-4 §5.4)
}

QByteArray VpcdCard::respond(const QByteArray& apdu)
{
    std::lock_guard lock(m_mutex);
    QByteArray answer;
    if (apdu.size() < 4) {
        answer = sw(kWrongLength);
    } else {
        const quint8 cla = quint8(apdu.at(0));
        const quint8 ins = quint8(apdu.at(1));
        const quint8 p1 = quint8(apdu.at(2));
        const quint8 p2 = quint8(apdu.at(3));
        // Short APDU cases (ISO 7816-3 §12.1.3): 1 = header, 2 = header + Le,
        // 3 = header + Lc + data, 4 = header + Lc + data + Le.
        QByteArray data;
        int le = -1;
        bool wellFormed = true;
        if (apdu.size() == 5) {
            le = quint8(apdu.at(4)) == 0 ? 256 : quint8(apdu.at(4));
        } else if (apdu.size() > 5) {
            const int lc = quint8(apdu.at(4));
            if (apdu.size() == 5 + lc) {
                data = apdu.mid(5, lc);
            } else if (apdu.size() == 6 + lc) {
                data = apdu.mid(5, lc);
                le = quint8(apdu.back()) == 0 ? 256 : quint8(apdu.back());
            } else {
                wellFormed = false;
            }
        }
        if (!wellFormed)
            answer = sw(kWrongLength);
        else if ((cla & 0xFC) != 0x00) // only the interindustry class, logical channel 0
            answer = sw(kClaNotSupported);
        else if (ins == 0xA4)
            answer = select(apdu, p1, p2, data, le >= 0);
        else if (ins == 0xB0)
            answer = readBinary(p1, p2, le < 0 ? 256 : le);
        else if (ins == 0xB2)
            answer = readRecord(p1, p2, le < 0 ? 256 : le);
        else if (ins == 0x20)
            answer = verify(p1, p2, data, apdu.size() > 4);
        else
            answer = sw(kInsNotSupported);
    }
    m_log << QStringLiteral("C: %1 R: %2")
                 .arg(QString::fromLatin1(apdu.toHex().toUpper()),
                     QString::fromLatin1(answer.right(2).toHex().toUpper()));
    return answer;
}

QByteArray VpcdCard::select(
    const QByteArray& /*apdu*/, quint8 p1, quint8 p2, const QByteArray& data, bool /*hasLe*/)
{
    // P2=00: return the FCI; 0C: no data; 04: the FCP (answered like 00 here).
    if (p2 != 0x00 && p2 != 0x0C && p2 != 0x04)
        return sw(kBadP1P2);
    if (p1 == 0x04) { // by DF name (AID)
        for (qsizetype i = 0; i < m_apps.size(); ++i) {
            if (m_apps.at(i).aid != data)
                continue;
            m_app = int(i);
            m_file = -1;
            if (p2 == 0x0C)
                return sw(kOk);
            return sw(kOk, tlv(0x6F, tlv(0x84, data) + tlv(0xA5, {})));
        }
        return sw(kNotFound);
    }
    if (p1 == 0x00 || p1 == 0x02) { // by file identifier (00: any, 02: EF under current DF)
        if (data.size() != 2)
            return sw(kWrongLength);
        if (data == QByteArray::fromHex("3F00") && p1 == 0x00) { // the MF
            m_app = m_file = -1;
            return sw(kOk);
        }
        if (m_app < 0)
            return sw(kNotFound);
        const QList<File>& files = m_apps.at(m_app).files;
        for (qsizetype i = 0; i < files.size(); ++i) {
            if (files.at(i).fid != data)
                continue;
            m_file = int(i);
            if (p2 == 0x0C)
                return sw(kOk);
            const File& f = files.at(i);
            const int size = f.record ? 0 : int(f.data.size());
            QByteArray sizeBytes;
            sizeBytes.append(static_cast<char>(size >> 8));
            sizeBytes.append(static_cast<char>(size & 0xFF));
            const QByteArray descriptor(1, f.record ? '\x02' : '\x01');
            return sw(
                kOk, tlv(0x62, tlv(0x80, sizeBytes) + tlv(0x82, descriptor) + tlv(0x83, data)));
        }
        return sw(kNotFound);
    }
    return sw(kBadP1P2);
}

QByteArray VpcdCard::readBinary(quint8 p1, quint8 p2, int le)
{
    if (p1 & 0x80) // short EF identifier addressing: not scripted
        return sw(kBadP1P2);
    if (m_app < 0 || m_file < 0)
        return sw(kNoCurrentEf);
    const File& f = m_apps.at(m_app).files.at(m_file);
    if (f.record)
        return sw(kNotRecordFile);
    if (f.pinProtected && !m_verified)
        return sw(kSecurity);
    const int offset = (p1 << 8) | p2;
    if (offset >= f.data.size())
        return sw(kOffsetOutside);
    const QByteArray chunk = f.data.mid(offset, le);
    return sw(chunk.size() < le ? kEndOfFile : kOk, chunk);
}

QByteArray VpcdCard::readRecord(quint8 p1, quint8 p2, int le)
{
    if ((p2 & 0x07) != 0x04) // only "record number in P1" of the current EF
        return sw(kBadP1P2);
    if (m_app < 0 || m_file < 0)
        return sw(kNoCurrentEf);
    const File& f = m_apps.at(m_app).files.at(m_file);
    if (!f.record)
        return sw(kNotRecordFile);
    if (f.pinProtected && !m_verified)
        return sw(kSecurity);
    if (p1 == 0 || p1 > f.records.size())
        return sw(kRecordNotFound);
    const QByteArray record = f.records.at(p1 - 1);
    return sw(record.size() > le ? kEndOfFile : kOk, record.left(le));
}

QByteArray VpcdCard::verify(quint8 p1, quint8 p2, const QByteArray& data, bool hasData)
{
    if (m_pin.isEmpty())
        return sw(kInsNotSupported); // a card without a PIN
    if (p1 != 0x00)
        return sw(kBadP1P2);
    if (p2 != m_pinReference)
        return sw(kRefNotFound);
    const auto counter = [this] { return sw(quint16(0x63C0 | (m_pinTries & 0x0F))); };
    if (!hasData || data.isEmpty()) { // only asks for the status (ISO 7816-4 §11.5.6)
        if (m_verified)
            return sw(kOk);
        return m_pinTries == 0 ? sw(kBlocked) : counter();
    }
    if (m_pinTries == 0)
        return sw(kBlocked);
    if (data == m_pin) {
        m_pinTries = m_pinMaxTries;
        m_verified = true;
        return sw(kOk);
    }
    --m_pinTries;
    m_verified = false;
    return counter(); // 63C0 on the try that blocks it, 6983 from then on
}

} // namespace fieldcase::test
