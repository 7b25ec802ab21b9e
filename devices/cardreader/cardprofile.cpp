#include "devices/cardreader/cardprofile.h"

#include "core/rules/packs.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

namespace fieldcase::devices {

namespace {

constexpr const char* kFormat = "fieldcase-card-profile";
constexpr int kMaxOffset = 0x7FFF; // READ BINARY with a 15-bit offset in P1-P2 (ISO 7816-4)

Error invalid(const QString& path, const QString& what)
{
    return Error {ErrorCode::InvalidArgument,
        QCoreApplication::translate("Devices", "The card profile is invalid at %1: %2")
            .arg(path, what),
        path};
}

// Hex with optional spaces ("A0 00 00 03"); nullopt when not whole bytes of hex.
std::optional<QByteArray> parseHex(QString text)
{
    text.remove(u' ');
    static const QRegularExpression hex(QStringLiteral("^([0-9A-Fa-f]{2})*$"));
    if (!hex.match(text).hasMatch())
        return std::nullopt;
    return QByteArray::fromHex(text.toLatin1());
}

// Reads the members of one JSON object, remembering which were used so that unknown keys (a
// typo like "lenght") are reported instead of silently ignored.
class Reader
{
public:
    Reader(const QJsonObject& object, QString path)
        : m_object(object)
        , m_path(std::move(path))
    { }

    [[nodiscard]] QString at(const char* key) const
    {
        return m_path.isEmpty() ? QLatin1String(key) : m_path + u'.' + QLatin1String(key);
    }
    [[nodiscard]] bool has(const char* key)
    {
        m_used.insert(QLatin1String(key));
        return m_object.contains(QLatin1String(key));
    }
    [[nodiscard]] QJsonValue value(const char* key)
    {
        m_used.insert(QLatin1String(key));
        return m_object.value(QLatin1String(key));
    }

    Result<QString> text(const char* key, bool required)
    {
        const QJsonValue v = value(key);
        if (v.isUndefined() && !required)
            return QString();
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return fail(invalid(
                at(key), QCoreApplication::translate("Devices", "expected a non-empty text")));
        return v.toString();
    }

    Result<int> integer(const char* key, int fallback, int min, int max)
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return fallback;
        const double d = v.toDouble(-1e18);
        if (!v.isDouble() || d != static_cast<double>(static_cast<qint64>(d)) || d < min || d > max)
            return fail(invalid(at(key),
                QCoreApplication::translate("Devices", "expected a whole number from %1 to %2")
                    .arg(min)
                    .arg(max)));
        return static_cast<int>(d);
    }

    Result<bool> boolean(const char* key, bool fallback)
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool())
            return fail(
                invalid(at(key), QCoreApplication::translate("Devices", "expected true or false")));
        return v.toBool();
    }

    Result<QByteArray> hex(const char* key, bool required, int minBytes, int maxBytes)
    {
        const QJsonValue v = value(key);
        if (v.isUndefined() && !required)
            return QByteArray();
        const auto bytes = v.isString() ? parseHex(v.toString()) : std::nullopt;
        if (!bytes || bytes->size() < minBytes || bytes->size() > maxBytes)
            return fail(invalid(at(key),
                minBytes == maxBytes
                    ? QCoreApplication::translate("Devices", "expected %1 bytes of hex")
                          .arg(minBytes)
                    : QCoreApplication::translate("Devices", "expected %1 to %2 bytes of hex")
                          .arg(minBytes)
                          .arg(maxBytes)));
        return *bytes;
    }

    // "en"/"zh" names; at least one.
    Status names(const char* key, QString& en, QString& zh, bool required)
    {
        const QJsonValue v = value(key);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isObject())
            return fail(invalid(at(key),
                QCoreApplication::translate(
                    "Devices", "expected an object with \"en\" and \"zh\" texts")));
        Reader names(v.toObject(), at(key));
        auto e = names.text("en", false);
        auto z = names.text("zh", false);
        if (!e)
            return fail(e.error());
        if (!z)
            return fail(z.error());
        if (e->isEmpty() && z->isEmpty())
            return fail(invalid(at(key),
                QCoreApplication::translate(
                    "Devices", "expected an object with \"en\" and \"zh\" texts")));
        FC_TRY(names.rejectUnknown());
        en = *e;
        zh = *z;
        return {};
    }

    Status rejectUnknown() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            // "comment" is allowed everywhere: profiles document their demo data inline.
            if (!m_used.contains(it.key()) && it.key() != QLatin1String("comment"))
                return fail(invalid(m_path.isEmpty() ? it.key() : m_path + u'.' + it.key(),
                    QCoreApplication::translate("Devices", "unknown key")));
        }
        return {};
    }

