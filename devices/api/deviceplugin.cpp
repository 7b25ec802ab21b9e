#include "devices/api/deviceplugin.h"

#include "devices/api/devicestext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace fieldcase::devices {

namespace {

bool failWith(QString* whyNot, const QString& message)
{
    if (whyNot)
        *whyNot = message;
    return false;
}

std::optional<SettingSpec::Type> settingType(const QString& name)
{
    if (name == QLatin1String("string"))
        return SettingSpec::Type::String;
    if (name == QLatin1String("integer"))
        return SettingSpec::Type::Integer;
    if (name == QLatin1String("number"))
        return SettingSpec::Type::Number;
    if (name == QLatin1String("boolean"))
        return SettingSpec::Type::Boolean;
    return std::nullopt;
}

bool isInteger(const QJsonValue& v)
{
    return v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
}

// Whether a value fits a spec; the message names the setting.
bool valueFits(const SettingSpec& spec, const QJsonValue& v, QString* whyNot)
{
    bool typeOk = false;
    switch (spec.type) {
    case SettingSpec::Type::String:
        typeOk = v.isString();
        break;
    case SettingSpec::Type::Integer:
        typeOk = isInteger(v);
        break;
    case SettingSpec::Type::Number:
        typeOk = v.isDouble();
        break;
    case SettingSpec::Type::Boolean:
        typeOk = v.isBool();
        break;
    }
    if (!typeOk)
        return failWith(whyNot, DevicesText::tr("setting \"%1\" has the wrong type").arg(spec.key));
    if (!spec.choices.isEmpty() && !spec.choices.contains(v.toString())) {
        return failWith(whyNot,
            DevicesText::tr("setting \"%1\" must be one of: %2")
                .arg(spec.key, spec.choices.join(QLatin1String(", "))));
    }
    if (spec.minimum && v.toDouble() < *spec.minimum)
        return failWith(
            whyNot, DevicesText::tr("setting \"%1\" is below %2").arg(spec.key).arg(*spec.minimum));
    if (spec.maximum && v.toDouble() > *spec.maximum)
        return failWith(
            whyNot, DevicesText::tr("setting \"%1\" is above %2").arg(spec.key).arg(*spec.maximum));
    return true;
}

bool parseSetting(const QJsonValue& value, SettingSpec* spec, QString* whyNot)
{
    if (!value.isObject())
        return failWith(whyNot, DevicesText::tr("a setting is not an object"));
    const QJsonObject o = value.toObject();
    spec->key = o.value(QLatin1String("key")).toString();
    static const QRegularExpression keyPattern(QStringLiteral("^[a-zA-Z][a-zA-Z0-9]*$"));
    if (!keyPattern.match(spec->key).hasMatch())
        return failWith(whyNot, DevicesText::tr("a setting has no valid \"key\""));
    const auto type = settingType(o.value(QLatin1String("type")).toString());
    if (!type)
        return failWith(
            whyNot, DevicesText::tr("setting \"%1\" has an unknown type").arg(spec->key));
    spec->type = *type;
    spec->required = o.value(QLatin1String("required")).toBool(false);
    spec->title = o.value(QLatin1String("title")).toString();
    spec->titleZh = o.value(QLatin1String("title[zh_CN]")).toString();
    if (spec->title.isEmpty())
        return failWith(whyNot, DevicesText::tr("setting \"%1\" has no title").arg(spec->key));
    for (const QJsonValue& c : o.value(QLatin1String("choices")).toArray())
        spec->choices.append(c.toString());
    if (o.contains(QLatin1String("minimum")))
        spec->minimum = o.value(QLatin1String("minimum")).toDouble();
    if (o.contains(QLatin1String("maximum")))
        spec->maximum = o.value(QLatin1String("maximum")).toDouble();
    if (o.contains(QLatin1String("default"))) {
        spec->defaultValue = o.value(QLatin1String("default"));
        QString why;
        if (!valueFits(*spec, spec->defaultValue, &why))
            return failWith(whyNot, DevicesText::tr("default value: %1").arg(why));
    }
    return true;
}

} // namespace

