#include "cli/GetCommandRows.h"

#include "models/ObjectDecoder.h"
#include "models/TableColumns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <functional>
#include <string>


namespace acp::cli {

using L = QLatin1String;

QByteArray RowSpec::kindPrefixOf(const api::ApiResource &r)
{
    QString gk = r.kind;
    if (!r.group.isEmpty())
        gk += u'.' + r.group;
    return gk.toLower().toUtf8() + '/';
}

QStringList RowSpec::header() const
{
    QStringList h;
    if (!clusterCell.isEmpty())
        h << QStringLiteral("CLUSTER");
    if (namespaceColumn)
        h << QStringLiteral("NAMESPACE");
    for (int i : columns)
        h << printer.columns().at(i).name.toUpper();
    if (showLabels)
        h << QStringLiteral("LABELS");
    return h;
}

QString GetCommandRows::formatLabels(const QJsonObject &labels)
{
    if (labels.isEmpty())
        return QStringLiteral("<none>");
    // labels.Set.String(): "key=value" strings sorted as a whole (byte order).
    QList<QByteArray> parts;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts << (it.key() + u'=' + it.value().toString()).toUtf8();
    std::sort(parts.begin(), parts.end());
    return QString::fromUtf8(parts.join(','));
}

namespace {

void appendCell(QByteArray &line, const QString &text)
{
    // kubectl's tabwriter treats '\t' as a cell separator; keep it out of single cells.
    QByteArray t = text.toUtf8();
    t.replace('\t', ' ');
    line.append(t);
}

api::ApiError decodeError(const QString &what)
{
    return api::ApiError{0, QStringLiteral("DecodeError"), what};
}

} // namespace

void GetCommandRows::formatItem(const RowSpec &spec, const QJsonObject &o, PageResult &out)
{
    ++out.count;
    const QJsonObject meta = o.value(L("metadata")).toObject();
    switch (spec.mode) {
    case RowSpec::Mode::Items:
        out.items.append(o);
        return;
    case RowSpec::Mode::Name:
        out.names.append(RowSpec::kindPrefixOf(spec.resource));
        out.names.append(meta.value(L("name")).toString().toUtf8());
        out.names.append('\n');
        return;
    case RowSpec::Mode::Table:
        break;
    }
    QByteArray line;
    line.reserve(160);
    bool first = true;
    auto sep = [&] {
        if (!first)
            line.append('\t');
        first = false;
    };
    // The CLUSTER cell is the chunk's prefix cell (stored once per page, see formatList).
    if (spec.namespaceColumn) {
        sep();
        appendCell(line, meta.value(L("namespace")).toString());
    }
    const QJsonArray cells = spec.printer.cells(o, spec.now);
    for (int i : spec.columns) {
        sep();
        if (i == spec.nameColumn)
            line.append(spec.kindPrefix);
        appendCell(line, models::TableColumn::cellText(cells.at(i)));
    }
    if (spec.showLabels) {
        sep();
        appendCell(line, formatLabels(meta.value(L("labels")).toObject()));
    }
    out.rows.addLine(line);
}

PageResult GetCommandRows::formatList(const RowSpec &spec, const QByteArray &body)
{
    PageResult out;
    out.rows.setPrefixCell(spec.clusterCell);
    if (spec.mode == RowSpec::Mode::Items) {
        // Items keep their full JSON: ObjectDecoder gives them the list's apiVersion/kind.
        const auto list = models::ObjectDecoder::decodeList(body);
        if (!list) {
            out.error = list.error();
            return out;
        }
        for (const models::KubeObject &item : list->items)
            formatItem(spec, item.parseJson(), out);
        return out;
    }
    // Table and name rows: each item's raw bytes are parsed on their own and dropped after the row
    // (no per-item copies, no decoded metadata kept).
    out.error = models::ObjectDecoder::forEachListItem(body, [&](const QByteArray &raw) {
        formatItem(spec, QJsonDocument::fromJson(raw).object(), out);
    });
    out.rows.squeeze();
    return out;
}

PageResult GetCommandRows::formatObject(const RowSpec &spec, const QByteArray &body)
{
    PageResult out;
    out.rows.setPrefixCell(spec.clusterCell);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (!doc.isObject()) {
        out.error = decodeError(QStringLiteral("cannot decode the object: %1").arg(pe.errorString()));
        return out;
    }
    formatItem(spec, doc.object(), out);
    return out;
}

} // namespace acp::cli
