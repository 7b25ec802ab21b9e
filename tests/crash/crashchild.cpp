// Crash-test child: appends events and evidence to a store in a loop and prints one line per
// acknowledged commit ("ACK event <id>" / "ACK blob <hash> <event id>"). The parent kills it
// with SIGKILL at random moments and checks that nothing acknowledged was lost.
#include "core/store/casestore.h"
#include "tests/support/storefixture.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>

using namespace fieldcase;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: crashchild STORE_DIR SEED\n");
        return 64;
    }
    StoreOptions options;
    options.directory = QString::fromLocal8Bit(argv[1]);
    QRandomGenerator rng(quint32(QByteArray(argv[2]).toUInt()));
    auto opened = CaseStore::open(options, Clock::system());
    if (!opened) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(opened.error().toString()));
        return 2;
    }
    CaseStore& store = **opened;
    if (!store.officer(QStringLiteral("off-1"))) {
        // First run: provision the team (the parent never kills before the first ACK line).
        const Actor installer {{QStringLiteral("inst-1")}, Role::Installer};
        for (const auto& [id, role] : {std::pair {"inst-1", Role::Installer},
                 {"off-1", Role::Officer}, {"off-2", Role::Officer}}) {
            if (auto ok = store.registerOfficer(
                    installer, {QLatin1String(id), QLatin1String(id), {}, {}, {role}});
                !ok) {
                std::fprintf(stderr, "provision failed: %s\n", qPrintable(ok.error().toString()));
                return 2;
            }
        }
    }
    const Actor pair {{QStringLiteral("off-1"), QStringLiteral("off-2")}, Role::Officer};
    std::printf("READY\n");
    std::fflush(stdout);

    QString caseId;
    for (quint64 n = 0;; ++n) {
        if (caseId.isEmpty() || rng.bounded(20) == 0) {
            auto e = store.append(pair,
                {QStringLiteral("case.opened"), {},
                    {{QLatin1String("procedure"), QStringLiteral("simple")},
                        {QLatin1String("title"), QStringLiteral("崩溃测试案件 %1").arg(n)}},
                    {}});
            if (!e) {
                std::fprintf(stderr, "append failed: %s\n", qPrintable(e.error().toString()));
                return 3;
            }
            caseId = e->caseId;
            std::printf("ACK event %s\n", qPrintable(e->id));
        } else if (rng.bounded(6) == 0) {
            QByteArray data(int(1024 + rng.bounded(256 * 1024)), Qt::Uninitialized);
            rng.fillRange(reinterpret_cast<quint32*>(data.data()), data.size() / 4);
            QBuffer buffer(&data);
            buffer.open(QIODevice::ReadOnly);
            EvidenceMeta meta;
            meta.kind = QStringLiteral("photo");
            auto e = store.attachEvidence(pair, caseId, buffer, meta);
            if (!e) {
                std::fprintf(stderr, "attach failed: %s\n", qPrintable(e.error().toString()));
                return 3;
            }
            std::printf("ACK blob %s %s\n",
                qPrintable(e->payload.value(QLatin1String("blobHash")).toString()),
                qPrintable(e->id));
        } else {
            auto e = store.append(pair,
                {QStringLiteral("case.note"), caseId,
                    {{QLatin1String("text"), QStringLiteral("现场记录第 %1 条").arg(n)}}, {}});
            if (!e) {
                std::fprintf(stderr, "append failed: %s\n", qPrintable(e.error().toString()));
                return 3;
            }
            std::printf("ACK event %s\n", qPrintable(e->id));
        }
        std::fflush(stdout);
    }
}
