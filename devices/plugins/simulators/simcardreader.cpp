// Simulated IC card reader: a card is "inserted" after a delay and reads as fixed demo data of
// the configured card kind; the PIN has a retry counter that blocks like a real card's.
#include "devices/api/devicekinds.h"
#include "devices/api/deviceplugin.h"
#include "devices/plugins/simulators/simcommon.h"

#include <QTimer>

namespace fieldcase::devices::sim {

namespace {

// Demo data only, clearly fictitious (the 示例 prefix and DEMO numbers).
QVariantMap demoFields(const QString& cardKind)
{
    if (cardKind == QLatin1String("road-transport-certificate")) {
        return {{QStringLiteral("certificateNo"), QStringLiteral("湘交运管长字DEMO00001号")},
            {QStringLiteral("plate"), QStringLiteral("湘A·D0001")},
            {QStringLiteral("operator"), QStringLiteral("示例运输有限公司")},
            {QStringLiteral("validUntil"), QStringLiteral("2028-12-31")}};
    }
    if (cardKind == QLatin1String("qualification-certificate")) {
        return {{QStringLiteral("certificateNo"), QStringLiteral("DEMO430100000001")},
            {QStringLiteral("name"), QStringLiteral("示例驾驶员")},
            {QStringLiteral("category"), QStringLiteral("道路货物运输驾驶员")},
            {QStringLiteral("validUntil"), QStringLiteral("2027-06-30")}};
    }
    return {{QStringLiteral("officerNo"), QStringLiteral("DEMO-0001")},
        {QStringLiteral("name"), QStringLiteral("示例执法员")},
        {QStringLiteral("unit"), QStringLiteral("示例县交通运输综合行政执法大队")},
        {QStringLiteral("certificateNo"), QStringLiteral("43DEMO000001")}};
}

} // namespace

class SimulatedCardReader : public CardReaderDevice
{
    Q_OBJECT
public:
    explicit SimulatedCardReader(const DeviceInfo& info)
        : CardReaderDevice(info)
        , m_cardKind(info.settings.value(QLatin1String("cardKind")).toString())
        , m_insertAfterMs(info.settings.value(QLatin1String("insertAfterMs")).toInt())
        , m_pin(info.settings.value(QLatin1String("pin")).toString())
        , m_triesLeft(info.settings.value(QLatin1String("pinTries")).toInt())
        , m_maxTries(m_triesLeft)
    { }

private:
    void doStart() override
    {
        setState(DeviceState::Ready);
        if (m_insertAfterMs >= 0)
            QTimer::singleShot(m_insertAfterMs, this, [this] { setCardPresent(true); });
    }

    void doStop() override { setCardPresent(false); }

    void doSelfTest(int) override
    {
        SelfTestReport report;
        report.add(tr("Reader answers"), state() == DeviceState::Ready, deviceStateTitle(state()));
        report.add(tr("Card present"), cardPresent(),
            cardPresent() ? m_cardKind : tr("No card in the reader"));
        finishSelfTest(report);
    }

    QStringList doCapabilities() const override
    {
        return {QStringLiteral("read"), QStringLiteral("pin")};
    }

    void doReadCard(quint64 ticket, const QString& profileId) override
    {
        if (!cardPresent()) {
            failRead(ticket, tr("No card in the reader"));
            return;
        }
        CardReadout readout;
        readout.profileId = profileId;
        readout.cardKind = m_cardKind;
        readout.atr = QByteArray::fromHex("3B8F8001804F0CA000000306030001000000006A");
        readout.fields = demoFields(m_cardKind);
        readout.simulated = true;
        finishRead(ticket, readout);
    }

    void doVerifyPin(quint64 ticket, const QString&, const QString& pin) override
    {
        PinOutcome outcome;
        if (!cardPresent()) {
            outcome.detail = tr("No card in the reader");
        } else if (m_triesLeft == 0) {
            outcome.result = PinOutcome::Result::Blocked;
            outcome.triesLeft = 0;
            outcome.detail = tr("The card's PIN is blocked");
        } else if (pin == m_pin) {
            m_triesLeft = m_maxTries;
            outcome.result = PinOutcome::Result::Verified;
        } else {
            --m_triesLeft;
            outcome.result
                = m_triesLeft == 0 ? PinOutcome::Result::Blocked : PinOutcome::Result::WrongPin;
            outcome.triesLeft = m_triesLeft;
            outcome.detail = m_triesLeft == 0
                ? tr("The card's PIN is blocked")
                : tr("Wrong PIN, %n tries left", nullptr, m_triesLeft);
        }
        finishPin(ticket, outcome);
    }

    QString m_cardKind;
    int m_insertAfterMs;
    QString m_pin;
    int m_triesLeft;
    int m_maxTries;
};

class SimulatedCardReaderPlugin
    : public QObject
    , public DevicePluginFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID FieldCaseDevicePluginFactory_iid FILE "simcardreader.json")
    Q_INTERFACES(fieldcase::devices::DevicePluginFactory)
public:
    std::unique_ptr<Device> create(const DeviceInfo& info) override
    {
        return std::make_unique<SimulatedCardReader>(info);
    }
};

} // namespace fieldcase::devices::sim

#include "simcardreader.moc"
