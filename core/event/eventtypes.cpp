#include "core/event/eventtypes.h"

#include "core/util/text.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace fieldcase {

namespace {

using K = FieldKind;
const std::vector<Role> kFieldRoles {Role::Officer, Role::Supervisor};
const std::vector<Role> kSupervisorOnly {Role::Supervisor};

// 行政处罚法 (2021) art 42: 行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人.
// 行政处罚法 art 55: investigations and inspections by at least two officers who show their IDs.
// 行政强制法 art 18(1)(2): 查封、扣押 are carried out by two or more enforcement officers.
constexpr const char* kArt42 = "《行政处罚法》第四十二条";
constexpr const char* kArt55 = "《行政处罚法》第五十五条";
constexpr const char* kQzf18 = "《行政强制法》第十八条";
constexpr const char* kNone = "";

std::vector<EventTypeSpec> buildCatalogue()
{
    return {
        {"case.opened", 1, kFieldRoles, 1, kNone,
            {{"procedure", K::Enum, true, {"simple", "general"}},
                {"title", K::String, true, {}, 200}, {"category", K::String}, {"place", K::String},
                {"occurredAt", K::Integer},
                {"source", K::Enum, false, {"patrol", "report", "complaint", "transfer", "other"}},
                {"unitId", K::Id}}},
        {"party.recorded", 1, kFieldRoles, 1, kNone,
            {{"partyId", K::Id, true}, {"kind", K::Enum, true, {"person", "organisation"}},
                {"name", K::String, true, {}, 200},
                {"relation", K::Enum, false, {"party", "witness", "agent", "driver", "owner"}},
                {"idType", K::String}, {"idNumber", K::String, false, {}, 40},
                {"address", K::String}, {"phone", K::String, false, {}, 40},
                {"legalRepresentative", K::String, false, {}, 100}}},
        {"vehicle.recorded", 1, kFieldRoles, 1, kNone,
            {{"vehicleId", K::Id, true}, {"plate", K::String, true, {}, 16},
                {"plateColor", K::String, false, {}, 8}, {"vehicleType", K::String},
                {"vin", K::String, false, {}, 17}, {"transportCertNo", K::String, false, {}, 40},
                {"owner", K::String}, {"axles", K::Integer}}},
        {"violation.selected", 1, kFieldRoles, 1, kNone,
            {{"code", K::String, true, {}, 40}, {"description", K::String}, {"facts", K::Object}}},
        {"discretion.applied", 1, kFieldRoles, 1, kNone,
            {{"code", K::String, true, {}, 40},
                {"tier", K::Enum, true, {"none", "minor", "ordinary", "serious", "severe"}},
                {"amountFen", K::Integer}, {"reasons", K::Array},
                {"outOfBandReason", K::String, false, {}, 2000}}},
        {"evidence.attached", 1, kFieldRoles, 1, kNone,
            {{"evidenceId", K::Id, true},
                {"kind", K::Enum, true, {"photo", "audio", "video", "document", "nmea", "other"}},
                {"blobHash", K::Hash, true}, {"hashAlgorithm", K::Enum, true, {"sm3", "sha256"}},
                {"size", K::Integer, true}, {"mediaType", K::String, false, {}, 100},
                {"title", K::String}, {"capturedAt", K::Integer},
                {"description", K::String, false, {}, 2000}}},
        {"statement.recorded", 1, kFieldRoles, 2, kArt55,
            {{"statementId", K::Id, true},
                {"kind", K::Enum, true, {"inquiry", "scene", "inspection"}}, {"subject", K::Id},
                {"text", K::String, true, {}, 200000}, {"startedAt", K::Integer},
                {"endedAt", K::Integer}}},
        {"document.issued", 1, kFieldRoles, 1, kNone,
            {{"documentId", K::Id, true}, {"docType", K::String, true, {}, 60},
                {"number", K::String, true, {}, 80}, {"contentHash", K::Hash, true},
                {"templateVersion", K::String, false, {}, 40}, {"title", K::String},
                {"dueKind", K::String, false, {}, 60}, {"dueAt", K::Integer},
                // The data the document was rendered from (immutable once signed) and the
                // rendered PDF's blob in the evidence store.
                {"snapshot", K::Object}, {"pdfBlob", K::Hash}}},
        {"document.reprinted", 1, kFieldRoles, 1, kNone,
            {{"documentId", K::Id, true}, {"copy", K::Integer, true}, {"printer", K::String}}},
        {"document.voided", 1, kFieldRoles, 1, kNone,
            {{"documentId", K::Id, true}, {"reason", K::String, true, {}, 2000}}},
        {"document.served", 1, kFieldRoles, 1, kNone,
            {{"documentId", K::Id, true},
                {"method", K::Enum, true,
                    {"direct", "left", "post", "electronic", "entrusted", "announcement"}},
                {"recipient", K::String, true, {}, 200}, {"servedAt", K::Integer, true}}},
        {"measure.applied", 1, kFieldRoles, 2, kQzf18,
            {{"measureId", K::Id, true}, {"kind", K::Enum, true, {"seal", "seize", "preserve"}},
                {"reason", K::String, true, {}, 2000}, {"until", K::Integer}}},
        {"measure.extended", 1, kFieldRoles, 1, kNone,
            {{"measureId", K::Id, true}, {"until", K::Integer, true},
                {"reason", K::String, true, {}, 2000}}},
        {"measure.released", 1, kFieldRoles, 1, kNone,
            {{"measureId", K::Id, true}, {"reason", K::String, true, {}, 2000}}},
        {"property.registered", 1, kFieldRoles, 2, kQzf18,
            {{"propertyId", K::Id, true}, {"name", K::String, true, {}, 200},
                {"quantity", K::Number, true}, {"unit", K::String, false, {}, 20},
                {"spec", K::String}, {"measureId", K::Id}}},
        {"review.requested", 1, kFieldRoles, 1, kNone,
            {{"reviewId", K::Id, true},
                {"kind", K::Enum, true, {"filing", "measure", "decision", "closing"}},
                {"note", K::String, false, {}, 2000}}},
        {"review.decided", 1, kSupervisorOnly, 1, kNone,
            {{"reviewId", K::Id, true}, {"decision", K::Enum, true, {"approve", "return"}},
                {"reason", K::String, false, {}, 2000}, {"seenHead", K::Hash, true}}},
        {"penalty.decided", 1, kFieldRoles, 2, kArt42,
            {{"decisionId", K::Id, true}, {"kinds", K::Array, true}, {"amountFen", K::Integer},
                {"basis", K::String, false, {}, 2000}}},
        {"payment.recorded", 1, kFieldRoles, 1, kNone,
            {{"paymentId", K::Id, true}, {"amountFen", K::Integer, true},
                {"method", K::Enum, true, {"bank", "onsite", "online"}},
                {"receiptNo", K::String, false, {}, 60}, {"paidAt", K::Integer, true}}},
        {"case.note", 1, kFieldRoles, 1, kNone, {{"text", K::String, true, {}, 5000}}},
        {"case.closed", 1, kFieldRoles, 1, kNone,
            {{"reason", K::Enum, true,
                 {"executed", "not-punished", "withdrawn", "transferred", "other"}},
                {"summary", K::String, false, {}, 5000}}},
        {"case.transferred", 1, kFieldRoles, 1, kNone,
            {{"toUnit", K::String, true, {}, 200}, {"reason", K::String, true, {}, 2000}}},
    };
}

bool isId(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._:-]{1,64}$"));
    return re.match(s).hasMatch();
}

