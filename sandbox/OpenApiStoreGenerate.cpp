// OpenApiStore, part 2: generated OpenAPI v3 documents (CRD group-versions, built-ins without a
// spec file), shaped like kube-apiserver's: schemas named by reversed group, GVK extensions,
// list/create/deletecollection/get/replace/patch/delete operations with kubectl's query parameters.
#include "sandbox/OpenApiStore.h"

#include "sandbox/ResourceRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace acp::sandbox {

namespace {

const QString kMeta = QStringLiteral("io.k8s.apimachinery.pkg.apis.meta.v1.");
const QString kObjectMeta = kMeta + QLatin1String("ObjectMeta");
const QString kListMeta = kMeta + QLatin1String("ListMeta");
const QString kStatus = kMeta + QLatin1String("Status");
const QString kDeleteOptions = kMeta + QLatin1String("DeleteOptions");
const QString kPatch = kMeta + QLatin1String("Patch");
const QString kScale = QStringLiteral("io.k8s.api.autoscaling.v1.Scale");
const QString kRefPrefix = QStringLiteral("#/components/schemas/");

const char kApiVersionDesc[] = "APIVersion defines the versioned schema of this representation of an object. Servers should "
                               "convert recognized schemas to the latest internal value, and may reject unrecognized values. "
                               "More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
const char kKindDesc[] = "Kind is a string value representing the REST resource this object represents. Servers may infer "
                         "this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: "
                         "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";
const char kMetadataDesc[] = "Standard object's metadata. More info: "
                             "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const char kListMetaDesc[] = "Standard list metadata. More info: "
                             "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

// Meta schemas for documents generated without any spec file (fresh clone without ../shared).
const char kFallbackShared[] = R"({
 "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
  "description": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
  "type": "object",
  "properties": {
   "name": {"type": "string"}, "generateName": {"type": "string"}, "namespace": {"type": "string"},
   "uid": {"type": "string"}, "resourceVersion": {"type": "string"},
   "generation": {"type": "integer", "format": "int64"},
   "creationTimestamp": {"type": "string", "format": "date-time"},
   "deletionTimestamp": {"type": "string", "format": "date-time"},
   "deletionGracePeriodSeconds": {"type": "integer", "format": "int64"},
   "labels": {"type": "object", "additionalProperties": {"type": "string", "default": ""}},
   "annotations": {"type": "object", "additionalProperties": {"type": "string", "default": ""}},
   "finalizers": {"type": "array", "items": {"type": "string", "default": ""}, "x-kubernetes-list-type": "set"},
   "ownerReferences": {"type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}},
   "managedFields": {"type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}
  }
 },
 "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": {
  "description": "ListMeta describes metadata that synthetic resources must have, including lists and various status objects.",
  "type": "object",
  "properties": {"continue": {"type": "string"}, "remainingItemCount": {"type": "integer", "format": "int64"},
                 "resourceVersion": {"type": "string"}, "selfLink": {"type": "string"}}
 },
 "io.k8s.apimachinery.pkg.apis.meta.v1.Status": {
  "description": "Status is a return value for calls that don't return other objects.",
  "type": "object",
  "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "code": {"type": "integer", "format": "int32"},
                 "message": {"type": "string"}, "reason": {"type": "string"}, "status": {"type": "string"},
                 "details": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                 "metadata": {"allOf": [{"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"}], "default": {}}},
  "x-kubernetes-group-version-kind": [{"group": "", "kind": "Status", "version": "v1"}]
 },
 "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": {
  "description": "DeleteOptions may be provided when deleting an API object.",
  "type": "object",
  "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                 "dryRun": {"type": "array", "items": {"type": "string", "default": ""}},
                 "gracePeriodSeconds": {"type": "integer", "format": "int64"},
                 "propagationPolicy": {"type": "string"}, "orphanDependents": {"type": "boolean"},
                 "preconditions": {"type": "object", "properties": {"resourceVersion": {"type": "string"}, "uid": {"type": "string"}}}}
 },
 "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": {
  "description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
  "type": "object"
 },
 "io.k8s.api.autoscaling.v1.Scale": {
  "description": "Scale represents a scaling request for a resource.",
  "type": "object",
  "properties": {
   "apiVersion": {"type": "string"}, "kind": {"type": "string"},
   "metadata": {"allOf": [{"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}], "default": {}},
   "spec": {"type": "object", "default": {}, "properties": {"replicas": {"type": "integer", "format": "int32"}}},
   "status": {"type": "object", "default": {}, "required": ["replicas"],
              "properties": {"replicas": {"type": "integer", "format": "int32", "default": 0}, "selector": {"type": "string"}}}
  },
  "x-kubernetes-group-version-kind": [{"group": "autoscaling", "kind": "Scale", "version": "v1"}]
 }
})";


QJsonObject ref(const QString &schema)
{
    return QJsonObject{{QStringLiteral("$ref"), QString(kRefPrefix + schema)}};
}

QJsonObject allOfRef(const QString &schema, const char *description)
{
    QJsonObject o{{QStringLiteral("allOf"), QJsonArray{ref(schema)}}, {QStringLiteral("default"), QJsonObject()}};
    if (description)
        o.insert(QStringLiteral("description"), QString::fromLatin1(description));
    return o;
}

QJsonObject gvkObject(const QString &group, const QString &version, const QString &kind)
{
    return QJsonObject{{QStringLiteral("group"), group}, {QStringLiteral("version"), version}, {QStringLiteral("kind"), kind}};
}

// ---- generated operations --------------------------------------------------------------------

struct ParamSpec { const char *name, *type, *description; };

const ParamSpec kParams[] = {
    {"allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\". Servers that do not implement bookmarks may ignore this flag and bookmarks are sent at the server's discretion."},
    {"continue", "string", "The continue option should be set when retrieving more results from the server."},
    {"dryRun", "string", "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed"},
    {"fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint."},
    {"fieldSelector", "string", "A selector to restrict the list of returned objects by their fields. Defaults to everything."},
    {"fieldValidation", "string", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered."},
    {"force", "boolean", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests."},
    {"gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately."},
    {"labelSelector", "string", "A selector to restrict the list of returned objects by their labels. Defaults to everything."},
    {"limit", "integer", "limit is a maximum number of responses to return for a list call. If more items exist, the server will set the `continue` field on the list metadata to a value that can be used with the same initial query to retrieve the next set of results."},
    {"orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned."},
    {"pretty", "string", "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget)."},
    {"propagationPolicy", "string", "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background', 'Foreground'."},
    {"resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request may be served from. Defaults to unset"},
    {"resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied to list calls. Defaults to unset"},
    {"sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`. In that case, the watch stream will begin with synthetic events to produce the current state of objects in the collection."},
    {"timeoutSeconds", "integer", "Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity."},
    {"watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion."},
};

QJsonObject queryParam(const char *name)
{
    for (const ParamSpec &p : kParams) {
        if (qstrcmp(p.name, name) == 0)
            return QJsonObject{{QStringLiteral("name"), QString::fromLatin1(p.name)},
                               {QStringLiteral("in"), QStringLiteral("query")},
                               {QStringLiteral("description"), QString::fromLatin1(p.description)},
                               {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QString::fromLatin1(p.type)},
                                                                       {QStringLiteral("uniqueItems"), true}}}};
    }
    Q_UNREACHABLE();
    return {};
}

QJsonArray queryParams(std::initializer_list<const char *> names)
{
    QJsonArray out;
    for (const char *n : names)
        out << queryParam(n);
    return out;
}

QJsonObject pathParam(const QString &name, const QString &description)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("in"), QStringLiteral("path")},
                       {QStringLiteral("required"), true}, {QStringLiteral("description"), description},
                       {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                                               {QStringLiteral("uniqueItems"), true}}}};
}

