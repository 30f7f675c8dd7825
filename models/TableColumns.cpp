#include "models/TableColumns.h"

#include "models/KindPrinter.h"
#include "models/PrinterFormat.h"
#include "models/Quantity.h"

#include <QSet>

#include <cmath>

namespace acp::models {

using L = QLatin1String;

namespace {

// Kinds whose status row exists but whose printer already says it another way.
bool suppressesStatusColumn(const QString &group, const QString &kind)
{
    static const QSet<QString> kinds = {QStringLiteral("/Event"), QStringLiteral("events.k8s.io/Event")};
    return kinds.contains(group + u'/' + kind);
}

// Kinds whose printer decorates the name cell (StorageClass: "standard (default)"): NAME shows
// the printer's text there (sorting still uses the plain name).
bool decoratesName(const QString &group, const QString &kind)
{
    return group == L("storage.k8s.io") && kind == L("StorageClass");
}

// Printer columns whose text is a human duration ("5m", "3d5h") rather than a quantity.
bool isDurationColumn(const PrinterColumnDefinition &def)
{
    static const QSet<QString> names = {QStringLiteral("Age"), QStringLiteral("Duration"),
                                        QStringLiteral("Last Schedule"), QStringLiteral("Last Seen"),
                                        QStringLiteral("First Seen")};
    return def.type == L("date") || names.contains(def.name);
}

bool isCreationTimestampAge(const PrinterColumnDefinition &def)
{
    if (def.name.compare(L("Age"), Qt::CaseInsensitive) != 0)
        return false;
    return def.description == QString::fromUtf8(printers::desc::CreationTimestamp)
           || def.description.endsWith(L("(in JSONPath format): .metadata.creationTimestamp"));
}

TableColumn own(TableColumn::Source source, const char *title, const char *description)
{
    TableColumn c;
    c.source = source;
    c.title = QString::fromLatin1(title);
    c.description = QString::fromLatin1(description);
    return c;
}

// Printer column indices (Name is 0) of a CRD's served columns whose jsonPath is the creation
// timestamp; the version is resolved as PrinterColumns::forCustomResource does.
QList<int> creationColumns(const QJsonObject &crd, const QString &version)
{
    const QJsonObject spec = crd.value(L("spec")).toObject();
    QJsonArray columns = spec.value(L("additionalPrinterColumns")).toArray();
    if (columns.isEmpty()) {
        const QJsonArray versions = spec.value(L("versions")).toArray();
        for (const QJsonValue &v : versions) {
            const bool wanted = version.isEmpty() ? v[L("storage")].toBool() : v[L("name")].toString() == version;
            if (wanted)
                columns = v[L("additionalPrinterColumns")].toArray();
        }
    }
    QList<int> out;
    for (int i = 0; i < columns.size(); ++i) {
        QString path = columns.at(i)[L("jsonPath")].toString();
        if (path.isEmpty())
            path = columns.at(i)[L("JSONPath")].toString();
        if (path.trimmed() == L(".metadata.creationTimestamp"))
            out.append(i + 1);
    }
    return out;
}

bool parseUnsigned(QStringView text, qint64 *out)
{
    if (text.isEmpty() || text.size() > 15)
        return false;
    qint64 v = 0;
    for (QChar ch : text) {
        if (ch < u'0' || ch > u'9')
            return false;
        v = v * 10 + (ch.unicode() - u'0');
    }
    *out = v;
    return true;
}

} // namespace

SortKey SortKey::fromText(const QString &t)
{
    SortKey k{Text, 0, t, {0, 0}};
    const qsizetype n = qMin<qsizetype>(t.size(), 8);
    for (qsizetype i = 0; i < n; ++i)
        k.prefix[i / 4] |= quint64(t.at(i).unicode()) << (48 - 16 * (i % 4));
    return k;
}

int SortKey::compare(const SortKey &a, const SortKey &b)
{
    if (a.type != b.type)
        return a.type < b.type ? -1 : 1;
    if (a.type == Number) {
        if (a.number != b.number)
            return a.number < b.number ? -1 : 1;
        return a.text.isEmpty() && b.text.isEmpty() ? 0 : a.text.compare(b.text);
    }
    if (a.type == Text) {
        for (int i = 0; i < 2; ++i) {
            if (a.prefix[i] != b.prefix[i])
                return a.prefix[i] < b.prefix[i] ? -1 : 1;
        }
        return a.text.compare(b.text);
    }
    return 0;
}

QVariant SortKey::toVariant() const
{
    switch (type) {
    case None:
        return QVariant();
    case Number:
        if (std::trunc(number) == number && std::fabs(number) < 9e15)
            return QVariant(qlonglong(number));
        return QVariant(number);
    case Text:
        return QVariant(text);
    }
    return QVariant();
}

QString TableColumn::cellText(const QJsonValue &cell)
{
    switch (cell.type()) {
    case QJsonValue::String: {
        const QString s = cell.toString();
        const qsizetype cut = [&] {
            for (qsizetype i = 0; i < s.size(); ++i) {
                if (s[i] == u'\n' || s[i] == u'\r' || s[i] == u'\f')
                    return i;
            }
            return qsizetype(-1);
        }();
        return cut < 0 ? s : s.left(cut) + QStringLiteral("...");
    }
    case QJsonValue::Double: {
        const double d = cell.toDouble();
        if (std::trunc(d) == d && std::fabs(d) < 9.2e18)
            return QString::number(qint64(d));
        return format::goFloat(d);
    }
    case QJsonValue::Bool:
        return cell.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return QString();
    }
}

qint64 TableColumn::parseHumanDuration(QStringView text)
{
    if (text.isEmpty())
        return -1;
    qint64 total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype j = i;
        while (j < text.size() && text[j].isDigit())
            ++j;
        qint64 n = 0;
        if (j == i || j >= text.size() || !parseUnsigned(text.sliced(i, j - i), &n))
            return -1;
        static constexpr qint64 s = 1000;
        switch (text[j].unicode()) {
        case 'y': total += n * 365 * 24 * 3600 * s; break;
        case 'd': total += n * 24 * 3600 * s; break;
        case 'h': total += n * 3600 * s; break;
        case 'm': total += n * 60 * s; break;
        case 's': total += n * s; break;
        default: return -1;
        }
        i = j + 1;
    }
    return total;
}

