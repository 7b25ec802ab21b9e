// fieldcase-packtool: signs reference pack sources at build time (and for publishers).
//   fieldcase-packtool sign KEY.pem SOURCE.json OUT.json
//   fieldcase-packtool pubkey KEY.pem OUT.pem
// Links core only, so the build can run it before the app's resources exist.
#include "core/rules/packs.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>

using namespace fieldcase;

namespace {
QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        std::exit(2);
    }
    return f.readAll();
}

void writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        std::exit(2);
    }
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 3) {
        std::fprintf(stderr,
            "usage: fieldcase-packtool sign KEY.pem SOURCE.json OUT.json\n"
            "       fieldcase-packtool pubkey KEY.pem OUT.pem\n");
        return 64;
    }
    auto key = KeyPair::fromPrivatePem(readAll(args.at(1)));
    if (!key) {
        std::fprintf(stderr, "%s\n", qPrintable(key.error().toString()));
        return 2;
    }
    if (args.at(0) == QLatin1String("pubkey")) {
        writeAll(args.at(2), key->publicKey().toPem());
        return 0;
    }
    if (args.at(0) != QLatin1String("sign") || args.size() < 4)
        return 64;
    QJsonParseError error;
    const QJsonDocument source = QJsonDocument::fromJson(readAll(args.at(2)), &error);
    if (!source.isObject()) {
        std::fprintf(stderr, "%s: %s at byte %d\n", qPrintable(args.at(2)),
            qPrintable(error.errorString()), error.offset);
        return 2;
    }
    auto signedPack = rules::signPack(source.object(), *key);
    if (!signedPack) {
        std::fprintf(
            stderr, "%s: %s\n", qPrintable(args.at(2)), qPrintable(signedPack.error().toString()));
        return 2;
    }
    writeAll(args.at(3), *signedPack);
    return 0;
}
