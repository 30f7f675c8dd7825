#pragma once
// ApplyRun: one ApplyEngine call in flight (internal to ApplyEngine). Processes its documents
// one after the other (CRDs and Namespaces first, then a wait for discovery to know the kinds of
// the rest), each as: resolve kind -> place namespace -> (GET live) -> write -> result. Requests
// use the run as their context, so deleting the run cancels them. Thread: GUI thread.
#include "api/ApiResource.h"
#include "api/KubeClient.h"
#include "models/ApplyTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <functional>

namespace acp::models {

class ClusterConnection;

class ApplyRun : public QObject {
    Q_OBJECT
public:
    ApplyRun(ClusterConnection *connection, const ApplyOptions &options, QList<ApplyDocument> documents,
             QObject *parent);

    bool diffMode = false;                          // GET live + dry-run write, build diffs
    bool maskSecrets = true;                        // diff: kubectl's Secret masking
    std::function<void(const ApplyResult &)> onResult;
    std::function<void()> onFinished;               // after the last document (the run is then deleted)

    void start();
    const QList<ApplyResult> &results() const { return m_results; }
    const QList<ApplyDiff> &diffs() const { return m_diffs; }

private:
    void next();
    void waitForKinds(bool allKinds, const std::function<void()> &then);
    bool kindsKnown() const;
    void process(const ApplyDocument &doc);
    void write(ApplyResult r, const api::ResourcePath &path, const QJsonObject &live, bool exists);
    void writeDone(ApplyResult r, const api::Result<api::Response> &response, const QStringList &warnings,
                   const api::ResourcePath &path, const QJsonObject &live, bool exists);
    void fetchCurrent(ApplyResult r, const api::ResourcePath &path);
    void finish(ApplyResult r, const QJsonObject &live = {});

    QPointer<ClusterConnection> m_connection;
    api::KubeClient m_client;
    ApplyOptions m_options;
    QList<ApplyDocument> m_queue;
    int m_pos = 0;
    int m_firstPhase = 0;
    bool m_crdCreated = false;
    bool m_waited = false;
    QElapsedTimer m_waitClock;
    QList<ApplyResult> m_results;
    QList<ApplyDiff> m_diffs;
};

} // namespace acp::models
