#pragma once
// TableColumns: the columns a resource table shows for one kind, as data. Built from kubectl's
// printer columns (PrinterColumns::forKind for built-ins, CRD additionalPrinterColumns for custom
// resources) plus the console's own CLUSTER, NAMESPACE, STATUS and AGE columns, and the kind's
// status function (ObjectStatus registry).
//
// Mapping onto the console's columns (so nothing is shown twice):
//  - the printer's first column, when it is the name (format "name"), becomes NAME, read from
//    KubeObject::name() (StorageClass, whose printer appends " (default)", shows the printer's
//    text);
//  - a printer "Age" column whose value is metadata.creationTimestamp (built-in printers, the
//    CRD default, or a CRD column with jsonPath .metadata.creationTimestamp) becomes AGE, read
//    from KubeObject::creationTimestamp(); DefaultTableConvertor's "Created At" stays a
//    CREATED AT column (RFC 3339 text as kubectl prints it) read from the same hot field;
//  - a priority-0 printer "Status" column becomes STATUS: kubectl's text, with the semantic
//    state of ObjectStatus; kinds without one get an added STATUS column (the status function's
//    reason) just before AGE when the kind has a status row (not for Events, whose TYPE column
//    already says it) or is a custom resource without a Status/Ready column;
//  - kinds without an age-like column (AGE, CREATED AT, Events' FIRST SEEN) get AGE after the
//    last priority-0 column;
//  - CLUSTER and NAMESPACE come first; priority > 0 ("-o wide") columns stay in printer order.
//
// Value type, cheap to copy; any thread.
#include "models/ObjectStatus.h"
#include "models/PrinterColumns.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QVariant>

namespace acp::models {

// A raw sort value: None (empty, "<none>", "<unknown>") < Number < Text. A Number may carry a
// text that breaks ties (STATUS: the state, then kubectl's text).
struct SortKey {
    enum Type : quint8 { None, Number, Text };
    Type type = None;
    double number = 0;
    QString text;
    // The first 8 UTF-16 units of a Text key, packed big-endian: most comparisons of a 100k-row
    // sort end here without touching the strings' heap memory.
    quint64 prefix[2] = {0, 0};

    static SortKey fromNumber(double n) { return {Number, n, QString(), {0, 0}}; }
    static SortKey fromText(const QString &t);
    // <0, 0, >0. Text compares case-sensitively (kubectl's byte order for ASCII names).
    static int compare(const SortKey &a, const SortKey &b);
    // Number -> double (qlonglong when integral), Text -> QString, None -> invalid QVariant.
    QVariant toVariant() const;
};

struct TableColumn {
    enum class Source : quint8 { Cluster, Namespace, Name, Status, Age, CreatedAt, Printer };
    // How a printer cell sorts: Auto tries "a/b" ready counts (by ready, then total), a leading
    // integer ("5 (3m ago)" restarts), a resource quantity ("10Gi"), else text; Duration parses
    // human durations ("3d5h", "5m"); Number takes JSON numbers; Text compares strings.
    enum class SortKind : quint8 { Auto, Text, Number, Duration };

    Source source = Source::Printer;
    QString title;       // upper-case, as kubectl prints the header
    QString description;
    int priority = 0;    // > 0: shown only in wide mode
    int printerIndex = -1; // index into PrinterColumns::cells(); -1 when not from the printer
    SortKind sortKind = SortKind::Auto;

    // True when the sort value needs the printer / status (JSON) rather than KubeObject's hot
    // fields.
    bool needsCells() const { return source == Source::Printer || source == Source::Status; }

    // kubectl's text for a printer cell: strings as is (cut at the first line break with
    // "..." appended), integers in decimal, floats as Go's %v, booleans, null as "".
    static QString cellText(const QJsonValue &cell);
    // The sort value of a printer cell under `kind`.
    static SortKey cellSortKey(const QJsonValue &cell, SortKind kind);
    // apimachinery HumanDuration / ShortHumanDuration text back to milliseconds; -1 if not one.
    static qint64 parseHumanDuration(QStringView text);
};

class TableColumns {
public:
    struct Options {
        bool wide = false;            // include priority > 0 columns
        bool cluster = false;         // include CLUSTER
        bool namespaceColumn = true;  // include NAMESPACE
    };

    TableColumns() = default; // invalid: no columns

    // A built-in kind ("" group for core); kinds without a printer get Name / Created At.
    static TableColumns forKind(const QString &group, const QString &kind);
    // A custom resource served at `version` of `crd` (see PrinterColumns::forCustomResource).
    static TableColumns forCustomResource(const QJsonObject &crd, const QString &version,
                                          QString *error = nullptr);
    // Assembles the columns from a printer; `status` null means ObjectStatus::generic;
    // `addStatusColumn` adds STATUS when the printer has none; `creationColumns` are printer
    // column indices known to hold metadata.creationTimestamp (a CRD's jsonPath).
    static TableColumns fromPrinter(const PrinterColumns &printer, ObjectStatus::Function status,
                                    bool addStatusColumn, const QList<int> &creationColumns = {});

    bool isValid() const { return !m_columns.isEmpty(); }
    // Every column, in display order (CLUSTER and NAMESPACE first, wide ones included).
    const QList<TableColumn> &columns() const { return m_columns; }
    QList<TableColumn> visible(const Options &options) const;
    const PrinterColumns &printer() const { return m_printer; }
    ObjectStatus::Function statusFunction() const { return m_status; }
    // True when some column needs the printer's cells.
    bool hasPrinterCells() const;

private:
    QList<TableColumn> m_columns;
    PrinterColumns m_printer;
    ObjectStatus::Function m_status = &ObjectStatus::generic;
};

} // namespace acp::models
