#pragma once
// Value types of ApplyEngine: what to apply and how (ApplyOptions), one document of the input
// (ApplyDocument), what happened to it (ApplyResult, with SSA conflicts as ApplyConflict) and
// the live-vs-merged pair for a diff (ApplyDiff). Plain values, safe to copy between threads.
#include "api/ApiError.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace acp::models {

enum class ApplyMode {
    Create,          // POST; an existing object is an AlreadyExists error (kubectl create)
    Apply,           // kubectl apply's results (created / configured / unchanged), done as a
                     // forced server-side apply: the last applier wins, as with client-side apply
    ServerSideApply, // PATCH application/apply-patch+yaml; 409 -> conflicts per field and manager
    Replace,         // PUT with a resourceVersion; 409 -> the server's current object
};

struct ApplyOptions {
    ApplyMode mode = ApplyMode::ServerSideApply;
    QString namespaceName;           // default namespace for namespaced kinds without one
    bool enforceNamespace = false;   // a document in another namespace is an error (kubectl -n)
    bool dryRun = false;             // dryRun=All: admission and validation run, nothing persists
    bool force = false;              // ServerSideApply: take conflicting fields
    QString fieldManager = QStringLiteral("acp-console");
    QString fileName;                // for messages ("error when creating \"<file>\"")
    // Replace: the resourceVersion the user started from; a document's own
    // metadata.resourceVersion wins; neither = an unconditional PUT.
    QString baseResourceVersion;
    int discoveryTimeoutMs = 30000;  // after CRDs: how long to wait for their kinds
};

// One document of a multi-document input.
struct ApplyDocument {
    int index = -1;                  // 0-based among the non-empty documents
    int line = 0;                    // 1-based start line in the input
    QJsonObject object;
};

// One conflicting field of a server-side apply (Status details.causes, reason
// FieldManagerConflict): field is kube-apiserver's path (".spec.replicas",
// ".spec.containers[name=\"web\"].image"), manager the owner's name ("kubectl"), message the
// server's text ("conflict with \"kubectl\" using apps/v1").
struct ApplyConflict {
    QString field;
    QString manager;
    QString message;
    bool operator==(const ApplyConflict &o) const { return field == o.field && manager == o.manager; }
};

struct ApplyResult {
    int index = -1;                  // ApplyDocument::index
    int line = 0;                    // ApplyDocument::line
    QString apiVersion, kind, name, namespaceName;
    QString group, resource;         // from discovery ("" when the kind was not found)
    QString action;                  // "created", "configured", "unchanged", "serverside-applied",
                                     // "replaced" ("" on error)
    bool dryRun = false;
    bool changed = false;            // the object differs from before (managedFields aside)
    QJsonObject applied;             // the document as sent (namespace resolved, fields dropped)
    QJsonObject object;              // the server's answer (dry-run: what would be stored)
    QStringList warnings;            // admission warnings (PodSecurity, deprecations) + ours
    std::optional<api::ApiError> error;
    QList<ApplyConflict> conflicts;  // ServerSideApply 409
    QJsonObject current;             // Replace 409: the server's current object (three-way merge)

    bool ok() const { return !error.has_value(); }
    // kubectl's "<kind>.<group>/<name>" ("deployment.apps/web", "namespace/dev").
    QString reference() const;
    // kubectl's success line: "deployment.apps/web created (server dry run)".
    QString kubectlLine() const;
};

// The live object and the dry-run result of applying the document, both normalised for
// display as kubectl diff does (managedFields removed; Secret data masked unless asked not to),
// as YAML. live is empty when the object does not exist yet.
struct ApplyDiff {
    ApplyResult result;              // the dry-run apply of this document
    QJsonObject liveObject, mergedObject;
    QByteArray liveYaml, mergedYaml;
    QString fileName;                // kubectl diff's name: "apps.v1.Deployment.default.web"
    bool differs() const { return liveYaml != mergedYaml; }
};

} // namespace acp::models
