#pragma once
// PssTemplateCatalog: the pod security templates the Policies page offers.
//  - Four built-ins written for ACP Console (resources/pss-templates/*.yaml, compiled into the
//    `pss_templates` Qt resource of acp_models): Privileged, Baseline, Nonroot and Restricted,
//    namespaced Kyverno `Policy` objects (kyverno.io/v1) labelled
//    `console.alauda.io/pss-template: <name>`.
//  - The platform's samples discovered at run time: `consoleyamlsamples.console.alauda.io`
//    objects (spec.targetResource {apiVersion, kind}, spec.title, spec.description, spec.yaml)
//    whose target is a kyverno.io Policy, on clusters whose discovery serves that resource.
// Thread: GUI thread. The static functions are pure and thread-safe.
#include "api/ApiError.h"
#include "models/PodSecurity.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <optional>

namespace acp::models {

class ClusterConnection;

enum class PssMode { Enforce, Audit };

struct PssTemplate {
    QString name;                   // "restricted" (built-in) or the sample's metadata.name
    std::optional<PssLevel> level;  // the PSS level its podSecurity rule enforces (Nonroot: Baseline)
    QString title;
    QString description;
    bool builtIn = false;
    QString cluster;                // samples: where it was discovered
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

    static QString modeName(PssMode mode);  // "Enforce" | "Audit"
    static std::optional<PssMode> parseMode(const QString &text);

    // The four built-ins in order privileged, baseline, nonroot, restricted.
    static const QList<PssTemplate> &builtIns();
    static std::optional<PssTemplate> builtIn(const QString &name);

    // The template's Policy for a namespace and mode: metadata.namespace set,
    // spec.validationFailureAction = mode, the template label kept (set for samples too).
    static QJsonObject policyFor(const PssTemplate &t, const QString &namespaceName, PssMode mode);
    static QByteArray policyYaml(const PssTemplate &t, const QString &namespaceName, PssMode mode);

    // A ConsoleYAMLSample object -> a template, when its target is a kyverno.io Policy and its
    // spec.yaml parses to one; nullopt otherwise.
    static std::optional<PssTemplate> fromSample(const QJsonObject &sample, const QString &cluster);

    explicit PssTemplateCatalog(QObject *parent = nullptr);

    // Built-ins first, then the samples discovered so far (by cluster, then name).
    QList<PssTemplate> templates() const;
    QList<PssTemplate> samples() const { return m_samples; }

    // Lists the samples of one cluster (asynchronously; replaces that cluster's earlier ones).
    // A cluster that does not serve consoleyamlsamples.console.alauda.io has none (no error).
    // Waits for the connection's discovery when it is not loaded yet.
    void discover(ClusterConnection *connection);

Q_SIGNALS:
    void changed();
    void discoveryFailed(const QString &cluster, const acp::api::ApiError &error);

private:
    void listSamples(ClusterConnection *connection);
    void setSamples(const QString &cluster, const QList<PssTemplate> &samples);

    QList<PssTemplate> m_samples;
};

} // namespace acp::models
