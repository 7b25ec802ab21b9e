#include "devices/cardreader/pcscreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QPromise>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#include <winscard.h>

namespace fieldcase::devices {

namespace {

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex().toUpper());
}

// The errors after which the context itself is useless: pcscd was stopped or restarted (a
// context belongs to one daemon process and its socket), or the reader went away under it.
// pcsc-lite does not reconnect a context, so the only cure is release + establish again.
bool contextLost(LONG rv)
{
    return rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED
        || rv == SCARD_E_READER_UNAVAILABLE || rv == SCARD_F_COMM_ERROR
        || rv == SCARD_E_INVALID_HANDLE;
}

Error pcscError(LONG rv, const QString& context = {})
{
    QString message;
    ErrorCode code = ErrorCode::Io;
    switch (rv) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
    case SCARD_F_COMM_ERROR:
        message = QCoreApplication::translate("Devices",
            "The smart card service (pcscd) is not running. Restart the terminal or call county "
            "IT.");
        break;
    case SCARD_E_NO_READERS_AVAILABLE:
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
        code = ErrorCode::NotFound;
        message = QCoreApplication::translate("Devices", "The card reader is not connected.");
        break;
    case SCARD_E_NO_SMARTCARD:
        code = ErrorCode::NotFound;
        message = QCoreApplication::translate("Devices", "There is no card in the reader.");
        break;
    case SCARD_W_REMOVED_CARD:
        code = ErrorCode::NotFound;
        message = QCoreApplication::translate(
            "Devices", "The card was removed while it was being read. Insert it again.");
        break;
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_PROTO_MISMATCH:
        message = QCoreApplication::translate(
            "Devices", "The card does not respond. Take it out and insert it again.");
        break;
    case SCARD_E_SHARING_VIOLATION:
        code = ErrorCode::Conflict;
        message = QCoreApplication::translate("Devices", "Another program is using the card.");
        break;
    default:
        message = QCoreApplication::translate("Devices", "The card reader failed (%1).")
                      .arg(QString::fromLatin1(pcsc_stringify_error(rv)));
    }
    const QString detail = QStringLiteral("%1 (0x%2)")
                               .arg(QString::fromLatin1(pcsc_stringify_error(rv)))
                               .arg(static_cast<quint32>(rv), 8, 16, QLatin1Char('0'));
    return Error {
        code, message, context.isEmpty() ? detail : context + QStringLiteral(": ") + detail};
}

// The meaning of a status word, after ISO/IEC 7816-4:2020 §5.6 (tables 5 and 6).
QString statusWordText(quint16 sw)
{
    if ((sw & 0xFFF0) == 0x63C0)
        return QCoreApplication::translate("Devices", "verification failed, %1 tries left")
            .arg(sw & 0x0F);
    switch (sw) {
    case 0x6282:
        return QCoreApplication::translate(
            "Devices", "end of file reached before reading all bytes");
    case 0x6581:
        return QCoreApplication::translate("Devices", "memory failure");
    case 0x6700:
        return QCoreApplication::translate("Devices", "wrong length");
    case 0x6981:
        return QCoreApplication::translate(
            "Devices", "command incompatible with the file structure");
    case 0x6982:
        return QCoreApplication::translate("Devices", "security status not satisfied");
    case 0x6983:
        return QCoreApplication::translate("Devices", "authentication method blocked");
    case 0x6985:
        return QCoreApplication::translate("Devices", "conditions of use not satisfied");
    case 0x6986:
        return QCoreApplication::translate("Devices", "command not allowed (no current file)");
    case 0x6A81:
        return QCoreApplication::translate("Devices", "function not supported");
    case 0x6A82:
        return QCoreApplication::translate("Devices", "file or application not found");
    case 0x6A83:
        return QCoreApplication::translate("Devices", "record not found");
    case 0x6A86:
        return QCoreApplication::translate("Devices", "incorrect parameters P1-P2");
    case 0x6A88:
        return QCoreApplication::translate("Devices", "referenced data not found");
    case 0x6B00:
        return QCoreApplication::translate("Devices", "wrong parameters (offset outside the file)");
    case 0x6D00:
        return QCoreApplication::translate("Devices", "instruction not supported");
    case 0x6E00:
        return QCoreApplication::translate("Devices", "class not supported");
    default:
        return QCoreApplication::translate("Devices", "unexpected status");
    }
}

QString swHex(quint16 sw)
{
    return QStringLiteral("%1").arg(sw, 4, 16, QLatin1Char('0')).toUpper();
}

Error cardError(quint16 sw, const QString& what)
{
    ErrorCode code = ErrorCode::Io;
    if (sw == 0x6A82 || sw == 0x6A83 || sw == 0x6A88)
        code = ErrorCode::NotFound;
    else if (sw == 0x6982 || sw == 0x6983)
        code = ErrorCode::PermissionDenied;
    return Error {code,
        QCoreApplication::translate("Devices", "%1: the card answered %2 (%3).")
            .arg(what, swHex(sw), statusWordText(sw)),
        swHex(sw)};
}

