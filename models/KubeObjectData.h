#pragma once
// KubeObject::Data: the shared, immutable payload of a KubeObject (private to models/: only
// KubeObject.cpp and ObjectDecoder.cpp include this). Every field is written once, before the
// Data is published through a shared_ptr<const Data>; only the json() cache is mutable, guarded
// by `jsonOnce`.
#include "models/KubeObject.h"

#include <atomic>
#include <mutex>

namespace acp::models {

struct KubeObject::Data {
    QString apiVersion, kind, name, ns, uid, resourceVersion, nodeName;
    QDateTime creationTimestamp, deletionTimestamp;
    qint64 generation = 0;
    QList<QPair<QString, QString>> labels;
    QList<OwnerRef> owners;
    QByteArray bytes;           // compact JSON of the whole object
    bool managedFieldsDropped = false;

    mutable std::once_flag jsonOnce;
    mutable QJsonObject jsonCache;
    mutable std::atomic<bool> jsonReady{false};
};

} // namespace acp::models
