#include "sandbox/PodLogs.h"

#include "sandbox/ObjectMeta.h"
#include "sandbox/KubeApi.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>
#include <QPointer>
#include <QTimer>
#include <QWebSocket>

namespace acp::sandbox {

namespace {
constexpr qint64 kLineIntervalSecs = 10;
constexpr int kMaxLines = 2000;

api::ApiError badRequest(const QString &message)
{
    return api::ApiError{400, QStringLiteral("BadRequest"), message};
}

QJsonObject containerStatus(const QJsonObject &pod, const QString &container)
{
    const QJsonObject status = pod.value(QLatin1String("status")).toObject();
    for (const char *list : {"containerStatuses", "initContainerStatuses"})
        for (const QJsonValue &v : status.value(QLatin1String(list)).toArray())
            if (v.toObject().value(QLatin1String("name")).toString() == container)
                return v.toObject();
    return {};
}

QStringList containerNames(const QJsonObject &pod, const char *list)
{
    QStringList names;
    for (const QJsonValue &c : pod.value(QLatin1String("spec")).toObject().value(QLatin1String(list)).toArray())
        names << c.toObject().value(QLatin1String("name")).toString();
    return names;
}

QDateTime parseTime(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODate);
}
} // namespace

PodLogs::Options PodLogs::parseOptions(const HttpRequest &req)
{
    Options o;
    o.container = req.queryValue("container");
    o.previous = req.queryValue("previous") == QLatin1String("true");
    o.follow = req.queryValue("follow") == QLatin1String("true");
    o.timestamps = req.queryValue("timestamps") == QLatin1String("true");
    if (req.hasQuery("tailLines"))
        o.tailLines = req.queryValue("tailLines").toLongLong();
    if (req.hasQuery("sinceSeconds"))
        o.sinceSeconds = req.queryValue("sinceSeconds").toLongLong();
    if (req.hasQuery("sinceTime"))
        o.sinceTime = QDateTime::fromString(req.queryValue("sinceTime"), Qt::ISODate);
    if (req.hasQuery("limitBytes"))
        o.limitBytes = req.queryValue("limitBytes").toLongLong();
    return o;
}

api::Result<QString> PodLogs::resolveContainer(const QJsonObject &pod, const Options &opts)
{
    const QString podName = metaStr(pod, "name");
    const QStringList containers = containerNames(pod, "containers");
    const QStringList inits = containerNames(pod, "initContainers");
    QString name = opts.container;
    if (name.isEmpty()) {
        if (containers.size() != 1) {
            QString msg = QStringLiteral("a container name must be specified for pod %1, choose one of: [%2]").arg(podName, containers.join(QLatin1Char(' ')));
            if (!inits.isEmpty())
                msg += QStringLiteral(" or one of the init containers: [%1]").arg(inits.join(QLatin1Char(' ')));
            return badRequest(msg);
        }
        name = containers.first();
    }
    if (!containers.contains(name) && !inits.contains(name))
        return badRequest(QStringLiteral("container %1 is not valid for pod %2").arg(name, podName));
    const QJsonObject cs = containerStatus(pod, name);
    const QJsonObject state = cs.value(QLatin1String("state")).toObject();
    if (opts.previous) {
        if (!cs.value(QLatin1String("lastState")).toObject().contains(QLatin1String("terminated")))
            return badRequest(QStringLiteral("previous terminated container \"%1\" in pod \"%2\" not found").arg(name, podName));
        return name;
    }
    if (cs.isEmpty() || (state.contains(QLatin1String("waiting")) && !cs.value(QLatin1String("lastState")).toObject().contains(QLatin1String("terminated")))) {
        const QString reason = state.value(QLatin1String("waiting")).toObject().value(QLatin1String("reason")).toString(QStringLiteral("ContainerCreating"));
        if (reason == QLatin1String("ImagePullBackOff") || reason == QLatin1String("ErrImagePull"))
            return badRequest(QStringLiteral("container \"%1\" in pod \"%2\" is waiting to start: trying and failing to pull image").arg(name, podName));
        return badRequest(QStringLiteral("container \"%1\" in pod \"%2\" is waiting to start: %3").arg(name, podName, reason));
    }
    return name;
}

