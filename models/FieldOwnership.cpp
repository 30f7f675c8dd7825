#include "models/FieldOwnership.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace acp::models {
namespace {

QString scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isNull())
        return QStringLiteral("null");
    return QString::fromUtf8(QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact));
}

QString compactJson(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    // Scalars: wrap in an array to reuse the encoder, then strip the brackets.
    const QString a = QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
    return a.mid(1, a.size() - 2);
}

QJsonValue parseJsonValue(const QString &text)
{
    const QJsonDocument d = QJsonDocument::fromJson((QStringLiteral("[") + text + QStringLiteral("]")).toUtf8());
    return d.isArray() && !d.array().isEmpty() ? d.array().first() : QJsonValue(QJsonValue::Undefined);
}

QString join(const QString &prefix, const QString &segment)
{
    if (prefix.isEmpty() && segment.startsWith(QLatin1Char('.')))
        return segment.mid(1);
    return prefix + segment;
}

} // namespace

QString FieldOwnership::segment(const QString &key)
{
    if (key == QLatin1String("."))
        return {};
    const QString rest = key.mid(2);
    if (key.startsWith(QLatin1String("f:")))
        return QLatin1Char('.') + rest;
    if (key.startsWith(QLatin1String("i:")))
        return QLatin1Char('[') + rest + QLatin1Char(']');
    if (key.startsWith(QLatin1String("v:")))
        return QStringLiteral("[=") + rest + QLatin1Char(']');
    if (key.startsWith(QLatin1String("k:"))) {
        const QJsonObject k = QJsonDocument::fromJson(rest.toUtf8()).object();
        QStringList parts;
        for (auto it = k.begin(); it != k.end(); ++it)
            parts.append(it.key() + QLatin1Char('=') + scalarText(it.value()));
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    return QLatin1Char('.') + key;   // unknown prefix: keep it visible
}

FieldOwnership FieldOwnership::fromObject(const QJsonObject &object)
{
    return fromManagedFields(object.value(QLatin1String("metadata")).toObject().value(QLatin1String("managedFields")).toArray());
}

FieldOwnership FieldOwnership::fromManagedFields(const QJsonArray &managedFields)
{
    FieldOwnership fo;
    for (const QJsonValue &v : managedFields) {
        const QJsonObject e = v.toObject();
        FieldOwnershipRow entry;
        entry.manager = e.value(QLatin1String("manager")).toString();
        entry.operation = e.value(QLatin1String("operation")).toString();
        entry.apiVersion = e.value(QLatin1String("apiVersion")).toString();
        entry.time = e.value(QLatin1String("time")).toString();
        entry.subresource = e.value(QLatin1String("subresource")).toString();
        const QJsonObject set = e.value(QLatin1String("fieldsV1")).toObject();
        fo.m_sets.append(set);
        fo.walk(set, QString(), entry);
    }
    return fo;
}

void FieldOwnership::walk(const QJsonObject &set, const QString &prefix, const FieldOwnershipRow &entry)
{
    for (auto it = set.begin(); it != set.end(); ++it) {
        if (it.key() == QLatin1String(".")) {
            if (!prefix.isEmpty()) {
                FieldOwnershipRow r = entry;
                r.path = prefix;
                m_rows.append(r);
            }
            continue;
        }
        const QString path = join(prefix, segment(it.key()));
        const QJsonObject child = it.value().toObject();
        if (child.isEmpty()) {
            FieldOwnershipRow r = entry;
            r.path = path;
            m_rows.append(r);
        } else {
            walk(child, path, entry);
        }
    }
}

QStringList FieldOwnership::managers() const
{
    QStringList out;
    for (const FieldOwnershipRow &r : m_rows)
        if (!out.contains(r.manager))
            out.append(r.manager);
    return out;
}

QStringList FieldOwnership::managersOf(const QString &path) const
{
    QStringList out;
    for (const FieldOwnershipRow &r : m_rows)
        if (r.path == path && !out.contains(r.manager))
            out.append(r.manager);
    return out;
}

QStringList FieldOwnership::managersAtOrBelow(const QString &path) const
{
    QStringList out = managersOf(path);
    if (!out.isEmpty())
        return out;
    for (const FieldOwnershipRow &r : m_rows) {
        const bool below = r.path.startsWith(path) && r.path.size() > path.size()
            && (r.path[path.size()] == QLatin1Char('.') || r.path[path.size()] == QLatin1Char('['));
        if (below && !out.contains(r.manager))
            out.append(r.manager);
    }
    return out;
}

QString FieldOwnership::ownershipPath(const QJsonObject &object, const QString &jsonPath) const
{
    static const QRegularExpression token(QStringLiteral(R"(([^.\[\]]+)|\[(\d+)\])"));
    QJsonValue value = object;
    QList<QJsonObject> nodes = m_sets;   // the position in every manager's set
    QString out;
    for (auto it = token.globalMatch(jsonPath); it.hasNext();) {
        const auto m = it.next();
        if (m.capturedLength(1) > 0) {
            const QString name = m.captured(1);
            value = value.toObject().value(name);
            for (QJsonObject &n : nodes)
                n = n.value(QLatin1String("f:") + name).toObject();
            out = join(out, QLatin1Char('.') + name);
        } else {
            const int index = m.captured(2).toInt();
            const QJsonArray array = value.toArray();
            if (index >= array.size())
                return {};
            value = array.at(index);
            QString key = QStringLiteral("i:") + QString::number(index);
            for (const QJsonObject &n : nodes) {
                for (auto k = n.begin(); k != n.end(); ++k) {
                    if (k.key().startsWith(QLatin1String("k:"))) {
                        const QJsonObject keys = QJsonDocument::fromJson(k.key().mid(2).toUtf8()).object();
                        bool all = !keys.isEmpty() && value.isObject();
                        for (auto f = keys.begin(); all && f != keys.end(); ++f)
                            all = value.toObject().value(f.key()) == f.value();
                        if (all)
                            key = k.key();
                    } else if (k.key().startsWith(QLatin1String("v:")) && parseJsonValue(k.key().mid(2)) == value) {
                        key = k.key();
                    }
                }
            }
            if (key.startsWith(QLatin1String("i:")) && !value.isObject())
                key = QStringLiteral("v:") + compactJson(value);
            for (QJsonObject &n : nodes)
                n = n.value(key).toObject();
            out = join(out, segment(key));
        }
        if (value.isUndefined())
            return {};
    }
    return out;
}

} // namespace acp::models
