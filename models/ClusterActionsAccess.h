#pragma once
// ClusterActionsAccess: whether the current user may cordon/uncordon (patch nodes) and drain
// (patch nodes, list pods and create pods/eviction in every namespace) on one cluster, asked
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
    enum Action { Cordon, Drain };
    Q_ENUM(Action)

    ClusterActionsAccess(const api::KubeClient &client, QObject *parent = nullptr);

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
        bool allowed = false;
        bool answered = false;
        QString error;
    };
    void ask(int index);

    api::KubeClient m_client;
    QList<Check> m_checks;   // 0: patch nodes, 1: list pods, 2: create pods/eviction
    int m_pending = 0;
    bool m_asked = false;
    quint64 m_generation = 0;
};

} // namespace acp::models
