#pragma once
// OpenApiStore: the OpenAPI v3 documents the simulated clusters serve at /openapi/v3/<gv>.
// - Spec files: every *.json below the given folders (recursively) whose `paths` are a Kubernetes
//   group-version ("/api/v1..." or "/apis/<g>/<v>...") is keyed "api/v1" or "apis/<g>/<v>";
//   the first folder (then the first file in path order) wins per key. Platform REST documents
//   (/auth/v1/..., /platform/...) are skipped. Files are scanned on first use and kept as raw
//   bytes plus their hash.
// - Generated documents: a group-version served by CustomResourceDefinitions gets a document built
//   from the CRDs' spec.versions[].schema.openAPIV3Schema, as kube-apiserver does; a built-in
//   group-version without a spec file (fresh clone without ../shared) gets a minimal one (objects
//   with x-kubernetes-preserve-unknown-fields). A spec file that lacks some kind the registry serves
//   is extended with generated entries for it. Every generated operation carries
//   x-kubernetes-group-version-kind and the dryRun/fieldManager/fieldValidation query parameters
//   kubectl's QueryParamVerifierV3 looks for. Generated documents are cached per registry and
//   rebuilt when its generation or CRDs change.
// Shared by all clusters of a sandbox. Not thread-safe (the sandbox's event loop).
// Implementation: OpenApiStore.cpp (files, cache), OpenApiStoreGenerate.cpp (generated documents).
#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

namespace acp::sandbox {

class ResourceRegistry;
struct ResourceType;

struct OpenApiDocument {
    QByteArray json;    // the document as served (application/json)
    QByteArray hash;    // kube-openapi's etag: upper-case hex SHA-512 of json
    bool isNull() const { return json.isEmpty(); }
};

class OpenApiStore {
public:
    explicit OpenApiStore(const QStringList &dirs = {});
    ~OpenApiStore();
    OpenApiStore(const OpenApiStore &) = delete;
    OpenApiStore &operator=(const OpenApiStore &) = delete;

    QStringList dirs() const { return m_dirs; }

    // Spec files (scanned on first call).
    QStringList fileKeys();
    OpenApiDocument fileDocument(const QString &key);
    QString filePath(const QString &key);              // where fileDocument(key) came from

    // What a cluster with `registry` serves at /openapi/v3/<key>; null when it serves no such
    // group-version.
    OpenApiDocument document(const ResourceRegistry &registry, const QString &key);
    // Every group-version the registry serves (discovery order) with its document.
    QList<QPair<QString, OpenApiDocument>> documents(const ResourceRegistry &registry);

    // "api/v1" for the core group, else "apis/<group>/<version>".
    static QString keyFor(const QString &group, const QString &version);
    static QByteArray hashOf(const QByteArray &json);
    // components.schemas name of a kind: "io.k8s.api.core.v1.Pod", "io.alauda.auth.v1.Project".
    static QString schemaName(const ResourceType &type);
    // Builds (or extends `base` with) the document of one group-version serving `types`; `shared`
    // provides meta schemas (ObjectMeta, ListMeta, Status, DeleteOptions, Patch, Scale) copied in
    // when missing (fallbackSharedSchemas() when empty). Existing schemas/paths are kept.
    static QJsonObject generate(const QList<const ResourceType *> &types, QJsonObject base = {},
                                const QJsonObject &shared = {});
    static QJsonObject fallbackSharedSchemas();
    // Names of the meta schemas generated documents reference (ObjectMeta, ..., autoscaling/v1 Scale).
    static const QStringList &sharedSchemaNames();

private:
    struct FileDoc {
        QString path;
        OpenApiDocument doc;
        QSet<QString> kinds;     // "group/version/Kind" of every operation's x-kubernetes-group-version-kind
    };
    struct RegistryCache {
        int generation = -1;
        QByteArray signature;
        QHash<QString, OpenApiDocument> docs;
    };

    void ensureLoaded();
    void loadFile(const QString &path);
    OpenApiDocument build(const ResourceRegistry &registry, const QString &group, const QString &version);
    RegistryCache &cacheFor(const ResourceRegistry &registry);

    QStringList m_dirs;
    bool m_loaded = false;
    QHash<QString, FileDoc> m_files;
    QStringList m_fileOrder;
    QJsonObject m_shared;        // meta schemas (with their dependencies) taken from the spec files
    QHash<const ResourceRegistry *, RegistryCache> m_cache;
};

} // namespace acp::sandbox
