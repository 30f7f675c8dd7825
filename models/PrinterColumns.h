#pragma once
// PrinterColumns: the table columns kube-apiserver serves for a resource (what `kubectl get`
// prints), and the cells of one object, computed from the object as JSON as the API serves it.
//
// Sources (Kubernetes 1.32, verified against upstream):
//  - built-in kinds: pkg/printers/internalversion/printers.go (per-kind rows in KindPrinters*.cpp);
//    the server always prints with Wide=true, so priority-1 ("-o wide") columns are included
//    and never truncated; kubectl hides priority != 0 columns unless -o wide.
//  - built-in kinds without a printer (Role, ClusterRole, LimitRange, CustomResourceDefinition,
//    ...): apiserver rest.DefaultTableConvertor, columns "Name" and "Created At" (type date)
//    whose cell is the RFC 3339 UTC creation timestamp, not an age.
//  - custom resources: apiextensions-apiserver's tableconvertor: "Name" plus the served
//    version's additionalPrinterColumns (or the v1beta1 top-level ones); none gives a single
//    "Age" column. Cells come from the column's JSONPath; type date cells are ages
//    ("5m", "<unknown>" when unset/zero, "<invalid>" when unparsable); integer/number/boolean
//    cells are JSON numbers/booleans; a missing value is null.
//
// Cell types follow the server: strings, JSON integers (e.g. Secret DATA, Deployment
// UP-TO-DATE, Event COUNT) and booleans (StorageClass ALLOWVOLUMEEXPANSION) exactly where
// kube-apiserver puts them. Ages are relative to the `now` passed in.
//
// Value type, cheap to copy; const methods are thread-safe.
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace acp::models {

// metav1.TableColumnDefinition.
struct PrinterColumnDefinition {
    QString name;        // "Name", "Ready", "Nominated Node" (kubectl prints it upper-cased)
    QString type;        // OpenAPI type: string, integer, number, boolean, date
    QString format;      // "name" for the object's name column, else usually ""
    QString description;
    int priority = 0;    // 0: always shown; > 0: only with -o wide

    QJsonObject toJson() const;
};

// ?includeObject= of a Table request. kubectl get sends none (the server default, Metadata)
// unless sorting (--sort-by), then Object.
enum class IncludeObject { None, Metadata, Object };

struct TableOptions {
    // The negotiated Table group version (Accept: ...;as=Table;g=meta.k8s.io;v=v1 or v1beta1);
    // also the apiVersion of PartialObjectMetadata rows.
    QString groupVersion = QStringLiteral("meta.k8s.io/v1");
    IncludeObject includeObject = IncludeObject::Metadata;
    bool noHeaders = false;        // TableOptions.noHeaders: columnDefinitions becomes null
    QString resourceVersion;       // metadata.resourceVersion (list RV, or the object's on GET)
    QString continueToken;         // metadata.continue
    std::optional<qint64> remainingItemCount;
};

class PrinterColumns {
public:
    using CellsFunction = std::function<QJsonArray(const QJsonObject &, const QDateTime &)>;

    // Columns of a built-in kind ("" for the core group), or the default convertor's
    // Name / Created At when kube-apiserver registers no printer for it.
    static PrinterColumns forKind(const QString &group, const QString &kind);
    static bool hasBuiltinPrinter(const QString &group, const QString &kind);

    // rest.DefaultTableConvertor: Name, Created At.
    static PrinterColumns defaultColumns();

    // Columns of a custom resource served at `version` of `crd` (an apiextensions.k8s.io
    // CustomResourceDefinition as JSON, v1 or v1beta1 shape; empty version: the storage
    // version). A column whose JSONPath does not parse ends the list there, as upstream does,
    // and sets *error; an unknown version falls back to Name, Age and sets *error.
    static PrinterColumns forCustomResource(const QJsonObject &crd, const QString &version,
                                            QString *error = nullptr);

    // From additionalPrinterColumns entries ({name, type, format, description, priority,
    // jsonPath}); an empty list gives the served default, a single Age column.
    static PrinterColumns fromAdditionalPrinterColumns(const QJsonArray &columns,
                                                       QString *error = nullptr);

    bool isValid() const { return bool(m_cells); }
    const QList<PrinterColumnDefinition> &columns() const { return m_columns; }
    QJsonArray columnDefinitionsJson() const;

    // One cell per column, in column order.
    QJsonArray cells(const QJsonObject &object, const QDateTime &now) const;
    // metav1.TableRow conditions: [{type: Completed, status: "True", reason, message}] for
    // Succeeded / Failed pods, else empty.
    QJsonArray rowConditions(const QJsonObject &object) const;
    // {cells, conditions (when any), object} as in a Table.
    QJsonObject row(const QJsonObject &object, const QDateTime &now,
                    IncludeObject include = IncludeObject::Metadata,
                    const QString &groupVersion = QStringLiteral("meta.k8s.io/v1")) const;

    // The Table kube-apiserver returns for `objects` (a list, or one object for a GET):
    // {kind: Table, apiVersion: meta.k8s.io/v1, metadata: {resourceVersion, continue,
    // remainingItemCount}, columnDefinitions, rows: [{cells, conditions?, object}]}.
    // Row objects: includeObject=Object gives the object as passed (already in the requested
    // version), Metadata a PartialObjectMetadata, None null.
    QJsonObject toTable(const QList<QJsonObject> &objects, const QDateTime &now,
                        const TableOptions &options = {}) const;

    // meta.AsPartialObjectMetadata as a Table row carries it for includeObject=Metadata:
    // {kind: PartialObjectMetadata, apiVersion: meta.k8s.io/v1, metadata}.
    static QJsonObject partialObjectMetadata(
        const QJsonObject &object, const QString &groupVersion = QStringLiteral("meta.k8s.io/v1"));

private:
    QList<PrinterColumnDefinition> m_columns;
    CellsFunction m_cells;
    QJsonArray (*m_conditions)(const QJsonObject &) = nullptr;
    bool m_nullRowsWhenEmpty = false; // DefaultTableConvertor leaves rows nil for no items
};

} // namespace acp::models
