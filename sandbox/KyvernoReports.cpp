// KyvernoReports: per-resource PolicyReports from KyvernoEngine (Kyverno's background scan).
#include "sandbox/KyvernoReports.h"

#include "sandbox/KyvernoEngine.h"
#include "sandbox/SeedObjects.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>
#include <QJsonArray>
#include <algorithm>

namespace acp::sandbox {

namespace {

const QString kPolicies = QStringLiteral("kyverno.io/policies");
const QString kClusterPolicies = QStringLiteral("kyverno.io/clusterpolicies");
const QString kReports = QStringLiteral("wgpolicyk8s.io/policyreports");
const QString kNamespaces = QStringLiteral("/namespaces");

QJsonObject meta(const QJsonObject &o) { return o.value(QLatin1String("metadata")).toObject(); }
QString metaStr(const QJsonObject &o, const char *k) { return meta(o).value(QLatin1String(k)).toString(); }

QJsonObject reportResult(const QJsonObject &policy, const KyvernoRuleResult &r, const QJsonObject &previousResults)
{
    const QJsonObject ann = meta(policy).value(QLatin1String("annotations")).toObject();
    const bool scored = ann.value(QLatin1String("policies.kyverno.io/scored")).toString() != QLatin1String("false");
    KyvernoRuleResult::Status status = r.status;
    if (status == KyvernoRuleResult::Fail && !scored)
        status = KyvernoRuleResult::Warn;
    QJsonObject props = r.properties;
    props.insert(QStringLiteral("process"), QStringLiteral("background scan"));
    QJsonObject out{{QStringLiteral("message"), r.message},
                    {QStringLiteral("policy"), KyvernoEngine::reportName(policy)},
                    {QStringLiteral("properties"), props},
                    {QStringLiteral("result"), KyvernoRuleResult::statusName(status)},
                    {QStringLiteral("rule"), r.rule},
                    {QStringLiteral("scored"), scored},
                    {QStringLiteral("source"), QStringLiteral("kyverno")}};
    const QString category = ann.value(QLatin1String("policies.kyverno.io/category")).toString();
    if (!category.isEmpty())
        out.insert(QStringLiteral("category"), category);
    const QString severity = ann.value(QLatin1String("policies.kyverno.io/severity")).toString();
    if (severity == QLatin1String("critical") || severity == QLatin1String("high") || severity == QLatin1String("medium")
        || severity == QLatin1String("low") || severity == QLatin1String("info"))
        out.insert(QStringLiteral("severity"), severity);
    // Unchanged results keep their timestamp.
    const QString id = out.value(QLatin1String("policy")).toString() + QLatin1Char('|') + r.rule;
    const QJsonObject prev = previousResults.value(id).toObject();
    QJsonObject prevNoTs = prev;
    prevNoTs.remove(QStringLiteral("timestamp"));
    const QJsonValue ts = prevNoTs == out ? prev.value(QLatin1String("timestamp"))
                                          : QJsonValue(QJsonObject{{QStringLiteral("nanos"), 0},
                                                                   {QStringLiteral("seconds"), QDateTime::currentSecsSinceEpoch()}});
    out.insert(QStringLiteral("timestamp"), ts);
    return out;
}

QList<const StoredObject *> policiesFor(const SimCluster &cluster, const QString &ns)
{
    return cluster.store().list(kPolicies, ns) + cluster.store().list(kClusterPolicies);
}

QString resourceKey(const QString &storageKey, const QString &ns, const QString &name)
{
    return storageKey + QLatin1Char('|') + ns + QLatin1Char('|') + name;
}

bool contentChanged(const StoreEvent &ev)
{
    if (ev.type != EventType::Modified)
        return true;
    const QJsonObject a = ev.object.obj, b = ev.previous.obj;
    const QJsonObject ma = meta(a), mb = meta(b);
    return a.value(QLatin1String("spec")) != b.value(QLatin1String("spec")) || ma.value(QLatin1String("labels")) != mb.value(QLatin1String("labels"))
        || ma.value(QLatin1String("annotations")) != mb.value(QLatin1String("annotations"))
        || ma.value(QLatin1String("deletionTimestamp")) != mb.value(QLatin1String("deletionTimestamp"));
}

} // namespace

const QStringList &KyvernoReports::resourceKeys()
{
    static const QStringList keys{QStringLiteral("/pods"), QStringLiteral("apps/deployments"), QStringLiteral("apps/replicasets"),
                                  QStringLiteral("apps/statefulsets"), QStringLiteral("apps/daemonsets"), QStringLiteral("batch/jobs"),
                                  QStringLiteral("batch/cronjobs"), QStringLiteral("/replicationcontrollers")};
    return keys;
}

QJsonObject KyvernoReports::reportFor(const SimCluster &cluster, const QJsonObject &resource, const QJsonObject &previous)
{
    const QString ns = metaStr(resource, "namespace");
    const QList<const StoredObject *> policies = policiesFor(cluster, ns);
    if (policies.isEmpty() || !metaStr(resource, "deletionTimestamp").isEmpty())
        return {};
    QJsonObject previousResults;
    for (const QJsonValue &v : previous.value(QLatin1String("results")).toArray())
        previousResults.insert(v.toObject().value(QLatin1String("policy")).toString() + QLatin1Char('|')
                                   + v.toObject().value(QLatin1String("rule")).toString(), v);
    const StoredObject *nsObj = cluster.store().get(kNamespaces, QString(), ns);
    KyvernoRequest req;
    req.object = resource;
    req.namespaceLabels = nsObj ? meta(nsObj->obj).value(QLatin1String("labels")).toObject() : QJsonObject();
    QList<QJsonObject> results;
    for (const StoredObject *p : policies) {
        if (!KyvernoEngine::backgroundEnabled(p->obj) || !metaStr(p->obj, "deletionTimestamp").isEmpty())
            continue;
        for (const KyvernoRuleResult &r : KyvernoEngine::evaluate(p->obj, req))
            results << reportResult(p->obj, r, previousResults);
    }
    if (results.isEmpty())
        return {};
    std::sort(results.begin(), results.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const QString ka = a.value(QLatin1String("policy")).toString() + QLatin1Char('\n') + a.value(QLatin1String("rule")).toString();
        const QString kb = b.value(QLatin1String("policy")).toString() + QLatin1Char('\n') + b.value(QLatin1String("rule")).toString();
        return ka < kb;
    });
    QJsonObject summary{{QStringLiteral("error"), 0}, {QStringLiteral("fail"), 0}, {QStringLiteral("pass"), 0},
                        {QStringLiteral("skip"), 0}, {QStringLiteral("warn"), 0}};
    QJsonArray array;
    for (const QJsonObject &r : std::as_const(results)) {
        const QString s = r.value(QLatin1String("result")).toString();
        summary.insert(s, summary.value(s).toInt() + 1);
        array << r;
    }
    const QJsonObject m = meta(resource);
    QJsonObject reportMeta{{QStringLiteral("name"), m.value(QLatin1String("uid"))},
                           {QStringLiteral("namespace"), ns},
                           {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("kyverno")}}},
                           {QStringLiteral("ownerReferences"), QJsonArray{sim::ownerRef(resource, false)}}};
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("wgpolicyk8s.io/v1alpha2")},
                       {QStringLiteral("kind"), QStringLiteral("PolicyReport")},
                       {QStringLiteral("metadata"), reportMeta},
                       {QStringLiteral("scope"), QJsonObject{{QStringLiteral("apiVersion"), resource.value(QLatin1String("apiVersion"))},
                                                             {QStringLiteral("kind"), resource.value(QLatin1String("kind"))},
                                                             {QStringLiteral("name"), m.value(QLatin1String("name"))},
                                                             {QStringLiteral("namespace"), ns},
                                                             {QStringLiteral("uid"), m.value(QLatin1String("uid"))}}},
                       {QStringLiteral("results"), array},
                       {QStringLiteral("summary"), summary}};
}

