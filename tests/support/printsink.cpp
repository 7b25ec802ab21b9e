#include "tests/support/printsink.h"

#include <QTcpSocket>

namespace fieldcase::test {

PrintSink::PrintSink(Mode mode, qint64 limit)
    : m_mode(mode)
    , m_limit(limit)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            const qsizetype index = m_jobs.size();
            m_jobs.append(QByteArray());
            socket->setParent(this);
            if (m_mode == Mode::StopReading)
                socket->setReadBufferSize(m_limit); // the kernel buffers fill, then the window
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, index] {
                QByteArray& job = m_jobs[index];
                if (m_mode == Mode::StopReading && job.size() >= m_limit)
                    return;
                job += socket->read(
                    m_mode == Mode::Normal ? socket->bytesAvailable() : m_limit - job.size());
                if (m_mode == Mode::AbortAfter && job.size() >= m_limit)
                    socket->abort(); // unread data pending: the kernel sends a reset
            });
            // Qt closes its side when the client's FIN arrives (read returns 0).
            connect(socket, &QTcpSocket::disconnected, this, [this, socket, index] {
                if (socket->bytesAvailable() > 0 && m_mode == Mode::Normal)
                    m_jobs[index] += socket->readAll();
                ++m_finished;
                socket->deleteLater();
            });
        }
    });
    m_server.listen(QHostAddress::LocalHost);
}

} // namespace fieldcase::test