private:
    const QJsonObject m_object;
    const QString m_path;
    QSet<QString> m_used;
};

struct EncodingName
{
    FieldEncoding encoding;
    const char* name;
};
constexpr EncodingName kEncodings[] = {{FieldEncoding::Utf8, "utf-8"}, {FieldEncoding::Gbk, "gbk"},
    {FieldEncoding::Ascii, "ascii"}, {FieldEncoding::Bcd, "bcd"},
    {FieldEncoding::BcdDate, "bcd-date"}, {FieldEncoding::Hex, "hex"}};

Result<CardFile> parseFile(const QJsonValue& value, const QString& path)
{
    if (!value.isObject())
        return fail(invalid(path, QCoreApplication::translate("Devices", "expected an object")));
    Reader r(value.toObject(), path);
    CardFile f;
    auto id = r.text("id", true);
    if (!id)
        return fail(id.error());
    f.id = *id;
    auto fid = r.hex("fid", true, 2, 2);
    if (!fid)
        return fail(fid.error());
    // 3F00 is the MF and FFFF is reserved (ISO 7816-4 §7.1.1): neither is an elementary file.
    if (*fid == QByteArray::fromHex("3F00") || *fid == QByteArray::fromHex("FFFF"))
        return fail(invalid(r.at("fid"),
            QCoreApplication::translate("Devices", "3F00 and FFFF are not elementary file ids")));
    f.fid = *fid;
    auto structure = r.text("structure", false);
    if (!structure)
        return fail(structure.error());
    if (structure->isEmpty() || *structure == QLatin1String("transparent"))
        f.structure = CardFile::Structure::Transparent;
    else if (*structure == QLatin1String("record"))
        f.structure = CardFile::Structure::Record;
    else
        return fail(invalid(r.at("structure"),
            QCoreApplication::translate("Devices", "expected \"transparent\" or \"record\"")));
    auto size = r.integer("size", 0, 1, kMaxOffset + 1);
    if (!size)
        return fail(size.error());
    if (*size > 0 && f.structure == CardFile::Structure::Record)
        return fail(invalid(r.at("size"),
            QCoreApplication::translate("Devices", "only transparent files have a size")));
    f.size = *size;
    FC_TRY(r.rejectUnknown());
    return f;
}

