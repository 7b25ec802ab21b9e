#include "sync/centre/httpfront.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QHash>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

namespace fieldcase::sync {

namespace {

Q_LOGGING_CATEGORY(lcFront, "fieldcase.centre.front")

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

constexpr QByteArrayView kEndOfHead("\r\n\r\n");
// How much of a relayed answer may wait to go out to the client before the front stops reading.
constexpr qint64 kRelayWindow = 1 << 20;

const char* reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 431:
        return "Request Header Fields Too Large";
    case 460:
        return "Checksum Mismatch"; // tus checksum extension
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 507:
        return "Insufficient Storage";
    default:
        return "Status";
    }
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127 || QByteArrayView("()<>@,;:\\\"/[]?={}").contains(c))
            return false;
    }
    return true;
}

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return QLatin1StringView(a).compare(QLatin1StringView(b), Qt::CaseInsensitive) == 0;
}

// A request head, as far as the front needs it to frame and route the request.
struct RequestFrame
{
    HttpHead head;
    qint64 contentLength = 0;
    bool chunked = false;
    bool keepAlive = true;
    bool expectContinue = false;
};

// Parses "METHOD target HTTP/1.x" and its header lines (without the empty line). nullopt if
// malformed: a bad request line, a header without a name, obsolete line folding, or conflicting
// or non-numeric Content-Length (RFC 9112 §6.3 makes those errors, not guesses).
std::optional<RequestFrame> parseRequestHead(QByteArrayView raw)
{
    const QList<QByteArray> lines = raw.toByteArray().split('\n');
    RequestFrame f;
    const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
    if (start.size() != 3 || !isToken(start[0]) || !start[1].startsWith('/'))
        return std::nullopt;
    if (start[2] != "HTTP/1.1" && start[2] != "HTTP/1.0")
        return std::nullopt;
    f.head.method = start[0];
    f.head.target = start[1];
    f.keepAlive = start[2] == "HTTP/1.1";
    std::optional<qint64> length;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            return std::nullopt; // the head ended earlier for a parser that takes bare LF
        if (line.front() == ' ' || line.front() == '\t')
            return std::nullopt; // obs-fold
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return std::nullopt;
        const QByteArray name = line.left(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        f.head.headers.append({name, value});
        if (equalsNoCase(name, "content-length")) {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || value.startsWith('+') || (length && *length != n))
                return std::nullopt;
            length = n;
        } else if (equalsNoCase(name, "transfer-encoding")) {
            f.chunked = true;
        } else if (equalsNoCase(name, "connection")) {
            for (const QByteArray& option : value.split(',')) {
                if (equalsNoCase(option.trimmed(), "close"))
                    f.keepAlive = false;
                else if (equalsNoCase(option.trimmed(), "keep-alive"))
                    f.keepAlive = true;
            }
        } else if (equalsNoCase(name, "expect")) {
            f.expectContinue = equalsNoCase(value, "100-continue");
        }
    }
    f.contentLength = length.value_or(0);
    return f;
}

} // namespace

// ---- HttpHead, HttpReply ---------------------------------------------------------------------

QByteArray HttpHead::value(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (equalsNoCase(key, name))
            return value.trimmed();
    }
    return {};
}

QByteArray HttpHead::path() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

HttpHead HttpHead::of(const QHttpServerRequest& request)
{
    using M = QHttpServerRequest::Method;
    static const QHash<M, QByteArray> names {{M::Get, "GET"}, {M::Put, "PUT"},
        {M::Delete, "DELETE"}, {M::Post, "POST"}, {M::Head, "HEAD"}, {M::Options, "OPTIONS"},
        {M::Patch, "PATCH"}};
    HttpHead head;
    head.method = names.value(request.method(), "UNKNOWN");
    const QUrl& url = request.url();
    head.target = url.path(QUrl::FullyEncoded).toUtf8()
        + (url.hasQuery() ? "?" + url.query(QUrl::FullyEncoded).toUtf8() : QByteArray());
    head.headers = request.headers();
    return head;
}

