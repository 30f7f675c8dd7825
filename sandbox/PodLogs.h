#pragma once
// PodLogs: the pods/log subresource of the sandbox. Simulated containers write a deterministic
// log (one line every 10 s since the container started, shaped by its image; crash-looping
// containers end with an error). Honours container, previous, tailLines, sinceSeconds,
// sinceTime, timestamps, limitBytes and follow (a new line every 2 s until the client leaves,
// the pod goes away or the container stops), over HTTP and WebSocket, with kube-apiserver's
// errors for a missing container choice, waiting containers and absent previous instances.
#include "api/Result.h"
#include "sandbox/HttpServer.h"

#include <QDateTime>
#include <QJsonObject>
#include <memory>

class QWebSocket;

namespace acp::sandbox {

class KubeApi;

class PodLogs {
public:
    struct Options {
        QString container;
        bool previous = false;
        bool follow = false;
        bool timestamps = false;
        qint64 tailLines = -1;
        qint64 sinceSeconds = -1;
        QDateTime sinceTime;
        qint64 limitBytes = -1;
    };
    struct Line {
        QDateTime time;
        QString text;
    };

    static Options parseOptions(const HttpRequest &req);
    // Resolves the container (explicit or the only one) and checks it can have logs.
    static api::Result<QString> resolveContainer(const QJsonObject &pod, const Options &opts);
    // The lines a container has written up to `now` (after option filtering).
    static QList<Line> lines(const QJsonObject &pod, const QString &container, const Options &opts, const QDateTime &now);
    static QByteArray format(const Line &line, bool timestamps);
    static QString lineText(const QJsonObject &pod, const QString &container, qint64 index);

    static void serve(KubeApi *api, const QJsonObject &pod, const HttpRequest &req, const std::shared_ptr<HttpResponder> &out);
    static void serveWebSocket(KubeApi *api, const QJsonObject &pod, const HttpRequest &req, QWebSocket *ws);
};

} // namespace acp::sandbox