Result<CardField> parseField(
    const QJsonValue& value, const QString& path, const QList<CardFile>& files)
{
    if (!value.isObject())
        return fail(invalid(path, QCoreApplication::translate("Devices", "expected an object")));
    Reader r(value.toObject(), path);
    CardField f;
    auto name = r.text("name", true);
    if (!name)
        return fail(name.error());
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z][A-Za-z0-9_]*$"));
    if (!identifier.match(*name).hasMatch())
        return fail(invalid(r.at("name"),
            QCoreApplication::translate(
                "Devices", "expected letters, digits and _ (\"plateNumber\")")));
    f.name = *name;
    FC_TRY(r.names("label", f.labelEn, f.labelZh, true));
    auto fileId = r.text("file", true);
    if (!fileId)
        return fail(fileId.error());
    const CardFile* file = nullptr;
    for (const CardFile& candidate : files)
        if (candidate.id == *fileId)
            file = &candidate;
    if (!file)
        return fail(invalid(r.at("file"),
            QCoreApplication::translate("Devices", "no file \"%1\" in \"files\"").arg(*fileId)));
    f.file = *fileId;
    const bool isRecord = file->structure == CardFile::Structure::Record;
    // Records are numbered from 1 (READ RECORD P1, ISO 7816-4 §11.3.3); 0 means "current".
    auto record = r.integer("record", 0, 1, 254);
    if (!record)
        return fail(record.error());
    if (isRecord && *record == 0)
        return fail(invalid(r.at("record"),
            QCoreApplication::translate(
                "Devices", "a field of a record file needs a record number")));
    if (!isRecord && *record != 0)
        return fail(invalid(r.at("record"),
            QCoreApplication::translate("Devices", "\"%1\" is a transparent file").arg(file->id)));
    f.record = *record;
    auto offset = r.integer("offset", 0, 0, kMaxOffset);
    auto length = r.integer("length", -1, 1, kMaxOffset + 1);
    if (!offset)
        return fail(offset.error());
    if (!length)
        return fail(length.error());
    f.offset = *offset;
    f.length = *length;
    if (file->size > 0
        && (f.offset >= file->size || (f.length > 0 && f.offset + f.length > file->size)))
        return fail(invalid(r.at("offset"),
            QCoreApplication::translate("Devices", "the field ends beyond the %1-byte file \"%2\"")
                .arg(file->size)
                .arg(file->id)));
    auto tag = r.hex("tag", false, 1, 2);
    if (!tag)
        return fail(tag.error());
    f.tag = *tag;
    const QJsonValue delimiter = r.value("delimiter");
    if (!delimiter.isUndefined()) {
        if (!delimiter.isString() || delimiter.toString().isEmpty())
            return fail(invalid(r.at("delimiter"),
                QCoreApplication::translate("Devices", "expected a non-empty text")));
        f.delimiter = delimiter.toString().toUtf8();
    }
    auto index = r.integer("index", 0, 0, 255);
    if (!index)
        return fail(index.error());
    if (r.has("index") && f.delimiter.isEmpty())
        return fail(invalid(r.at("index"),
            QCoreApplication::translate("Devices", "\"index\" needs a \"delimiter\"")));
    f.index = *index;
    auto encoding = r.text("encoding", false);
    if (!encoding)
        return fail(encoding.error());
    if (!encoding->isEmpty()) {
        const auto it = std::find_if(std::begin(kEncodings), std::end(kEncodings),
            [&](const EncodingName& e) { return *encoding == QLatin1String(e.name); });
        if (it == std::end(kEncodings))
            return fail(invalid(r.at("encoding"),
                QCoreApplication::translate(
                    "Devices", "expected one of utf-8, gbk, ascii, bcd, bcd-date, hex")));
        f.encoding = it->encoding;
    }
    auto pin = r.boolean("pinRequired", false);
    if (!pin)
        return fail(pin.error());
    f.pinRequired = *pin;
    FC_TRY(r.rejectUnknown());
    return f;
}

Result<CardPinSpec> parsePin(const QJsonValue& value, const QString& path)
{
    if (!value.isObject())
        return fail(invalid(path, QCoreApplication::translate("Devices", "expected an object")));
    Reader r(value.toObject(), path);
    CardPinSpec pin;
    auto header = r.hex("apdu", true, 4, 4);
    if (!header)
        return fail(header.error());
    pin.cla = static_cast<quint8>(header->at(0));
    pin.ins = static_cast<quint8>(header->at(1));
    pin.p1 = static_cast<quint8>(header->at(2));
    pin.p2 = static_cast<quint8>(header->at(3));
    auto format = r.text("format", false);
    if (!format)
        return fail(format.error());
    if (format->isEmpty() || *format == QLatin1String("ascii"))
        pin.format = CardPinSpec::Format::Ascii;
    else if (*format == QLatin1String("bcd"))
        pin.format = CardPinSpec::Format::Bcd;
    else
        return fail(invalid(r.at("format"),
            QCoreApplication::translate("Devices", "expected \"ascii\" or \"bcd\"")));
    auto minLength = r.integer("minLength", 4, 1, 16);
    auto maxLength = r.integer("maxLength", 8, 1, 16);
    auto padLength = r.integer("padLength", 0, 1, 16);
    auto padByte = r.hex("padByte", false, 1, 1);
    for (const auto* v : {&minLength, &maxLength, &padLength})
        if (!*v)
            return fail(v->error());
    if (!padByte)
        return fail(padByte.error());
    pin.minLength = *minLength;
    pin.maxLength = *maxLength;
    pin.padLength = *padLength;
    if (!padByte->isEmpty())
        pin.padByte = static_cast<quint8>(padByte->at(0));
    if (pin.minLength > pin.maxLength)
        return fail(invalid(
            r.at("minLength"), QCoreApplication::translate("Devices", "greater than maxLength")));
    const int longest
        = pin.format == CardPinSpec::Format::Bcd ? (pin.maxLength + 1) / 2 : pin.maxLength;
    if (pin.padLength > 0 && longest > pin.padLength)
        return fail(invalid(r.at("padLength"),
            QCoreApplication::translate("Devices", "shorter than the longest PIN")));
    FC_TRY(r.rejectUnknown());
    return pin;
}

