#include "models/SchemaIndex.h"

#include "api/YamlPositions.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace acp::models {
namespace {

const QString kQuantity = u"io.k8s.apimachinery.pkg.api.resource.Quantity"_s;
const QString kIntOrString = u"io.k8s.apimachinery.pkg.util.intstr.IntOrString"_s;
const QString kObjectMeta = u"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"_s;
const QString kRefPrefix = u"#/components/schemas/"_s;

QString shortName(const QString &schemaName)
{
    const qsizetype dot = schemaName.lastIndexOf(u'.');
    return dot < 0 ? schemaName : schemaName.mid(dot + 1);
}

} // namespace

QString SchemaNode::type() const
{
    const QString t = json.value("type"_L1).toString();
    if (t.isEmpty() && (json.contains("properties"_L1) || json.contains("additionalProperties"_L1)))
        return u"object"_s;
    return t;
}

bool SchemaNode::isIntOrString() const
{
    return refName == kIntOrString || json.value("x-kubernetes-int-or-string"_L1).toBool()
        || json.value("format"_L1).toString() == "int-or-string"_L1;
}

bool SchemaNode::isQuantity() const
{
    if (refName == kQuantity)
        return true;
    // CRDs (controller-gen) write resource.Quantity as int-or-string with the quantity pattern.
    return json.value("x-kubernetes-int-or-string"_L1).toBool()
        && json.value("pattern"_L1).toString().contains("([KMGTPE]i)"_L1);
}

bool SchemaNode::preservesUnknownFields() const
{
    return json.value("x-kubernetes-preserve-unknown-fields"_L1).toBool();
}

bool SchemaNode::isEmbeddedResource() const
{
    return json.value("x-kubernetes-embedded-resource"_L1).toBool();
}

bool SchemaNode::isNullable() const { return json.value("nullable"_L1).toBool(); }
QString SchemaNode::format() const { return json.value("format"_L1).toString(); }
QJsonObject SchemaNode::properties() const { return json.value("properties"_L1).toObject(); }
QJsonArray SchemaNode::enumValues() const { return json.value("enum"_L1).toArray(); }

QStringList SchemaNode::required() const
{
    QStringList out;
    for (const QJsonValue &v : json.value("required"_L1).toArray())
        out.append(v.toString());
    return out;
}

QString SchemaNode::typeLabel() const
{
    if (isQuantity())
        return u"Quantity"_s;
    if (isIntOrString())
        return u"IntOrString"_s;
    const QString t = type();
    if (t == "string"_L1 && format() == "date-time"_L1)
        return u"Time"_s;
    if (t == "array"_L1) {
        const QJsonObject items = json.value("items"_L1).toObject();
        QString ref = items.value("$ref"_L1).toString();
        if (ref.isEmpty())
            ref = items.value("allOf"_L1).toArray().first().toObject().value("$ref"_L1).toString();
        if (!ref.isEmpty())
            return "[]"_L1 + shortName(ref);
        const QString it = items.value("type"_L1).toString();
        return "[]"_L1 + (it.isEmpty() ? u"object"_s : it);
    }
    if (t == "object"_L1) {
        const QJsonValue ap = json.value("additionalProperties"_L1);
        if (ap.isObject() && !json.contains("properties"_L1)) {
            const QJsonObject apo = ap.toObject();
            const QString ref = apo.value("$ref"_L1).toString();
            const QString at = ref.isEmpty() ? apo.value("type"_L1).toString() : shortName(ref);
            return u"map[string]%1"_s.arg(at.isEmpty() ? u"object"_s : at);
        }
        return refName.isEmpty() ? u"object"_s : shortName(refName);
    }
    return t.isEmpty() ? u"any"_s : t;
}

api::Result<int> SchemaIndex::addOpenApiDocument(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (!doc.isObject())
        return api::ApiError{0, u"BadRequest"_s, u"invalid OpenAPI document: %1"_s.arg(err.errorString())};
    return addOpenApiDocument(doc.object());
}

int SchemaIndex::addOpenApiDocument(const QJsonObject &document)
{
    const QJsonObject schemas = document.value("components"_L1).toObject().value("schemas"_L1).toObject();
    int kinds = 0;
    for (auto it = schemas.begin(); it != schemas.end(); ++it) {
        const QJsonObject s = it.value().toObject();
        if (!m_schemas.contains(it.key()))
            m_schemas.insert(it.key(), s);
        const QJsonArray gvks = s.value("x-kubernetes-group-version-kind"_L1).toArray();
        for (const QJsonValue &g : gvks) {
            const QJsonObject o = g.toObject();
            const QString group = o.value("group"_L1).toString();
            const QString version = o.value("version"_L1).toString();
            const QString key = kindKey(group.isEmpty() ? version : group + u'/' + version, o.value("kind"_L1).toString());
            if (!m_kinds.contains(key)) {
                m_kinds.insert(key, it.key());
                ++kinds;
            }
        }
    }
    return kinds;
}

