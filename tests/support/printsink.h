// A JetDirect-style raw printer for tests: a loopback QTcpServer that records every byte of each
// connection and closes its side when the client half-closes, like a 9100 print server. It can
// also break off mid-job. Lives on the thread that creates it: run the client elsewhere
// (printAsync) and spin the event loop while waiting.
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>

namespace fieldcase::test {

class PrintSink : public QObject
{
    Q_OBJECT
public:
    // How the sink ends a connection.
    enum class Mode {
        Normal, // read until the client's FIN, then close
        AbortAfter, // read `limit` bytes, then reset the connection (printer crash, power cut)
        StopReading, // read `limit` bytes, then never read again (paper jam, full buffer)
    };

    explicit PrintSink(Mode mode = Mode::Normal, qint64 limit = 0);
    [[nodiscard]] bool listening() const { return m_server.isListening(); }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    // Bytes of each connection so far, in accept order.
    [[nodiscard]] const QList<QByteArray>& jobs() const { return m_jobs; }
    // Connections whose client closed and that the sink closed in turn.
    [[nodiscard]] int finishedJobs() const { return m_finished; }

private:
    QTcpServer m_server;
    Mode m_mode;
    qint64 m_limit;
    QList<QByteArray> m_jobs;
    int m_finished = 0;
};

} // namespace fieldcase::test
