// KubeApi: server-side field validation of write requests (the fieldValidation query parameter)
// and the schema check of server-side apply configurations.
#include "sandbox/FieldValidator.h"
#include "sandbox/KubeApi.h"
#include "sandbox/OpenApiStore.h"

namespace acp::sandbox {

QJsonObject KubeApi::fieldSchemas(const ResourceType &type)
{
    if (!m_ctx.openApi)
        return {};
    const OpenApiDocument doc = m_ctx.openApi->document(m_cluster->registry(), OpenApiStore::keyFor(type.group, type.version));
    if (doc.isNull())
        return {};
    if (!m_fieldValidator)
        m_fieldValidator = std::make_shared<FieldValidator>();
    return m_fieldValidator->schemas(doc.hash, doc.json);
}

std::optional<api::ApiError> KubeApi::validateFields(const HttpRequest &req, const RequestInfo &info, QJsonObject *obj,
                                                     FieldCheck check, QStringList *warnings, const QJsonObject &live)
{
    FieldValidator::Directive directive;
    const QString value = req.queryValue("fieldValidation");
    if (!FieldValidator::parseDirective(value, &directive))
        return SimCluster::badRequest(QStringLiteral("fieldValidation: Unsupported value: \"%1\": supported values: \"Ignore\", \"Strict\", \"Warn\"")
                                          .arg(value));
    if (!info.type || info.subresource == QLatin1String("scale"))
        return std::nullopt;
    const ResourceType &type = *info.type;
    const QJsonObject schemas = fieldSchemas(type);
    if (schemas.isEmpty())
        return std::nullopt;
    QStringList problems;
    // Duplicates first: the strict JSON decoder meets them while reading, before unknown fields.
    const QByteArray contentType = req.header("content-type");
    if (check != FieldCheck::PatchedObject && (contentType.isEmpty() || contentType.startsWith("application/json"))) {
        for (const QString &path : FieldValidator::duplicateFields(req.body))
            problems << QStringLiteral("duplicate field \"%1\"").arg(path);
    }
    // Fields the stored object already has are not the request's doing (kube-apiserver only ever
    // stores declared fields; the sandbox's own seeds may predate a spec file): not reported.
    QJsonObject stored = live;
    const QString root = OpenApiStore::schemaName(type);
    const QStringList known = live.isEmpty() ? QStringList() : FieldValidator::pruneUnknown(schemas, root, &stored);
    QJsonObject pruned = *obj;
    bool anyUnknown = false;
    for (const QString &path : FieldValidator::pruneUnknown(schemas, root, &pruned)) {
        if (!known.contains(path)) {
            problems << QStringLiteral("unknown field \"%1\"").arg(path);
            anyUnknown = true;
        }
    }
    if (anyUnknown)
        *obj = pruned;
    if (problems.isEmpty() || directive == FieldValidator::Directive::Ignore)
        return std::nullopt;
    if (directive == FieldValidator::Directive::Warn) {
        if (warnings)
            *warnings << problems;
        return std::nullopt;
    }
    const QString strict = QStringLiteral("strict decoding error: ") + problems.join(QLatin1String(", "));
    if (check == FieldCheck::PatchedObject)
        return SimCluster::badRequest(strict);
    // transformDecodeError: "<kind> in version \"<v>\" cannot be handled as a <kind>: <err>"
    const QString kind = obj->value(QLatin1String("kind")).toString();
    const QString version = obj->value(QLatin1String("apiVersion")).toString().section(QLatin1Char('/'), -1);
    return SimCluster::badRequest(QStringLiteral("%1 in version \"%2\" cannot be handled as a %3: %4")
                                      .arg(kind.isEmpty() ? type.kind : kind, version.isEmpty() ? type.version : version, type.kind, strict));
}

std::optional<api::ApiError> KubeApi::checkApplyFields(const RequestInfo &info, const QJsonObject &config)
{
    if (!info.type || !info.subresource.isEmpty())
        return std::nullopt;
    const ResourceType &type = *info.type;
    const QJsonObject schemas = fieldSchemas(type);
    if (schemas.isEmpty())
        return std::nullopt;
    QJsonObject copy = config;
    const QStringList unknown = FieldValidator::pruneUnknown(schemas, OpenApiStore::schemaName(type), &copy,
                                                             FieldValidator::PathStyle::StructuredMerge);
    if (unknown.isEmpty())
        return std::nullopt;
    // structured-merge-diff: ".spec.foo: field not declared in schema", several as "errors:\n  ..."
    QStringList errors;
    for (const QString &path : unknown)
        errors << QLatin1Char('.') + path + QStringLiteral(": field not declared in schema");
    const QString detail = errors.size() == 1 ? errors.first() : QStringLiteral("errors:\n  ") + errors.join(QStringLiteral("\n  "));
    const QString apiVersion = config.value(QLatin1String("apiVersion")).toString();
    const QString gv = apiVersion.contains(QLatin1Char('/')) ? apiVersion : QLatin1Char('/') + apiVersion;
    api::ApiError e;
    e.httpStatus = 500;
    e.message = QStringLiteral("failed to create typed patch object (%1/%2; %3, Kind=%4): %5")
                    .arg(info.ns, info.name, gv, config.value(QLatin1String("kind")).toString(), detail);
    return e;
}

} // namespace acp::sandbox