bool isHash(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}

QString kindName(FieldKind k)
{
    switch (k) {
    case K::String:
        return QStringLiteral("text");
    case K::Integer:
        return CoreText::tr("a whole number");
    case K::Number:
        return CoreText::tr("a number");
    case K::Bool:
        return CoreText::tr("true or false");
    case K::Object:
        return CoreText::tr("an object");
    case K::Array:
        return CoreText::tr("a list");
    case K::Hash:
        return CoreText::tr("a 64-character lowercase hex digest");
    case K::Id:
        return CoreText::tr("an identifier (1–64 of A–Z a–z 0–9 . _ : -)");
    case K::Enum:
        return CoreText::tr("one of the allowed values");
    }
    return {};
}

bool matches(const FieldSpec& f, const QJsonValue& v)
{
    switch (f.kind) {
    case K::String: {
        if (!v.isString())
            return false;
        const QString s = v.toString();
        return !s.trimmed().isEmpty() && s.size() <= f.maxLength;
    }
    case K::Integer: {
        if (!v.isDouble())
            return false;
        const double d = v.toDouble();
        return std::isfinite(d) && std::trunc(d) == d;
    }
    case K::Number:
        return v.isDouble() && std::isfinite(v.toDouble());
    case K::Bool:
        return v.isBool();
    case K::Object:
        return v.isObject();
    case K::Array:
        return v.isArray();
    case K::Hash:
        return v.isString() && isHash(v.toString());
    case K::Id:
        return v.isString() && isId(v.toString());
    case K::Enum: {
        if (!v.isString())
            return false;
        const QString s = v.toString();
        for (const char* a : f.allowed)
            if (s == QLatin1String(a))
                return true;
        return false;
    }
    }
    return false;
}

} // namespace