bool KyvernoReports::reconcile(SimCluster &cluster, const QString &storageKey, const QString &ns, const QString &name)
{
    const StoredObject *resource = cluster.store().get(storageKey, ns, name);
    if (!resource)
        return false;   // deleted: its report went with it (removeReportOf)
    const QString uid = metaStr(resource->obj, "uid");
    const StoredObject *existing = cluster.store().get(kReports, ns, uid);
    const QJsonObject wanted = reportFor(cluster, resource->obj, existing ? existing->obj : QJsonObject());
    const ResourceType *type = cluster.typeFor(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("wgpolicyk8s.io/v1alpha2")},
                                                           {QStringLiteral("kind"), QStringLiteral("PolicyReport")}});
    if (!type)
        return false;
    WriteOptions opts;
    opts.skipAdmission = true;
    if (wanted.isEmpty()) {
        if (!existing)
            return false;
        return bool(cluster.remove(*type, ns, uid, DeleteOptions{}, opts));
    }
    if (existing) {
        const QJsonObject e = existing->obj;
        if (e.value(QLatin1String("results")) == wanted.value(QLatin1String("results"))
            && e.value(QLatin1String("summary")) == wanted.value(QLatin1String("summary")))
            return false;
        QJsonObject updated = wanted;
        QJsonObject m = meta(e);
        for (const char *k : {"labels", "ownerReferences"})
            m.insert(QLatin1String(k), wanted.value(QLatin1String("metadata")).toObject().value(QLatin1String(k)));
        updated.insert(QStringLiteral("metadata"), m);
        return bool(cluster.update(*type, updated, opts));
    }
    return bool(cluster.create(*type, wanted, opts));
}