QByteArray apdu(quint8 cla, quint8 ins, quint8 p1, quint8 p2)
{
    QByteArray a;
    for (const quint8 b : {cla, ins, p1, p2})
        a.append(static_cast<char>(b));
    return a;
}

QStringList splitMultiString(const char* buffer, DWORD length)
{
    QStringList out;
    const char* p = buffer;
    const char* end = buffer + length;
    while (p < end && *p) {
        const QString name = QString::fromUtf8(p);
        out << name;
        p += qstrlen(p) + 1;
    }
    return out;
}

struct Response
{
    QByteArray data;
    quint16 sw = 0;
};

// A connected card inside one PC/SC transaction.
struct Card
{
    SCARDCONTEXT context = 0;
    SCARDHANDLE handle = 0;
    DWORD protocol = 0;
    QString reader;
    QByteArray atr;
    bool lost = false; // set when a call found the context dead (see contextLost())

    Result<Response> transmit(QByteArray command)
    {
        const SCARD_IO_REQUEST* pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
        Response response;
        for (int round = 0; round < 32; ++round) {
            unsigned char buffer[MAX_BUFFER_SIZE];
            DWORD length = sizeof buffer;
            const LONG rv = SCardTransmit(handle, pci,
                reinterpret_cast<const unsigned char*>(command.constData()),
                static_cast<DWORD>(command.size()), nullptr, buffer, &length);
            if (rv != SCARD_S_SUCCESS) {
                lost = lost || contextLost(rv);
                return fail(pcscError(rv, QStringLiteral("SCardTransmit ") + hex(command.left(4))));
            }
            if (length < 2) {
                if (wentAway())
                    return fail(pcscError(SCARD_W_REMOVED_CARD, QStringLiteral("SCardTransmit")));
                return fail(ErrorCode::Corrupt,
                    QCoreApplication::translate("Devices", "The card sent a malformed answer."),
                    hex(QByteArray(reinterpret_cast<const char*>(buffer), int(length))));
            }
            response.data.append(reinterpret_cast<const char*>(buffer), int(length) - 2);
            response.sw = static_cast<quint16>((buffer[length - 2] << 8) | buffer[length - 1]);
            const quint8 sw1 = response.sw >> 8;
            const quint8 sw2 = response.sw & 0xFF;
            if (sw1 == 0x61) {
                // 61xx: xx more bytes wait; fetch them with GET RESPONSE (ISO 7816-4 §7.6.1,
                // mostly T=0 cards behind a reader that does not do it itself).
                command = apdu(0x00, 0xC0, 0x00, 0x00);
                command.append(static_cast<char>(sw2));
                continue;
            }
            if (sw1 == 0x6C && command.size() >= 5 && response.data.isEmpty()) {
                // 6Cxx: wrong Le, xx is the exact length; send the same command again with it.
                command[command.size() - 1] = static_cast<char>(sw2);
                continue;
            }
            return response;
        }
        return fail(ErrorCode::Corrupt,
            QCoreApplication::translate("Devices",
                "The card's answer does not end. Take the card out and insert it again."));
    }

    // Whether the card left the reader. vpcd answers an APDU cut off by
    // the card being pulled with an empty response and "success"; pcscd notices the removal
    // only at its next presence poll (about every 400 ms), so wait up to a second for it.
    bool wentAway() const
    {
        const QByteArray name = reader.toUtf8();
        SCARD_READERSTATE state {};
        state.szReader = name.constData();
        state.dwCurrentState = SCARD_STATE_UNAWARE;
        if (SCardGetStatusChange(context, 0, &state, 1) != SCARD_S_SUCCESS
            || !(state.dwEventState & SCARD_STATE_PRESENT))
            return true;
        state.dwCurrentState = state.dwEventState & ~SCARD_STATE_CHANGED;
        // Any change (out, or out and in again) means the card we talked to is gone.
        return SCardGetStatusChange(context, 1000, &state, 1) == SCARD_S_SUCCESS;
    }
};

// SELECT by DF name (ISO 7816-4 §11.2.2, P1=04). P2=00 asks for the FCI, 0C for no data.
Status selectApplication(Card& card, const CardProfile& profile)
{
    QByteArray command = apdu(0x00, 0xA4, 0x04, profile.selectP2);
    command.append(static_cast<char>(profile.aid.size()));
    command.append(profile.aid);
    if (profile.selectP2 == 0x00)
        command.append('\0'); // Le: up to 256 bytes of FCI
    auto r = card.transmit(command);
    if (!r)
        return fail(r.error());
    if (r->sw == 0x6A82)
        return fail(ErrorCode::NotFound,
            QCoreApplication::translate(
                "Devices", "This is not a card of the kind \"%1\" (the application %2 is missing).")
                .arg(profile.displayName(), hex(profile.aid)),
            swHex(r->sw));
    if (r->sw != 0x9000)
        return fail(cardError(r->sw,
            QCoreApplication::translate("Devices", "Selecting the card application failed")));
    return {};
}

