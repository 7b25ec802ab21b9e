#include "devices/plugins/builtin/pcsccardreader.h"

#include "devices/api/devicestext.h"
#include "devices/plugins/builtin/background.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace fieldcase::devices {

namespace {

// Loads every *.json of a folder as one or more profiles (a file may hold one or a list).
Result<QList<CardProfile>> loadProfileFolder(const QString& folder)
{
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        return fail(ErrorCode::NotFound, DevicesText::tr("No card profiles in %1").arg(folder));
    }
    QList<CardProfile> all;
    for (const QString& name : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Io, DevicesText::tr("Cannot read %1").arg(f.fileName()));
        auto profiles = CardProfile::listFromJson(f.readAll());
        if (!profiles)
            return fail(profiles.error().code, profiles.error().message, f.fileName());
        all.append(*profiles);
    }
    return all;
}

CardReadout toReadout(const CardData& data, const CardProfile& profile)
{
    CardReadout r;
    r.profileId = data.profileId;
    r.cardKind = cardKindName(profile.kind);
    r.atr = data.atr;
    for (const CardData::Value& v : data.fields)
        r.fields.insert(v.name, v.text);
    r.simulated = false;
    return r;
}

} // namespace

PcscCardReaderDevice::PcscCardReaderDevice(const DeviceInfo& info)
    : CardReaderDevice(info)
{
    m_reader.setReaderFilter(info.settings.value(QLatin1String("reader")).toString());
    m_reader.setPollIntervalMs(info.settings.value(QLatin1String("pollMs")).toInt());
    auto profiles = loadProfileFolder(info.settings.value(QLatin1String("profiles")).toString());
    if (profiles)
        m_profiles = *profiles;
    else
        m_profileError = profiles.error().message;
    connect(&m_reader, &PcscReader::stateChanged, this, &PcscCardReaderDevice::onReaderState);
}

void PcscCardReaderDevice::doStart()
{
    m_reader.start();
    onReaderState(m_reader.state());
}

void PcscCardReaderDevice::doStop()
{
    m_reader.stop();
    setCardPresent(false);
}

void PcscCardReaderDevice::onReaderState(PcscReader::State state)
{
    if (this->state() == DeviceState::Stopped)
        return;
    setCardPresent(state == PcscReader::State::CardPresent || state == PcscReader::State::Reading);
    switch (state) {
    case PcscReader::State::NoService:
        setState(DeviceState::Error,
            DevicesText::tr("The smart card service (pcscd) is not running. Restart the terminal "
                            "or call county IT."));
        break;
    case PcscReader::State::NoReader:
        setState(DeviceState::Absent, DevicesText::tr("No card reader is connected"));
        break;
    case PcscReader::State::NoCard:
    case PcscReader::State::CardPresent:
        setState(DeviceState::Ready);
        break;
    case PcscReader::State::Reading:
        setState(DeviceState::Busy);
        break;
    case PcscReader::State::Error:
        setState(DeviceState::Error, m_reader.lastError());
        break;
    }
}

const CardProfile* PcscCardReaderDevice::profile(const QString& id) const
{
    for (const CardProfile& p : m_profiles) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

void PcscCardReaderDevice::doReadCard(quint64 ticket, const QString& profileId)
{
    const CardProfile* p = profile(profileId);
    if (!p) {
        failRead(ticket,
            m_profileError.isEmpty() ? DevicesText::tr("No card profile \"%1\"").arg(profileId)
                                     : m_profileError);
        return;
    }
    const CardProfile chosen = *p;
    whenFinished(this, m_reader.readCard(chosen),
        [this, ticket, chosen](const std::optional<Result<CardData>>& r) {
            if (!r)
                failRead(ticket, DevicesText::tr("The read was cancelled"));
            else if (!*r)
                failRead(ticket, r->error().message);
            else
                finishRead(ticket, toReadout(**r, chosen));
        });
}

void PcscCardReaderDevice::doVerifyPin(quint64 ticket, const QString& profileId, const QString& pin)
{
    const CardProfile* p = profile(profileId);
    if (!p) {
        finishPin(ticket,
            PinOutcome {PinOutcome::Result::Failed, -1,
                DevicesText::tr("No card profile \"%1\"").arg(profileId)});
        return;
    }
    whenFinished(this, m_reader.verifyPin(*p, pin),
        [this, ticket](const std::optional<Result<PinCheck>>& r) {
            PinOutcome outcome;
            if (!r || !*r) {
                outcome.detail
                    = r ? r->error().message : DevicesText::tr("The PIN check was cancelled");
            } else {
                outcome.triesLeft = (*r)->triesLeft;
                outcome.detail = (*r)->message();
                switch ((*r)->status) {
                case PinCheck::Status::Verified:
                    outcome.result = PinOutcome::Result::Verified;
                    break;
                case PinCheck::Status::NotVerified:
                case PinCheck::Status::WrongPin:
                    outcome.result = PinOutcome::Result::WrongPin;
                    break;
                case PinCheck::Status::Blocked:
                    outcome.result = PinOutcome::Result::Blocked;
                    break;
                case PinCheck::Status::NotSupported:
                    outcome.result = PinOutcome::Result::NotSupported;
                    break;
                }
            }
            finishPin(ticket, outcome);
        });
}

void PcscCardReaderDevice::doSelfTest(int)
{
    // Reads nothing from the card (a PIN try must never be spent by a test): checks the service,
    // the reader and the profiles, and reports the card's ATR when one is in.
    SelfTestReport report;
    const PcscReader::State s = m_reader.state();
    report.add(DevicesText::tr("The smart card service answers"), s != PcscReader::State::NoService,
        s == PcscReader::State::NoService ? DevicesText::tr("pcscd is not running") : QString());
    report.add(DevicesText::tr("A card reader is connected"),
        s != PcscReader::State::NoService && s != PcscReader::State::NoReader,
        m_reader.readers().join(QLatin1String(", ")));
    report.add(DevicesText::tr("Card profiles loaded"), !m_profiles.isEmpty(),
        m_profileError.isEmpty() ? DevicesText::tr("%1 profiles").arg(m_profiles.size())
                                 : m_profileError);
    finishSelfTest(report);
}

QStringList PcscCardReaderDevice::doCapabilities() const
{
    return {QStringLiteral("read"), QStringLiteral("pin")};
}

QJsonObject PcscCardReaderDevice::doStatus() const
{
    QJsonObject o = CardReaderDevice::doStatus();
    o.insert(QLatin1String("readers"), QJsonArray::fromStringList(m_reader.readers()));
    o.insert(QLatin1String("atr"), QString::fromLatin1(m_reader.atr().toHex()));
    QJsonArray ids;
    for (const CardProfile& p : m_profiles)
        ids.append(p.id);
    o.insert(QLatin1String("profiles"), ids);
    return o;
}

std::unique_ptr<Device> PcscCardReaderPlugin::create(const DeviceInfo& info)
{
    return std::make_unique<PcscCardReaderDevice>(info);
}

} // namespace fieldcase::devices
