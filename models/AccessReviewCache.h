#pragma once
// AccessReviewCache: "may the current user <verb> <resource> in <namespace>?" for ONE cluster as
// ONE user, answered by the cluster itself (SelfSubjectAccessReview,
// POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews), so views enable only the actions
// the server would accept.
//
// Contract:
// - answer(q) returns the cached answer, or Pending and starts one review. Each distinct question
//   (verb, group, resource, subresource, namespace, name) is sent at most once per cache lifetime
//   (until clear()); concurrent identical questions coalesce into that one request. The UI asks
//   only for the actions of its current selection, so there is never a flood of reviews.
// - Answers go stale after maxAgeMs() (default 5 minutes: RBAC may change): the next answer()
//   still returns the old answer and sends one new review; answered() follows if it changed.
// - When a review completes, answered(q) is emitted and every ask() callback for q runs (only
//   while its context lives). A failed review (transport, 403 on the review itself) is answered
//   as Failed with the error's message; it is not retried until clear().
// - explain(q) is the tooltip text of a denied or failed answer:
//   `bob cannot patch deployments.apps/scale in namespace "alpha": <server's reason>`. The user
//   name comes from one SelfSubjectReview (authentication.k8s.io/v1) per cache, sent with the
//   first review; "you" until it is known or when the server does not serve it.
// - Never logs credentials. Thread: GUI thread (the client's thread).
//
// One cache per cluster connection: AccessReviewCache::of(connection) creates it lazily as a child
// of the connection (so pages of every area share the answers); or construct one over any client.
#include "api/KubeClient.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <functional>

namespace acp::models {

class ClusterConnection;

struct AccessQuestion {
    QString verb;            // "get", "list", "patch", "delete", ...
    QString group;           // "" = core
    QString resource;        // plural ("deployments")
    QString subresource;     // "" or "scale", "status", ...
    QString namespaceName;   // "" = cluster-wide / all namespaces
    QString name;            // "" = any object of the kind

    QString key() const;
    // "deployments.apps/scale" as kubectl auth can-i prints it.
    QString resourceText() const;
    bool operator==(const AccessQuestion &o) const = default;
};

struct AccessAnswer {
    enum State { Pending, Allowed, Denied, Failed };
    State state = Pending;
    QString reason;          // the server's reason (Allowed/Denied) or the review's error (Failed)

    bool isAllowed() const { return state == Allowed; }
    bool isKnown() const { return state != Pending; }
};

class AccessReviewCache : public QObject {
    Q_OBJECT
public:
    AccessReviewCache(const QString &cluster, const api::KubeClient &client, QObject *parent = nullptr);

    // The shared cache of a connection (created on first call, owned by the connection).
    static AccessReviewCache *of(ClusterConnection *connection);

    QString cluster() const { return m_cluster; }

    // Cached answer; Pending (and one review started, unless one is in flight) when unknown.
    AccessAnswer answer(const AccessQuestion &question);
    // answer() plus a callback when it is known: at once (synchronously) when cached, else when
    // the review completes (only while `context` lives).
    void ask(const AccessQuestion &question, QObject *context, std::function<void(const AccessAnswer &)> done);

    // Whether a review for the question is in flight (first answer or a stale refresh).
    bool isChecking(const AccessQuestion &question) const;

    // Tooltip text for a question whose answer is Denied or Failed ("" when allowed or pending).
    QString explain(const AccessQuestion &question) const;
    // The user the cluster sees ("" until the SelfSubjectReview answered).
    QString userName() const { return m_user; }

    void setMaxAgeMs(qint64 ms) { m_maxAgeMs = ms; }
    qint64 maxAgeMs() const { return m_maxAgeMs; }

    // Forget every answer (e.g. after RBAC changes); reviews in flight are dropped and their
    // ask() callbacks are never called.
    void clear();

    // Reviews sent so far (tests: caching and coalescing).
    int requestCount() const { return m_requests; }

Q_SIGNALS:
    void answered(const acp::models::AccessQuestion &question, const acp::models::AccessAnswer &answer);

private:
    void start(const AccessQuestion &question);
    void finish(const QString &key, const AccessAnswer &answer);
    void fetchUser();

    struct Entry {
        AccessQuestion question;
        AccessAnswer answer;
        api::RequestHandle request;
        qint64 answeredAtMs = 0;   // monotonic clock
        QList<QPair<QPointer<QObject>, std::function<void(const AccessAnswer &)>>> waiters;
    };
    QString m_cluster;
    api::KubeClient m_client;
    QHash<QString, Entry> m_entries;
    QString m_user;
    bool m_userRequested = false;
    int m_requests = 0;
    quint64 m_generation = 0;
    qint64 m_maxAgeMs = 5 * 60 * 1000;
};

} // namespace acp::models

Q_DECLARE_METATYPE(acp::models::AccessQuestion)
Q_DECLARE_METATYPE(acp::models::AccessAnswer)