// SELECT an EF by file identifier under the current DF (P1=00).
Status selectFile(Card& card, const CardProfile& profile, const CardFile& file)
{
    QByteArray command = apdu(0x00, 0xA4, 0x00, profile.selectP2);
    command.append('\x02');
    command.append(file.fid);
    if (profile.selectP2 == 0x00)
        command.append('\0');
    auto r = card.transmit(command);
    if (!r)
        return fail(r.error());
    if (r->sw != 0x9000) {
        Error e = cardError(r->sw,
            QCoreApplication::translate("Devices", "The card has no readable file %1 (\"%2\")")
                .arg(hex(file.fid), file.id));
        if (r->sw == 0x6A82)
            e.message = QCoreApplication::translate(
                "Devices", "The card has no file %1 (\"%2\") that the profile \"%3\" expects.")
                            .arg(hex(file.fid), file.id, profile.id);
        return fail(std::move(e));
    }
    return {};
}

// READ BINARY of the current EF from offset 0: `want` bytes, or to the end when want is 0.
Result<QByteArray> readBinary(Card& card, const CardFile& file, int want)
{
    constexpr int kChunk = 0xE0; // below 256 so every reader and T=0 mapping can carry it
    QByteArray data;
    while (want == 0 || data.size() < want) {
        const int offset = int(data.size());
        if (offset > 0x7FFF)
            break; // P1-P2 carry a 15-bit offset; longer files need odd-INS B1, not used
        const int le = want > 0 ? std::min(want - offset, kChunk) : kChunk;
        QByteArray command = apdu(0x00, 0xB0, quint8((offset >> 8) & 0x7F), quint8(offset & 0xFF));
        command.append(static_cast<char>(le));
        auto r = card.transmit(command);
        if (!r)
            return fail(r.error());
        if (r->sw == 0x9000) {
            data += r->data;
            if (r->data.size() < le)
                break; // a short answer: the file ends here
            continue;
        }
        if (r->sw == 0x6282) { // end of file reached before Le bytes
            data += r->data;
            break;
        }
        if (r->sw == 0x6B00 && offset > 0 && want == 0)
            break; // the previous chunk ended exactly at the end of the file
        return fail(cardError(r->sw,
            QCoreApplication::translate("Devices", "Reading file %1 (\"%2\") failed")
                .arg(hex(file.fid), file.id)));
    }
    return data;
}

// READ RECORD n of the current EF (ISO 7816-4 §11.3.3, P2=04: record number in P1).
Result<QByteArray> readRecord(Card& card, const CardFile& file, int number)
{
    QByteArray command = apdu(0x00, 0xB2, quint8(number), 0x04);
    command.append('\0');
    auto r = card.transmit(command);
    if (!r)
        return fail(r.error());
    if (r->sw != 0x9000 && r->sw != 0x6282)
        return fail(cardError(r->sw,
            QCoreApplication::translate("Devices", "Reading record %1 of file %2 (\"%3\") failed")
                .arg(number)
                .arg(hex(file.fid), file.id)));
    return r->data;
}

// VERIFY; a command without data only asks for the PIN's status.
Result<PinCheck> sendVerify(Card& card, const QByteArray& command)
{
    const bool query = command.size() == 4;
    auto r = card.transmit(command);
    if (!r)
        return fail(r.error());
    PinCheck out;
    if (r->sw == 0x9000) {
        out.status = PinCheck::Status::Verified;
    } else if ((r->sw & 0xFFF0) == 0x63C0) {
        // 63Cx: verification failed, x further tries allowed (ISO 7816-4 §5.6, table 6). With
        // no data sent it is only the counter.
        out.status = query ? PinCheck::Status::NotVerified : PinCheck::Status::WrongPin;
        out.triesLeft = r->sw & 0x0F;
        if (out.triesLeft == 0)
            out.status = PinCheck::Status::Blocked;
    } else if (r->sw == 0x6983) { // authentication method blocked
        out.status = PinCheck::Status::Blocked;
        out.triesLeft = 0;
    } else if (r->sw == 0x6D00 || r->sw == 0x6E00 || r->sw == 0x6A81 || r->sw == 0x6A88) {
        out.status = PinCheck::Status::NotSupported;
    } else {
        return fail(
            cardError(r->sw, QCoreApplication::translate("Devices", "Checking the PIN failed")));
    }
    return out;
}

// The bytes of a field inside its file or record: offset/length, then tag, then delimiter.
Result<QByteArray> extractField(const CardField& field, const QByteArray& source)
{
    const auto missing = [&](const QString& why) {
        return fail(ErrorCode::Corrupt,
            QCoreApplication::translate(
                "Devices", "The card does not hold the field \"%1\" where its profile says: %2.")
                .arg(field.labelZh.isEmpty() ? field.name : field.labelZh, why),
            field.name);
    };
    if (field.offset > source.size()
        || (field.length > 0 && field.offset + field.length > source.size()))
        return missing(QCoreApplication::translate("Devices", "the data is only %1 bytes long")
                           .arg(source.size()));
    QByteArray bytes = source.mid(field.offset, field.length);
    if (!field.tag.isEmpty()) {
        const auto value = findTlv(bytes, field.tag);
        if (!value)
            return missing(QCoreApplication::translate("Devices", "no tag %1").arg(hex(field.tag)));
        bytes = *value;
    }
    if (!field.delimiter.isEmpty()) {
        QList<QByteArray> split;
        qsizetype from = 0;
        while (true) {
            const qsizetype at = bytes.indexOf(field.delimiter, from);
            split << bytes.mid(from, at < 0 ? -1 : at - from);
            if (at < 0)
                break;
            from = at + field.delimiter.size();
        }
        if (field.index >= split.size())
            return missing(QCoreApplication::translate(
                "Devices", "there is no part %1 (the data has %2 parts)")
                               .arg(field.index + 1)
                               .arg(split.size()));
        bytes = split.at(field.index);
    }
    return bytes;
}

