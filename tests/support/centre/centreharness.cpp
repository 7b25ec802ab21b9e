#include "tests/support/centre/centreharness.h"

#include "sync/client/enrolment.h"
#include "sync/transport/curltransport.h"

#include <QDir>

namespace fieldcase::test {

using sync::CentreOfficer;
using sync::CentreServer;
using sync::CentreStore;

Result<std::unique_ptr<CentreHarness>> CentreHarness::start(Config config)
{
    std::unique_ptr<CentreHarness> h(new CentreHarness);
    h->m_config = std::move(config);
    h->m_pki = std::make_unique<TestPki>();
    if (!h->m_pki->ok())
        return fail(ErrorCode::Io, QStringLiteral("test PKI: ") + h->m_pki->error());
    h->m_thread.setObjectName(QStringLiteral("centre"));
    h->m_thread.start();
    h->m_context = new QObject;
    h->m_context->moveToThread(&h->m_thread);

    Status opened;
    h->runBlocking([&] {
        CentreHarness& self = *h;
        const Clock& clock = self.m_config.clock ? *self.m_config.clock : Clock::system();
        const QString dir = self.m_config.directory;
        StoreOptions storeOptions;
        storeOptions.directory = QDir(dir).filePath(QStringLiteral("cases"));
        auto cases = CaseStore::open(storeOptions, clock);
        if (!cases) {
            opened = fail(std::move(cases.error()));
            return;
        }
        self.m_cases = std::move(*cases);
        // The centre records terminals' keys as its own installer (the store's first officer).
        const Actor installer {{installerId()}, Role::Installer};
        if (auto r = self.m_cases->registerOfficer(installer,
                {installerId(), QStringLiteral("省中心"), {}, QStringLiteral("centre"),
                    {Role::Installer}});
            !r) {
            opened = fail(std::move(r.error()));
            return;
        }
        auto records = CentreStore::open(dir, clock);
        if (!records) {
            opened = fail(std::move(records.error()));
            return;
        }
        self.m_records = std::move(*records);

        const TestPki& pki = *self.m_pki;
        CentreServer::Options options {pki.cert(QStringLiteral("server")),
            pki.key(QStringLiteral("server")), pki.cert(QStringLiteral("ca"))};
        options.filesDirectory = QDir(dir).filePath(QStringLiteral("files"));
        options.terminalCaCertFile = pki.cert(QStringLiteral("ca"));
        options.terminalCaKeyFile = pki.key(QStringLiteral("ca"));
        options.installerId = installerId();
        options.maxEventsPerBatch = self.m_config.maxEventsPerBatch;
        options.maxBodyBytes = self.m_config.maxBodyBytes;
        options.faults = self.m_config.faults;
        self.m_server
            = std::make_unique<CentreServer>(*self.m_cases, *self.m_records, clock, options);
        auto port = self.m_server->listen();
        if (!port) {
            opened = fail(std::move(port.error()));
            return;
        }
        self.m_port = *port;
        auto enrolPort = self.m_server->listenForEnrolment();
        if (!enrolPort) {
            opened = fail(std::move(enrolPort.error()));
            return;
        }
        self.m_enrolPort = *enrolPort;
        self.m_parts
            = std::make_unique<Parts>(Parts {*self.m_cases, *self.m_records, *self.m_server});
    });
    if (!opened)
        return fail(std::move(opened.error()));
    return h;
}

CentreHarness::~CentreHarness()
{
    if (m_context) {
        runBlocking([this] {
            m_parts.reset();
            m_server.reset();
            m_records.reset();
            m_cases.reset();
            delete m_context; // on its own thread, as a QObject must be
        });
        m_context = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

void CentreHarness::runBlocking(const std::function<void()>& fn)
{
    if (QThread::currentThread() == &m_thread) {
        fn();
        return;
    }
    QMetaObject::invokeMethod(m_context, fn, Qt::BlockingQueuedConnection);
}

QString CentreHarness::url() const
{
    return QStringLiteral("https://localhost:%1").arg(m_port);
}

QString CentreHarness::enrolUrl() const
{
    return QStringLiteral("https://localhost:%1").arg(m_enrolPort);
}

QString CentreHarness::filesDirectory() const
{
    return QDir(m_config.directory).filePath(QStringLiteral("files"));
}

Status CentreHarness::addUnit(const QString& unitId, const QString& name, bool withTeam)
{
    return call([&](Parts& p) -> Status {
        FC_TRY(p.records.addUnit(unitId, name));
        if (!withTeam)
            return {};
        const QList<CentreOfficer> team {
            {QStringLiteral("off-1"), QStringLiteral("张三"), QStringLiteral("14010001"), unitId,
                {QStringLiteral("officer")}},
            {QStringLiteral("off-2"), QStringLiteral("李四"), QStringLiteral("14010002"), unitId,
                {QStringLiteral("officer")}},
            {QStringLiteral("sup-1"), QStringLiteral("王五"), QStringLiteral("14010003"), unitId,
                {QStringLiteral("supervisor")}}};
        for (const CentreOfficer& o : team)
            FC_TRY(p.records.addOfficer(o));
        return {};
    });
}

Result<sync::SyncSettings> CentreHarness::enrol(
    CaseStore& terminal, const QString& unitId, const QStringList& officerIds)
{
    auto token
        = call([&](Parts& p) { return p.records.createToken(unitId, officerIds, 3600 * 1000); });
    if (!token)
        return fail(std::move(token.error()));
    const sync::EnrolmentRequest request {enrolUrl(), url(), m_pki->cert(QStringLiteral("ca")),
        *token, installerId(), QStringLiteral("FC-T10"), QStringLiteral("SN-1")};
    return sync::enrolTerminal(terminal, request,
        [](const sync::TlsConfig& tls) { return std::make_unique<sync::CurlTransport>(tls); });
}

} // namespace fieldcase::test