const std::vector<EventTypeSpec>& eventTypes()
{
    static const std::vector<EventTypeSpec> catalogue = buildCatalogue();
    return catalogue;
}

const EventTypeSpec* findEventType(QStringView type)
{
    for (const EventTypeSpec& spec : eventTypes())
        if (type == QLatin1String(spec.type))
            return &spec;
    return nullptr;
}

Status validatePayload(const EventTypeSpec& spec, const QJsonObject& payload)
{
    const QString type = QLatin1String(spec.type);
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        bool known = false;
        for (const FieldSpec& f : spec.fields)
            known = known || it.key() == QLatin1String(f.name);
        if (!known)
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("Unknown field “%1” in %2").arg(it.key(), type));
    }
    for (const FieldSpec& f : spec.fields) {
        const QString name = QLatin1String(f.name);
        const QJsonValue v = payload.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (f.required)
                return fail(ErrorCode::InvalidArgument,
                    CoreText::tr("Required field “%1” is missing in %2").arg(name, type));
            continue;
        }
        if (!matches(f, v)) {
            QString expected = kindName(f.kind);
            if (f.kind == K::Enum) {
                QStringList values;
                for (const char* a : f.allowed)
                    values << QLatin1String(a);
                expected = CoreText::tr("one of: ") + values.join(QLatin1String(", "));
            } else if (f.kind == K::String) {
                expected += QStringLiteral(" (not blank, at most %1 characters)").arg(f.maxLength);
            }
            return fail(ErrorCode::InvalidArgument,
                CoreText::tr("Field “%1” in %2 must be %3").arg(name, type, expected));
        }
    }
    return {};
}

Status validatePosition(const QJsonObject& position)
{
    if (position.isEmpty())
        return {};
    static const EventTypeSpec spec {"position", 1, {}, 0, "",
        {{"lat", K::Number, true}, {"lon", K::Number, true}, {"accuracyM", K::Number},
            {"altitudeM", K::Number}, {"fixAt", K::Integer}, {"satellites", K::Integer},
            {"hdop", K::Number}, {"source", K::String, false, {}, 40}}};
    FC_TRY(validatePayload(spec, position));
    const double lat = position.value(QLatin1String("lat")).toDouble();
    const double lon = position.value(QLatin1String("lon")).toDouble();
    if (lat < -90 || lat > 90)
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The position's latitude %1 is outside -90…90").arg(lat));
    if (lon < -180 || lon > 180)
        return fail(ErrorCode::InvalidArgument,
            CoreText::tr("The position's longitude %1 is outside -180…180").arg(lon));
    if (position.value(QLatin1String("accuracyM")).toDouble(0) < 0)
        return fail(
            ErrorCode::InvalidArgument, CoreText::tr("The position's accuracy is negative"));
    return {};
}

} // namespace fieldcase
