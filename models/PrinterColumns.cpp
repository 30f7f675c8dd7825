#include "models/PrinterColumns.h"

#include "models/JsonPath.h"
#include "models/KindPrinter.h"
#include "models/PrinterFormat.h"

#include <QHash>

#include <cmath>
#include <memory>
#include <vector>

namespace acp::models {

using L = QLatin1String;

namespace {

const QHash<QString, const printers::KindPrinter *> &builtinPrinters()
{
    static const QHash<QString, const printers::KindPrinter *> table = [] {
        QHash<QString, const printers::KindPrinter *> t;
        for (const auto *list : {&printers::corePrinters(), &printers::appsPrinters(),
                                 &printers::autoscalingPrinters(), &printers::clusterPrinters()}) {
            for (const printers::KindPrinter &p : *list)
                t.insert(QLatin1String(p.group) + u'/' + QLatin1String(p.kind), &p);
        }
        return t;
    }();
    return table;
}

PrinterColumnDefinition toDefinition(const printers::ColumnSpec &c)
{
    return {QString::fromLatin1(c.name), QString::fromLatin1(c.type),
            QString::fromLatin1(c.format), QString::fromUtf8(c.description), c.priority};
}

QString creationTimestampRfc3339(const QJsonObject &o)
{
    // metav1.Time.UTC().Format(time.RFC3339); the zero time for a missing timestamp.
    const QDateTime t = format::parseTimestamp(format::str(o, L("metadata.creationTimestamp")));
    if (!t.isValid())
        return QStringLiteral("0001-01-01T00:00:00Z");
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z';
}

// cellForJSONValue of apiextensions-apiserver's tableconvertor, after a JSONPath match.
QJsonValue customCell(const QString &type, const QJsonValue &value, const QDateTime &now)
{
    if (type == L("string"))
        return JsonPath::printValue(value);
    if (value.isNull() || value.isUndefined())
        return QJsonValue::Null;
    if (type == L("integer") && value.isDouble()) {
        const double d = value.toDouble();
        if (std::isfinite(d) && std::fabs(d) < 9.2e18)
            return qint64(std::trunc(d));
    } else if (type == L("number") && value.isDouble()) {
        return value.toDouble();
    } else if (type == L("boolean") && value.isBool()) {
        return value.toBool();
    } else if (type == L("date") && value.isString()) {
        const QString text = value.toString();
        if (text.isEmpty() || text == L("null") || text.startsWith(L("0001-01-01T00:00:00")))
            return QStringLiteral("<unknown>");
        const QDateTime t = format::parseTimestamp(text);
        if (!t.isValid())
            return QStringLiteral("<invalid>");
        return format::humanDuration(t.msecsTo(now));
    }
    return QJsonValue::Null;
}

struct CustomColumn {
    QString type;
    JsonPath path;
};

} // namespace

QJsonObject PrinterColumnDefinition::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("type"), type},
            {QStringLiteral("format"), format},
            {QStringLiteral("description"), description},
            {QStringLiteral("priority"), priority}};
}

PrinterColumns PrinterColumns::forKind(const QString &group, const QString &kind)
{
    const printers::KindPrinter *p = builtinPrinters().value(group + u'/' + kind);
    if (!p)
        return defaultColumns();
    PrinterColumns c;
    for (const printers::ColumnSpec &spec : p->columns)
        c.m_columns.append(toDefinition(spec));
    c.m_cells = p->cells;
    c.m_conditions = p->conditions;
    return c;
}

bool PrinterColumns::hasBuiltinPrinter(const QString &group, const QString &kind)
{
    return builtinPrinters().contains(group + u'/' + kind);
}

PrinterColumns PrinterColumns::defaultColumns()
{
    PrinterColumns c;
    c.m_columns = {toDefinition(printers::NameColumn),
                   {QStringLiteral("Created At"), QStringLiteral("date"), QString(),
                    QString::fromUtf8(printers::desc::CreationTimestamp), 0}};
    c.m_cells = [](const QJsonObject &o, const QDateTime &) {
        return QJsonArray{format::str(o, L("metadata.name")), creationTimestampRfc3339(o)};
    };
    c.m_nullRowsWhenEmpty = true;
    return c;
}

PrinterColumns PrinterColumns::fromAdditionalPrinterColumns(const QJsonArray &columns,
                                                            QString *error)
{
    QJsonArray specs = columns;
    if (specs.isEmpty()) { // serveDefaultColumnsIfEmpty
        specs.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("Age")},
            {QStringLiteral("type"), QStringLiteral("date")},
            {QStringLiteral("description"), QString::fromUtf8(printers::desc::CreationTimestamp)},
            {QStringLiteral("jsonPath"), QStringLiteral(".metadata.creationTimestamp")}});
    }
    PrinterColumns c;
    c.m_columns.append(toDefinition(printers::NameColumn));
    auto custom = std::make_shared<std::vector<CustomColumn>>();
    for (const QJsonValue &spec : specs) {
        QString path = format::str(spec, L("jsonPath"));
        if (path.isEmpty())
            path = format::str(spec, L("JSONPath")); // apiextensions.k8s.io/v1beta1
        QString parseError;
        const JsonPath compiled = JsonPath::parse(QLatin1Char('{') + path + u'}', &parseError);
        if (!compiled.isValid()) {
            if (error)
                *error = QStringLiteral("unrecognized column definition \"%1\": %2")
                             .arg(path, parseError);
            break;
        }
        QString description = format::str(spec, L("description"));
        if (description.isEmpty())
            description =
                QStringLiteral("Custom resource definition column (in JSONPath format): ") + path;
        const QString type = format::str(spec, L("type"));
        c.m_columns.append({format::str(spec, L("name")), type, format::str(spec, L("format")),
                            description, int(format::integer(spec, L("priority")))});
        custom->push_back({type, compiled});
    }
    c.m_cells = [custom](const QJsonObject &o, const QDateTime &now) {
        QJsonArray cells{format::str(o, L("metadata.name"))};
        QList<QJsonValue> results;
        for (const CustomColumn &col : *custom) {
            if (!col.path.find(o, &results) || results.isEmpty())
                cells.append(QJsonValue::Null);
            else
                cells.append(customCell(col.type, results.first(), now));
        }
        return cells;
    };
    return c;
}