QString PluginMetadata::displayTitle(const QString& language) const
{
    return language.startsWith(QLatin1String("zh")) && !titleZh.isEmpty() ? titleZh : title;
}

std::optional<PluginMetadata> parsePluginMetadata(const QJsonObject& metaData, QString* whyNot)
{
    PluginMetadata m;
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9.-]{2,63}$"));
    m.id = metaData.value(QLatin1String("id")).toString();
    if (!idPattern.match(m.id).hasMatch()) {
        failWith(whyNot, DevicesText::tr("the metadata has no valid \"id\""));
        return std::nullopt;
    }
    const auto kind = deviceKindFromName(metaData.value(QLatin1String("kind")).toString());
    if (!kind) {
        failWith(whyNot,
            DevicesText::tr("unknown device kind \"%1\"")
                .arg(metaData.value(QLatin1String("kind")).toString()));
        return std::nullopt;
    }
    m.kind = *kind;
    const QJsonValue api = metaData.value(QLatin1String("apiVersion"));
    if (!isInteger(api)) {
        failWith(whyNot, DevicesText::tr("the metadata has no \"apiVersion\""));
        return std::nullopt;
    }
    m.apiVersion = api.toInt();
    if (m.apiVersion != kDeviceApiVersion) {
        failWith(whyNot,
            DevicesText::tr("built for device API version %1; this FieldCase supports version %2")
                .arg(m.apiVersion)
                .arg(kDeviceApiVersion));
        return std::nullopt;
    }
    m.vendor = metaData.value(QLatin1String("vendor")).toString();
    m.title = metaData.value(QLatin1String("title")).toString();
    m.titleZh = metaData.value(QLatin1String("title[zh_CN]")).toString();
    if (m.vendor.isEmpty() || m.title.isEmpty()) {
        failWith(whyNot, DevicesText::tr("the metadata needs a \"vendor\" and a \"title\""));
        return std::nullopt;
    }
    const QJsonValue simulator = metaData.value(QLatin1String("simulator"));
    if (!simulator.isBool()) {
        // Required, so a simulator can never pass for real hardware by omission.
        failWith(
            whyNot, DevicesText::tr("the metadata must say whether the plugin is a \"simulator\""));
        return std::nullopt;
    }
    m.simulator = simulator.toBool();
    const QJsonValue settings = metaData.value(QLatin1String("settings"));
    if (!settings.isArray()) {
        failWith(whyNot, DevicesText::tr("the metadata has no \"settings\" list"));
        return std::nullopt;
    }
    for (const QJsonValue& v : settings.toArray()) {
        SettingSpec spec;
        if (!parseSetting(v, &spec, whyNot))
            return std::nullopt;
        for (const SettingSpec& other : m.settings) {
            if (other.key == spec.key) {
                failWith(whyNot, DevicesText::tr("setting \"%1\" is declared twice").arg(spec.key));
                return std::nullopt;
            }
        }
        m.settings.append(spec);
    }
    return m;
}

std::optional<QJsonObject> applySettingsSchema(
    const PluginMetadata& metadata, const QJsonObject& settings, QString* whyNot)
{
    for (auto it = settings.begin(); it != settings.end(); ++it) {
        const bool known = std::any_of(metadata.settings.begin(), metadata.settings.end(),
            [&](const SettingSpec& s) { return s.key == it.key(); });
        if (!known) {
            failWith(whyNot,
                DevicesText::tr("plugin %1 has no setting \"%2\"").arg(metadata.id, it.key()));
            return std::nullopt;
        }
    }
    QJsonObject out;
    for (const SettingSpec& spec : metadata.settings) {
        if (settings.contains(spec.key)) {
            if (!valueFits(spec, settings.value(spec.key), whyNot))
                return std::nullopt;
            out.insert(spec.key, settings.value(spec.key));
        } else if (!spec.defaultValue.isUndefined()) {
            out.insert(spec.key, spec.defaultValue);
        } else if (spec.required) {
            failWith(whyNot, DevicesText::tr("setting \"%1\" is required").arg(spec.key));
            return std::nullopt;
        }
    }
    return out;
}

} // namespace fieldcase::devices