QJsonObject content(const QStringList &types, const QString &schema)
{
    QJsonObject c;
    for (const QString &t : types)
        c.insert(t, QJsonObject{{QStringLiteral("schema"), ref(schema)}});
    return c;
}

QJsonObject responses(const QString &schema, std::initializer_list<int> codes)
{
    static const QStringList kTypes{QStringLiteral("application/json"), QStringLiteral("application/yaml")};
    QJsonObject r;
    for (int code : codes) {
        const char *desc = code == 200 ? "OK" : code == 201 ? "Created" : "Accepted";
        r.insert(QString::number(code), QJsonObject{{QStringLiteral("description"), QString::fromLatin1(desc)},
                                                    {QStringLiteral("content"), content(kTypes, schema)}});
    }
    r.insert(QStringLiteral("401"), QJsonObject{{QStringLiteral("description"), QStringLiteral("Unauthorized")}});
    return r;
}

QString capitalized(const QString &s)
{
    return s.isEmpty() ? s : s.at(0).toUpper() + s.mid(1);
}

// Names kube-openapi derives operation ids and tags from: "AuthAlaudaIo", "RbacAuthorization", "Core".
QString groupCamel(const ResourceType &t)
{
    if (t.group.isEmpty())
        return QStringLiteral("Core");
    QString g = t.group;
    if (!t.isCrd && g.endsWith(QLatin1String(".k8s.io")))
        g.chop(7);
    QString out;
    for (const QString &part : g.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        for (const QString &word : part.split(QLatin1Char('-'), Qt::SkipEmptyParts))
            out += capitalized(word);
    }
    return out;
}

