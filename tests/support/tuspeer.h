// An independent tus 1.0 server for interoperability tests: @tus/server + @tus/file-store from
// npm (tests/peers/tus, installed by packaging/install-deps.sh) behind node's https with mutual
// TLS. Started on a free port, stopped on destruction.
#pragma once

#include "tests/support/testpki.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace fieldcase::test {

class TusPeer
{
public:
    explicit TusPeer(const TestPki& pki);
    ~TusPeer();
    [[nodiscard]] bool started() const { return m_port != 0; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString endpoint() const; // https://localhost:PORT/files
    // The bytes the server stored for an upload URL (the file store names files by upload id).
    [[nodiscard]] QByteArray stored(const QString& uploadUrl) const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_node;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace fieldcase::test