HttpReply HttpReply::error(int status, const char* code, const QString& reason)
{
    HttpReply r;
    r.status = status;
    r.contentType = "application/json";
    r.body = QJsonDocument(QJsonObject {{QStringLiteral("error"), QLatin1String(code)},
                               {QStringLiteral("reason"), reason}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

void HttpReply::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& [key, old] : headers) {
        if (equalsNoCase(key, name)) {
            old = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpReply::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (equalsNoCase(key, name))
            return value;
    }
    return {};
}

QHttpServerResponse HttpReply::toQt() const
{
    const auto code = QHttpServerResponse::StatusCode(status);
    QHttpServerResponse r = contentType.isEmpty() ? QHttpServerResponse(code)
                                                  : QHttpServerResponse(contentType, body, code);
    for (const auto& [name, value] : headers)
        r.setHeader(name, value);
    return r;
}

QByteArray HttpReply::wire(bool forHead, bool closing) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    // No Content-Length on 1xx and 204 (RFC 9110 §8.6); a HEAD answer's is the GET one's, and
    // these answers have no GET, so it says what the body would have been.
    if (status >= 200 && status != 204)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (closing)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!forHead && status >= 200 && status != 204)
        out += body;
    return out;
}

// ---- The internal listener Qt HttpServer is bound to --------------------------------------------

// Qt HttpServer takes connections from a QTcpServer. This one hands it the backend ends of the
// front's socket pairs. It listens on loopback only so Qt HttpServer does not warn about a
// server that is not listening; anything that connects there is closed at once.
class HttpFront::Inbox : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    void hand(QTcpSocket* socket) { addPendingConnection(socket); }

protected:
    void incomingConnection(qintptr handle) override { ::close(int(handle)); }
};

// ---- One client connection ------------------------------------------------------------------

class HttpFront::Connection : public QObject
{
public:
    Connection(HttpFront& front, QSslSocket* client)
        : QObject(&front)
        , m_front(front)
        , m_client(client)
    {
        m_front.m_connections.insert(this);
        m_client->setParent(this);
        // Unread input stays in the kernel (and TCP pushes back) while an answer is awaited.
        m_client->setReadBufferSize(1 << 20);
        m_idle.setSingleShot(true);
        m_idle.setInterval(front.m_options.idleTimeoutMs);
        connect(&m_idle, &QTimer::timeout, this, [this] {
            qCInfo(lcFront) << "closing a connection silent for" << m_idle.interval() << "ms";
            close();
        });
        connect(m_client, &QSslSocket::readyRead, this, &Connection::readClient);
        connect(m_client, &QSslSocket::disconnected, this, &Connection::clientGone);
        m_idle.start();
        readClient();
    }

    ~Connection() override
    {
        m_front.m_connections.remove(this);
        // The centre is shutting down in the middle of a body: the sink keeps what it can.
        if (m_sink && !m_sinkFinished)
            m_sink->cut();
    }

private:
    enum class State { Head, RelayBody, AwaitReply, StreamBody, Drain, Closed };

    void readClient()
    {
        if (m_state == State::AwaitReply || m_state == State::Closed)
            return;
        const QByteArray data = m_client->readAll();
        if (!data.isEmpty()) {
            m_idle.start();
            m_in += data;
        }
        process();
    }

    void process()
    {
        while (true) {
            switch (m_state) {
            case State::Head:
                if (!takeHead())
                    return;
                break;
            case State::RelayBody: {
                const qint64 n = std::min<qint64>(m_in.size(), m_bodyLeft);
                m_backend->write(m_in.constData(), n);
                consume(n);
                if (m_bodyLeft > 0)
                    return;
                m_state = State::AwaitReply;
                m_reply = ReplyFrame {};
                m_idle.start(); // now the time Qt HttpServer takes to answer
                return;
            }
            case State::StreamBody: {
                const qint64 n = std::min<qint64>(m_in.size(), m_bodyLeft);
                if (n > 0) {
                    m_sink->write(QByteArrayView(m_in).first(n));
                    consume(n);
                }
                if (m_bodyLeft > 0)
                    return;
                m_sinkFinished = true;
                const HttpReply reply = m_sink->end();
                m_sink.reset();
                m_sinkFinished = false;
                answer(reply, !m_frame.keepAlive);
                break;
            }
            case State::Drain: {
                const qint64 n = std::min<qint64>(m_in.size(), m_bodyLeft);
                consume(n);
                if (m_bodyLeft > 0)
                    return;
                qCDebug(lcFront) << "dropped the whole body of a refused request:"
                                 << m_frame.contentLength << "bytes";
                if (!m_frame.keepAlive) {
                    close();
                    return;
                }
                m_state = State::Head;
                break;
            }
            case State::AwaitReply:
            case State::Closed:
                return;
            }
        }
    }