// Everything the operations of one kind share.
struct OpContext {
    QJsonObject gvk;
    QString tag;
    QString idStem;       // "AuthAlaudaIoV1"
    QString kind;         // for descriptions and ids
    QStringList patchTypes;
};

QJsonObject operation(const OpContext &c, const QString &action, const QString &id, const QString &description,
                      const QJsonArray &params, const QJsonObject &requestBody, const QJsonObject &resp)
{
    QJsonObject op{{QStringLiteral("description"), description},
                   {QStringLiteral("operationId"), id},
                   {QStringLiteral("tags"), QJsonArray{c.tag}},
                   {QStringLiteral("responses"), resp},
                   {QStringLiteral("x-kubernetes-action"), action},
                   {QStringLiteral("x-kubernetes-group-version-kind"), c.gvk}};
    if (!params.isEmpty())
        op.insert(QStringLiteral("parameters"), params);
    if (!requestBody.isEmpty())
        op.insert(QStringLiteral("requestBody"), requestBody);
    return op;
}

QJsonObject body(const QStringList &types, const QString &schema)
{
    return QJsonObject{{QStringLiteral("content"), content(types, schema)}, {QStringLiteral("required"), true}};
}

QJsonObject itemOps(const OpContext &c, const ResourceType &t, const QString &schema, const QString &suffix,
                    const QString &what, bool withDelete)
{
    const QString ns = t.namespaced ? QStringLiteral("Namespaced") : QString();
    const QString id = c.idStem + ns + c.kind + suffix;
    QJsonObject item;
    if (t.allows(QStringLiteral("get")))
        item.insert(QStringLiteral("get"), operation(c, QStringLiteral("get"), QLatin1String("read") + id,
                                                     QLatin1String("read ") + what + QLatin1String(" of the specified ") + c.kind,
                                                     {}, {}, responses(schema, {200})));
    if (t.allows(QStringLiteral("update")))
        item.insert(QStringLiteral("put"), operation(c, QStringLiteral("put"), QLatin1String("replace") + id,
                                                     QLatin1String("replace ") + what + QLatin1String(" of the specified ") + c.kind,
                                                     queryParams({"dryRun", "fieldManager", "fieldValidation"}),
                                                     body({QStringLiteral("*/*")}, schema), responses(schema, {200, 201})));
    if (t.allows(QStringLiteral("patch")))
        item.insert(QStringLiteral("patch"), operation(c, QStringLiteral("patch"), QLatin1String("patch") + id,
                                                       QLatin1String("partially update ") + what + QLatin1String(" of the specified ") + c.kind,
                                                       queryParams({"dryRun", "fieldManager", "fieldValidation", "force"}),
                                                       body(c.patchTypes, kPatch), responses(schema, {200, 201})));
    if (withDelete && t.allows(QStringLiteral("delete")))
        item.insert(QStringLiteral("delete"), operation(c, QStringLiteral("delete"), QLatin1String("delete") + id,
                                                        QLatin1String("delete a ") + c.kind,
                                                        queryParams({"dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy"}),
                                                        body({QStringLiteral("*/*")}, kDeleteOptions), responses(kStatus, {200, 202})));
    return item;
}

