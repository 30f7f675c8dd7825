#pragma once
// PageContext: what every page shares: the fleet (the session's clusters), the scope chosen in
// the scope bar (one cluster or all, one namespace or all) and the navigator (the page registry
// behind the main window). Owned by the main window; one per session. Thread: GUI thread.
#include "models/Fleet.h"
#include "models/ResourceRef.h"

#include <QObject>
#include <QVariantMap>

namespace acp::views {

struct Scope {
    QString cluster;        // "" = all clusters
    QString namespaceName;  // "" = all namespaces
    bool allClusters() const { return cluster.isEmpty(); }
    bool allNamespaces() const { return namespaceName.isEmpty(); }
    bool operator==(const Scope &o) const = default;
};

// Cross-page navigation (DESIGN.md rule 2: one view never includes another).
class Navigator {
public:
    virtual ~Navigator() = default;
    // Opens page `pageId` (registered in the PageRegistry) with page-specific arguments; the
    // current page and its arguments go onto the back history.
    virtual void openPage(const QString &pageId, const QVariantMap &args = {}) = 0;
    // Opens the page that shows `ref` (an object, or a collection when ref.name is empty).
    virtual void openResource(const models::ResourceRef &ref) = 0;
};

class PageContext : public QObject {
    Q_OBJECT
public:
    PageContext(models::Fleet *fleet, Navigator *navigator, QObject *parent = nullptr)
        : QObject(parent), m_fleet(fleet), m_navigator(navigator)
    {
        // The fleet's cluster list changed (ACP): an all-clusters scope now covers other
        // clusters; a chosen cluster that left the list falls back to all.
        connect(fleet, &models::Fleet::clustersChanged, this, [this] {
            if (!m_scope.allClusters() && !m_fleet->hasCluster(m_scope.cluster))
                m_scope.cluster.clear();
            if (m_scope.allClusters())
                Q_EMIT scopeChanged(m_scope);
        });
    }

    models::Fleet *fleet() const { return m_fleet; }
    Navigator *navigator() const { return m_navigator; }

    const Scope &scope() const { return m_scope; }
    void setScope(const Scope &scope)
    {
        if (scope == m_scope)
            return;
        m_scope = scope;
        Q_EMIT scopeChanged(m_scope);
    }
    // The clusters the scope covers: the chosen one, or every cluster of the fleet.
    QStringList scopeClusters() const
    {
        return m_scope.allClusters() ? m_fleet->clusterNames() : QStringList{m_scope.cluster};
    }

Q_SIGNALS:
    void scopeChanged(const acp::views::Scope &scope);

private:
    models::Fleet *m_fleet;
    Navigator *m_navigator;
    Scope m_scope;
};

} // namespace acp::views