// How much of a transparent file to read: its declared size, the furthest byte a field needs,
// or (0) everything.
int readExtent(const CardFile& file, const QList<const CardField*>& fields)
{
    if (file.size > 0)
        return file.size;
    int extent = 0;
    for (const CardField* f : fields) {
        if (f->length < 0)
            return 0;
        extent = std::max(extent, f->offset + f->length);
    }
    return extent;
}

Result<CardData> readWith(Card& card, const CardProfile& profile, const QString& pin)
{
    FC_TRY(selectApplication(card, profile));
    bool unlocked = false;
    if (!pin.isEmpty()) {
        if (!profile.pin)
            return fail(ErrorCode::InvalidArgument,
                QCoreApplication::translate("Devices", "This card has no PIN to enter."));
        auto command = profile.pin->verifyApdu(pin);
        if (!command)
            return fail(command.error());
        auto outcome = sendVerify(card, *command);
        if (!outcome)
            return fail(outcome.error());
        if (outcome->status != PinCheck::Status::Verified)
            return fail(ErrorCode::PermissionDenied, outcome->message());
        unlocked = true;
    }

    CardData out;
    out.profileId = profile.id;
    out.demo = profile.demo;
    out.reader = card.reader;
    out.atr = card.atr;
    QHash<QString, QByteArray> contents; // file id (or "id#record") → bytes
    for (const CardFile& file : profile.files) {
        QList<const CardField*> wanted;
        for (const CardField& f : profile.fields)
            if (f.file == file.id && (unlocked || !f.pinRequired))
                wanted << &f;
        if (wanted.isEmpty())
            continue;
        FC_TRY(selectFile(card, profile, file));
        if (file.structure == CardFile::Structure::Transparent) {
            auto data = readBinary(card, file, readExtent(file, wanted));
            if (!data)
                return fail(data.error());
            contents.insert(file.id, *data);
            continue;
        }
        for (const CardField* f : wanted) {
            const QString key = file.id + u'#' + QString::number(f->record);
            if (contents.contains(key))
                continue;
            auto data = readRecord(card, file, f->record);
            if (!data)
                return fail(data.error());
            contents.insert(key, *data);
        }
    }
    for (const CardField& f : profile.fields) {
        if (f.pinRequired && !unlocked) {
            out.lockedFields << f.name;
            continue;
        }
        const QString key = f.record > 0 ? f.file + u'#' + QString::number(f.record) : f.file;
        auto bytes = extractField(f, contents.value(key));
        if (!bytes)
            return fail(bytes.error());
        auto text = decodeCardField(*bytes, f.encoding);
        if (!text) {
            Error e = text.error();
            e.context = f.name;
            return fail(std::move(e));
        }
        out.fields << CardData::Value {f.name, f.labelEn, f.labelZh, *text, *bytes};
    }
    return out;
}

} // namespace

// ------------------------------------------------------------------------------ values

QString CardData::text(QStringView name) const
{
    for (const Value& v : fields)
        if (v.name == name)
            return v.text;
    return {};
}

bool CardData::has(QStringView name) const
{
    return std::any_of(
        fields.begin(), fields.end(), [&](const Value& v) { return v.name == name; });
}

QString PinCheck::message() const
{
    switch (status) {
    case Status::Verified:
        return QCoreApplication::translate("Devices", "The PIN is correct.");
    case Status::NotVerified:
        return triesLeft >= 0
            ? QCoreApplication::translate("Devices", "Enter the PIN: %1 tries left.").arg(triesLeft)
            : QCoreApplication::translate("Devices", "Enter the PIN.");
    case Status::WrongPin:
        return triesLeft >= 0
            ? QCoreApplication::translate("Devices", "Wrong PIN: %1 tries left.").arg(triesLeft)
            : QCoreApplication::translate("Devices", "Wrong PIN.");
    case Status::Blocked:
        return QCoreApplication::translate("Devices",
            "The PIN is blocked: too many wrong tries. The issuing office can unblock it.");
    case Status::NotSupported:
        return QCoreApplication::translate("Devices", "This card does not use a PIN.");
    }
    return {};
}

// ------------------------------------------------------------------------------ PcscSession

struct PcscSession::Impl
{
    std::mutex mutex;
    SCARDCONTEXT context = 0;
    bool hasContext = false;

    Status ensureContext()
    {
        if (hasContext)
            return {};
        const LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
        if (rv != SCARD_S_SUCCESS)
            return fail(pcscError(rv, QStringLiteral("SCardEstablishContext")));
        hasContext = true;
        return {};
    }

