#include "core/util/logging.h"

Q_LOGGING_CATEGORY(lcDb, "fieldcase.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEvents, "fieldcase.events", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEvidence, "fieldcase.evidence", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAudit, "fieldcase.audit", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "fieldcase.crypto", QtInfoMsg)
