#pragma once
// ClusterActionsAccess: whether the current user may cordon/uncordon (patch nodes) and drain
// (patch nodes, list pods and create pods/eviction in every namespace) on one cluster, or (the
// Registry set, asked of `global`) register clusters (create secrets and
// clusters.clusterregistry.k8s.io in cpaas-system), asked
// with SelfSubjectAccessReviews (authorization.k8s.io/v1) once per refresh(), so the views
// never send requests that would be forbidden. Until the answers arrive both are false with
// the reason "checking permissions". A failed review leaves the action disabled with the
// server's message as the reason. Thread: GUI thread.
//
// Note: a shared per-cluster permission cache (AccessReviewCache) may replace this class; it
// keeps to the same questions.
#include "api/KubeClient.h"

#include <QObject>

namespace acp::models {

class ClusterActionsAccess : public QObject {
    Q_OBJECT
public:
    enum Action { Cordon, Drain, Register };
    Q_ENUM(Action)
    enum class Set { Nodes, Registry };   // which questions to ask

    ClusterActionsAccess(const api::KubeClient &client, QObject *parent = nullptr, Set set = Set::Nodes);

    void refresh();                  // asks again (e.g. after a session change)
    bool isKnown() const { return m_pending == 0 && m_asked; }
    bool isAllowed(Action action) const;
    // Why the action is disabled ("" when allowed).
    QString reason(Action action) const;

Q_SIGNALS:
    void changed();

private:
    struct Check {
        QString verb, resource, subresource;
        QString group, namespaceName;
        bool allowed = false;
        bool answered = false;
        QString error;
    };
    void ask(int index);

    api::KubeClient m_client;
    Set m_set;
    QList<Check> m_checks;   // Nodes: patch nodes, list pods, create pods/eviction; Registry: create secrets, clusters
    int m_pending = 0;
    bool m_asked = false;
    quint64 m_generation = 0;
};

} // namespace acp::models
