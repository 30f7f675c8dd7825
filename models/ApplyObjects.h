#pragma once
// ApplyObjects: the pure steps of ApplyEngine, any thread: parsing a multi-document input,
// resolving a document's apiVersion/kind through discovery, placing its namespace, reading
// server-side apply conflicts, dropping conflicting fields, and normalising objects for a diff
// as kubectl diff does.
#include "api/ApiResource.h"
#include "api/Result.h"
#include "models/ApplyTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace acp::models {

class ApplyObjects {
public:
    // Every non-empty document with its start line; a `kind: *List` with items is flattened
    // (its items keep the list's line). A YAML error keeps file:line:column; a document that is
    // not an object with apiVersion and kind is an error naming its line.
    static api::Result<QList<ApplyDocument>> parse(const QByteArray &yaml, const QString &fileName = QString());

    // CustomResourceDefinitions and Namespaces go first.
    static bool isFirstPhase(const QJsonObject &object);
    static bool isCustomResourceDefinition(const QJsonObject &object);

    // The resource serving exactly (group, version, kind) of the object's apiVersion/kind, or
    // kubectl's "no matches for kind \"K\" in version \"g/v\"" (a local error: httpStatus 0,
    // reason NotFound). Local errors of placeNamespace are httpStatus 0 too.
    static api::Result<api::ApiResource> resolve(const api::ApiResourceSet &resources, const QJsonObject &object);

    // Cluster-scoped kinds never get a namespace: one written on the object is dropped with a
    // warning. Namespaced kinds get options.namespaceName when they have none; with
    // options.enforceNamespace a different namespace is kubectl's error.
    static api::Result<QJsonObject> placeNamespace(QJsonObject object, const api::ApiResource &resource,
                                                   const ApplyOptions &options, QStringList *warnings);

    // The conflicts of a server-side apply 409 (Status details.causes with reason
    // FieldManagerConflict); empty for any other error.
    static QList<ApplyConflict> conflicts(const api::ApiError &error);
    // The manager named in a cause message: `conflict with "kubectl" using apps/v1` -> kubectl.
    static QString managerOf(const QString &causeMessage);

    // `object` without the fields at these kube-apiserver field paths (".spec.replicas",
    // ".spec.containers[name=\"web\"].image", ".metadata.labels.app.kubernetes.io/name",
    // "[=value]" set items, "[3]" indexes). Paths that do not exist are left alone; `missing`
    // receives them.
    static QJsonObject dropFields(const QJsonObject &object, const QStringList &paths, QStringList *missing = nullptr);

    // For display and comparison: metadata.managedFields removed (kubectl diff's default).
    static QJsonObject normalized(const QJsonObject &object);
    // kubectl diff's Secret masking: data/stringData values become "***", or "*** (before)" /
    // "*** (after)" where they differ. Both objects must be Secrets (else untouched).
    static void maskSecrets(QJsonObject &live, QJsonObject &merged);
    // kubectl diff's file name: "<group>.<version>.<Kind>.<namespace>.<name>" ("v1.Pod.default.web").
    static QString diffFileName(const QJsonObject &object);
    // Whether two objects are the same apart from managedFields and resourceVersion.
    static bool sameContent(const QJsonObject &a, const QJsonObject &b);
};

} // namespace acp::models