    // Reads and routes the next request head; false if there is none yet (or the connection is
    // finished).
    bool takeHead()
    {
        // Empty lines before a request line are ignored (RFC 9112 §2.2).
        qsizetype blank = 0;
        while (blank + 1 < m_in.size() && m_in.at(blank) == '\r' && m_in.at(blank + 1) == '\n')
            blank += 2;
        if (blank > 0)
            m_in.remove(0, blank);
        const qsizetype end = m_in.indexOf(kEndOfHead);
        const qsizetype limit = m_front.m_options.maxHeadBytes;
        if ((end < 0 && m_in.size() > limit) || end + kEndOfHead.size() > limit) {
            refuseAndClose(HttpReply::error(431, "head-too-large",
                SyncText::tr("The request head is larger than %1 bytes").arg(limit)));
            return false;
        }
        if (end < 0) {
            return false;
        }
        const QByteArray raw = m_in.left(end + kEndOfHead.size());
        consume(raw.size());
        auto frame = parseRequestHead(QByteArrayView(raw).first(end));
        if (!frame) {
            refuseAndClose(HttpReply::error(
                400, "malformed", SyncText::tr("The request is not well-formed HTTP/1.1")));
            return false;
        }
        if (frame->chunked) {
            refuseAndClose(HttpReply::error(411, "length-required",
                SyncText::tr("A request body needs Content-Length (chunked is not accepted)")));
            return false;
        }
        m_frame = std::move(*frame);
        m_bodyLeft = m_frame.contentLength;
        auto routed = m_front.m_route(m_frame.head);
        if (!routed)
            return relay(raw);
        if (auto* reply = std::get_if<HttpReply>(&*routed)) {
            if (m_bodyLeft == 0) {
                answer(*reply, !m_frame.keepAlive);
                return m_state != State::Closed;
            }
            return refuseBeforeBody(*reply);
        }
        m_sink = std::move(std::get<std::unique_ptr<BodySink>>(*routed));
        m_sink->abandon = [this] { abandonSink(); };
        if (m_frame.expectContinue && m_bodyLeft > 0)
            m_client->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_state = State::StreamBody;
        return true;
    }

    // Answers a request whose body is still to come, at once. The answer does not say the
    // connection closes: libcurl stops sending a body when an error answer arrives and then
    // closes the connection itself, but keeps sending the whole body first if the answer says
    // "Connection: close" (a cut tus PATCH that libcurl resent on a fresh connection would cost
    // its whole chunk again). The body is read and dropped and the connection goes on. A client
    // that sent Expect: 100-continue has not sent the body and will not: it is closed.
    bool refuseBeforeBody(const HttpReply& reply)
    {
        const bool forHead = m_frame.head.method == "HEAD";
        if (m_frame.expectContinue) {
            m_client->write(reply.wire(forHead, /*closing=*/true));
            close();
            return false;
        }
        if (m_bodyLeft > m_front.m_options.maxRelayedBody) {
            // Not worth reading to the end: say so, and close.
            m_client->write(reply.wire(forHead, /*closing=*/true));
            close();
            return false;
        }
        m_client->write(reply.wire(forHead, !m_frame.keepAlive));
        m_state = State::Drain;
        return true;
    }

    bool relay(const QByteArray& rawHead)
    {
        if (m_bodyLeft > m_front.m_options.maxRelayedBody) {
            return refuseBeforeBody(HttpReply::error(413, "too-large",
                SyncText::tr("The request body is larger than %1 bytes")
                    .arg(m_front.m_options.maxRelayedBody)));
        }
        if (!m_backend && !openBackend()) {
            refuseAndClose(HttpReply::error(
                503, "internal", SyncText::tr("The centre cannot take the request now")));
            return false;
        }
        // Qt HttpServer 6.4 never answers Expect: 100-continue; a client that waits for it
        // would stall (libcurl: 1 s). The front says it, and any 100 of Qt's is dropped.
        if (m_frame.expectContinue && m_bodyLeft > 0)
            m_client->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_backend->write(rawHead);
        m_state = State::RelayBody;
        return true;
    }