QString PodLogs::lineText(const QJsonObject &pod, const QString &container, qint64 index)
{
    QString image;
    for (const char *list : {"containers", "initContainers"})
        for (const QJsonValue &c : pod.value(QLatin1String("spec")).toObject().value(QLatin1String(list)).toArray())
            if (c.toObject().value(QLatin1String("name")).toString() == container)
                image = c.toObject().value(QLatin1String("image")).toString();
    const quint32 h = qFromBigEndian<quint32>(QCryptographicHash::hash((metaStr(pod, "uid") + container + QString::number(index)).toUtf8(),
                                                                     QCryptographicHash::Md5).constData());
    if (index == 0)
        return QStringLiteral("starting %1 (image %2)").arg(container, image);
    if (image.contains(QLatin1String("nginx")) || image.contains(QLatin1String("httpd")) || image.contains(QLatin1String("web"))) {
        static const char *paths[] = {"/", "/healthz", "/api/v1/items", "/static/app.js", "/login"};
        static const int codes[] = {200, 200, 200, 304, 404};
        const int i = int(h % 5);
        return QStringLiteral("10.244.%1.%2 - - \"GET %3 HTTP/1.1\" %4 %5 \"-\" \"kube-probe/1.32\"")
            .arg(h % 8).arg(h % 250 + 2).arg(QLatin1String(paths[i])).arg(codes[i]).arg(200 + h % 4000);
    }
    static const char *messages[] = {"processed batch", "health check ok", "cache refreshed", "connected to upstream", "request served"};
    return QStringLiteral("level=info msg=\"%1\" items=%2 duration=%3ms").arg(QLatin1String(messages[h % 5])).arg(h % 100).arg(h % 900);
}

QList<PodLogs::Line> PodLogs::lines(const QJsonObject &pod, const QString &container, const Options &opts, const QDateTime &now)
{
    const QJsonObject cs = containerStatus(pod, container);
    QDateTime start, end = now;
    bool crashed = false;
    if (opts.previous) {
        const QJsonObject term = cs.value(QLatin1String("lastState")).toObject().value(QLatin1String("terminated")).toObject();
        start = parseTime(term.value(QLatin1String("startedAt")));
        end = parseTime(term.value(QLatin1String("finishedAt")));
        crashed = term.value(QLatin1String("exitCode")).toInt() != 0;
    } else {
        const QJsonObject state = cs.value(QLatin1String("state")).toObject();
        if (state.contains(QLatin1String("running"))) {
            start = parseTime(state.value(QLatin1String("running")).toObject().value(QLatin1String("startedAt")));
        } else if (state.contains(QLatin1String("terminated"))) {
            const QJsonObject term = state.value(QLatin1String("terminated")).toObject();
            start = parseTime(term.value(QLatin1String("startedAt")));
            end = parseTime(term.value(QLatin1String("finishedAt")));
            crashed = term.value(QLatin1String("exitCode")).toInt() != 0;
        } else {
            // waiting after a crash: the log of the last (terminated) run
            const QJsonObject term = cs.value(QLatin1String("lastState")).toObject().value(QLatin1String("terminated")).toObject();
            start = parseTime(term.value(QLatin1String("startedAt")));
            end = parseTime(term.value(QLatin1String("finishedAt")));
            crashed = true;
        }
    }
    if (!start.isValid())
        start = parseTime(pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("creationTimestamp")));
    if (!end.isValid() || end < start)
        end = start;
    QList<Line> out;
    const qint64 span = start.secsTo(end);
    const qint64 count = qMin<qint64>(span / kLineIntervalSecs + 1, kMaxLines);
    const qint64 first = span / kLineIntervalSecs + 1 - count;
    for (qint64 i = first; i < first + count; ++i)
        out << Line{start.addSecs(i * kLineIntervalSecs).addMSecs(i % 997), lineText(pod, container, i)};
    if (crashed) {
        out << Line{end, QStringLiteral("level=error msg=\"fatal: configuration invalid: missing required setting DATABASE_URL\"")};
        out << Line{end, QStringLiteral("exiting with status 1")};
    }
    QDateTime since = opts.sinceTime;
    if (opts.sinceSeconds >= 0)
        since = now.addSecs(-opts.sinceSeconds);
    if (since.isValid())
        out.removeIf([&since](const Line &l) { return l.time < since; });
    if (opts.tailLines >= 0 && out.size() > opts.tailLines)
        out = out.mid(out.size() - opts.tailLines);
    return out;
}