QByteArray trimPadding(QByteArray bytes)
{
    // Text fields are padded to their fixed length with NUL, FF or spaces.
    while (
        !bytes.isEmpty() && (bytes.back() == '\0' || bytes.back() == '\xFF' || bytes.back() == ' '))
        bytes.chop(1);
    return bytes;
}

Result<QString> decodeBcd(const QByteArray& bytes)
{
    QString digits;
    bool padding = false;
    for (const char c : bytes) {
        for (const int nibble :
            {(static_cast<quint8>(c) >> 4) & 0xF, static_cast<quint8>(c) & 0xF}) {
            if (nibble == 0xF) {
                padding = true;
                continue;
            }
            if (nibble > 9 || padding)
                return fail(ErrorCode::Corrupt,
                    QCoreApplication::translate(
                        "Devices", "The card holds a number that is not BCD (%1).")
                        .arg(QString::fromLatin1(bytes.toHex().toUpper())));
            digits += QChar(u'0' + nibble);
        }
    }
    return digits;
}

} // namespace

QString cardKindName(CardKind kind)
{
    switch (kind) {
    case CardKind::OfficerCertificate:
        return QStringLiteral("officer-certificate");
    case CardKind::RoadTransportCertificate:
        return QStringLiteral("road-transport-certificate");
    case CardKind::QualificationCertificate:
        return QStringLiteral("qualification-certificate");
    }
    return {};
}

std::optional<CardKind> cardKindFromName(QStringView name)
{
    for (const CardKind kind : {CardKind::OfficerCertificate, CardKind::RoadTransportCertificate,
             CardKind::QualificationCertificate})
        if (cardKindName(kind) == name)
            return kind;
    return std::nullopt;
}

Result<QByteArray> CardPinSpec::verifyApdu(const QString& pin) const
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]*$"));
    if (!digits.match(pin).hasMatch())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "The PIN may contain digits only."));
    if (pin.size() < minLength || pin.size() > maxLength)
        return fail(ErrorCode::InvalidArgument,
            minLength == maxLength
                ? QCoreApplication::translate("Devices", "The PIN has %1 digits.").arg(minLength)
                : QCoreApplication::translate("Devices", "The PIN has %1 to %2 digits.")
                      .arg(minLength)
                      .arg(maxLength));
    QByteArray data;
    if (format == Format::Ascii) {
        data = pin.toLatin1();
    } else {
        // Packed BCD, an odd last digit padded with an F nibble.
        for (qsizetype i = 0; i < pin.size(); i += 2) {
            const int high = pin.at(i).digitValue();
            const int low = i + 1 < pin.size() ? pin.at(i + 1).digitValue() : 0xF;
            data.append(static_cast<char>((high << 4) | low));
        }
    }
    while (data.size() < padLength)
        data.append(static_cast<char>(padByte));
    QByteArray apdu;
    apdu.append(static_cast<char>(cla));
    apdu.append(static_cast<char>(ins));
    apdu.append(static_cast<char>(p1));
    apdu.append(static_cast<char>(p2));
    apdu.append(static_cast<char>(data.size()));
    apdu.append(data);
    return apdu;
}

