// The centre's sync port: TLS with client certificates, HTTP/1.1 framing, and a choice per request
// between two ways of handling it.
//
// Qt HttpServer 6.4 hands a route only a complete body: a tus PATCH cut after 3 MB of a 4 MB chunk
// leaves the centre nothing, and every body sits in memory until it is whole. So the front reads
// each request head itself and asks its stream route whether it wants the request:
// - a sink takes the body piece by piece as it arrives (tus PATCH: straight to disk) and hears
//   whether the body ended or the connection was cut;
// - a reply refuses the request at once (the body is then read and thrown away);
// - no answer hands the request, unchanged, to the Qt HttpServer behind it. The front relays it
//   over an in-process socket pair and relays the answer back, so every other route stays an
//   ordinary Qt HttpServer route.
//
// Requests are taken one at a time per connection: the next head is read only after the answer
// to the previous one went out (pipelined requests wait their turn). Bodies need Content-Length
// (Transfer-Encoding: chunked is refused with 411, which RFC 9112 §6.3 allows).
#pragma once

#include "core/util/result.h"

#include <QHostAddress>
#include <QHttpServerResponse>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

class QAbstractHttpServer;
class QHttpServerRequest;
class QSslServer;

namespace fieldcase::sync {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// A request line and its headers, before any of the body.
struct HttpHead
{
    QByteArray method; // as sent, e.g. "PATCH"
    QByteArray target; // path with query, as sent: "/v1/files/ab12?x=1"
    HttpHeaders headers;

    // The first value of a header (case-insensitive name), trimmed; empty if absent.
    [[nodiscard]] QByteArray value(QByteArrayView name) const;
    // The path without the query, still percent-encoded.
    [[nodiscard]] QByteArray path() const;

    // The head of a request Qt HttpServer parsed (for checks shared by both ways in).
    [[nodiscard]] static HttpHead of(const QHttpServerRequest& request);
};

// An answer the front writes itself (or converts for a Qt HttpServer route).
struct HttpReply
{
    int status = 200;
    HttpHeaders headers;
    QByteArray contentType;
    QByteArray body;

    // {"error": code, "reason": reason} as JSON.
    [[nodiscard]] static HttpReply error(int status, const char* code, const QString& reason);

    void setHeader(const QByteArray& name, const QByteArray& value);
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    // The same answer for a Qt HttpServer route.
    [[nodiscard]] QHttpServerResponse toQt() const;
    // Status line, headers and (unless forHead) body, ready for the socket.
    [[nodiscard]] QByteArray wire(bool forHead, bool closing) const;
};

// Takes one request body as it arrives. The front calls write() for each piece, then exactly one
// of end() (every byte of Content-Length arrived; its reply is sent) or cut() (the connection
// was lost, timed out or abandoned first; nothing can be answered).
class BodySink
{
public:
    virtual ~BodySink() = default;
    virtual void write(QByteArrayView piece) = 0;
    [[nodiscard]] virtual HttpReply end() = 0;
    virtual void cut() = 0;

    // Set by the front: drops the connection this body arrives on. A sink that must give up
    // before its body ends (a newer request took over its upload) calls it after its own cut
    // work; cut() is not called again.
    std::function<void()> abandon;
};

// What the stream route does with a request head: refuse it at once or take its body.
using StreamAnswer = std::variant<HttpReply, std::unique_ptr<BodySink>>;

class HttpFront : public QObject
{
    Q_OBJECT
public:
    // nullopt: relay the request to the Qt HttpServer.
    using StreamRoute = std::function<std::optional<StreamAnswer>(const HttpHead&)>;

    struct Options
    {
        QSslConfiguration tls; // with the peer verify mode and CA the port demands
        QHostAddress address = QHostAddress::LocalHost;
        qsizetype maxHeadBytes = 64 * 1024; // request line and headers; more gets 431
        qint64 maxRelayedBody = qint64(16) << 20; // bodies for Qt HttpServer; more gets 413
        // A connection silent this long while a request is unfinished (or idle between
        // requests) is closed; a body it was sending counts as cut.
        int idleTimeoutMs = 120 * 1000;
        int handshakeTimeoutMs = 30 * 1000;
    };

    // backend must outlive the front; the front binds it to an internal listener.
    HttpFront(QAbstractHttpServer& backend, StreamRoute route, Options options,
        QObject* parent = nullptr);
    ~HttpFront() override;

    // Listens on options.address (port 0: a free one); returns the port.
    [[nodiscard]] Result<quint16> listen(quint16 port = 0);

private:
    class Connection;
    class Inbox;
    void accept();

    QAbstractHttpServer& m_backend;
    StreamRoute m_route;
    Options m_options;
    std::unique_ptr<QSslServer> m_listener;
    QPointer<Inbox> m_inbox; // owned by the Qt HttpServer it is bound to
    QSet<Connection*> m_connections;
};

} // namespace fieldcase::sync
