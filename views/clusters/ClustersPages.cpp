#include "views/clusters/ClustersPages.h"

#include "views/clusters/ClusterPage.h"
#include "views/clusters/FleetPage.h"

namespace acp::views {

void registerClustersPages(PageRegistry &registry)
{
    PageInfo fleet;
    fleet.id = QStringLiteral("clusters");
    fleet.title = QStringLiteral("Clusters");
    fleet.section = QStringLiteral("Platform");
    fleet.order = 10;
    fleet.shortcut = QKeySequence(Qt::CTRL | Qt::Key_1);
    fleet.keywords = {QStringLiteral("fleet"), QStringLiteral(":clusters")};
    fleet.create = [](PageContext *c) -> Page * { return new FleetPage(c); };
    registry.add(fleet);

    PageInfo cluster;
    cluster.id = QStringLiteral("cluster");
    cluster.title = QStringLiteral("Cluster");
    cluster.section = QStringLiteral("Platform");
    cluster.order = 11;
    cluster.inNavigation = false;
    cluster.resources = {QStringLiteral("nodes")};
    cluster.create = [](PageContext *c) -> Page * { return new ClusterPage(c); };
    cluster.argsFor = [](const models::ResourceRef &ref) {
        return QVariantMap{{QStringLiteral("cluster"), ref.cluster}, {QStringLiteral("ref"), QVariant::fromValue(ref)}};
    };
    registry.add(cluster);
}

} // namespace acp::views
