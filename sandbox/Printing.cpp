#include "sandbox/Printing.h"

#include "models/PrinterColumns.h"
#include "sandbox/SimCluster.h"

#include <QDateTime>

namespace acp::sandbox {

QJsonObject Printing::table(const SimCluster &, const ResourceType &type, const QList<QJsonObject> &objects,
                            const HttpRequest &req, const QString &resourceVersion, const QString &continueToken)
{
    const models::PrinterColumns columns = type.isCrd ? models::PrinterColumns::forCustomResource(type.crd, type.version)
                                                      : models::PrinterColumns::forKind(type.group, type.kind);
    models::TableOptions opts;
    const QString include = req.queryValue("includeObject");
    if (include == QLatin1String("Object"))
        opts.includeObject = models::IncludeObject::Object;
    else if (include == QLatin1String("None"))
        opts.includeObject = models::IncludeObject::None;
    opts.resourceVersion = resourceVersion;
    if (resourceVersion.isEmpty() && objects.size() == 1)
        opts.resourceVersion = objects.first().value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
    opts.continueToken = continueToken;
    return columns.toTable(objects, QDateTime::currentDateTimeUtc(), opts);
}

} // namespace acp::sandbox