    void release()
    {
        if (hasContext)
            SCardReleaseContext(context); // fails harmlessly when the daemon is already gone
        hasContext = false;
    }

    // rv of the last PC/SC call in `lastRv`, so callers can tell a lost context.
    Result<QStringList> readers(LONG& lastRv)
    {
        char* buffer = nullptr;
        DWORD length = SCARD_AUTOALLOCATE;
        lastRv = SCardListReaders(context, nullptr, reinterpret_cast<LPSTR>(&buffer), &length);
        if (lastRv == SCARD_E_NO_READERS_AVAILABLE)
            return QStringList();
        if (lastRv != SCARD_S_SUCCESS)
            return fail(pcscError(lastRv, QStringLiteral("SCardListReaders")));
        const QStringList names = splitMultiString(buffer, length);
        SCardFreeMemory(context, buffer);
        return names;
    }

    // The named reader, or the first one holding a card.
    Result<QString> pickReader(const QString& wanted, LONG& lastRv)
    {
        lastRv = SCARD_S_SUCCESS;
        if (!wanted.isEmpty())
            return wanted;
        auto names = readers(lastRv);
        if (!names)
            return fail(names.error());
        if (names->isEmpty())
            return fail(pcscError(SCARD_E_NO_READERS_AVAILABLE));
        std::vector<QByteArray> storage; // keeps the names alive while pcscd reads them
        storage.reserve(std::size_t(names->size()));
        std::vector<SCARD_READERSTATE> states(names->size());
        for (qsizetype i = 0; i < names->size(); ++i) {
            storage.push_back(names->at(i).toUtf8());
            states[i] = {};
            states[i].szReader = storage.back().constData();
            states[i].dwCurrentState = SCARD_STATE_UNAWARE;
        }
        lastRv = SCardGetStatusChange(context, 0, states.data(), DWORD(states.size()));
        if (lastRv != SCARD_S_SUCCESS)
            return fail(pcscError(lastRv, QStringLiteral("SCardGetStatusChange")));
        for (std::size_t i = 0; i < states.size(); ++i)
            if ((states[i].dwEventState & SCARD_STATE_PRESENT)
                && !(states[i].dwEventState & SCARD_STATE_MUTE))
                return names->at(qsizetype(i));
        return fail(pcscError(SCARD_E_NO_SMARTCARD));
    }

    // Connects to the card, runs fn inside a transaction, disconnects with `disposition`.
    template<typename T, typename Fn>
    Result<T> withCard(const QString& wanted, DWORD disposition, Fn fn)
    {
        std::lock_guard lock(mutex);
        for (int attempt = 0;; ++attempt) {
            FC_TRY(ensureContext());
            LONG rv = SCARD_S_SUCCESS;
            auto reader = pickReader(wanted, rv);
            SCARDHANDLE handle = 0;
            DWORD protocol = 0;
            if (reader) {
                rv = SCardConnect(context, reader->toUtf8().constData(), SCARD_SHARE_SHARED,
                    SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol);
            }
            if (contextLost(rv)) {
                // pcscd restarted (or the reader vanished) since the context was made: the
                // context is dead for good, so make a new one and try once more.
                release();
                if (attempt == 0)
                    continue;
            }
            if (!reader)
                return fail(reader.error());
            if (rv != SCARD_S_SUCCESS)
                return fail(pcscError(rv, QStringLiteral("SCardConnect ") + *reader));
            // One transaction for the whole exchange: no other program can slip an APDU in
            // between our SELECT and READ and change the current file.
            rv = SCardBeginTransaction(handle);
            if (rv == SCARD_W_RESET_CARD) // someone reset the card since we connected
                rv = SCardReconnect(handle, SCARD_SHARE_SHARED,
                         SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD, &protocol)
                        == SCARD_S_SUCCESS
                    ? SCardBeginTransaction(handle)
                    : rv;
            if (rv != SCARD_S_SUCCESS) {
                SCardDisconnect(handle, SCARD_LEAVE_CARD);
                if (contextLost(rv))
                    release();
                return fail(pcscError(rv, QStringLiteral("SCardBeginTransaction")));
            }
            Card card;
            card.context = context;
            card.handle = handle;
            card.protocol = protocol;
            card.reader = *reader;
            unsigned char atr[MAX_ATR_SIZE];
            DWORD atrLength = sizeof atr;
            DWORD state = 0;
            DWORD nameLength = 0;
            if (SCardStatus(handle, nullptr, &nameLength, &state, &protocol, atr, &atrLength)
                == SCARD_S_SUCCESS)
                card.atr = QByteArray(reinterpret_cast<const char*>(atr), int(atrLength));
            Result<T> result = fn(card);
            SCardEndTransaction(handle, disposition);
            SCardDisconnect(handle, disposition);
            if (card.lost)
                release();
            return result;
        }
    }
};

PcscSession::PcscSession()
    : d(std::make_unique<Impl>())
{ }

PcscSession::~PcscSession()
{
    std::lock_guard lock(d->mutex);
    d->release();
}

void PcscSession::reset()
{
    std::lock_guard lock(d->mutex);
    d->release();
}

