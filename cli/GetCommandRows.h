#pragma once
// The worker side of `acpctl get`: one list page (raw JSON body) -> kubectl's table rows, names
// or items, computed client-side with models/PrinterColumns (the columns the console shows).
// Pure functions of their inputs; run on QThreadPool workers, any number at once.
#include "api/ApiResource.h"
#include "api/Result.h"
#include "cli/TablePrinter.h"
#include "models/PrinterColumns.h"

#include <QDateTime>
#include <QJsonObject>

namespace acp::cli {

struct RowSpec {
    enum class Mode { Table, Name, Items };
    Mode mode = Mode::Table;
    api::ApiResource resource;
    models::PrinterColumns printer;
    QList<int> columns;        // printer column indices shown (priority 0, or all with -o wide)
    int nameColumn = -1;       // printer index of the name column (format "name"), for kind prefixes
    QByteArray kindPrefix;     // "pod/" or "deployment.apps/" when several kinds are printed
    QByteArray clusterCell;    // first cell when non-empty (CLUSTER column)
    bool namespaceColumn = false;
    bool showLabels = false;
    QDateTime now;

    QStringList header() const;                 // upper-case titles, in line order
    // "deployment.apps/" (kubectl's lower-cased GroupKind + '/').
    static QByteArray kindPrefixOf(const api::ApiResource &resource);
};

struct PageResult {
    TablePrinter rows;                 // Mode::Table
    QByteArray names;                  // Mode::Name: "kind.group/name\n" lines
    QList<QJsonObject> items;          // Mode::Items: objects with apiVersion and kind set
    int count = 0;
    std::optional<api::ApiError> error; // the body did not decode
};

class GetCommandRows {
public:
    // A List body (one page).
    static PageResult formatList(const RowSpec &spec, const QByteArray &body);
    // One object (GET by name).
    static PageResult formatObject(const RowSpec &spec, const QByteArray &body);
    static void formatItem(const RowSpec &spec, const QJsonObject &object, PageResult &out);
    // labels.FormatLabels: "k=v,..." sorted by key, "<none>" when empty.
    static QString formatLabels(const QJsonObject &labels);
};

} // namespace acp::cli
