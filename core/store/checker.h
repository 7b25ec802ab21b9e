// `db check`: verifies the database file, every hash chain and signature, the audit chain,
// every evidence file against its hash, and that projections equal a rebuild from the log.
#pragma once

#include "core/store/casestore.h"

#include <QJsonObject>

namespace fieldcase {

// One problem found, named precisely enough to act on.
struct CheckIssue
{
    QString area; // database / event / chain / audit / evidence / projection
    QString object; // event id, audit seq, blob hash, table name
    QString problem;
};

struct CheckReport
{
    qint64 events = 0;
    qint64 chains = 0;
    qint64 auditRows = 0;
    qint64 blobs = 0;
    qint64 blobBytes = 0;
    qint64 cases = 0;
    QList<CheckIssue> issues;
    QStringList notes; // facts worth knowing that are not integrity failures

    [[nodiscard]] bool ok() const { return issues.isEmpty(); }
    [[nodiscard]] QString summary() const;
    [[nodiscard]] QJsonObject toJson() const;
};

struct CheckOptions
{
    bool verifyEvidence = true; // decrypt and hash every evidence file
    bool verifyProjections = true; // rebuild into a scratch database and compare
};

// Runs every check; only a failure to run the checks at all is an error.
[[nodiscard]] Result<CheckReport> checkStore(CaseStore& store, const CheckOptions& options = {});

} // namespace fieldcase