Result<QStringList> PcscSession::listReaders()
{
    std::lock_guard lock(d->mutex);
    for (int attempt = 0;; ++attempt) {
        FC_TRY(d->ensureContext());
        LONG rv = SCARD_S_SUCCESS;
        auto names = d->readers(rv);
        if (contextLost(rv) && attempt == 0) {
            d->release(); // pcscd restarted: see contextLost()
            continue;
        }
        return names;
    }
}

Result<QString> PcscSession::waitForCard(bool present, int timeoutMs, const QString& reader)
{
    std::lock_guard lock(d->mutex);
    QElapsedTimer timer;
    timer.start();
    std::vector<QByteArray> storage;
    std::vector<SCARD_READERSTATE> states;
    QStringList names;
    for (int attempt = 0;; ++attempt) {
        FC_TRY(d->ensureContext());
        LONG rv = SCARD_S_SUCCESS;
        auto listed = d->readers(rv);
        if (contextLost(rv) && attempt == 0) {
            d->release(); // pcscd restarted: see contextLost()
            continue;
        }
        if (!listed)
            return fail(listed.error());
        names = reader.isEmpty() ? *listed : QStringList {reader};
        break;
    }
    if (names.isEmpty())
        return fail(pcscError(SCARD_E_NO_READERS_AVAILABLE));
    storage.reserve(std::size_t(names.size()));
    for (const QString& name : names) {
        storage.push_back(name.toUtf8());
        SCARD_READERSTATE s {};
        s.szReader = storage.back().constData();
        s.dwCurrentState = SCARD_STATE_UNAWARE;
        states.push_back(s);
    }
    DWORD timeout = 0; // the first call only reads the current states
    while (true) {
        const LONG rv
            = SCardGetStatusChange(d->context, timeout, states.data(), DWORD(states.size()));
        if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT) {
            if (contextLost(rv))
                d->release();
            return fail(pcscError(rv, QStringLiteral("SCardGetStatusChange")));
        }
        for (std::size_t i = 0; i < states.size(); ++i) {
            const bool has = (states[i].dwEventState & SCARD_STATE_PRESENT)
                && !(states[i].dwEventState & SCARD_STATE_MUTE);
            if (has == present)
                return names.at(qsizetype(i));
            states[i].dwCurrentState = states[i].dwEventState & ~SCARD_STATE_CHANGED;
        }
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0)
            return fail(ErrorCode::NotFound,
                present
                    ? QCoreApplication::translate("Devices", "No card was inserted in time.")
                    : QCoreApplication::translate("Devices", "The card was not removed in time."));
        timeout = DWORD(left);
    }
}

Result<QByteArray> PcscSession::cardAtr(const QString& reader)
{
    return d->withCard<QByteArray>(
        reader, SCARD_LEAVE_CARD, [](Card& card) -> Result<QByteArray> { return card.atr; });
}

Result<CardProfile> PcscSession::detectProfile(
    const QList<CardProfile>& profiles, const QString& reader)
{
    return d->withCard<CardProfile>(
        reader, SCARD_LEAVE_CARD, [&](Card& card) -> Result<CardProfile> {
            for (const CardProfile& p : profiles) {
                auto selected = selectApplication(card, p);
                if (selected)
                    return p;
                if (selected.error().code != ErrorCode::NotFound)
                    return fail(selected.error());
            }
            return fail(ErrorCode::NotFound,
                QCoreApplication::translate(
                    "Devices", "The card is of no kind this terminal knows."),
                hex(card.atr));
        });
}

Result<CardData> PcscSession::readCard(
    const CardProfile& profile, const QString& reader, const QString& pin)
{
    // With a PIN, reset the card when done: a verified PIN stays valid on the card until reset,
    // and another program on this terminal must not read protected data on our credentials.
    return d->withCard<CardData>(reader, pin.isEmpty() ? SCARD_LEAVE_CARD : SCARD_RESET_CARD,
        [&](Card& card) { return readWith(card, profile, pin); });
}

Result<PinCheck> PcscSession::verifyPin(
    const CardProfile& profile, const QString& pin, const QString& reader)
{
    if (!profile.pin)
        return PinCheck {PinCheck::Status::NotSupported, -1};
    auto command = profile.pin->verifyApdu(pin);
    if (!command)
        return fail(command.error());
    return d->withCard<PinCheck>(reader, SCARD_RESET_CARD, [&](Card& card) -> Result<PinCheck> {
        FC_TRY(selectApplication(card, profile));
        return sendVerify(card, *command);
    });
}

Result<PinCheck> PcscSession::pinStatus(const CardProfile& profile, const QString& reader)
{
    if (!profile.pin)
        return PinCheck {PinCheck::Status::NotSupported, -1};
    const QByteArray command
        = apdu(profile.pin->cla, profile.pin->ins, profile.pin->p1, profile.pin->p2);
    return d->withCard<PinCheck>(reader, SCARD_LEAVE_CARD, [&](Card& card) -> Result<PinCheck> {
        FC_TRY(selectApplication(card, profile));
        return sendVerify(card, command);
    });
}

// ------------------------------------------------------------------------------ PcscMonitor

