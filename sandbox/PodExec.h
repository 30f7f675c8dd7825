#pragma once
// PodExec: pods/exec and pods/attach over WebSocket with the v5/v4 channel protocol
// (binary frames, first byte = stream: 0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize,
// 255 close). A small simulated shell answers common commands (echo, hostname, env, ls, cat of
// a few files, id, whoami, pwd, date, uname, true/false, exit N, sh -c with ; && ||) and runs
// an interactive prompt when stdin is attached to a shell; exit codes are reported on the
// status channel as kube-apiserver's NonZeroExitCode Status, so kubectl exits with them.
#include "sandbox/HttpServer.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QWebSocket;

namespace acp::sandbox {

class KubeApi;

class PodExec : public QObject {
    Q_OBJECT
public:
    static void start(KubeApi *api, QWebSocket *ws, const QJsonObject &pod, const HttpRequest &req, bool attach);

    struct Output {
        QByteArray out;
        QByteArray err;
        int exitCode = 0;
        bool exitShell = false;
    };
    // Runs one simulated command line (pure; used by tests).
    static Output run(const QStringList &argv, const QJsonObject &pod, const QString &container);
    static Output runScript(const QString &script, const QJsonObject &pod, const QString &container);

private:
    PodExec(QWebSocket *ws, const QJsonObject &pod, const QString &container, bool tty, QObject *parent);
    void onFrame(const QByteArray &frame);
    void send(int channel, const QByteArray &data);
    void finish(int exitCode, const QStringList &command);
    void prompt();

    QPointer<QWebSocket> m_ws;
    QJsonObject m_pod;
    QString m_container;
    bool m_tty = false;
    bool m_done = false;
    QByteArray m_line;
    int m_lastExit = 0;
};

} // namespace acp::sandbox