    // A connected socket pair: one end for this connection, the other handed to Qt HttpServer.
    bool openBackend()
    {
        int fds[2];
        if (!m_front.m_inbox || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
            qCWarning(lcFront) << "cannot make a socket pair for Qt HttpServer";
            return false;
        }
        auto* inner = new QTcpSocket;
        auto* outer = new QTcpSocket(this);
        if (!inner->setSocketDescriptor(fds[0]) || !outer->setSocketDescriptor(fds[1])) {
            qCWarning(lcFront) << "cannot use a socket pair:" << inner->errorString();
            delete inner;
            delete outer;
            return false;
        }
        m_backend = outer;
        m_backend->setReadBufferSize(kRelayWindow);
        connect(m_backend, &QTcpSocket::readyRead, this, &Connection::readBackend);
        connect(m_client, &QSslSocket::encryptedBytesWritten, this, [this] {
            if (m_state == State::AwaitReply && m_client->bytesToWrite() < kRelayWindow)
                readBackend();
        });
        connect(m_backend, &QTcpSocket::disconnected, this, &Connection::backendGone);
        m_front.m_inbox->hand(inner);
        return true;
    }

    // The answer from Qt HttpServer, relayed as it comes; its framing tells when it ends.
    void readBackend()
    {
        // A slow terminal reads a large answer (a pack) slowly: what Qt HttpServer wrote waits
        // in the socket pair, not in a second copy here.
        if (m_client->bytesToWrite() >= kRelayWindow)
            return;
        const QByteArray data = m_backend->readAll();
        if (!data.isEmpty())
            m_idle.start();
        if (m_state != State::AwaitReply) {
            qCWarning(lcFront) << "Qt HttpServer wrote" << data.size() << "bytes unasked";
            return;
        }
        QByteArrayView rest(data);
        while (!rest.isEmpty()) {
            if (!m_reply.headDone) {
                const qsizetype before = m_reply.head.size();
                m_reply.head += rest;
                const qsizetype end = m_reply.head.indexOf(kEndOfHead);
                if (end < 0) {
                    m_client->write(rest.data(), rest.size());
                    return;
                }
                const qsizetype headBytes = end + kEndOfHead.size() - before;
                m_client->write(rest.data(), headBytes);
                rest = rest.sliced(headBytes);
                if (!parseReplyHead(m_reply.head.left(end))) {
                    close();
                    return;
                }
                if (m_reply.headDone && m_reply.bodyLeft == 0) {
                    replyDone();
                    return;
                }
                continue;
            }
            if (m_reply.bodyLeft < 0) { // ends when Qt HttpServer closes
                m_client->write(rest.data(), rest.size());
                return;
            }
            const qint64 n = std::min<qint64>(rest.size(), m_reply.bodyLeft);
            if (!m_reply.dropBody)
                m_client->write(rest.data(), n);
            m_reply.bodyLeft -= n;
            rest = rest.sliced(n);
            if (m_reply.bodyLeft == 0) {
                replyDone();
                return;
            }
        }
    }

