#pragma once
// NodeDrain: `kubectl drain <node>` as an observable, cancellable job against one cluster:
//  1. cordon: merge patch {"spec":{"unschedulable":true}} on the node;
//  2. list the node's pods (fieldSelector spec.nodeName=<node>, all namespaces);
//  3. skip what kubectl drain skips: DaemonSet-managed pods (a controller owner reference of
//     kind DaemonSet) and mirror pods (annotation kubernetes.io/config.mirror); every other pod
//     is evicted through the policy/v1 Eviction subresource (POST pods/<name>/eviction), all at
//     once as kubectl does. Unlike kubectl (which wants --force and --delete-emptydir-data),
//     pods without a controller and pods with emptyDir volumes are evicted too (the drain
//     dialog says so before the user confirms);
//  4. an eviction refused with 429 (a PodDisruptionBudget would be violated) is reported with
//     the server's message (refused()) and retried after retryMs (kubectl: 5 s) until it passes,
//     the drain times out or is cancelled; 404 means the pod is already gone; any other error
//     fails the drain (kubectl aborts too);
//  5. wait until every evicted pod is gone (GET every pollMs: 404 or another uid).
// cancel() stops at once (requests aborted, no callbacks after); the node stays cordoned, as
// after an interrupted kubectl drain. Thread: GUI thread; every callback has this as context.
#include "api/KubeClient.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <optional>

namespace acp::models {

class NodeDrain : public QObject {
    Q_OBJECT
public:
    struct Options {
        int retryMs = 5000;      // after a 429 refusal
        int pollMs = 1000;       // while waiting for evicted pods to go
        int timeoutMs = 0;       // whole drain; 0 = none
        int gracePeriodSeconds = -1;   // Eviction deleteOptions; -1 = the pod's own
    };
    enum class Phase { Idle, Cordoning, Listing, Evicting, Waiting, Done, Cancelled, Failed };
    Q_ENUM(Phase)

    struct Pod {
        enum State { Pending, Skipped, Evicting, Refused, Evicted, Gone, Failed };
        QString namespaceName, name, uid;
        State state = Pending;
        QString message;         // skip reason, last refusal or error
        int attempts = 0;        // eviction requests sent
    };

    NodeDrain(const api::KubeClient &client, const QString &node, QObject *parent = nullptr);
    ~NodeDrain() override;

    void setOptions(const Options &options) { m_options = options; }
    QString node() const { return m_node; }

    void start();            // once
    void cancel();           // no-op after the end

    Phase phase() const { return m_phase; }
    bool isFinished() const { return m_phase == Phase::Done || m_phase == Phase::Cancelled || m_phase == Phase::Failed; }
    const QList<Pod> &pods() const { return m_pods; }
    int count(Pod::State state) const;
    std::optional<api::ApiError> error() const { return m_error; }

    static QString stateName(Pod::State state);

Q_SIGNALS:
    void phaseChanged(acp::models::NodeDrain::Phase phase);
    void podsListed();                                   // pods() holds the node's pods
    void podChanged(int index);                          // pods()[index] changed state
    void refused(int index, const QString &message);     // a disruption budget refusal (429)
    void finished(acp::models::NodeDrain::Phase phase);  // Done, Cancelled or Failed

private:
    void setPhase(Phase phase);
    void cordon();
    void listPods();
    void onListed(const api::ListPages &pages);
    void evict(int index);
    void onEvictResult(int index, const api::Result<api::Response> &result);
    void poll();
    void checkDone();
    void fail(const api::ApiError &error);
    void setPod(int index, Pod::State state, const QString &message = QString());
    void track(const api::RequestHandle &handle);

    api::KubeClient m_client;
    QString m_node;
    Options m_options;
    Phase m_phase = Phase::Idle;
    QList<Pod> m_pods;
    std::optional<api::ApiError> m_error;
    QList<api::RequestHandle> m_requests;
    QList<QTimer *> m_timers;
    QTimer m_pollTimer;
    QTimer m_timeout;
    int m_pollsInFlight = 0;
};

} // namespace acp::models

Q_DECLARE_METATYPE(acp::models::NodeDrain::Phase)
