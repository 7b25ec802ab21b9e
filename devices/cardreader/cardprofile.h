// Card profiles: how to read one kind of IC card (application, files, field layout, PIN), as
// data. The real layouts of Chinese transport cards are not public (JT/T 825 parts 1–6 were not
// found, see docs/devices.md), so shipped profiles are demo layouts and provinces publish theirs
// in "card-profiles" reference packs.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace fieldcase::rules {
struct Pack;
class ReferenceStore;
} // namespace fieldcase::rules

namespace fieldcase::devices {

// What a card certifies; the UI and the case forms pick fields by kind.
enum class CardKind {
    OfficerCertificate, // 交通运输行政执法证件 (whether it has a chip is unconfirmed)
    RoadTransportCertificate, // IC卡道路运输证 (vehicle)
    QualificationCertificate, // IC卡从业资格证 (driver / practitioner)
};

// "officer-certificate", "road-transport-certificate", "qualification-certificate".
[[nodiscard]] QString cardKindName(CardKind kind);
[[nodiscard]] std::optional<CardKind> cardKindFromName(QStringView name);

// How the bytes of a field become text.
enum class FieldEncoding {
    Utf8,
    Gbk, // GB 18030 / GBK bytes, returned as a (UTF-8) QString
    Ascii,
    Bcd, // packed BCD digits; trailing F nibbles are padding
    BcdDate, // packed BCD YYYYMMDD, returned as YYYY-MM-DD
    Hex, // raw bytes as upper-case hex
};

// One elementary file of the card application.
struct CardFile
{
    enum class Structure { Transparent, Record };

    QString id; // name used by fields
    QByteArray fid; // 2-byte file identifier
    Structure structure = Structure::Transparent;
    int size = 0; // transparent: bytes to read; 0 = as far as the fields need, or to the end
};

// Where a field's bytes are and how to decode them. Steps apply in order: the file (or one of
// its records), then offset/length, then a BER-TLV tag inside that, then a delimited part.
struct CardField
{
    QString name; // stable key ("plateNumber"), used by forms
    QString labelEn;
    QString labelZh;
    QString file; // CardFile::id
    int record = 0; // record files: 1-based record number
    int offset = 0;
    int length = -1; // -1: to the end
    QByteArray tag; // 1–2 byte BER-TLV tag, empty: none
    QByteArray delimiter; // empty: none
    int index = 0; // with delimiter: which part (0-based)
    FieldEncoding encoding = FieldEncoding::Utf8;
    bool pinRequired = false; // the card refuses it (6982) until the PIN is verified
};

// The VERIFY command (ISO 7816-4 §11.5.6) and how the PIN is formatted into it.
struct CardPinSpec
{
    enum class Format { Ascii, Bcd };

    quint8 cla = 0x00;
    quint8 ins = 0x20;
    quint8 p1 = 0x00;
    quint8 p2 = 0x00; // PIN reference
    Format format = Format::Ascii;
    int minLength = 4;
    int maxLength = 8;
    int padLength = 0; // pad the encoded PIN to this many bytes; 0 = no padding
    quint8 padByte = 0xFF;

    // The VERIFY APDU for a PIN (digits only), or an error for a PIN of the wrong form.
    [[nodiscard]] Result<QByteArray> verifyApdu(const QString& pin) const;
};

// A parsed, validated card profile.
struct CardProfile
{
    QString id;
    CardKind kind = CardKind::RoadTransportCertificate;
    int version = 1;
    bool demo = false;
    QString nameEn;
    QString nameZh;
    QString notes;
    QByteArray aid; // application identifier (5–16 bytes)
    quint8 selectP2 = 0x0C; // 0x0C: no response data; 0x00: ask for the FCI
    QList<CardFile> files;
    QList<CardField> fields;
    std::optional<CardPinSpec> pin; // nullopt: the card has no PIN this profile knows of
    QJsonObject source; // the JSON it was parsed from

    [[nodiscard]] const CardFile* file(QStringView id) const;
    [[nodiscard]] const CardField* field(QStringView name) const;
    // The user-facing name in the current UI language (Chinese unless the UI is English).
    [[nodiscard]] QString displayName() const;

    // Parses and validates one profile object; errors name the JSON path ("fields[2].offset").
    [[nodiscard]] static Result<CardProfile> fromJson(const QJsonObject& object);
    // A profile file (one object) or a list of them (an array).
    [[nodiscard]] static Result<QList<CardProfile>> listFromJson(const QByteArray& json);
    // An array of profile objects; ids must be unique.
    [[nodiscard]] static Result<QList<CardProfile>> listFromJson(const QJsonArray& array);
};

// Decodes a field's bytes with its encoding (trailing 00/FF/space padding removed for text).
[[nodiscard]] Result<QString> decodeCardField(const QByteArray& bytes, FieldEncoding encoding);

// Finds the value of a BER-TLV tag in data (primitive and constructed tags are searched
// recursively); nullopt when absent or the data is not well-formed TLV.
[[nodiscard]] std::optional<QByteArray> findTlv(const QByteArray& data, const QByteArray& tag);

// The profiles of a "card-profiles" reference pack (content.profiles).
[[nodiscard]] Result<QList<CardProfile>> cardProfilesFromPack(const rules::Pack& pack);

// Every card profile in force on date from the reference store (newest pack version per id;
// a profile id in several packs: the first pack by id wins).
[[nodiscard]] Result<QList<CardProfile>> loadCardProfiles(
    rules::ReferenceStore& store, const QDate& date);

// Full validation of a card-profiles pack for ReferenceStore::import (core checks only the
// shape, because the profile parser lives in the devices layer).
[[nodiscard]] Status validateCardProfilePack(const rules::Pack& pack);

} // namespace fieldcase::devices