const CardFile* CardProfile::file(QStringView id) const
{
    for (const CardFile& f : files)
        if (f.id == id)
            return &f;
    return nullptr;
}

const CardField* CardProfile::field(QStringView name) const
{
    for (const CardField& f : fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

QString CardProfile::displayName() const
{
    const bool english = QLocale().language() == QLocale::English;
    if (english)
        return nameEn.isEmpty() ? nameZh : nameEn;
    return nameZh.isEmpty() ? nameEn : nameZh;
}

Result<CardProfile> CardProfile::fromJson(const QJsonObject& object)
{
    Reader r(object, {});
    CardProfile p;
    p.source = object;
    const QJsonValue format = r.value("format");
    if (!format.isUndefined() && format.toString() != QLatin1String(kFormat))
        return fail(invalid(QStringLiteral("format"),
            QCoreApplication::translate("Devices", "expected \"%1\"").arg(QLatin1String(kFormat))));
    auto formatVersion = r.integer("formatVersion", 1, 1, 1);
    if (!formatVersion)
        return fail(formatVersion.error());
    auto id = r.text("id", true);
    if (!id)
        return fail(id.error());
    p.id = *id;
    auto kind = r.text("kind", true);
    if (!kind)
        return fail(kind.error());
    const auto k = cardKindFromName(*kind);
    if (!k)
        return fail(invalid(QStringLiteral("kind"),
            QCoreApplication::translate("Devices",
                "expected officer-certificate, road-transport-certificate or "
                "qualification-certificate")));
    p.kind = *k;
    auto version = r.integer("version", 1, 1, 1'000'000);
    auto demo = r.boolean("demo", false);
    auto notes = r.text("notes", false);
    if (!version)
        return fail(version.error());
    if (!demo)
        return fail(demo.error());
    if (!notes)
        return fail(notes.error());
    p.version = *version;
    p.demo = *demo;
    p.notes = *notes;
    FC_TRY(r.names("name", p.nameEn, p.nameZh, true));

    const QJsonValue app = r.value("application");
    if (!app.isObject())
        return fail(invalid(QStringLiteral("application"),
            QCoreApplication::translate("Devices", "expected an object with \"aid\"")));
    Reader a(app.toObject(), QStringLiteral("application"));
    // ISO 7816-4 §12.2.3: an application identifier is 5 to 16 bytes.
    auto aid = a.hex("aid", true, 5, 16);
    if (!aid)
        return fail(aid.error());
    p.aid = *aid;
    auto p2 = a.hex("selectP2", false, 1, 1);
    if (!p2)
        return fail(p2.error());
    if (!p2->isEmpty()) {
        p.selectP2 = static_cast<quint8>(p2->at(0));
        if (p.selectP2 != 0x00 && p.selectP2 != 0x0C)
            return fail(invalid(a.at("selectP2"),
                QCoreApplication::translate(
                    "Devices", "expected 00 (return FCI) or 0C (no data)")));
    }
    FC_TRY(a.rejectUnknown());

    const QJsonValue files = r.value("files");
    if (!files.isArray() || files.toArray().isEmpty())
        return fail(invalid(QStringLiteral("files"),
            QCoreApplication::translate("Devices", "expected a non-empty list")));
    QSet<QString> fileIds;
    QSet<QByteArray> fids;
    for (qsizetype i = 0; i < files.toArray().size(); ++i) {
        const QString path = QStringLiteral("files[%1]").arg(i);
        auto f = parseFile(files.toArray().at(i), path);
        if (!f)
            return fail(f.error());
        if (fileIds.contains(f->id))
            return fail(invalid(path + QStringLiteral(".id"),
                QCoreApplication::translate("Devices", "\"%1\" is listed twice").arg(f->id)));
        if (fids.contains(f->fid))
            return fail(invalid(path + QStringLiteral(".fid"),
                QCoreApplication::translate("Devices", "\"%1\" is listed twice")
                    .arg(QString::fromLatin1(f->fid.toHex().toUpper()))));
        fileIds.insert(f->id);
        fids.insert(f->fid);
        p.files << *f;
    }

    const QJsonValue fields = r.value("fields");
    if (!fields.isArray() || fields.toArray().isEmpty())
        return fail(invalid(QStringLiteral("fields"),
            QCoreApplication::translate("Devices", "expected a non-empty list")));
    QSet<QString> names;
    for (qsizetype i = 0; i < fields.toArray().size(); ++i) {
        const QString path = QStringLiteral("fields[%1]").arg(i);
        auto f = parseField(fields.toArray().at(i), path, p.files);
        if (!f)
            return fail(f.error());
        if (names.contains(f->name))
            return fail(invalid(path + QStringLiteral(".name"),
                QCoreApplication::translate("Devices", "\"%1\" is listed twice").arg(f->name)));
        names.insert(f->name);
        p.fields << *f;
    }

    if (r.has("pin")) {
        auto pin = parsePin(r.value("pin"), QStringLiteral("pin"));
        if (!pin)
            return fail(pin.error());
        p.pin = *pin;
    }
    for (qsizetype i = 0; i < p.fields.size(); ++i)
        if (p.fields.at(i).pinRequired && !p.pin)
            return fail(invalid(QStringLiteral("fields[%1].pinRequired").arg(i),
                QCoreApplication::translate("Devices", "the profile has no \"pin\" to verify")));
    FC_TRY(r.rejectUnknown());
    return p;
}

Result<QList<CardProfile>> CardProfile::listFromJson(const QJsonArray& array)
{
    QList<CardProfile> out;
    QSet<QString> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return fail(invalid(QStringLiteral("[%1]").arg(i),
                QCoreApplication::translate("Devices", "expected an object")));
        auto p = fromJson(array.at(i).toObject());
        if (!p) {
            Error e = p.error();
            e.message = QCoreApplication::translate("Devices", "Card profile %1: %2")
                            .arg(i + 1)
                            .arg(e.message);
            return fail(std::move(e));
        }
        if (ids.contains(p->id))
            return fail(invalid(QStringLiteral("[%1].id").arg(i),
                QCoreApplication::translate("Devices", "\"%1\" is listed twice").arg(p->id)));
        ids.insert(p->id);
        out << *p;
    }
    return out;
}

Result<QList<CardProfile>> CardProfile::listFromJson(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "The card profile is not JSON (%1 at byte %2).")
                .arg(error.errorString())
                .arg(error.offset));
    if (doc.isArray())
        return listFromJson(doc.array());
    auto p = fromJson(doc.object());
    if (!p)
        return fail(p.error());
    return QList<CardProfile> {*p};
}