// The worker thread of PcscReader: waits in SCardGetStatusChange and posts snapshots.
class PcscMonitor
{
public:
    PcscMonitor(PcscReader* owner, int pollMs, int generation)
        : m_owner(owner)
        , m_pollMs(pollMs)
        , m_generation(generation)
    {
        m_thread = std::thread([this] { run(); });
    }

    ~PcscMonitor()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            // SCardCancel is the one call meant for another thread: it ends a blocking
            // SCardGetStatusChange on the same context with SCARD_E_CANCELLED.
            if (m_hasContext)
                SCardCancel(m_context);
        }
        m_wake.notify_all();
        m_thread.join();
        if (m_hasContext)
            SCardReleaseContext(m_context);
    }

private:
    bool stopping()
    {
        std::lock_guard lock(m_mutex);
        return m_stop;
    }

    void sleep()
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(m_pollMs), [this] { return m_stop; });
    }

    void dropContext()
    {
        std::lock_guard lock(m_mutex);
        if (m_hasContext)
            SCardReleaseContext(m_context);
        m_hasContext = false;
    }

    void publish(const PcscReader::Snapshot& snapshot)
    {
        PcscReader* owner = m_owner;
        const int generation = m_generation;
        QMetaObject::invokeMethod(
            owner,
            [owner, generation, snapshot] {
                if (owner->m_monitorGeneration == generation)
                    owner->applySnapshot(snapshot);
            },
            Qt::QueuedConnection);
    }

    void run()
    {
        QHash<QString, DWORD> known; // reader → the state pcscd last told us
        DWORD pnpState = SCARD_STATE_UNAWARE;
        QStringList lastNames;
        bool fresh = true; // a new context: report what we find even if nothing changes
        while (!stopping()) {
            SCARDCONTEXT context = 0;
            bool hasContext = false;
            {
                std::lock_guard lock(m_mutex);
                if (!m_hasContext) {
                    const LONG rv
                        = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &m_context);
                    m_hasContext = rv == SCARD_S_SUCCESS;
                    fresh = true;
                    known.clear();
                    pnpState = SCARD_STATE_UNAWARE;
                }
                context = m_context;
                hasContext = m_hasContext;
            }
            if (!hasContext) {
                publish({});
                sleep();
                continue;
            }

            char* buffer = nullptr;
            DWORD length = SCARD_AUTOALLOCATE;
            LONG rv = SCardListReaders(context, nullptr, reinterpret_cast<LPSTR>(&buffer), &length);
            QStringList names;
            if (rv == SCARD_S_SUCCESS) {
                names = splitMultiString(buffer, length);
                SCardFreeMemory(context, buffer);
            } else if (rv != SCARD_E_NO_READERS_AVAILABLE) {
                if (!contextLost(rv))
                    publish({true, pcscError(rv).message, {}});
                // Re-establish whatever went wrong: see contextLost() for why.
                dropContext();
                if (contextLost(rv))
                    publish({});
                sleep();
                continue;
            }

            if (names.isEmpty() && (fresh || !lastNames.isEmpty())) {
                // Nothing to ask about but the PnP entry, which only answers on a change: say
                // "no reader" now rather than after the next reader event.
                publish({true, {}, {}});
            }
            fresh = false;
            lastNames = names;

            std::vector<QByteArray> storage;
            storage.reserve(std::size_t(names.size()) + 1);
            std::vector<SCARD_READERSTATE> states(std::size_t(names.size()) + 1);
            for (qsizetype i = 0; i < names.size(); ++i) {
                storage.push_back(names.at(i).toUtf8());
                states[std::size_t(i)] = {};
                states[std::size_t(i)].szReader = storage.back().constData();
                states[std::size_t(i)].dwCurrentState
                    = known.value(names.at(i), SCARD_STATE_UNAWARE);
            }
            // The PnP pseudo-reader wakes us when a reader is attached or detached.
            SCARD_READERSTATE& pnp = states.back();
            pnp = {};
            pnp.szReader = "\\\\?PnP?\\Notification";
            pnp.dwCurrentState = pnpState;

            rv = SCardGetStatusChange(
                context, DWORD(m_pollMs), states.data(), DWORD(states.size()));
            if (rv == SCARD_E_TIMEOUT || rv == SCARD_E_CANCELLED)
                continue;
            if (rv == SCARD_E_UNKNOWN_READER) { // a reader left between list and wait
                known.clear();
                continue;
            }
            if (rv != SCARD_S_SUCCESS) {
                // pcscd died or restarted: the context is dead for good (contextLost()), so
                // release it and establish a new one; report NoService until that works.
                dropContext();
                publish(contextLost(rv) ? PcscReader::Snapshot {}
                                        : PcscReader::Snapshot {true, pcscError(rv).message, {}});
                if (!contextLost(rv))
                    sleep();
                continue;
            }
            PcscReader::Snapshot snapshot;
            snapshot.service = true;
            known.clear();
            for (qsizetype i = 0; i < names.size(); ++i) {
                const SCARD_READERSTATE& s = states[std::size_t(i)];
                const DWORD event = s.dwEventState & ~SCARD_STATE_CHANGED;
                known.insert(names.at(i), event);
                if (event & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE))
                    continue; // gone; the next listing drops it
                PcscReader::ReaderStatus status;
                status.name = names.at(i);
                status.present = (event & SCARD_STATE_PRESENT) != 0;
                status.mute = (event & SCARD_STATE_MUTE) != 0;
                if (status.present)
                    status.atr = QByteArray(reinterpret_cast<const char*>(s.rgbAtr), int(s.cbAtr));
                snapshot.readers << status;
            }
            pnpState = pnp.dwEventState & ~SCARD_STATE_CHANGED;
            publish(snapshot);
        }
    }

    PcscReader* const m_owner;
    const int m_pollMs;
    const int m_generation;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    SCARDCONTEXT m_context = 0;
    bool m_hasContext = false;
    std::thread m_thread;
};

