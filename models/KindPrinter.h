#pragma once
// KindPrinter: one row of the built-in printer table (internal to models/). Each row is the
// column list and cell function kube-apiserver's pkg/printers/internalversion registers for a
// kind (Kubernetes 1.32), rewritten for objects as JSON as the API serves them (v1 field
// names; server-side defaults assumed, and applied where absent so that undefaulted sandbox
// objects print as served ones would). The server always prints with Wide=true, so the cell
// list covers every column, priority 1 included.
//
// Rows live in the KindPrinters*.cpp files, grouped by API area; PrinterColumns looks them
// up by (group, kind). Data only: adding a kind is adding a row.
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace acp::models::printers {

struct ColumnSpec {
    const char *name;
    const char *type;
    const char *format;
    const char *description;
    int priority;
};

struct KindPrinter {
    const char *group; // "" for the core group
    const char *kind;
    QList<ColumnSpec> columns;
    QJsonArray (*cells)(const QJsonObject &object, const QDateTime &now);
    // metav1.TableRow conditions (only Pods set them); may be null.
    QJsonArray (*conditions)(const QJsonObject &object) = nullptr;
};

const QList<KindPrinter> &corePrinters();    // KindPrintersCore.cpp (Pod in KindPrintersPod.cpp)
const QList<KindPrinter> &appsPrinters();    // KindPrintersApps.cpp: apps, batch
const QList<KindPrinter> &autoscalingPrinters(); // KindPrintersAutoscaling.cpp: HPA
const QList<KindPrinter> &clusterPrinters(); // KindPrintersCluster.cpp: networking, rbac,
                                             // storage, policy, discovery, coordination, ...
KindPrinter podPrinter();                    // KindPrintersPod.cpp

// "Names of each container" / "Images" cells: layoutContainerCells.
void containerCells(const QJsonArray &containers, QString *names, QString *images);

// Field documentation kube-apiserver uses as column descriptions (the types' SwaggerDoc()).
namespace desc {
extern const char Name[];
extern const char CreationTimestamp[];
extern const char ContainersInTemplate[];
extern const char ImagesInTemplate[];
} // namespace desc

inline constexpr ColumnSpec NameColumn{"Name", "string", "name", desc::Name, 0};
inline constexpr ColumnSpec AgeColumn{"Age", "string", "", desc::CreationTimestamp, 0};

} // namespace acp::models::printers