    bool parseReplyHead(const QByteArray& head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
        bool ok = false;
        const int code = status.value(1).toInt(&ok);
        if (!ok) {
            qCWarning(lcFront) << "Qt HttpServer answered something unreadable";
            return false;
        }
        if (code >= 100 && code < 200) { // an interim answer: the real one follows
            m_reply = ReplyFrame {};
            return true;
        }
        m_reply.headDone = true;
        m_reply.bodyLeft = -1;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArrayView name = QByteArrayView(line).first(colon);
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (equalsNoCase(name, "content-length"))
                m_reply.bodyLeft = value.toLongLong();
            else if (equalsNoCase(name, "connection") && equalsNoCase(value, "close"))
                m_reply.close = true;
        }
        if (m_frame.head.method == "HEAD") {
            // Qt HttpServer 6.4 sends a HEAD answer the GET body too; it must not reach the
            // client, where it would read as the start of the next answer.
            m_reply.dropBody = true;
            m_reply.bodyLeft = std::max<qint64>(m_reply.bodyLeft, 0);
        }
        if (code == 204 || code == 304)
            m_reply.bodyLeft = 0;
        return true;
    }

    void replyDone()
    {
        if (m_reply.close || !m_frame.keepAlive) {
            close();
            return;
        }
        m_state = State::Head;
        m_idle.start();
        readClient(); // whatever the client sent meanwhile
    }

    void backendGone()
    {
        if (m_state == State::AwaitReply && m_reply.headDone && m_reply.bodyLeft < 0) {
            close(); // a close-delimited answer is complete
            return;
        }
        if (m_state != State::Closed) {
            qCWarning(lcFront) << "Qt HttpServer dropped a connection";
            close();
        }
    }

    // Writes a complete answer and goes on with the next request (or closes).
    void answer(const HttpReply& reply, bool closing)
    {
        m_client->write(reply.wire(m_frame.head.method == "HEAD", closing));
        if (closing) {
            close();
            return;
        }
        m_state = State::Head;
    }

    void refuseAndClose(const HttpReply& reply)
    {
        qCInfo(lcFront).noquote() << "refused:" << reply.status << reply.body;
        m_client->write(reply.wire(false, true));
        close();
    }

    void consume(qint64 n)
    {
        if (n == m_in.size())
            m_in.clear();
        else
            m_in.remove(0, n);
        if (m_state == State::RelayBody || m_state == State::StreamBody || m_state == State::Drain)
            m_bodyLeft -= n;
    }

    // The sink gave up (its upload was taken over): drop the connection without another word.
    void abandonSink()
    {
        m_sinkFinished = true;
        m_state = State::Closed;
        m_idle.stop();
        m_client->abort();
        deleteLater();
    }

    // Ends the connection once what was written is sent; a body still arriving is cut.
    void close()
    {
        if (m_state == State::StreamBody && m_sink && !m_sinkFinished) {
            m_sinkFinished = true;
            m_sink->cut();
        }
        m_state = State::Closed;
        m_idle.stop();
        if (m_backend)
            m_backend->close();
        m_client->disconnectFromHost();
    }

    void clientGone()
    {
        if (m_state == State::Drain)
            qCDebug(lcFront) << "the client stopped sending a refused body after"
                             << m_frame.contentLength - m_bodyLeft << "of" << m_frame.contentLength
                             << "bytes";
        if (m_sink && !m_sinkFinished) {
            m_sinkFinished = true;
            m_sink->cut();
        }
        m_state = State::Closed;
        m_idle.stop();
        if (m_backend)
            m_backend->close();
        deleteLater();
    }

    struct ReplyFrame
    {
        QByteArray head;
        bool headDone = false;
        qint64 bodyLeft = 0; // -1: until Qt HttpServer closes
        bool dropBody = false; // a HEAD answer's body (see parseReplyHead)
        bool close = false;
    };

    HttpFront& m_front;
    QSslSocket* m_client;
    QTcpSocket* m_backend = nullptr;
    QTimer m_idle;
    State m_state = State::Head;
    QByteArray m_in; // read from the client, not yet handled
    RequestFrame m_frame; // the request being handled
    qint64 m_bodyLeft = 0;
    std::unique_ptr<BodySink> m_sink;
    bool m_sinkFinished = false; // end(), cut() or abandon already happened
    ReplyFrame m_reply;
};

// ---- HttpFront --------------------------------------------------------------------------------

HttpFront::HttpFront(
    QAbstractHttpServer& backend, StreamRoute route, Options options, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_route(std::move(route))
    , m_options(std::move(options))
{ }

HttpFront::~HttpFront()
{
    // Connections first (their sinks may still cut), while the route's owner is alive.
    const auto connections = m_connections;
    qDeleteAll(connections);
}

Result<quint16> HttpFront::listen(quint16 port)
{
    if (!m_inbox) {
        auto* inbox = new Inbox;
        if (!inbox->listen(QHostAddress::LocalHost, 0)) {
            const QString why = inbox->errorString();
            delete inbox;
            return fail(
                ErrorCode::Io, SyncText::tr("The centre cannot open its internal listener"), why);
        }
        m_backend.bind(inbox); // Qt HttpServer owns it from here
        m_inbox = inbox;
    }
    m_listener = std::make_unique<QSslServer>();
    m_listener->setSslConfiguration(m_options.tls);
    m_listener->setHandshakeTimeout(m_options.handshakeTimeoutMs);
    connect(m_listener.get(), &QTcpServer::pendingConnectionAvailable, this, &HttpFront::accept);
    if (!m_listener->listen(m_options.address, port)) {
        const QString why = m_listener->errorString();
        m_listener.reset();
        return fail(
            ErrorCode::Io, SyncText::tr("The centre cannot listen on port %1").arg(port), why);
    }
    return m_listener->serverPort();
}

void HttpFront::accept()
{
    while (QTcpSocket* socket = m_listener->nextPendingConnection()) {
        auto* tls = qobject_cast<QSslSocket*>(socket);
        if (!tls) {
            socket->deleteLater();
            continue;
        }
        new Connection(*this, tls);
    }
}

} // namespace fieldcase::sync
