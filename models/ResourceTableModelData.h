#pragma once
// Private to ResourceTableModel*.cpp: a store's block of rows and a row's cached cells.
#include "models/ResourceTableModel.h"
#include "models/ResourceStore.h"

#include <QHash>
#include <QJsonArray>
#include <QPointer>

namespace acp::models {

struct ResourceTableModel::Segment {
    QString cluster;
    const ResourceStore *store = nullptr; // identity only (may be mid-destruction)
    QPointer<ResourceStore> live;
    int offset = 0; // first row in m_rows
    int size = 0;
    QHash<QString, quint32> index; // KubeObject::key() -> row id
    QMetaObject::Connection changed, destroyed;
};

struct ResourceTableModel::CacheEntry {
    KubeObject object;   // the object the entry was computed for (validates the row's slot)
    QJsonArray cells;    // PrinterColumns::cells(), every printer column
    ObjectStatus status;
    qint64 computedAtMs = 0;
};

} // namespace acp::models