void insertPath(QJsonObject &paths, const QString &path, QJsonObject item, const QJsonArray &pathParams)
{
    if (paths.contains(path) || item.isEmpty())
        return;
    QJsonArray params = pathParams;
    params << queryParam("pretty");
    item.insert(QStringLiteral("parameters"), params);
    paths.insert(path, item);
}

void addPaths(QJsonObject &paths, const ResourceType &t, const QString &schema)
{
    const QString base = t.group.isEmpty() ? QString(QLatin1String("/api/") + t.version)
                                           : QString(QLatin1String("/apis/") + t.group + QLatin1Char('/') + t.version);
    OpContext c;
    c.gvk = gvkObject(t.group, t.version, t.kind);
    const QString camel = groupCamel(t);
    c.tag = camel.at(0).toLower() + camel.mid(1) + QLatin1Char('_') + t.version;
    c.idStem = camel + capitalized(t.version);
    c.kind = t.kind;
    // CRDs (and the minimal built-in documents) do not advertise strategic merge patch: kubectl then
    // uses JSON merge patch for CRDs and its compiled-in types for built-ins.
    c.patchTypes = {QStringLiteral("application/apply-patch+yaml"), QStringLiteral("application/json-patch+json"),
                    QStringLiteral("application/merge-patch+json")};
    const QString ns = t.namespaced ? QStringLiteral("Namespaced") : QString();
    const QString collection = base + (t.namespaced ? QStringLiteral("/namespaces/{namespace}") : QString())
                               + QLatin1Char('/') + t.resource;
    QJsonArray nsParam;
    if (t.namespaced)
        nsParam << pathParam(QStringLiteral("namespace"), QStringLiteral("object name and auth scope, such as for teams and projects"));

    QJsonObject coll;
    if (t.allows(QStringLiteral("create")))
        coll.insert(QStringLiteral("post"), operation(c, QStringLiteral("post"), QLatin1String("create") + c.idStem + ns + t.kind,
                                                      QLatin1String("create a ") + t.kind,
                                                      queryParams({"dryRun", "fieldManager", "fieldValidation"}),
                                                      body({QStringLiteral("*/*")}, schema), responses(schema, {200, 201, 202})));
    if (!t.stored) {
        insertPath(paths, collection, coll, nsParam);
        return;
    }
    const QString listSchema = schema + QLatin1String("List");
    if (t.allows(QStringLiteral("list")))
        coll.insert(QStringLiteral("get"), operation(c, QStringLiteral("list"), QLatin1String("list") + c.idStem + ns + t.kind,
                                                     QLatin1String("list or watch objects of kind ") + t.kind,
                                                     queryParams({"allowWatchBookmarks", "continue", "fieldSelector", "labelSelector",
                                                                  "limit", "resourceVersion", "resourceVersionMatch",
                                                                  "sendInitialEvents", "timeoutSeconds", "watch"}),
                                                     {}, responses(listSchema, {200})));
    if (t.allows(QStringLiteral("deletecollection")))
        coll.insert(QStringLiteral("delete"), operation(c, QStringLiteral("deletecollection"),
                                                        QLatin1String("deleteCollection") + c.idStem + ns + t.kind,
                                                        QLatin1String("delete collection of ") + t.kind,
                                                        queryParams({"continue", "dryRun", "fieldSelector", "gracePeriodSeconds",
                                                                     "labelSelector", "limit", "orphanDependents", "propagationPolicy",
                                                                     "resourceVersion", "resourceVersionMatch", "sendInitialEvents",
                                                                     "timeoutSeconds"}),
                                                        body({QStringLiteral("*/*")}, kDeleteOptions), responses(kStatus, {200})));
    insertPath(paths, collection, coll, nsParam);

    if (t.namespaced && t.allows(QStringLiteral("list"))) {
        QJsonObject all{{QStringLiteral("get"),
                         operation(c, QStringLiteral("list"), QLatin1String("list") + c.idStem + t.kind + QLatin1String("ForAllNamespaces"),
                                   QLatin1String("list or watch objects of kind ") + t.kind, {}, {}, responses(listSchema, {200}))}};
        QJsonArray params = queryParams({"allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit",
                                         "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch"});
        insertPath(paths, base + QLatin1Char('/') + t.resource, all, params);
    }

    QJsonArray itemParams{pathParam(QStringLiteral("name"), QLatin1String("name of the ") + t.kind)};
    for (const QJsonValue &p : nsParam)
        itemParams << p;
    const QString item = collection + QLatin1String("/{name}");
    insertPath(paths, item, itemOps(c, t, schema, QString(), QString(), true), itemParams);
    for (const SubresourceInfo &sub : t.subresources) {
        if (sub.name == QLatin1String("status")) {
            ResourceType st = t;
            st.verbs = sub.verbs;
            insertPath(paths, item + QLatin1String("/status"), itemOps(c, st, schema, QStringLiteral("Status"), QStringLiteral("status"), false), itemParams);
        } else if (sub.name == QLatin1String("scale")) {
            ResourceType st = t;
            st.verbs = sub.verbs;
            OpContext sc = c;
            sc.gvk = gvkObject(sub.group, sub.version, sub.kind);
            insertPath(paths, item + QLatin1String("/scale"), itemOps(sc, st, kScale, QStringLiteral("Scale"), QStringLiteral("scale"), false), itemParams);
        }
    }
}

