#pragma once
// PssTemplateCatalog: the pod security templates the Policies page offers.
//  - Four built-ins written for ACP Console (resources/pss-templates/*.yaml, compiled into the
//    `pss_templates` Qt resource of acp_models): Privileged, Baseline, Nonroot and Restricted,
//    namespaced Kyverno `Policy` objects (kyverno.io/v1) labelled
//    `console.alauda.io/pss-template: <name>`.
//  - The platform's samples discovered at run time: `consoleyamlsamples.console.alauda.io`
//    objects whose target is a kyverno.io Policy, on clusters whose discovery serves that
//    resource, kept live by a watch per cluster (a sample added, changed or deleted shows at
//    once; a CRD installed later is picked up when discovery changes). ../shared has no schema
//    for this kind: its shape is ASSUMED from OpenShift's ConsoleYAMLSample
//    (console.openshift.io/v1, cluster-scoped; spec.targetResource {apiVersion, kind},
//    spec.title, spec.description, spec.yaml, optional spec.snippet). Snippets are not whole
//    Policies and are skipped, as are samples of other kinds.
//  - A sample applies like a built-in: its Policy (as spec.yaml has it) goes into each target
//    namespace, on any cluster. It is labelled `console.alauda.io/pss-template: sample.<name>`
//    (templateId()), so a sample named like a built-in ("restricted") stays distinguishable.
// Thread: GUI thread. The static functions are pure and thread-safe.
#include "api/ApiError.h"
#include "models/InformerCache.h"
#include "models/PodSecurity.h"

#include <QJsonObject>
#include <QList>
#include <QHash>
#include <QSet>
#include <QObject>
#include <QPointer>
#include <optional>

namespace acp::models {

class ClusterConnection;

enum class PssMode { Enforce, Audit };

struct PssTemplate {
    QString name;                   // "restricted" (built-in) or the sample's metadata.name
    std::optional<PssLevel> level;  // the PSS level its podSecurity rule enforces (Nonroot: Baseline)
    // Checks of a stricter level its other rules enforce, for the impact preview: "runAsNonRoot"
    // when a pattern rule requires runAsNonRoot (Nonroot) and the level is below Restricted.
    QStringList extraChecks;
    QString title;
    QString description;
    bool builtIn = false;
    QString cluster;                // samples: where it was discovered
    QString policyName;             // metadata.name of the Policy it writes
    QJsonObject policy;             // the Policy object, without namespace
};

class PssTemplateCatalog : public QObject {
    Q_OBJECT
public:
    // The label marking a Policy as applied from a console template; its value is the template.
    static QString templateLabel();
    // Annotations every template carries.
    static QString titleAnnotation();       // policies.kyverno.io/title
    static QString descriptionAnnotation(); // policies.kyverno.io/description

    // The template label's value for a template: its name for built-ins, "sample.<name>" for
    // samples (at most 63 characters, a valid label value).
    static QString templateId(const PssTemplate &t);
    // The words for a template label value: "restricted", "restricted (platform sample)".
    static QString displayName(const QString &templateId);

    static QString modeName(PssMode mode);  // "Enforce" | "Audit"
    static std::optional<PssMode> parseMode(const QString &text);

    // The four built-ins in order privileged, baseline, nonroot, restricted.
    static const QList<PssTemplate> &builtIns();
    static std::optional<PssTemplate> builtIn(const QString &name);

    // The template's Policy for a namespace and mode: metadata.namespace set,
    // spec.validationFailureAction = mode, the template label = templateId(t).
    static QJsonObject policyFor(const PssTemplate &t, const QString &namespaceName, PssMode mode);
    static QByteArray policyYaml(const PssTemplate &t, const QString &namespaceName, PssMode mode);

    // A ConsoleYAMLSample object -> a template, when its target is a kyverno.io Policy, it is
    // not a snippet and its spec.yaml parses to a kyverno.io Policy; nullopt otherwise.
    static std::optional<PssTemplate> fromSample(const QJsonObject &sample, const QString &cluster);

    explicit PssTemplateCatalog(QObject *parent = nullptr);

    // Built-ins first, then the samples discovered so far (by cluster, then name).
    QList<PssTemplate> templates() const;
    QList<PssTemplate> samples() const { return m_samples; }

    // Watches the samples of one cluster (idempotent; starts the connection and waits for its
    // discovery). A cluster that does not serve consoleyamlsamples.console.alauda.io has none
    // (no error). Every change of the cluster's samples emits changed().
    void discover(ClusterConnection *connection);
    // The clusters whose samples are known (listed at least once, or known to have none).
    bool isDiscovered(const QString &cluster) const { return m_known.contains(cluster); }

Q_SIGNALS:
    void changed();
    // The samples of a cluster could not be listed (once per failure streak; a 403 stops the
    // cluster's watch: the user may not read samples there).
    void discoveryFailed(const QString &cluster, const acp::api::ApiError &error);

private:
    struct Watch {
        QPointer<ClusterConnection> connection;
        InformerRef informer;
        QPointer<QObject> context;      // the watch's signal connections (deleted on unbind)
        bool failed = false;            // 403: not watched again
        bool reported = false;          // an error was reported since the last good list
    };
    void bind(const QString &cluster);
    void readStore(const QString &cluster);
    void setSamples(const QString &cluster, const QList<PssTemplate> &samples);

    QHash<QString, Watch> m_watches;
    QSet<QString> m_known;
    QList<PssTemplate> m_samples;
};

} // namespace acp::models
