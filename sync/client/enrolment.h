// Enrols this terminal with a centre: a one-time token from the centre's administrator, a fresh
// TLS key and certificate request, and the terminal's signing key (the request is signed with it,
// proving possession). The centre answers with the TLS certificate, its terminal CA, the unit and
// its officers; they are written to <store>/sync and the officers registered in the store.
// Enrolling again with the same token after a lost answer reuses the same request and gets the
// same certificate.
#pragma once

#include "core/store/casestore.h"
#include "sync/client/syncsettings.h"
#include "sync/transport/httptransport.h"

#include <functional>
#include <memory>

namespace fieldcase::sync {

struct EnrolmentRequest
{
    QString enrolUrl; // https://centre:8444
    QString centreUrl; // https://centre:8443
    QString centreCaFile; // the provincial CA the installer brought (pinned from now on)
    QString token;
    QString installerId; // the installer enrolling (registered on this terminal)
    QString model;
    QString serial;
    QString kind = QStringLiteral("handheld"); // handheld / vehicle-kit
};

// Makes the transport for one TLS identity (CurlTransport in the app, tests may wrap it).
using TransportFactory = std::function<std::unique_ptr<HttpTransport>(const TlsConfig&)>;

[[nodiscard]] Result<SyncSettings> enrolTerminal(
    CaseStore& store, const EnrolmentRequest& request, const TransportFactory& makeTransport);

} // namespace fieldcase::sync