Result<QString> decodeCardField(const QByteArray& raw, FieldEncoding encoding)
{
    switch (encoding) {
    case FieldEncoding::Hex:
        return QString::fromLatin1(raw.toHex().toUpper());
    case FieldEncoding::Bcd:
        return decodeBcd(raw);
    case FieldEncoding::BcdDate: {
        auto digits = decodeBcd(raw);
        if (!digits)
            return digits;
        if (digits->isEmpty() || digits->count(u'0') == digits->size())
            return QString(); // an unset date
        const QDate date = QDate::fromString(*digits, QStringLiteral("yyyyMMdd"));
        if (!date.isValid())
            return fail(ErrorCode::Corrupt,
                QCoreApplication::translate("Devices", "The card holds an invalid date (%1).")
                    .arg(*digits));
        return date.toString(Qt::ISODate);
    }
    case FieldEncoding::Ascii: {
        const QByteArray bytes = trimPadding(raw);
        for (const char c : bytes)
            if (static_cast<quint8>(c) >= 0x80)
                return fail(ErrorCode::Corrupt,
                    QCoreApplication::translate(
                        "Devices", "The card holds a text that is not ASCII."));
        return QString::fromLatin1(bytes);
    }
    case FieldEncoding::Utf8:
    case FieldEncoding::Gbk: {
        // GB 18030 is a superset of GBK and GB 2312, so one decoder reads all three.
        // Stateless: a character cut off at the end of the field is an error, not "more later".
        QStringDecoder decoder = encoding == FieldEncoding::Utf8
            ? QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless)
            : QStringDecoder("GB18030", QStringDecoder::Flag::Stateless);
        if (!decoder.isValid())
            return fail(ErrorCode::Internal,
                QCoreApplication::translate("Devices", "This system cannot decode GBK text."));
        const QString text = decoder.decode(trimPadding(raw));
        if (decoder.hasError())
            return fail(ErrorCode::Corrupt,
                encoding == FieldEncoding::Utf8 ? QCoreApplication::translate(
                    "Devices", "The card holds a text that is not UTF-8.")
                                                : QCoreApplication::translate("Devices",
                                                    "The card holds a text that is not GBK."));
        return text;
    }
    }
    return fail(ErrorCode::Internal, QStringLiteral("unknown field encoding"));
}

