#pragma once
// Printing: kube-apiserver's Table responses (kubectl get) for a cluster's resource types,
// using the shared printer columns of models/ (built-in printers, CRD additionalPrinterColumns).
#include "sandbox/HttpServer.h"
#include "sandbox/ResourceRegistry.h"

#include <QJsonObject>

namespace acp::sandbox {

class SimCluster;

class Printing {
public:
    static QJsonObject table(const SimCluster &cluster, const ResourceType &type, const QList<QJsonObject> &objects,
                             const HttpRequest &req, const QString &resourceVersion, const QString &continueToken);
};

} // namespace acp::sandbox
