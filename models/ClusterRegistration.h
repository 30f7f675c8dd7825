#pragma once
// ClusterRegistration: registers (imports) an existing Kubernetes cluster with the ACP platform
// as ACP keeps it in `global`: a credential Secret and a clusterregistry.k8s.io/v1alpha1
// Cluster, both in namespace cpaas-system. Before anything is saved the input is validated:
//  - locally (checkInput): the name is a DNS-1123 label, the endpoint an https URL, the CA a
//    PEM certificate, the token present;
//  - against the cluster: GET /version at the endpoint, trusting only the given CA and sending
//    the token, so a wrong address, a CA that does not sign the server's certificate or a
//    rejected token fail with the transport's or the server's message.
// Then the Secret `<name>-credential` (data.token) and the Cluster (annotation
// cpaas.io/display-name; spec.kubernetesApiEndpoints {serverEndpoints[{clientCIDR 0.0.0.0/0,
// serverAddress}], caBundle}; spec.authInfo.controller -> the Secret) are created with the
// platform client of `global`. A Cluster that fails to be created removes the Secret again.
// Thread: GUI thread; callbacks have this as context.
#include "api/KubeClient.h"

#include <QObject>
#include <functional>

namespace acp::models {

class ClusterRegistration : public QObject {
    Q_OBJECT
public:
    struct Input {
        QString name;
        QString displayName;
        QString endpoint;      // https://host:port[/prefix]
        QByteArray caPem;      // the CA that signs the API server's certificate
        QString token;         // a bearer token with cluster-admin rights
    };
    static constexpr const char *kNamespace = "cpaas-system";

    // `global`: a client of the global cluster (the platform's registry).
    explicit ClusterRegistration(const api::KubeClient &global, QObject *parent = nullptr);

    // Problems with the input itself, one sentence each; empty when fine.
    static QStringList checkInput(const Input &input);

    // Validates only: the server's git version ("v1.32.3") or why it failed.
    void validate(const Input &input, std::function<void(const api::Result<QString> &)> done);
    // Validates, then saves the Secret and the Cluster: the Cluster's name or why it failed.
    void registerCluster(const Input &input, std::function<void(const api::Result<QString> &)> done);

    static QJsonObject secretFor(const Input &input);
    static QJsonObject clusterFor(const Input &input);

private:
    void save(const Input &input, std::function<void(const api::Result<QString> &)> done);

    api::KubeClient m_global;
};

} // namespace acp::models