SortKey TableColumn::cellSortKey(const QJsonValue &cell, SortKind kind)
{
    if (cell.isDouble())
        return SortKey::fromNumber(cell.toDouble());
    if (cell.isBool())
        return SortKey::fromNumber(cell.toBool() ? 1 : 0);
    if (!cell.isString())
        return {};
    const QString text = cell.toString();
    if (text.isEmpty() || text == L("<none>") || text == L("<unknown>"))
        return {};
    if (kind == SortKind::Text)
        return SortKey::fromText(text);
    if (kind == SortKind::Duration) {
        const qint64 ms = parseHumanDuration(text);
        return ms < 0 ? SortKey::fromText(text) : SortKey::fromNumber(double(ms));
    }
    // Auto (and Number cells served as strings).
    const qsizetype slash = text.indexOf(u'/');
    qint64 a = 0, b = 0;
    if (slash > 0 && parseUnsigned(QStringView(text).left(slash), &a)
        && parseUnsigned(QStringView(text).sliced(slash + 1), &b))
        return SortKey::fromNumber(double(a) + double(b) * 1e-7); // by ready, then by total
    const qsizetype space = text.indexOf(u' ');
    if (space > 0 && text.endsWith(u')') && text.at(space + 1) == u'('
        && parseUnsigned(QStringView(text).left(space), &a))
        return SortKey::fromNumber(double(a)); // "5 (3m ago)"
    if (text.front().isDigit() || text.front() == u'.' || text.front() == u'-' || text.front() == u'+') {
        const auto q = Quantity::parse(text);
        if (q.ok())
            return SortKey::fromNumber(q.value().toDouble());
    }
    return SortKey::fromText(text);
}

TableColumns TableColumns::forKind(const QString &group, const QString &kind)
{
    const ObjectStatus::Function status = ObjectStatus::forKind(group, kind);
    TableColumns t = fromPrinter(PrinterColumns::forKind(group, kind), status,
                                 status && !suppressesStatusColumn(group, kind));
    if (decoratesName(group, kind)) {
        for (TableColumn &c : t.m_columns) {
            if (c.source == TableColumn::Source::Name)
                c.printerIndex = 0;
        }
    }
    return t;
}

