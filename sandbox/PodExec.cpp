#include "sandbox/PodExec.h"

#include "sandbox/ObjectMeta.h"
#include "sandbox/KubeApi.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

namespace acp::sandbox {

namespace {
QJsonObject containerSpec(const QJsonObject &pod, const QString &name)
{
    for (const char *list : {"containers", "initContainers"})
        for (const QJsonValue &c : pod.value(QLatin1String("spec")).toObject().value(QLatin1String(list)).toArray())
            if (c.toObject().value(QLatin1String("name")).toString() == name)
                return c.toObject();
    return {};
}

QStringList splitWords(const QString &line)
{
    QStringList words;
    QString cur;
    QChar quote;
    bool inWord = false;
    for (const QChar ch : line) {
        if (!quote.isNull()) {
            if (ch == quote)
                quote = QChar();
            else
                cur += ch;
        } else if (ch == QLatin1Char('"') || ch == QLatin1Char('\'')) {
            quote = ch;
            inWord = true;
        } else if (ch.isSpace()) {
            if (inWord)
                words << cur;
            cur.clear();
            inWord = false;
        } else {
            cur += ch;
            inWord = true;
        }
    }
    if (inWord)
        words << cur;
    return words;
}

QByteArray statusFrame(int exitCode, const QStringList &command)
{
    QJsonObject status{{QStringLiteral("metadata"), QJsonObject()}};
    if (exitCode == 0) {
        status.insert(QStringLiteral("status"), QStringLiteral("Success"));
    } else {
        status.insert(QStringLiteral("status"), QStringLiteral("Failure"));
        status.insert(QStringLiteral("message"), QStringLiteral("command terminated with non-zero exit code: error executing command [%1], exit code %2")
                                                     .arg(command.join(QLatin1Char(' '))).arg(exitCode));
        status.insert(QStringLiteral("reason"), QStringLiteral("NonZeroExitCode"));
        status.insert(QStringLiteral("details"), QJsonObject{{QStringLiteral("causes"), QJsonArray{QJsonObject{
                                                     {QStringLiteral("reason"), QStringLiteral("ExitCode")},
                                                     {QStringLiteral("message"), QString::number(exitCode)}}}}});
    }
    return QJsonDocument(status).toJson(QJsonDocument::Compact);
}

bool isShell(const QString &cmd)
{
    return cmd == QLatin1String("sh") || cmd == QLatin1String("bash") || cmd == QLatin1String("/bin/sh")
        || cmd == QLatin1String("/bin/bash") || cmd == QLatin1String("ash");
}
} // namespace

PodExec::Output PodExec::run(const QStringList &argv, const QJsonObject &pod, const QString &container)
{
    Output o;
    if (argv.isEmpty())
        return o;
    const QString cmd = argv.first().section(QLatin1Char('/'), -1);
    const QStringList args = argv.mid(1);
    const QJsonObject spec = containerSpec(pod, container);
    const int uid = spec.value(QLatin1String("securityContext")).toObject().value(QLatin1String("runAsUser"))
                        .toInt(pod.value(QLatin1String("spec")).toObject().value(QLatin1String("securityContext")).toObject()
                                   .value(QLatin1String("runAsUser")).toInt(0));
    const QString user = uid == 0 ? QStringLiteral("root") : QStringLiteral("app");
    auto env = [&] {
        QStringList lines{QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                          QStringLiteral("HOSTNAME=") + metaStr(pod, "name"),
                          QStringLiteral("KUBERNETES_SERVICE_HOST=10.96.0.1"), QStringLiteral("KUBERNETES_SERVICE_PORT=443")};
        for (const QJsonValue &e : spec.value(QLatin1String("env")).toArray())
            lines << e.toObject().value(QLatin1String("name")).toString() + QLatin1Char('=') + e.toObject().value(QLatin1String("value")).toString();
        lines << QStringLiteral("HOME=") + (uid == 0 ? QStringLiteral("/root") : QStringLiteral("/home/app"));
        return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
    };
    if (cmd == QLatin1String("echo")) {
        o.out = args.join(QLatin1Char(' ')).toUtf8() + '\n';
    } else if (cmd == QLatin1String("hostname")) {
        o.out = metaStr(pod, "name").toUtf8() + '\n';
    } else if (cmd == QLatin1String("whoami")) {
        o.out = user.toUtf8() + '\n';
    } else if (cmd == QLatin1String("id")) {
        o.out = QStringLiteral("uid=%1(%2) gid=%1(%2) groups=%1(%2)\n").arg(uid).arg(user).toUtf8();
    } else if (cmd == QLatin1String("pwd")) {
        o.out = "/\n";
    } else if (cmd == QLatin1String("date")) {
        o.out = QDateTime::currentDateTimeUtc().toString(QStringLiteral("ddd MMM d HH:mm:ss 'UTC' yyyy")).toUtf8() + '\n';
    } else if (cmd == QLatin1String("uname")) {
        o.out = args.contains(QStringLiteral("-a")) ? QByteArray("Linux " + metaStr(pod, "name").toUtf8() + " 6.1.0-acp-sandbox #1 SMP x86_64 GNU/Linux\n") : QByteArray("Linux\n");
    } else if (cmd == QLatin1String("env") || cmd == QLatin1String("printenv")) {
        o.out = env();
    } else if (cmd == QLatin1String("ls")) {
        const QString path = args.value(args.size() - 1);
        if (path.isEmpty() || path == QLatin1String("/") || path.startsWith(QLatin1Char('-')))
            o.out = "bin\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n";
        else if (path == QLatin1String("/etc"))
            o.out = "hostname\nhosts\nos-release\nresolv.conf\n";
        else {
            o.err = QStringLiteral("ls: %1: No such file or directory\n").arg(path).toUtf8();
            o.exitCode = 1;
        }
    } else if (cmd == QLatin1String("cat")) {
        for (const QString &f : args) {
            if (f == QLatin1String("/etc/hostname"))
                o.out += metaStr(pod, "name").toUtf8() + '\n';
            else if (f == QLatin1String("/etc/os-release"))
                o.out += "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n";
            else if (f == QLatin1String("/etc/resolv.conf"))
                o.out += "search " + metaStr(pod, "namespace").toUtf8() + ".svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n";
            else {
                o.err += QStringLiteral("cat: can't open '%1': No such file or directory\n").arg(f).toUtf8();
                o.exitCode = 1;
            }
        }
    } else if (cmd == QLatin1String("true")) {
    } else if (cmd == QLatin1String("false")) {
        o.exitCode = 1;
    } else if (cmd == QLatin1String("exit")) {
        o.exitCode = args.value(0).toInt();
        o.exitShell = true;
    } else if (isShell(cmd) && args.size() >= 2 && args.first() == QLatin1String("-c")) {
        return runScript(args.at(1), pod, container);
    } else {
        o.err = QStringLiteral("sh: %1: not found\n").arg(cmd).toUtf8();
        o.exitCode = 127;
    }
    return o;
}

PodExec::Output PodExec::runScript(const QString &script, const QJsonObject &pod, const QString &container)
{
    Output total;
    // Commands separated by ';', '&&' or '||' (left to right, as sh does for simple lists).
    QString rest = script;
    QString op = QStringLiteral(";");
    while (!rest.trimmed().isEmpty()) {
        qsizetype next = -1;
        QString nextOp;
        for (const QString &candidate : {QStringLiteral("&&"), QStringLiteral("||"), QStringLiteral(";"), QStringLiteral("\n")}) {
            const qsizetype i = rest.indexOf(candidate);
            if (i >= 0 && (next < 0 || i < next)) {
                next = i;
                nextOp = candidate;
            }
        }
        const QString part = next < 0 ? rest : rest.left(next);
        rest = next < 0 ? QString() : rest.mid(next + nextOp.size());
        const bool run = op == QLatin1String(";") || op == QLatin1String("\n")
                      || (op == QLatin1String("&&") && total.exitCode == 0) || (op == QLatin1String("||") && total.exitCode != 0);
        if (run && !part.trimmed().isEmpty()) {
            Output o = PodExec::run(splitWords(part), pod, container);
            total.out += o.out;
            total.err += o.err;
            total.exitCode = o.exitCode;
            if (o.exitShell) {
                total.exitShell = true;
                break;
            }
        }
        op = nextOp;
    }
    return total;
}

PodExec::PodExec(QWebSocket *ws, const QJsonObject &pod, const QString &container, bool tty, QObject *parent)
    : QObject(parent), m_ws(ws), m_pod(pod), m_container(container), m_tty(tty)
{
}

void PodExec::send(int channel, const QByteArray &data)
{
    if (!m_ws || data.isEmpty())
        return;
    QByteArray payload = data;
    if (m_tty && channel != 3)
        payload.replace("\n", "\r\n");
    m_ws->sendBinaryMessage(QByteArray(1, char(channel)) + payload);
}

void PodExec::finish(int exitCode, const QStringList &command)
{
    if (m_done)
        return;
    m_done = true;
    if (m_ws) {
        m_ws->sendBinaryMessage(QByteArray(1, char(3)) + statusFrame(exitCode, command));
        m_ws->close(QWebSocketProtocol::CloseCodeNormal);
    }
    deleteLater();
}

void PodExec::prompt()
{
    if (m_tty)
        send(1, metaStr(m_pod, "name").toUtf8() + ":/# ");
}

void PodExec::onFrame(const QByteArray &frame)
{
    if (frame.isEmpty() || m_done)
        return;
    const int channel = quint8(frame.at(0));
    if (channel == 255) {   // v5: the client closed a stream (stdin): end of input
        finish(m_lastExit, {QStringLiteral("sh")});
        return;
    }
    if (channel != 0)
        return;   // resize and others
    QByteArray data = frame.mid(1);
    if (m_tty)
        send(1, data == "\r" ? QByteArray("\n") : data);   // echo like a terminal
    m_line += data.replace('\r', '\n');
    qsizetype nl;
    while ((nl = m_line.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_line.left(nl));
        m_line.remove(0, nl + 1);
        Output o = runScript(line, m_pod, m_container);
        send(1, o.out);
        send(m_tty ? 1 : 2, o.err);
        m_lastExit = o.exitCode;
        if (o.exitShell) {
            finish(o.exitCode, {QStringLiteral("sh")});
            return;
        }
        prompt();
    }
}

void PodExec::start(KubeApi *api, QWebSocket *ws, const QJsonObject &pod, const HttpRequest &req, bool attach)
{
    QStringList command;
    for (const auto &item : req.query.queryItems(QUrl::FullyDecoded))
        if (item.first == QLatin1String("command"))
            command << item.second;
    QString container = req.queryValue("container");
    const QJsonArray containers = pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray();
    if (container.isEmpty() && !containers.isEmpty())
        container = containers.first().toObject().value(QLatin1String("name")).toString();
    auto fail = [ws](const QString &message) {
        const api::ApiError e{400, QStringLiteral("BadRequest"), message};
        ws->sendBinaryMessage(QByteArray(1, char(3)) + QJsonDocument(e.toStatus()).toJson(QJsonDocument::Compact));
        ws->close(QWebSocketProtocol::CloseCodeNormal);
    };
    if (containerSpec(pod, container).isEmpty()) {
        fail(QStringLiteral("container %1 is not valid for pod %2").arg(container, metaStr(pod, "name")));
        return;
    }
    if (pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString() != QLatin1String("Running")) {
        fail(QStringLiteral("unable to upgrade connection: container not found (\"%1\")").arg(container));
        return;
    }
    const bool tty = req.queryValue("tty") == QLatin1String("true");
    const bool stdinAttached = req.queryValue("stdin") == QLatin1String("true");
    auto *session = new PodExec(ws, pod, container, tty, api);
    connect(ws, &QWebSocket::binaryMessageReceived, session, &PodExec::onFrame);
    connect(ws, &QWebSocket::disconnected, session, [session] {
        session->m_done = true;
        session->deleteLater();
    });
    const bool interactive = attach || (stdinAttached && (command.isEmpty() || (isShell(command.first().section(QLatin1Char('/'), -1)) && command.size() == 1)));
    if (interactive) {
        session->prompt();
        return;
    }
    Output o = run(command, pod, container);
    session->send(1, o.out);
    session->send(tty ? 1 : 2, o.err);
    session->finish(o.exitCode, command);
}

} // namespace acp::sandbox
