#pragma once
// Private to ResourceFilterProxyModel*.cpp: one computation on the thread pool (sort keys of a
// computed column and/or states) for a snapshot of source rows. GUI thread (the pool runs only
// the mapped function, a pure function of each object).
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTableModel.h"

#include <QFutureWatcher>

#include <atomic>
#include <memory>

namespace acp::models {

// What the pool hands back: per snapshot object its computed values, and for a Sort job the
// snapshot indexes in sorted order (ties by index, i.e. by source row at the start).
struct ResourceFilterProxyModelJobResult {
    QVector<ResourceTableModel::Computed> values;
    QVector<int> order;
};

struct ResourceFilterProxyModel::Job {
    enum Kind { Sort, Status, Update };
    Kind kind = Sort;
    int column = -1;                 // the sort column the keys are for (-1: states only)
    Qt::SortOrder order = Qt::AscendingOrder;
    int sortGeneration = 0;          // m_sortGeneration at the start
    QVector<KubeObject> objects;     // snapshot
    QVector<int> rows;               // current source row of objects[i]; -1 once removed
    std::shared_ptr<std::atomic<bool>> canceled = std::make_shared<std::atomic<bool>>(false);
    std::unique_ptr<QFutureWatcher<ResourceFilterProxyModelJobResult>> watcher;
    void cancel() { canceled->store(true); }
};

} // namespace acp::models