QJsonObject crdVersionSchema(const ResourceType &t)
{
    const QJsonArray versions = t.crd.value(QLatin1String("spec")).toObject().value(QLatin1String("versions")).toArray();
    for (const QJsonValue &v : versions) {
        const QJsonObject vo = v.toObject();
        if (vo.value(QLatin1String("name")).toString() == t.version)
            return vo.value(QLatin1String("schema")).toObject().value(QLatin1String("openAPIV3Schema")).toObject();
    }
    return {};
}

QJsonObject kindSchema(const ResourceType &t)
{
    QJsonObject s = t.isCrd ? crdVersionSchema(t) : QJsonObject();
    if (s.isEmpty()) {
        s.insert(QStringLiteral("x-kubernetes-preserve-unknown-fields"), true);
        if (!t.isCrd)
            s.insert(QStringLiteral("description"), QString(t.kind + QLatin1String(" (acp-sandbox publishes no schema for this kind)")));
    }
    if (!s.contains(QLatin1String("type")))
        s.insert(QStringLiteral("type"), QStringLiteral("object"));
    QJsonObject props = s.value(QLatin1String("properties")).toObject();
    if (!props.contains(QLatin1String("apiVersion")))
        props.insert(QStringLiteral("apiVersion"), QJsonObject{{QStringLiteral("description"), QString::fromLatin1(kApiVersionDesc)},
                                                              {QStringLiteral("type"), QStringLiteral("string")}});
    if (!props.contains(QLatin1String("kind")))
        props.insert(QStringLiteral("kind"), QJsonObject{{QStringLiteral("description"), QString::fromLatin1(kKindDesc)},
                                                        {QStringLiteral("type"), QStringLiteral("string")}});
    props.insert(QStringLiteral("metadata"), allOfRef(kObjectMeta, kMetadataDesc));
    s.insert(QStringLiteral("properties"), props);
    s.insert(QStringLiteral("x-kubernetes-group-version-kind"), QJsonArray{gvkObject(t.group, t.version, t.kind)});
    return s;
}

