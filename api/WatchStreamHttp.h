#pragma once
// WatchStreamHttp: a watch over HTTP chunked transfer (newline-delimited JSON events) on a
// pooled QNetworkAccessManager reserved for watches of the client's identity (so streams never
// starve REST calls of HTTP/1.1 connections; HTTP/2 multiplexes them on one connection).
// No transfer timeout (the server's timeoutSeconds ends the stream). See WatchStream.
#include "api/WatchStream.h"

#include <QPointer>

class QNetworkReply;

namespace acp::api {

class WatchStreamHttp : public WatchStream {
    Q_OBJECT
public:
    explicit WatchStreamHttp(const KubeClient &client, QObject *parent = nullptr);
    ~WatchStreamHttp() override;
    WatchTransport transport() const override { return WatchTransport::Http; }

protected:
    void open(const QUrl &url, const Credentials &credentials) override;
    void closeTransport() override;

private:
    void onReadyRead();
    void onFinished();

    std::shared_ptr<QNetworkAccessManager> m_nam;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_buffer;
    int m_status = 0;
};

} // namespace acp::api