TableColumns TableColumns::forCustomResource(const QJsonObject &crd, const QString &version,
                                             QString *error)
{
    const PrinterColumns printer = PrinterColumns::forCustomResource(crd, version, error);
    bool hasStatus = false;
    for (const PrinterColumnDefinition &d : printer.columns()) {
        if (d.name.compare(L("Status"), Qt::CaseInsensitive) == 0
            || d.name.compare(L("Ready"), Qt::CaseInsensitive) == 0)
            hasStatus = true;
    }
    return fromPrinter(printer, &ObjectStatus::generic, !hasStatus, creationColumns(crd, version));
}

TableColumns TableColumns::fromPrinter(const PrinterColumns &printer, ObjectStatus::Function status,
                                       bool addStatusColumn, const QList<int> &creationColumns)
{
    TableColumns t;
    t.m_printer = printer;
    t.m_status = status ? status : &ObjectStatus::generic;
    t.m_columns = {own(TableColumn::Source::Cluster, "CLUSTER", "The cluster the object lives in."),
                   own(TableColumn::Source::Namespace, "NAMESPACE", "The namespace of the object.")};
    bool hasStatus = false, hasAge = false;
    int lastPriority0 = int(t.m_columns.size()) - 1;
    const auto &defs = printer.columns();
    for (int i = 0; i < defs.size(); ++i) {
        const PrinterColumnDefinition &def = defs.at(i);
        TableColumn c;
        c.title = def.name.toUpper();
        c.description = def.description;
        c.priority = def.priority;
        if (i == 0 && def.format == L("name")) {
            c.source = TableColumn::Source::Name;
            c.sortKind = TableColumn::SortKind::Text;
        } else if ((isCreationTimestampAge(def) || (creationColumns.contains(i) && def.name.compare(L("Age"), Qt::CaseInsensitive) == 0))
                   && !hasAge) {
            c.source = TableColumn::Source::Age;
            hasAge = true;
        } else if (def.name == L("Created At") && def.type == L("date") && !hasAge) {
            c.source = TableColumn::Source::CreatedAt;
            hasAge = true;
        } else if (def.name.compare(L("Status"), Qt::CaseInsensitive) == 0 && def.priority == 0 && !hasStatus) {
            c.source = TableColumn::Source::Status;
            c.printerIndex = i;
            hasStatus = true;
        } else {
            c.printerIndex = i;
            if (def.type == L("integer") || def.type == L("number"))
                c.sortKind = TableColumn::SortKind::Number;
            else if (isDurationColumn(def))
                c.sortKind = TableColumn::SortKind::Duration;
            // An AGE of its own (not the creation time), or Events' FIRST SEEN: do not add AGE.
            if (c.title == L("AGE") || def.name == L("First Seen"))
                hasAge = true;
        }
        t.m_columns.append(c);
        if (c.priority == 0)
            lastPriority0 = int(t.m_columns.size()) - 1;
    }
    // Added STATUS goes before AGE (or after the last always-shown column); AGE last of those.
    int insertAt = lastPriority0 + 1;
    for (int i = 0; i < t.m_columns.size(); ++i) {
        const auto s = t.m_columns.at(i).source;
        if (s == TableColumn::Source::Age || s == TableColumn::Source::CreatedAt)
            insertAt = i;
    }
    if (!hasStatus && addStatusColumn) {
        t.m_columns.insert(insertAt, own(TableColumn::Source::Status, "STATUS",
                                         "The semantic state of the object."));
        ++insertAt;
    }
    if (!hasAge) {
        t.m_columns.insert(insertAt, own(TableColumn::Source::Age, "AGE",
                                         "Time since the object was created."));
        t.m_columns[insertAt].sortKind = TableColumn::SortKind::Number;
    }
    return t;
}

QList<TableColumn> TableColumns::visible(const Options &options) const
{
    QList<TableColumn> out;
    for (const TableColumn &c : m_columns) {
        if (c.source == TableColumn::Source::Cluster && !options.cluster)
            continue;
        if (c.source == TableColumn::Source::Namespace && !options.namespaceColumn)
            continue;
        if (c.priority > 0 && !options.wide)
            continue;
        out.append(c);
    }
    return out;
}

bool TableColumns::hasPrinterCells() const
{
    for (const TableColumn &c : m_columns) {
        if (c.printerIndex >= 0)
            return true;
    }
    return false;
}

} // namespace acp::models
