#pragma once
// ApplyEngine: applies YAML to one cluster the way the editor and `acpctl apply/diff` need it.
//
// Contracts:
// - Input: multi-document YAML (api::yaml, go-yaml v2 scalars: `defaultMode: 0644` is 420),
//   each document's start line kept in its result. A YAML error fails the whole call (nothing
//   is sent); everything after parsing is per document and never aborts the other documents.
// - Each document's apiVersion/kind is resolved through the connection's discovery (exact
//   group, version and kind). Cluster-scoped kinds never get a namespace (one written on the
//   object is dropped, with a warning in the result); namespaced kinds get
//   ApplyOptions::namespaceName when they have none.
// - Order: CustomResourceDefinitions and Namespaces first (in file order), then the rest in file
//   order. After CRDs were created, discovery is refreshed until the kinds of the remaining
//   documents are known (at most ApplyOptions::discoveryTimeoutMs).
// - Modes (ApplyMode): Create = POST; Apply = kubectl apply's created/configured/unchanged as a
//   forced server-side apply; ServerSideApply = "serverside-applied", a 409 lists the conflicts
//   per field and manager (ApplyResult::conflicts); Replace = PUT with the resourceVersion, a
//   409 carries the server's current object (ApplyResult::current).
// - dryRun sends dryRun=All; results are marked and carry the admission warnings.
// - Asynchronous: callbacks run later on the GUI thread, only while `context` lives; destroying
//   the context (or the engine) cancels the run's requests. Several runs may be in flight.
// - managedFields in a document are never sent (server-side apply refuses them).
// - dryRun does not wait for CRDs (none are created): their custom resources then fail with
//   kubectl's "no matches for kind", as kubectl --dry-run=server does.
// Thread: GUI thread (the connection's).
#include "api/Result.h"
#include "models/ApplyTypes.h"

#include <QObject>
#include <QPointer>
#include <functional>

namespace acp::models {

class ClusterConnection;

class ApplyEngine : public QObject {
    Q_OBJECT
public:
    using ResultsCallback = std::function<void(const api::Result<QList<ApplyResult>> &results)>;
    using ResultCallback = std::function<void(const ApplyResult &result)>;
    using DiffCallback = std::function<void(const api::Result<QList<ApplyDiff>> &diffs)>;

    explicit ApplyEngine(ClusterConnection *connection, QObject *parent = nullptr);
    ClusterConnection *connection() const { return m_connection; }

    // Applies every document of `yaml`. `done` gets the results in processing order (CRDs and
    // Namespaces first), or the parse error. `progress` (optional) gets each result as it lands.
    void apply(const QByteArray &yaml, const ApplyOptions &options, QObject *context, ResultsCallback done,
               ResultCallback progress = {});
    // Applies already parsed documents (e.g. ApplyObjects::parse of the editor's text).
    void applyDocuments(const QList<ApplyDocument> &documents, const ApplyOptions &options, QObject *context,
                        ResultsCallback done, ResultCallback progress = {});

    // Follow-ups of a ServerSideApply conflict: re-apply failed.applied with force, or without
    // the conflicting fields (ApplyObjects::dropFields of failed.conflicts), keeping the other
    // options. The result keeps failed.index and failed.line.
    void retryWithForce(const ApplyResult &failed, const ApplyOptions &options, QObject *context, ResultCallback done);
    void retryDroppingConflicts(const ApplyResult &failed, const ApplyOptions &options, QObject *context,
                                ResultCallback done);

    // Live vs merged for every document: the live object (GET) and the server-side dry-run of
    // applying the document in options.mode (always dry-run), normalised as kubectl diff does
    // (managedFields removed, Secret data masked when maskSecrets), as YAML (api::yaml::dump).
    // Documents that fail keep their error in ApplyDiff::result.
    void diff(const QByteArray &yaml, const ApplyOptions &options, QObject *context, DiffCallback done,
              bool maskSecrets = true);

    // "created", "configured", ... with " (server dry run)" when dryRun (kubectl's wording).
    static QString actionText(const ApplyResult &result);

private:
    QPointer<ClusterConnection> m_connection;
};

} // namespace acp::models
