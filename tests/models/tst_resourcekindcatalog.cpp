// ResourceKindCatalog as a unit: sections from the built-in table, CRD groups after them, the
// union across clusters (which clusters serve a kind), only listable+watchable kinds, the first
// (preferred) version per group/resource. And filtering nodes by name (ACP 4.2 could not find nodes
// whose cpaas.io/display-name is empty): the table filter matches metadata.name whatever the
// display-name annotation holds, under QAbstractItemModelTester.
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceKindCatalog.h"
#include "models/ResourceStore.h"
#include "models/ResourceTableModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QTest>

using namespace acp;
using namespace acp::models;

namespace {

api::ApiResource res(const char *group, const char *version, const char *resource, const char *kind, bool namespaced,
                     QStringList verbs = {QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("watch"), QStringLiteral("delete")})
{
    api::ApiResource r;
    r.group = QString::fromLatin1(group);
    r.version = QString::fromLatin1(version);
    r.resource = QString::fromLatin1(resource);
    r.kind = QString::fromLatin1(kind);
    r.namespaced = namespaced;
    r.verbs = verbs;
    r.preferred = true;
    return r;
}

KubeObject node(const QString &name, const std::optional<QString> &displayName)
{
    QJsonObject meta{{QStringLiteral("name"), name}, {QStringLiteral("uid"), QStringLiteral("uid-") + name},
                     {QStringLiteral("resourceVersion"), QStringLiteral("1")},
                     {QStringLiteral("creationTimestamp"), QStringLiteral("2026-01-01T00:00:00Z")}};
    if (displayName)
        meta.insert(QStringLiteral("annotations"), QJsonObject{{QStringLiteral("cpaas.io/display-name"), *displayName}});
    return KubeObject::fromJson(QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Node")},
        {QStringLiteral("metadata"), meta},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("conditions"),
                                                QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("Ready")},
                                                                       {QStringLiteral("status"), QStringLiteral("True")}}}}}}});
}

} // namespace

class TestResourceKindCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sectionsAndOrder()
    {
        const api::ApiResourceSet east({res("", "v1", "pods", "Pod", true), res("", "v1", "nodes", "Node", false),
                                        res("", "v1", "pods/log", "Pod", true, {QStringLiteral("get")}),
                                        res("apps", "v1", "deployments", "Deployment", true),
                                        res("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false,
                                            {QStringLiteral("create")}),
                                        res("example.com", "v1", "widgets", "Widget", true),
                                        res("example.com", "v1beta1", "widgets", "Widget", true),
                                        res("auth.alauda.io", "v1", "projects", "Project", false),
                                        res("", "v1", "bindings", "Binding", true, {QStringLiteral("create")})});
        const api::ApiResourceSet west({res("", "v1", "pods", "Pod", true), res("apps", "v1", "deployments", "Deployment", true),
                                        res("zeta.io", "v1", "gadgets", "Gadget", false),
                                        res("", "v1", "componentstatuses", "ComponentStatus", false)});
        const QList<ResourceKind> kinds = ResourceKindCatalog::build({{QStringLiteral("east"), east}, {QStringLiteral("west"), west}});
        QStringList got;
        for (const ResourceKind &k : kinds)
            got << k.section + QLatin1Char('|') + k.name() + QLatin1Char('|') + k.resource.version + QLatin1Char('|') + k.clusters.join(QLatin1Char(','));
        QCOMPARE(got, (QStringList{
                          QStringLiteral("Workloads|deployments.apps|v1|east,west"),
                          QStringLiteral("Workloads|pods|v1|east,west"),
                          QStringLiteral("Cluster|componentstatuses|v1|west"),
                          QStringLiteral("Cluster|nodes|v1|east"),
                          QStringLiteral("Custom resources · auth.alauda.io|projects.auth.alauda.io|v1|east"),
                          QStringLiteral("Custom resources · example.com|widgets.example.com|v1|east"),
                          QStringLiteral("Custom resources · zeta.io|gadgets.zeta.io|v1|west"),
                      }));
        QCOMPARE(ResourceKindCatalog::sectionOf(res("coordination.k8s.io", "v1", "leases", "Lease", true)), QStringLiteral("Cluster"));
        QCOMPARE(ResourceKindCatalog::sectionOf(res("storage.k8s.io", "v1", "newthings", "NewThing", false)), QStringLiteral("Other"));
        QVERIFY(ResourceKindCatalog::isBuiltinGroup(QString()));
        QVERIFY(!ResourceKindCatalog::isBuiltinGroup(QStringLiteral("clusterregistry.k8s.io")));
    }

    void nodesFilterByNameWithoutDisplayName()
    {
        ResourceTableModel model;
        ResourceFilterProxyModel proxy;
        QAbstractItemModelTester mt(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester pt(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns(TableColumns::forKind(QString(), QStringLiteral("Node")));
        proxy.setSourceModel(&model);
        ResourceStore store;
        model.addStore(QStringLiteral("business-1"), &store);
        store.replace({node(QStringLiteral("worker-1"), QStringLiteral("Worker One")), node(QStringLiteral("worker-2"), QString()),
                       node(QStringLiteral("worker-3"), std::nullopt), node(QStringLiteral("master-1"), QStringLiteral("worker-3"))});
        QCOMPARE(proxy.rowCount(), 4);
        auto names = [&] {
            QStringList out;
            for (int r = 0; r < proxy.rowCount(); ++r)
                out << model.objectAt(proxy.sourceRow(r)).name();
            out.sort();
            return out;
        };
        // Empty display name, no annotation at all: found by metadata.name.
        proxy.setFilterText(QStringLiteral("worker-2"));
        QCOMPARE(names(), QStringList{QStringLiteral("worker-2")});
        proxy.setFilterText(QStringLiteral("WORKER-3"));
        QCOMPARE(names(), QStringList{QStringLiteral("worker-3")});
        // The filter is about names, not display names.
        proxy.setFilterText(QStringLiteral("worker"));
        QCOMPARE(names(), (QStringList{QStringLiteral("worker-1"), QStringLiteral("worker-2"), QStringLiteral("worker-3")}));
        proxy.setFilterText(QStringLiteral("!worker"));
        QCOMPARE(names(), QStringList{QStringLiteral("master-1")});
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), 4);
        model.removeStore(&store);
    }
};

QTEST_GUILESS_MAIN(TestResourceKindCatalog)
#include "tst_resourcekindcatalog.moc"