QByteArray PodLogs::format(const Line &line, bool timestamps)
{
    QByteArray text = line.text.toUtf8() + '\n';
    if (!timestamps)
        return text;
    const QString ts = line.time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000000Z ");
    return ts.toLatin1() + text;
}

void PodLogs::serve(KubeApi *api, const QJsonObject &pod, const HttpRequest &req, const std::shared_ptr<HttpResponder> &out)
{
    const Options opts = parseOptions(req);
    auto container = resolveContainer(pod, opts);
    if (!container) {
        KubeApi::sendError(out, container.error());
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QByteArray body;
    for (const Line &l : lines(pod, *container, opts, now))
        body += format(l, opts.timestamps);
    if (opts.limitBytes >= 0)
        body.truncate(opts.limitBytes);
    const bool running = containerStatus(pod, *container).value(QLatin1String("state")).toObject().contains(QLatin1String("running"));
    if (!opts.follow || opts.previous || !running) {
        out->respond(200, "text/plain", body);
        return;
    }
    out->beginStream(200, "text/plain");
    out->write(body);
    // Follow: keep writing until the client leaves or the pod goes away.
    auto *timer = new QTimer(api);
    const QString ns = metaStr(pod, "namespace"), name = metaStr(pod, "name"), uid = metaStr(pod, "uid");
    const qint64 startedIndex = QDateTime::fromString(containerStatus(pod, *container).value(QLatin1String("state")).toObject()
                                                          .value(QLatin1String("running")).toObject().value(QLatin1String("startedAt")).toString(), Qt::ISODate)
                                    .secsTo(now) / kLineIntervalSecs + 1;
    auto index = std::make_shared<qint64>(startedIndex);
    QObject::connect(timer, &QTimer::timeout, timer, [api, timer, out, ns, name, uid, index, c = *container, ts = opts.timestamps] {
        const ResourceType *podType = api->cluster()->registry().find(QString(), QStringLiteral("v1"), QStringLiteral("pods"));
        const StoredObject *live = api->cluster()->get(*podType, ns, name);
        if (!out->isOpen() || !live || metaStr(live->obj, "uid") != uid) {
            out->end();
            timer->deleteLater();
            return;
        }
        out->write(format(Line{QDateTime::currentDateTimeUtc(), lineText(live->obj, c, (*index)++)}, ts));
    });
    QObject::connect(out.get(), &HttpResponder::closed, timer, [timer] { timer->deleteLater(); });
    timer->start(2000);
}

void PodLogs::serveWebSocket(KubeApi *, const QJsonObject &pod, const HttpRequest &req, QWebSocket *ws)
{
    const Options opts = parseOptions(req);
    auto container = resolveContainer(pod, opts);
    const bool channel = ws->subprotocol().contains(QLatin1String("channel.k8s.io"));
    if (!container) {
        ws->sendBinaryMessage(QByteArray(1, char(3)) + QJsonDocument(container.error().toStatus()).toJson(QJsonDocument::Compact));
        ws->close();
        return;
    }
    QByteArray body;
    for (const Line &l : lines(pod, *container, opts, QDateTime::currentDateTimeUtc()))
        body += format(l, opts.timestamps);
    ws->sendBinaryMessage(channel ? QByteArray(1, char(1)) + body : body);
    ws->close();
}

} // namespace acp::sandbox
