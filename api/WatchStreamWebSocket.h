#pragma once
// WatchStreamWebSocket: a watch over a WebSocket (kube-apiserver serves watch requests with an
// Upgrade header as one JSON event per message; no subprotocol, or base64.binary.k8s.io which
// is not used here). The handshake carries the bearer token, basic auth and impersonation
// headers; TLS settings come from the client's config. One connection per stream. A server that
// rejects the request answers with a Status message (text, or binary on channel 3) and closes.
// See WatchStream for the contract.
#include "api/WatchStream.h"

#include <QAbstractSocket>
#include <QPointer>

class QWebSocket;

namespace acp::api {

class WatchStreamWebSocket : public WatchStream {
    Q_OBJECT
public:
    explicit WatchStreamWebSocket(const KubeClient &client, QObject *parent = nullptr);
    ~WatchStreamWebSocket() override;
    WatchTransport transport() const override { return WatchTransport::WebSocket; }

protected:
    void open(const QUrl &url, const Credentials &credentials) override;
    void closeTransport() override;

private:
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);

    QPointer<QWebSocket> m_socket;
    bool m_connected = false;
};

} // namespace acp::api