// ------------------------------------------------------------------------------ PcscReader

PcscReader::PcscReader(QObject* parent)
    : QObject(parent)
    , m_session(std::make_unique<PcscSession>())
{
    // One card operation at a time: a card has one current file, and a queue keeps order.
    m_pool.setMaxThreadCount(1);
    m_lastError = QCoreApplication::translate("Devices",
        "The smart card service (pcscd) is not running. Restart the terminal or call county IT.");
}

PcscReader::~PcscReader()
{
    stop();
    m_pool.waitForDone();
}

void PcscReader::start()
{
    if (m_monitor)
        return;
    m_monitor = std::make_unique<PcscMonitor>(this, m_pollMs, ++m_monitorGeneration);
}

void PcscReader::stop()
{
    m_monitor.reset();
    ++m_monitorGeneration; // snapshots still queued from the old monitor are ignored
}

void PcscReader::setReaderFilter(const QString& nameContains)
{
    m_filter = nameContains;
    applySnapshot(m_snapshot);
}

void PcscReader::setPollIntervalMs(int ms)
{
    m_pollMs = std::max(50, ms);
    if (m_monitor) { // restart the worker with the new interval
        stop();
        start();
    }
}

void PcscReader::applySnapshot(const Snapshot& snapshot)
{
    m_snapshot = snapshot;
    QStringList names;
    for (const ReaderStatus& r : snapshot.readers)
        if (r.name.contains(m_filter))
            names << r.name;
    if (names != m_readers) {
        m_readers = names;
        Q_EMIT readersChanged(m_readers);
    }
    State base = State::NoCard;
    QString active;
    QByteArray atr;
    if (!snapshot.service) {
        base = State::NoService;
        m_lastError = QCoreApplication::translate("Devices",
            "The smart card service (pcscd) is not running. Restart the terminal or call county "
            "IT.");
    } else if (!snapshot.error.isEmpty()) {
        base = State::Error;
        m_lastError = snapshot.error;
    } else if (names.isEmpty()) {
        base = State::NoReader;
        m_lastError = QCoreApplication::translate("Devices", "The card reader is not connected.");
    } else {
        bool mute = false;
        for (const ReaderStatus& r : snapshot.readers) {
            if (!r.name.contains(m_filter) || !r.present)
                continue;
            if (r.mute) {
                mute = true;
                continue;
            }
            active = r.name;
            atr = r.atr;
            break;
        }
        if (!active.isEmpty()) {
            base = State::CardPresent;
        } else if (mute) {
            base = State::Error;
            m_lastError = QCoreApplication::translate(
                "Devices", "The card does not respond. Take it out and insert it again.");
        }
    }
    m_activeReader = active;
    if (atr != m_atr) {
        m_atr = atr;
        Q_EMIT cardChanged(m_atr);
    }
    m_baseState = base;
    updateState();
}

void PcscReader::updateState()
{
    const State state
        = m_busy > 0 && m_baseState == State::CardPresent ? State::Reading : m_baseState;
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

template<typename T, typename Op>
QFuture<Result<T>> PcscReader::runJob(Op op)
{
    // A shared promise: if this object dies before the answer is delivered, the queued call
    // is dropped with it, the promise is destroyed unfinished and the future reports cancelled.
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    ++m_busy;
    updateState();
    PcscSession* session = m_session.get();
    const QString reader = m_activeReader;
    m_pool.start([this, promise, session, reader, op] {
        Result<T> result = op(*session, reader);
        QMetaObject::invokeMethod(
            this,
            [this, promise, result] {
                --m_busy;
                if (!result)
                    m_lastError = result.error().message;
                updateState();
                promise->addResult(result);
                promise->finish();
            },
            Qt::QueuedConnection);
    });
    return future;
}

QFuture<Result<CardData>> PcscReader::readCard(const CardProfile& profile, const QString& pin)
{
    return runJob<CardData>([profile, pin](PcscSession& session, const QString& reader) {
        return session.readCard(profile, reader, pin);
    });
}

QFuture<Result<PinCheck>> PcscReader::verifyPin(const CardProfile& profile, const QString& pin)
{
    return runJob<PinCheck>([profile, pin](PcscSession& session, const QString& reader) {
        return session.verifyPin(profile, pin, reader);
    });
}

} // namespace fieldcase::devices
