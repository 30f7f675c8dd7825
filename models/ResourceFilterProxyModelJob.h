#pragma once
// Private to ResourceFilterProxyModel*.cpp: one computation on the thread pool (sort keys of a
// computed column and/or states) for a snapshot of source rows. GUI thread (the pool runs only
// the mapped function, a pure function of each object).
#include "models/ResourceFilterProxyModel.h"
#include "models/ResourceTableModel.h"

#include <QFutureWatcher>

#include <memory>

namespace acp::models {

struct ResourceFilterProxyModel::Job {
    enum Kind { Sort, Status, Update };
    Kind kind = Sort;
    int column = -1;                 // the sort column the keys are for (-1: states only)
    Qt::SortOrder order = Qt::AscendingOrder;
    int sortGeneration = 0;          // m_sortGeneration at the start
    QVector<KubeObject> objects;     // snapshot
    QVector<int> rows;               // current source row of objects[i]; -1 once removed
    std::unique_ptr<QFutureWatcher<ResourceTableModel::Computed>> watcher;
};

} // namespace acp::models