api::Result<int> SchemaIndex::addCustomResourceDefinition(const QJsonObject &crd)
{
    const QJsonObject spec = crd.value("spec"_L1).toObject();
    const QString group = spec.value("group"_L1).toString();
    const QString kind = spec.value("names"_L1).toObject().value("kind"_L1).toString();
    if (crd.value("kind"_L1).toString() != "CustomResourceDefinition"_L1 || group.isEmpty() || kind.isEmpty())
        return api::ApiError{0, u"BadRequest"_s, u"not a CustomResourceDefinition with spec.group and spec.names.kind"_s};
    int added = 0;
    for (const QJsonValue &v : spec.value("versions"_L1).toArray()) {
        const QJsonObject ver = v.toObject();
        QJsonObject schema = ver.value("schema"_L1).toObject().value("openAPIV3Schema"_L1).toObject();
        if (schema.isEmpty() && !spec.value("validation"_L1).isUndefined())   // v1beta1 layout
            schema = spec.value("validation"_L1).toObject().value("openAPIV3Schema"_L1).toObject();
        if (schema.isEmpty())
            schema = QJsonObject{{"type"_L1, "object"_L1}, {"x-kubernetes-preserve-unknown-fields"_L1, true}};
        QJsonObject props = schema.value("properties"_L1).toObject();
        const QJsonObject str{{"type"_L1, "string"_L1}};
        if (!props.contains("apiVersion"_L1))
            props.insert("apiVersion"_L1, str);
        if (!props.contains("kind"_L1))
            props.insert("kind"_L1, str);
        props.insert("metadata"_L1, QJsonObject{{"$ref"_L1, kRefPrefix + kObjectMeta}});
        schema.insert("properties"_L1, props);
        const QString apiVersion = group + u'/' + ver.value("name"_L1).toString();
        const QString key = kindKey(apiVersion, kind);
        m_schemas.insert(key, schema);
        m_kinds.insert(key, key);
        ++added;
    }
    return added;
}

QStringList SchemaIndex::kinds() const { return m_kinds.keys(); }

bool SchemaIndex::hasKind(const QString &apiVersion, const QString &kind) const
{
    return m_kinds.contains(kindKey(apiVersion, kind));
}

QString SchemaIndex::kindKey(const QString &apiVersion, const QString &kind)
{
    const QString gv = apiVersion.contains(u'/') ? apiVersion : u'/' + apiVersion;
    return gv + u'/' + kind;
}

SchemaNode SchemaIndex::root(const QString &apiVersion, const QString &kind) const
{
    const auto it = m_kinds.constFind(kindKey(apiVersion, kind));
    if (it == m_kinds.constEnd())
        return SchemaNode{};
    SchemaNode n = resolve(QJsonObject{{"$ref"_L1, kRefPrefix + *it}});
    n.valid = m_schemas.contains(*it);
    return n;
}

SchemaNode SchemaIndex::resolve(const QJsonValue &schema) const
{
    SchemaNode n;
    n.valid = true;
    QJsonObject cur = schema.toObject();
    n.description = cur.value("description"_L1).toString();
    for (int depth = 0; depth < 16; ++depth) {
        const QString ref = cur.value("$ref"_L1).toString();
        const QJsonArray allOf = cur.value("allOf"_L1).toArray();
        if (!ref.isEmpty()) {
            const QString name = ref.startsWith(kRefPrefix) ? ref.mid(kRefPrefix.size()) : ref;
            n.refName = name;
            cur = m_schemas.value(name);
        } else if (allOf.size() == 1 && !cur.contains("properties"_L1)) {
            const QJsonObject wrapper = cur;
            cur = allOf.first().toObject();
            if (wrapper.value("nullable"_L1).toBool())
                cur.insert("nullable"_L1, true);
        } else {
            break;
        }
        if (n.description.isEmpty())
            n.description = cur.value("description"_L1).toString();
    }
    n.json = cur;
    return n;
}

SchemaNode SchemaIndex::property(const SchemaNode &object, const QString &key) const
{
    if (!object.valid)
        return SchemaNode{};
    const QJsonObject props = object.properties();
    const auto it = props.constFind(key);
    if (it != props.constEnd())
        return resolve(it.value());
    const QJsonValue ap = object.json.value("additionalProperties"_L1);
    if (ap.isObject())
        return resolve(ap);
    SchemaNode any;
    const bool open = ap.toBool() || props.isEmpty() || object.preservesUnknownFields()
        || (object.isEmbeddedResource() && (key == "apiVersion"_L1 || key == "kind"_L1));
    if (object.isEmbeddedResource() && key == "metadata"_L1)
        return resolve(QJsonObject{{"$ref"_L1, kRefPrefix + kObjectMeta}});
    any.valid = open;
    return any;
}

SchemaNode SchemaIndex::items(const SchemaNode &array) const
{
    if (!array.valid)
        return SchemaNode{};
    return resolve(array.json.value("items"_L1));
}

SchemaNode SchemaIndex::at(const QString &apiVersion, const QString &kind, const QString &path) const
{
    SchemaNode n = root(apiVersion, kind);
    for (const QString &seg : api::YamlPositions::segments(path)) {
        if (!n.valid)
            break;
        bool isIndex = false;
        if (seg.startsWith(u'['))
            seg.mid(1, seg.size() - 2).toInt(&isIndex);
        n = isIndex ? items(n) : property(n, seg);
    }
    return n;
}

} // namespace acp::models