QJsonObject listSchema(const ResourceType &t, const QString &itemSchema)
{
    const QJsonObject props{
        {QStringLiteral("apiVersion"), QJsonObject{{QStringLiteral("description"), QString::fromLatin1(kApiVersionDesc)},
                                                   {QStringLiteral("type"), QStringLiteral("string")}}},
        {QStringLiteral("kind"), QJsonObject{{QStringLiteral("description"), QString::fromLatin1(kKindDesc)},
                                             {QStringLiteral("type"), QStringLiteral("string")}}},
        {QStringLiteral("items"), QJsonObject{{QStringLiteral("description"), QString(QLatin1String("List of ") + t.resource
                                                                                 + QLatin1String(". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"))},
                                              {QStringLiteral("type"), QStringLiteral("array")},
                                              {QStringLiteral("items"), ref(itemSchema)}}},
        {QStringLiteral("metadata"), allOfRef(kListMeta, kListMetaDesc)}};
    return QJsonObject{{QStringLiteral("description"), QString(t.kind + QLatin1String("List is a list of ") + t.kind)},
                       {QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("required"), QJsonArray{QStringLiteral("items")}},
                       {QStringLiteral("properties"), props},
                       {QStringLiteral("x-kubernetes-group-version-kind"),
                        QJsonArray{gvkObject(t.group, t.version, QString(t.kind + QLatin1String("List")))}}};
}

} // namespace

const QStringList &OpenApiStore::sharedSchemaNames()
{
    static const QStringList names{kObjectMeta, kListMeta, kStatus, kDeleteOptions, kPatch, kScale};
    return names;
}

QString OpenApiStore::schemaName(const ResourceType &t)
{
    const QString tail = QLatin1Char('.') + t.version + QLatin1Char('.') + t.kind;
    if (t.group.isEmpty())
        return QLatin1String("io.k8s.api.core") + tail;
    if (!t.isCrd) {
        if (t.group == QLatin1String("apiextensions.k8s.io"))
            return QLatin1String("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions") + tail;
        if (!t.group.contains(QLatin1Char('.')) || t.group.endsWith(QLatin1String(".k8s.io")))
            return QLatin1String("io.k8s.api.") + t.group.section(QLatin1Char('.'), 0, 0) + tail;
    }
    QStringList parts = t.group.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    std::reverse(parts.begin(), parts.end());
    return parts.join(QLatin1Char('.')) + tail;
}

QJsonObject OpenApiStore::fallbackSharedSchemas()
{
    static const QJsonObject schemas = QJsonDocument::fromJson(QByteArray(kFallbackShared)).object();
    return schemas;
}

QJsonObject OpenApiStore::generate(const QList<const ResourceType *> &types, QJsonObject base, const QJsonObject &shared)
{
    bool anyCrd = false;
    for (const ResourceType *t : types)
        anyCrd = anyCrd || t->isCrd;
    if (!base.contains(QLatin1String("openapi")))
        base.insert(QStringLiteral("openapi"), QStringLiteral("3.0.0"));
    if (!base.contains(QLatin1String("info")))
        base.insert(QStringLiteral("info"), QJsonObject{{QStringLiteral("title"), anyCrd ? QStringLiteral("Kubernetes CRD Swagger") : QStringLiteral("Kubernetes")},
                                                        {QStringLiteral("version"), anyCrd ? QStringLiteral("v0.1.0") : QStringLiteral("unversioned")}});
    QJsonObject components = base.value(QLatin1String("components")).toObject();
    QJsonObject schemas = components.value(QLatin1String("schemas")).toObject();
    QJsonObject paths = base.value(QLatin1String("paths")).toObject();
    for (const ResourceType *t : types) {
        const QString name = schemaName(*t);
        if (!schemas.contains(name))
            schemas.insert(name, kindSchema(*t));
        if (t->stored && t->allows(QStringLiteral("list")) && !schemas.contains(name + QLatin1String("List")))
            schemas.insert(name + QLatin1String("List"), listSchema(*t, name));
        addPaths(paths, *t, name);
    }
    const QJsonObject &meta = shared.isEmpty() ? fallbackSharedSchemas() : shared;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        if (!schemas.contains(it.key()))
            schemas.insert(it.key(), *it);
    components.insert(QStringLiteral("schemas"), schemas);
    base.insert(QStringLiteral("components"), components);
    base.insert(QStringLiteral("paths"), paths);
    return base;
}

} // namespace acp::sandbox
