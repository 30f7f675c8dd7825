// ProtobufSchema: parses the message tables (sandbox/ProtobufSchema*.cpp) into lookup structures.
#include "sandbox/ProtobufSchema.h"

#include <QByteArray>
#include <QList>

#include <algorithm>

namespace acp::sandbox::protobuf {

namespace {

const PackageText *const kPackages[] = {
    &kSchemaMetaV1, &kSchemaCoreV1a, &kSchemaCoreV1b, &kSchemaAppsV1, &kSchemaBatchV1, &kSchemaAutoscalingV1,
    &kSchemaAutoscalingV2, &kSchemaAuthorizationV1, &kSchemaAuthenticationV1, &kSchemaRbacV1, &kSchemaCertificatesV1,
    &kSchemaPolicyV1, &kSchemaNetworkingV1, &kSchemaSchedulingV1, &kSchemaCoordinationV1, &kSchemaDiscoveryV1,
    &kSchemaEventsV1, &kSchemaStorageV1,
};

// Kinds metav1.AddToGroupVersion registers in every group version.
const char *const kMetaKinds[] = {"DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions", "GetOptions",
                                  "ListOptions", "Status", "WatchEvent"};

bool scalarType(char c, FieldType *type)
{
    switch (c) {
    case 's': *type = FieldType::String; return true;
    case 'i': *type = FieldType::Int32; return true;
    case 'l': *type = FieldType::Int64; return true;
    case 'b': *type = FieldType::Bool; return true;
    case 'y': *type = FieldType::Bytes; return true;
    case 'T': *type = FieldType::Time; return true;
    case 'U': *type = FieldType::MicroTime; return true;
    case 'D': *type = FieldType::Duration; return true;
    case 'J': *type = FieldType::FieldsV1; return true;
    case 'R': *type = FieldType::RawExtension; return true;
    case 'I': *type = FieldType::IntOrString; return true;
    case 'Q': *type = FieldType::Quantity; return true;
    case 'X': *type = FieldType::StringList; return true;
    default: return false;
    }
}

QString qualify(const QString &package, const QString &ref)
{
    return ref.contains(QLatin1Char('.')) ? ref : package + QLatin1Char('.') + ref;
}

} // namespace

const Schema &Schema::instance()
{
    static const Schema schema;
    return schema;
}

Schema::Schema()
{
    // Pass 1: names, so that references resolve regardless of order.
    for (const PackageText *pkg : kPackages) {
        for (std::size_t i = 0; i < pkg->count; ++i) {
            Message &m = m_messages.emplace_back();
            m.name = QLatin1String(pkg->package) + QLatin1Char('.') + QLatin1String(pkg->messages[i].name);
            m_byName.insert(m.name, &m);
        }
    }
    // Pass 2: fields.
    auto it = m_messages.begin();
    for (const PackageText *pkg : kPackages) {
        for (std::size_t i = 0; i < pkg->count; ++i, ++it)
            parseFields(*it, QLatin1String(pkg->package), pkg->messages[i].fields);
    }
}

void Schema::parseFields(Message &message, const QString &package, const char *text)
{
    const QList<QByteArray> tokens = QByteArray(text).split(' ');
    for (const QByteArray &token : tokens) {
        if (token.isEmpty())
            continue;
        const qsizetype c1 = token.indexOf(':');
        const qsizetype c2 = c1 < 0 ? -1 : token.indexOf(':', c1 + 1);
        bool numOk = false;
        Field f;
        f.number = c1 > 0 ? token.left(c1).toInt(&numOk) : 0;
        if (!numOk || c2 < 0 || f.number <= 0 || f.number > 10000) {
            m_problems << QStringLiteral("%1: bad field token '%2'").arg(message.name, QString::fromLatin1(token));
            continue;
        }
        f.json = QString::fromLatin1(token.mid(c1 + 1, c2 - c1 - 1));
        QByteArray type = token.mid(c2 + 1);
        while (!type.isEmpty() && (type.endsWith('*') || type.endsWith('?') || type.endsWith('^'))) {
            const char flag = type.back();
            type.chop(1);
            if (flag == '*')
                f.repeated = true;
            else if (flag == '?')
                f.pointer = true;
            else
                f.inlined = true;
        }
        bool ok = true;
        if (type.startsWith('>')) {
            f.type = FieldType::Message;
            const QString ref = qualify(package, QString::fromLatin1(type.mid(1)));
            f.message = m_byName.value(ref);
            ok = f.message != nullptr;
        } else if (type.startsWith('{') && type.endsWith('}') && type.size() >= 5 && type.at(2) == ':') {
            f.type = FieldType::Map;
            ok = scalarType(type.at(1), &f.mapKey);
            const QByteArray value = type.mid(3, type.size() - 4);
            if (value.startsWith('>')) {
                f.mapValue = FieldType::Message;
                f.message = m_byName.value(qualify(package, QString::fromLatin1(value.mid(1))));
                ok = ok && f.message != nullptr;
            } else {
                ok = ok && value.size() == 1 && scalarType(value.at(0), &f.mapValue);
            }
        } else {
            ok = type.size() == 1 && scalarType(type.at(0), &f.type);
        }
        if (!ok) {
            m_problems << QStringLiteral("%1: unresolved field token '%2'").arg(message.name, QString::fromLatin1(token));
            continue;
        }
        message.fields.push_back(std::move(f));
    }
    int maxNumber = 0;
    for (const Field &f : message.fields)
        maxNumber = std::max(maxNumber, f.number);
    message.byNumber.assign(maxNumber + 1, -1);
    for (std::size_t i = 0; i < message.fields.size(); ++i)
        message.byNumber[message.fields[i].number] = short(i);
}

QString Schema::packageFor(const QString &apiVersion)
{
    // API group -> package prefix; only built-in groups have protobuf definitions.
    static const QHash<QString, QString> groups{
        {QString(), QStringLiteral("core")},
        {QStringLiteral("meta.k8s.io"), QStringLiteral("meta")},
        {QStringLiteral("apps"), QStringLiteral("apps")},
        {QStringLiteral("batch"), QStringLiteral("batch")},
        {QStringLiteral("autoscaling"), QStringLiteral("autoscaling")},
        {QStringLiteral("policy"), QStringLiteral("policy")},
        {QStringLiteral("authorization.k8s.io"), QStringLiteral("authorization")},
        {QStringLiteral("authentication.k8s.io"), QStringLiteral("authentication")},
        {QStringLiteral("rbac.authorization.k8s.io"), QStringLiteral("rbac")},
        {QStringLiteral("certificates.k8s.io"), QStringLiteral("certificates")},
        {QStringLiteral("networking.k8s.io"), QStringLiteral("networking")},
        {QStringLiteral("scheduling.k8s.io"), QStringLiteral("scheduling")},
        {QStringLiteral("coordination.k8s.io"), QStringLiteral("coordination")},
        {QStringLiteral("discovery.k8s.io"), QStringLiteral("discovery")},
        {QStringLiteral("events.k8s.io"), QStringLiteral("events")},
        {QStringLiteral("storage.k8s.io"), QStringLiteral("storage")},
    };
    const qsizetype slash = apiVersion.indexOf(QLatin1Char('/'));
    const QString group = slash < 0 ? QString() : apiVersion.left(slash);
    const QString version = slash < 0 ? apiVersion : apiVersion.mid(slash + 1);
    const auto it = groups.constFind(group);
    if (version.isEmpty() || version.contains(QLatin1Char('/')) || it == groups.constEnd())
        return {};
    return *it + QLatin1Char('.') + version;
}

const Message *Schema::messageFor(const QString &apiVersion, const QString &kind) const
{
    if (kind.isEmpty())
        return nullptr;
    const QString package = packageFor(apiVersion);
    if (package.isEmpty())
        return nullptr;
    if (const Message *m = message(package + QLatin1Char('.') + kind))
        return m;
    for (const char *metaKind : kMetaKinds) {
        if (kind == QLatin1String(metaKind))
            return message(QStringLiteral("meta.v1.") + kind);
    }
    return nullptr;
}

} // namespace acp::sandbox::protobuf
