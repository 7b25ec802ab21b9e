// Where a terminal syncs to and as whom: written by enrolment into <store>/sync/, read by every
// sync cycle. The TLS key never leaves that folder (owner-only permissions).
#pragma once

#include "core/util/result.h"
#include "sync/transport/httptransport.h"

#include <QString>

namespace fieldcase::sync {

struct SyncSettings
{
    QString centreUrl; // https://centre:8443 — mutual TLS, signed requests
    QString enrolUrl; // https://centre:8444 — server TLS only, enrolment
    QString unitId;
    QString unitName;
    QString installerId; // the installer who enrolled the terminal; sync acts as them to
                         // record officers, peer terminals' keys and number blocks
    TlsConfig tls;
    QString terminalCaFile;
    qint64 certificateNotAfterMs = 0;
    int eventBatch = 200; // events per POST (the centre takes up to 500)
    qint64 maxBatchBytes = 512 * 1024;
    int numbersLowWater = 20; // ask for a block when fewer numbers than this are left
    bool mediaOnMeteredLinks = false;

    // <store>/sync
    [[nodiscard]] static QString directory(const QString& storeDirectory);
    [[nodiscard]] static Result<SyncSettings> load(const QString& storeDirectory);
    [[nodiscard]] Status save(const QString& storeDirectory) const;
};

} // namespace fieldcase::sync
