#include "api/ApiDiscovery.h"

#include "api/ApiLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace acp::api {

namespace {
struct DiscoveryState : RequestHandle::State {
    QPointer<ApiDiscovery> job;
    void cancel() override
    {
        if (job)
            job->cancel();
    }
    bool isActive() const override { return job && job->isActive(); }
};

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

Result<QJsonObject> parseObject(const QByteArray &body, const char *what)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return ApiError{0, QStringLiteral("BadResponse"),
                        QStringLiteral("discovery: %1 is not a JSON object (%2)").arg(QLatin1String(what), err.errorString())};
    return doc.object();
}

QString pathOf(const QString &group, const QString &version)
{
    return group.isEmpty() ? QStringLiteral("/api/") + version : QStringLiteral("/apis/") + group + QLatin1Char('/') + version;
}
} // namespace

QByteArray ApiDiscovery::aggregatedAccept()
{
    return QByteArrayLiteral("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                             "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
}

bool ApiDiscovery::isAggregatedContentType(const QByteArray &contentType)
{
    return contentType.contains("as=APIGroupDiscoveryList");
}

Result<QList<ApiResource>> ApiDiscovery::parseAggregated(const QByteArray &body)
{
    auto doc = parseObject(body, "APIGroupDiscoveryList");
    if (!doc)
        return doc.error();
    if (doc->value(QLatin1String("kind")).toString() != QLatin1String("APIGroupDiscoveryList"))
        return ApiError{0, QStringLiteral("BadResponse"), QStringLiteral("discovery: expected an APIGroupDiscoveryList")};
    QList<ApiResource> out;
    for (const QJsonValue &item : doc->value(QLatin1String("items")).toArray()) {
        const QString group = item[QLatin1String("metadata")][QLatin1String("name")].toString();
        const QJsonArray versions = item[QLatin1String("versions")].toArray();
        for (qsizetype vi = 0; vi < versions.size(); ++vi) {
            const QJsonObject v = versions.at(vi).toObject();
            for (const QJsonValue &rv : v.value(QLatin1String("resources")).toArray()) {
                const QJsonObject ro = rv.toObject();
                ApiResource r;
                r.group = group;
                r.version = v.value(QLatin1String("version")).toString();
                r.resource = ro.value(QLatin1String("resource")).toString();
                r.kind = ro[QLatin1String("responseKind")][QLatin1String("kind")].toString();
                r.singular = ro.value(QLatin1String("singularResource")).toString();
                if (r.singular.isEmpty())
                    r.singular = r.kind.toLower();
                r.namespaced = ro.value(QLatin1String("scope")).toString() == QLatin1String("Namespaced");
                r.verbs = strings(ro.value(QLatin1String("verbs")));
                r.shortNames = strings(ro.value(QLatin1String("shortNames")));
                r.categories = strings(ro.value(QLatin1String("categories")));
                for (const QJsonValue &s : ro.value(QLatin1String("subresources")).toArray())
                    r.subresources << s[QLatin1String("subresource")].toString();
                r.preferred = vi == 0;
                out << r;
            }
        }
    }
    return out;
}

Result<QList<ApiResource>> ApiDiscovery::parseResourceList(const QByteArray &body, bool preferred)
{
    auto doc = parseObject(body, "APIResourceList");
    if (!doc)
        return doc.error();
    const QString gv = doc->value(QLatin1String("groupVersion")).toString();
    if (gv.isEmpty())
        return ApiError{0, QStringLiteral("BadResponse"), QStringLiteral("discovery: APIResourceList without groupVersion")};
    const qsizetype slash = gv.indexOf(QLatin1Char('/'));
    const QString group = slash < 0 ? QString() : gv.left(slash);
    const QString version = slash < 0 ? gv : gv.mid(slash + 1);
    QList<ApiResource> out;
    QList<QPair<QString, QString>> subs;
    for (const QJsonValue &rv : doc->value(QLatin1String("resources")).toArray()) {
        const QJsonObject ro = rv.toObject();
        const QString name = ro.value(QLatin1String("name")).toString();
        const qsizetype s = name.indexOf(QLatin1Char('/'));
        if (s >= 0) {
            subs << qMakePair(name.left(s), name.mid(s + 1));
            continue;
        }
        ApiResource r;
        r.group = group;
        r.version = version;
        r.resource = name;
        r.kind = ro.value(QLatin1String("kind")).toString();
        r.singular = ro.value(QLatin1String("singularName")).toString();
        if (r.singular.isEmpty())
            r.singular = r.kind.toLower();
        r.namespaced = ro.value(QLatin1String("namespaced")).toBool();
        r.verbs = strings(ro.value(QLatin1String("verbs")));
        r.shortNames = strings(ro.value(QLatin1String("shortNames")));
        r.categories = strings(ro.value(QLatin1String("categories")));
        r.preferred = preferred;
        out << r;
    }
    for (const auto &[parent, sub] : std::as_const(subs))
        for (ApiResource &r : out)
            if (r.resource == parent)
                r.subresources << sub;
    return out;
}

Result<QList<ApiDiscovery::GroupVersions>> ApiDiscovery::parseGroupList(const QByteArray &apiBody, const QByteArray &apisBody)
{
    auto api = parseObject(apiBody, "APIVersions (/api)");
    if (!api)
        return api.error();
    auto apis = parseObject(apisBody, "APIGroupList (/apis)");
    if (!apis)
        return apis.error();
    QList<GroupVersions> out;
    const QStringList core = strings(api->value(QLatin1String("versions")));
    if (!core.isEmpty())
        out << GroupVersions{QString(), core, core.first()};
    for (const QJsonValue &g : apis->value(QLatin1String("groups")).toArray()) {
        GroupVersions gv;
        gv.group = g[QLatin1String("name")].toString();
        for (const QJsonValue &v : g[QLatin1String("versions")].toArray())
            gv.versions << v[QLatin1String("version")].toString();
        gv.preferredVersion = g[QLatin1String("preferredVersion")][QLatin1String("version")].toString();
        if (gv.preferredVersion.isEmpty() && !gv.versions.isEmpty())
            gv.preferredVersion = gv.versions.first();
        if (!gv.group.isEmpty() && !gv.versions.isEmpty())
            out << gv;
    }
    return out;
}

ApiDiscovery::ApiDiscovery(const KubeClient &client, Mode mode, QObject *context, Callback callback)
    : m_client(client), m_mode(mode), m_context(context), m_callback(std::move(callback))
{
    connect(context, &QObject::destroyed, this, &ApiDiscovery::cancel);
}

RequestHandle ApiDiscovery::fetch(const KubeClient &client, Mode mode, QObject *context, Callback callback)
{
    if (!context) {
        qCWarning(lcApi) << "ApiDiscovery::fetch called without a context object";
        return RequestHandle();
    }
    auto *job = new ApiDiscovery(client, mode, context, std::move(callback));
    auto state = std::make_shared<DiscoveryState>();
    state->job = job;
    job->start();
    return RequestHandle(state);
}

void ApiDiscovery::cancel()
{
    if (m_done)
        return;
    m_done = true;
    for (const RequestHandle &h : std::as_const(m_requests))
        h.cancel();
    deleteLater();
}

void ApiDiscovery::start()
{
    if (m_mode == Mode::Legacy) {
        startLegacy();
        return;
    }
    KubeClient::RequestOptions o;
    o.accept = aggregatedAccept();
    m_pendingRoots = 2;
    for (bool core : {true, false})
        m_requests << m_client.getPath(core ? QStringLiteral("/api") : QStringLiteral("/apis"), o, this,
                                       [this, core](const Result<Response> &r, const QStringList &) { onAggregated(core, r); });
}

void ApiDiscovery::onAggregated(bool core, const Result<Response> &r)
{
    if (m_done)
        return;
    if (!r) {
        finish(r.error());
        return;
    }
    if (!isAggregatedContentType(r->header("Content-Type"))) {
        if (m_mode == Mode::Aggregated) {
            finish(ApiError{406, QStringLiteral("NotAcceptable"), QStringLiteral("the server does not serve aggregated discovery")});
            return;
        }
        qCDebug(lcApi) << m_client.clusterName() << "serves no aggregated discovery; using legacy discovery";
        for (const RequestHandle &h : std::as_const(m_requests))
            h.cancel();
        m_requests.clear();
        startLegacy();
        return;
    }
    m_bodies[core ? 0 : 1] = r->body;
    if (--m_pendingRoots > 0)
        return;
    QList<ApiResource> all;
    for (const QByteArray &body : m_bodies) {
        auto parsed = parseAggregated(body);
        if (!parsed) {
            finish(parsed.error());
            return;
        }
        all += *parsed;
    }
    DiscoveryResult result;
    result.resources = ApiResourceSet(all);
    result.aggregated = true;
    finish(result);
}

void ApiDiscovery::startLegacy()
{
    m_mode = Mode::Legacy;
    m_pendingRoots = 2;
    m_bodies[0].clear();
    m_bodies[1].clear();
    for (bool core : {true, false})
        m_requests << m_client.getPath(core ? QStringLiteral("/api") : QStringLiteral("/apis"), KubeClient::RequestOptions(), this,
                                       [this, core](const Result<Response> &r, const QStringList &) {
                                           if (m_done)
                                               return;
                                           if (!r) {
                                               finish(r.error());
                                               return;
                                           }
                                           m_bodies[core ? 0 : 1] = r->body;
                                           if (--m_pendingRoots == 0)
                                               onLegacyRoots();
                                       });
}

void ApiDiscovery::onLegacyRoots()
{
    auto groups = parseGroupList(m_bodies[0], m_bodies[1]);
    if (!groups) {
        finish(groups.error());
        return;
    }
    for (const GroupVersions &g : *groups) {
        // preferred version first, then the others in server order
        QStringList versions{g.preferredVersion};
        for (const QString &v : g.versions)
            if (v != g.preferredVersion)
                versions << v;
        for (const QString &v : versions)
            m_groupVersions << qMakePair(pathOf(g.group, v), v == g.preferredVersion);
    }
    m_lists.resize(m_groupVersions.size());
    m_pending = int(m_groupVersions.size());
    if (m_pending == 0) {
        finishLegacy();
        return;
    }
    for (int i = 0; i < m_groupVersions.size(); ++i)
        m_requests << m_client.getPath(m_groupVersions.at(i).first, KubeClient::RequestOptions(), this,
                                       [this, i](const Result<Response> &r, const QStringList &) { onGroupVersion(i, r); });
}

void ApiDiscovery::onGroupVersion(int index, const Result<Response> &r)
{
    if (m_done)
        return;
    const auto &[path, preferred] = m_groupVersions.at(index);
    if (r) {
        auto parsed = parseResourceList(r->body, preferred);
        if (parsed)
            m_lists[index] = *parsed;
        else
            m_failed << path;
    } else {
        qCDebug(lcApi) << "discovery of" << path << "on" << m_client.clusterName() << "failed:" << r.error().toString();
        m_failed << path;
    }
    if (--m_pending == 0)
        finishLegacy();
}

void ApiDiscovery::finishLegacy()
{
    QList<ApiResource> all;
    for (const auto &l : std::as_const(m_lists))
        all += l;
    DiscoveryResult result;
    result.resources = ApiResourceSet(all);
    result.failedGroupVersions = m_failed;
    finish(result);
}

void ApiDiscovery::finish(const Result<DiscoveryResult> &result)
{
    if (m_done)
        return;
    m_done = true;
    for (const RequestHandle &h : std::as_const(m_requests))
        h.cancel();
    deleteLater();
    if (!m_context)
        return;
    const Callback cb = std::move(m_callback);
    cb(result);
}

} // namespace acp::api
