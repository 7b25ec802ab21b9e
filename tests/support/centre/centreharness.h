// A whole reference centre on a thread of its own — a throw-away PKI, centre.db, the centre's case
// store, tus files, the sync and the enrolment ports — for tests and benchmarks whose client code
// blocks: the caller may sit in libcurl while the centre answers. Catch-free, so fieldcase_bench
// uses it too. Everything the centre owns lives and dies on its thread; reach it with call().
#pragma once

#include "core/store/casestore.h"
#include "core/util/clock.h"
#include "core/util/result.h"
#include "sync/centre/centreserver.h"
#include "sync/centre/centrestore.h"
#include "sync/client/syncsettings.h"
#include "tests/support/testpki.h"

#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace fieldcase::test {

class CentreHarness
{
public:
    struct Config
    {
        QString directory; // centre.db, cases/ and files/ go here; must exist
        const Clock* clock = nullptr; // nullptr: the system clock; must outlive the harness
        // Called on the centre's thread once per event push or pull (see CentreServer::Options).
        std::function<sync::CentreServer::InjectedFault(const QString& route)> faults;
        int maxEventsPerBatch = 500;
        qint64 maxBodyBytes = 1 << 20;
    };

    // What call() hands to its function, on the centre's thread.
    struct Parts
    {
        CaseStore& cases;
        sync::CentreStore& records;
        sync::CentreServer& server;
    };

    // Makes the PKI, opens the stores and listens on both ports; an error says which step failed.
    [[nodiscard]] static Result<std::unique_ptr<CentreHarness>> start(Config config);
    ~CentreHarness(); // closes the ports and the stores on the centre's thread, then joins it
    CentreHarness(const CentreHarness&) = delete;
    CentreHarness& operator=(const CentreHarness&) = delete;

    [[nodiscard]] const TestPki& pki() const { return *m_pki; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] quint16 enrolPort() const { return m_enrolPort; }
    [[nodiscard]] QString url() const; // https://localhost:<port>
    [[nodiscard]] QString enrolUrl() const;
    [[nodiscard]] QString filesDirectory() const;
    // The installer the centre acts as when it records an enrolled terminal's key.
    [[nodiscard]] static QString installerId() { return QStringLiteral("inst-1"); }

    // Runs fn(parts) on the centre's thread, waits, and returns what it returned.
    template<typename F>
    auto call(F&& fn) -> std::invoke_result_t<F&, Parts&>
    {
        using R = std::invoke_result_t<F&, Parts&>;
        if constexpr (std::is_void_v<R>) {
            runBlocking([&] { fn(*m_parts); });
        } else {
            std::optional<R> result;
            runBlocking([&] { result.emplace(fn(*m_parts)); });
            return std::move(*result);
        }
    }

    // A unit with officers (ids off-1, off-2 as officers, sup-1 as supervisor when withTeam).
    [[nodiscard]] Status addUnit(const QString& unitId, const QString& name, bool withTeam = true);
    // Enrols a terminal store for the unit with a fresh token (blocking; the store must have the
    // installer registered). The settings are saved in the store's sync folder.
    [[nodiscard]] Result<sync::SyncSettings> enrol(
        CaseStore& terminal, const QString& unitId, const QStringList& officerIds = {});

private:
    CentreHarness() = default;
    void runBlocking(const std::function<void()>& fn);

    Config m_config;
    std::unique_ptr<TestPki> m_pki;
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread
    std::unique_ptr<CaseStore> m_cases;
    std::unique_ptr<sync::CentreStore> m_records;
    std::unique_ptr<sync::CentreServer> m_server;
    std::unique_ptr<Parts> m_parts;
    quint16 m_port = 0;
    quint16 m_enrolPort = 0;
};

} // namespace fieldcase::test