std::optional<QByteArray> findTlv(const QByteArray& data, const QByteArray& tag)
{
    qsizetype i = 0;
    const auto byte = [&](qsizetype at) { return static_cast<quint8>(data.at(at)); };
    while (i < data.size()) {
        // ISO 7816-4 §5.2.2: 00 and FF may pad before, between and after data objects.
        if (byte(i) == 0x00 || byte(i) == 0xFF) {
            ++i;
            continue;
        }
        const qsizetype tagStart = i;
        const bool constructed = (byte(i) & 0x20) != 0;
        if ((byte(i++) & 0x1F) == 0x1F) { // multi-byte tag: more bytes while b8 is set
            while (i < data.size() && (byte(i) & 0x80))
                ++i;
            ++i;
        }
        if (i >= data.size())
            return std::nullopt;
        const QByteArray thisTag = data.mid(tagStart, i - tagStart);
        qsizetype length = byte(i++);
        if (length == 0x81 || length == 0x82) {
            const int n = length == 0x81 ? 1 : 2;
            if (i + n > data.size())
                return std::nullopt;
            length = n == 1 ? byte(i) : (byte(i) << 8) | byte(i + 1);
            i += n;
        } else if (length > 0x80) {
            return std::nullopt;
        }
        if (i + length > data.size())
            return std::nullopt;
        const QByteArray value = data.mid(i, length);
        if (thisTag == tag)
            return value;
        if (constructed)
            if (auto inner = findTlv(value, tag))
                return inner;
        i += length;
    }
    return std::nullopt;
}

Result<QList<CardProfile>> cardProfilesFromPack(const rules::Pack& pack)
{
    if (pack.kind != QLatin1String("card-profiles"))
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Devices", "Expected a card-profiles pack, got \"%1\".")
                .arg(pack.kind));
    const QJsonValue profiles = pack.content.value(QLatin1String("profiles"));
    if (!profiles.isArray())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "Devices", "The card-profiles pack \"%1\" has no \"profiles\" list.")
                .arg(pack.id));
    auto list = CardProfile::listFromJson(profiles.toArray());
    if (!list) {
        Error e = list.error();
        e.context = pack.id + QStringLiteral(": ") + e.context;
        return fail(std::move(e));
    }
    // A demo pack can only carry demo layouts, whatever the profile says.
    if (pack.demo)
        for (CardProfile& p : *list)
            p.demo = true;
    return list;
}

Status validateCardProfilePack(const rules::Pack& pack)
{
    auto list = cardProfilesFromPack(pack);
    if (!list)
        return fail(list.error());
    return {};
}

Result<QList<CardProfile>> loadCardProfiles(rules::ReferenceStore& store, const QDate& date)
{
    auto packs = store.inForceOfKind(QStringLiteral("card-profiles"), date);
    if (!packs)
        return fail(packs.error());
    QList<CardProfile> out;
    QSet<QString> ids;
    for (const rules::Pack& pack : *packs) {
        auto list = cardProfilesFromPack(pack);
        if (!list)
            return fail(list.error());
        for (const CardProfile& p : *list) {
            if (ids.contains(p.id))
                continue;
            ids.insert(p.id);
            out << p;
        }
    }
    return out;
}

} // namespace fieldcase::devices
