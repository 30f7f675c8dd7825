#include "models/ResourceKindCatalog.h"

#include <QHash>
#include <algorithm>

namespace acp::models {

namespace {

struct SectionRow {
    const char *section;
    const char *resources;   // group/resource names, space-separated
};
// Built-in resources by section (what a console user looks for where).
constexpr SectionRow kSections[] = {
    {"Workloads", "pods deployments.apps statefulsets.apps daemonsets.apps replicasets.apps jobs.batch cronjobs.batch "
                  "replicationcontrollers horizontalpodautoscalers.autoscaling poddisruptionbudgets.policy "
                  "controllerrevisions.apps"},
    {"Network", "services endpoints endpointslices.discovery.k8s.io ingresses.networking.k8s.io "
                "ingressclasses.networking.k8s.io networkpolicies.networking.k8s.io"},
    {"Config & Storage", "configmaps secrets persistentvolumeclaims persistentvolumes storageclasses.storage.k8s.io "
                         "volumeattachments.storage.k8s.io csidrivers.storage.k8s.io csinodes.storage.k8s.io "
                         "csistoragecapacities.storage.k8s.io resourcequotas limitranges"},
    {"Access control", "serviceaccounts roles.rbac.authorization.k8s.io rolebindings.rbac.authorization.k8s.io "
                       "clusterroles.rbac.authorization.k8s.io clusterrolebindings.rbac.authorization.k8s.io "
                       "certificatesigningrequests.certificates.k8s.io"},
    {"Cluster", "nodes namespaces events events.events.k8s.io customresourcedefinitions.apiextensions.k8s.io "
                "apiservices.apiregistration.k8s.io leases.coordination.k8s.io priorityclasses.scheduling.k8s.io "
                "runtimeclasses.node.k8s.io mutatingwebhookconfigurations.admissionregistration.k8s.io "
                "validatingwebhookconfigurations.admissionregistration.k8s.io "
                "validatingadmissionpolicies.admissionregistration.k8s.io "
                "validatingadmissionpolicybindings.admissionregistration.k8s.io "
                "flowschemas.flowcontrol.apiserver.k8s.io prioritylevelconfigurations.flowcontrol.apiserver.k8s.io "
                "componentstatuses"},
};

const char *const kBuiltinGroups[] = {
    "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "storage.k8s.io", "rbac.authorization.k8s.io",
    "apiextensions.k8s.io", "apiregistration.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "scheduling.k8s.io",
    "node.k8s.io", "admissionregistration.k8s.io", "certificates.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io",
    "resource.k8s.io", "storagemigration.k8s.io", "metrics.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
    "internal.apiserver.k8s.io",
};

const QHash<QString, QString> &sectionTable()
{
    static const QHash<QString, QString> table = [] {
        QHash<QString, QString> t;
        for (const SectionRow &row : kSections)
            for (const QString &r : QString::fromLatin1(row.resources).split(QLatin1Char(' '), Qt::SkipEmptyParts))
                t.insert(r, QString::fromLatin1(row.section));
        return t;
    }();
    return table;
}

const QString kOther = QStringLiteral("Other");
const QString kCustomPrefix = QStringLiteral("Custom resources · ");

int sectionRank(const QString &section)
{
    const int i = int(ResourceKindCatalog::sectionOrder().indexOf(section));
    return i < 0 ? 1000 : i;
}

} // namespace

QStringList ResourceKindCatalog::sectionOrder()
{
    static const QStringList order = [] {
        QStringList o;
        for (const SectionRow &row : kSections)
            o << QString::fromLatin1(row.section);
        o << kOther;
        return o;
    }();
    return order;
}

bool ResourceKindCatalog::isBuiltinGroup(const QString &group)
{
    for (const char *g : kBuiltinGroups)
        if (group == QLatin1String(g))
            return true;
    return false;
}

QString ResourceKindCatalog::sectionOf(const api::ApiResource &resource)
{
    const QString section = sectionTable().value(resource.groupResource());
    if (!section.isEmpty())
        return section;
    return isBuiltinGroup(resource.group) ? kOther : kCustomPrefix + resource.group;
}

QList<ResourceKind> ResourceKindCatalog::build(const QList<ClusterResources> &clusters)
{
    QList<ResourceKind> out;
    QHash<QString, int> index;   // groupResource -> out position
    for (const ClusterResources &c : clusters) {
        for (const api::ApiResource &r : c.resources.all()) {
            if (r.resource.contains(QLatin1Char('/')) || !r.hasVerb(QStringLiteral("list"))
                || !r.hasVerb(QStringLiteral("watch")))
                continue;
            const QString name = r.groupResource();
            auto it = index.constFind(name);
            if (it == index.constEnd()) {
                index.insert(name, int(out.size()));
                out.append(ResourceKind{sectionOf(r), r, {c.cluster}});
            } else if (!out[*it].clusters.contains(c.cluster)) {
                out[*it].clusters << c.cluster;
            }
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const ResourceKind &a, const ResourceKind &b) {
        const int ra = sectionRank(a.section), rb = sectionRank(b.section);
        if (ra != rb)
            return ra < rb;
        if (a.section != b.section)
            return a.section < b.section;
        const int k = QString::compare(a.resource.kind, b.resource.kind, Qt::CaseInsensitive);
        return k != 0 ? k < 0 : a.resource.group < b.resource.group;
    });
    return out;
}

} // namespace acp::models