PrinterColumns PrinterColumns::forCustomResource(const QJsonObject &crd, const QString &version,
                                                 QString *error)
{
    const QJsonObject spec = crd.value(L("spec")).toObject();
    const QJsonArray versions = spec.value(L("versions")).toArray();
    QString wanted = version;
    if (wanted.isEmpty()) {
        for (const QJsonValue &v : versions) {
            if (v[L("storage")].toBool())
                wanted = v[L("name")].toString();
        }
        if (wanted.isEmpty())
            wanted = spec.value(L("version")).toString();
    }
    // v1beta1 CRDs may declare top-level columns for every version.
    const QJsonArray topLevel = spec.value(L("additionalPrinterColumns")).toArray();
    if (!topLevel.isEmpty())
        return fromAdditionalPrinterColumns(topLevel, error);
    for (const QJsonValue &v : versions) {
        if (v[L("name")].toString() == wanted)
            return fromAdditionalPrinterColumns(v[L("additionalPrinterColumns")].toArray(), error);
    }
    if (!wanted.isEmpty() && spec.value(L("version")).toString() == wanted)
        return fromAdditionalPrinterColumns({}, error);
    if (error)
        *error = QStringLiteral("version %1 not found in CustomResourceDefinition: %2")
                     .arg(wanted, format::str(crd, L("metadata.name")));
    return fromAdditionalPrinterColumns({}, nullptr);
}

QJsonArray PrinterColumns::columnDefinitionsJson() const
{
    QJsonArray out;
    for (const PrinterColumnDefinition &c : m_columns)
        out.append(c.toJson());
    return out;
}

QJsonArray PrinterColumns::cells(const QJsonObject &object, const QDateTime &now) const
{
    return m_cells ? m_cells(object, now) : QJsonArray();
}

QJsonArray PrinterColumns::rowConditions(const QJsonObject &object) const
{
    return m_conditions ? m_conditions(object) : QJsonArray();
}

QJsonObject PrinterColumns::row(const QJsonObject &object, const QDateTime &now,
                                IncludeObject include, const QString &groupVersion) const
{
    QJsonObject r{{QStringLiteral("cells"), cells(object, now)}};
    if (const QJsonArray conditions = rowConditions(object); !conditions.isEmpty())
        r.insert(QStringLiteral("conditions"), conditions);
    switch (include) {
    case IncludeObject::None:
        r.insert(QStringLiteral("object"), QJsonValue::Null);
        break;
    case IncludeObject::Metadata:
        r.insert(QStringLiteral("object"), partialObjectMetadata(object, groupVersion));
        break;
    case IncludeObject::Object:
        r.insert(QStringLiteral("object"), object);
        break;
    }
    return r;
}

QJsonObject PrinterColumns::toTable(const QList<QJsonObject> &objects, const QDateTime &now,
                                    const TableOptions &options) const
{
    QJsonObject metadata;
    if (!options.resourceVersion.isEmpty())
        metadata.insert(QStringLiteral("resourceVersion"), options.resourceVersion);
    if (!options.continueToken.isEmpty())
        metadata.insert(QStringLiteral("continue"), options.continueToken);
    if (options.remainingItemCount)
        metadata.insert(QStringLiteral("remainingItemCount"), *options.remainingItemCount);

    QJsonArray rows;
    for (const QJsonObject &o : objects)
        rows.append(row(o, now, options.includeObject, options.groupVersion));

    return {{QStringLiteral("kind"), QStringLiteral("Table")},
            {QStringLiteral("apiVersion"), options.groupVersion},
            {QStringLiteral("metadata"), metadata},
            {QStringLiteral("columnDefinitions"),
             options.noHeaders ? QJsonValue(QJsonValue::Null) : QJsonValue(columnDefinitionsJson())},
            {QStringLiteral("rows"),
             rows.isEmpty() && m_nullRowsWhenEmpty ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(rows)}};
}

QJsonObject PrinterColumns::partialObjectMetadata(const QJsonObject &object,
                                                  const QString &groupVersion)
{
    QJsonObject metadata = object.value(L("metadata")).toObject();
    // ObjectMeta always serialises creationTimestamp (null when unset).
    if (!metadata.contains(L("creationTimestamp")))
        metadata.insert(QStringLiteral("creationTimestamp"), QJsonValue::Null);
    return {{QStringLiteral("kind"), QStringLiteral("PartialObjectMetadata")},
            {QStringLiteral("apiVersion"), groupVersion},
            {QStringLiteral("metadata"), metadata}};
}

} // namespace acp::models
