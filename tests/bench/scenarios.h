// The benchmark scenarios; each runs in its own process so its peak RSS is its own, and returns
// the process exit status (non-zero only for a crash-like error or a failed functional check).
#pragma once

#include "core/crypto/cipher.h"
#include "tests/bench/benchutil.h"

namespace fieldcase::bench {

// Durable append + projection of one typical event, against a bare SQLite INSERT + COMMIT.
[[nodiscard]] int runAppend(const BenchOptions& options);
// A store of 100,000 cases: open (with quick_check), checkStore, projection rebuild.
[[nodiscard]] int runLargeStore(const BenchOptions& options);
// attachEvidence of a large file against the openssl command line doing the same crypto.
[[nodiscard]] int runEvidence(const BenchOptions& options, CipherSuite suite);
// Rules evaluate, law search, plate lookup over a 1,000,000-vehicle registry, registry import.
[[nodiscard]] int runRules(const BenchOptions& options);
// Layout + PDF and layout + ESC/P-K of 当场行政处罚决定书 and a 3-page 询问笔录.
[[nodiscard]] int runRender(const BenchOptions& options);
// NMEA parse rate, sentence-to-fix latency over TCP, recorder import of a large video against
// openssl, barcode decode per 1080p frame.
[[nodiscard]] int runDevices(const BenchOptions& options);
// The centre's event ingest rate (one terminal, batches of 500).
[[nodiscard]] int runSyncIngest(const BenchOptions& options);
// Evidence upload goodput at 1 Mbit/s and 300 ms RTT against one plain curl PATCH.
[[nodiscard]] int runSyncGoodput(const BenchOptions& options);
// Bytes re-sent after 10 cuts in a 100 MB upload (the reference centre and @tus/server).
[[nodiscard]] int runSyncResume(const BenchOptions& options);
// Link-up to all records confirmed with 2 GiB of video queued before them.
[[nodiscard]] int runSyncLinkUp(const BenchOptions& options);

} // namespace fieldcase::bench