void KyvernoReports::reconcileNamespace(SimCluster &cluster, const QString &ns)
{
    for (const QString &key : resourceKeys()) {
        const QList<const StoredObject *> objects = cluster.store().list(key, ns);
        QList<QPair<QString, QString>> names;
        for (const StoredObject *o : objects)
            names.append({metaStr(o->obj, "namespace"), metaStr(o->obj, "name")});
        for (const auto &n : std::as_const(names))
            reconcile(cluster, key, n.first, n.second);
    }
}

KyvernoReports::KyvernoReports(const QList<SimCluster *> &clusters, QObject *parent) : QObject(parent)
{
    for (SimCluster *c : clusters) {
        auto s = std::make_unique<State>();
        s->cluster = c;
        m_states.push_back(std::move(s));
    }
    m_timer.setSingleShot(true);
    m_timer.setInterval(200);
    connect(&m_timer, &QTimer::timeout, this, &KyvernoReports::process);
}

KyvernoReports::~KyvernoReports()
{
    for (auto &s : m_states)
        if (s->watcherId)
            s->cluster->store().removeWatcher(s->watcherId);
}

void KyvernoReports::start()
{
    for (auto &s : m_states) {
        if (s->watcherId)
            continue;
        State *state = s.get();
        s->watcherId = s->cluster->store().addWatcher([this, state](const StoreEvent &ev) { onEvent(*state, ev); });
        s->all = true;
    }
    m_timer.start();
}

void KyvernoReports::onEvent(State &s, const StoreEvent &ev)
{
    const QString ns = sim::namespaceOf(ev.object.obj);
    if (ev.storageKey == kPolicies) {
        s.namespaces.insert(ns);
    } else if (ev.storageKey == kClusterPolicies) {
        s.all = true;
    } else if (ev.storageKey == kNamespaces) {
        if (ev.type == EventType::Modified && meta(ev.object.obj).value(QLatin1String("labels")) != meta(ev.previous.obj).value(QLatin1String("labels")))
            s.namespaces.insert(sim::nameOf(ev.object.obj));
        return;
    } else if (resourceKeys().contains(ev.storageKey)) {
        if (ev.type == EventType::Deleted) {
            // The garbage collector removes the owned report; make sure of it when it does not.
            s.resources.insert(QStringLiteral("-|") + ns + QLatin1Char('|') + metaStr(ev.object.obj, "uid"));
        } else if (contentChanged(ev)) {
            s.resources.insert(resourceKey(ev.storageKey, ns, sim::nameOf(ev.object.obj)));
        } else {
            return;
        }
    } else {
        return;
    }
    if (!m_timer.isActive())
        m_timer.start();
}

void KyvernoReports::process()
{
    for (auto &s : m_states) {
        SimCluster &c = *s->cluster;
        const ResourceType *reportType = nullptr;
        const QSet<QString> resources = std::exchange(s->resources, {});
        const QSet<QString> namespaces = std::exchange(s->namespaces, {});
        const bool all = std::exchange(s->all, false);
        if (all) {
            reconcileNamespace(c, QString());
            continue;
        }
        for (const QString &ns : namespaces)
            reconcileNamespace(c, ns);
        for (const QString &key : resources) {
            const QStringList parts = key.split(QLatin1Char('|'));
            if (parts.size() != 3)
                continue;
            if (parts[0] != QLatin1String("-")) {
                if (!namespaces.contains(parts[1]))
                    reconcile(c, parts[0], parts[1], parts[2]);
                continue;
            }
            reportType = reportType ? reportType : c.typeFor(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("wgpolicyk8s.io/v1alpha2")},
                                                                         {QStringLiteral("kind"), QStringLiteral("PolicyReport")}});
            if (reportType && c.store().get(kReports, parts[1], parts[2])) {
                WriteOptions opts;
                opts.skipAdmission = true;
                c.remove(*reportType, parts[1], parts[2], DeleteOptions{}, opts);
            }
        }
    }
}

} // namespace acp::sandbox
