#pragma once
// ObjectDecoder: Kubernetes JSON (list bodies, watch event frames, single objects) into
// KubeObjects, with simdjson's On-Demand parser. Each object keeps its compact JSON bytes (sliced
// from the input, minified only when the input was pretty-printed) and its hot metadata.
//
// Contract:
// - Pure functions, safe on any thread concurrently (one simdjson parser per thread).
// - Malformed input gives an ApiError (httpStatus 0, reason "DecodeError"), never a crash. The
//   parser validates what it reads (the envelope and every object's metadata); bytes it only
//   skips are checked for balanced structure and valid UTF-8, not for full JSON grammar.
// - List items without apiVersion/kind (typed lists omit them) get the list's apiVersion and
//   kind without the "List" suffix, in their accessors and in their bytes (client-go's
//   UnstructuredList does the same).
// - Strings repeated across the objects of one call (apiVersion, kind, namespace, node, label
//   keys and values, owner references) are shared, not copied per object.
#include "api/Result.h"
#include "models/KubeObject.h"

#include <QByteArrayList>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <QVector>
#include <functional>
#include <optional>

namespace acp::models {

namespace detail {
class StringPool;
}

struct DecodeOptions {
    // Drop metadata.managedFields from the kept bytes (KubeObject::managedFieldsDropped()):
    // server-side-apply bookkeeping is often a third of an object and no list view needs it.
    bool dropManagedFields = false;
    // For objects that carry no apiVersion/kind (decodeList fills these from the list itself).
    QString defaultApiVersion;
    QString defaultKind;
};

// A decoded List response (one page).
struct ObjectList {
    QVector<KubeObject> items;
    QString apiVersion;           // of the list, e.g. "v1"
    QString kind;                 // e.g. "PodList"
    QString resourceVersion;      // metadata.resourceVersion (opaque)
    QString continueToken;        // metadata.continue, "" on the last page
    qint64 remainingItemCount = -1; // metadata.remainingItemCount, -1 when absent
};

// One watch event.
struct WatchEvent {
    enum Type { Added, Modified, Deleted, Bookmark, Error };
    Type type = Added;
    KubeObject object;            // the object (Bookmark: a shell carrying kind and resourceVersion)
    QString resourceVersion;      // object.metadata.resourceVersion (for bookmarks: the new version)
    api::ApiError error;          // Error: the Status the server sent (410 Gone when expired)
};

// Events of a burst of frames, in order. Decoding stops at the first malformed frame: `events`
// holds those before it and `error` says what was wrong (a watcher should re-watch from the
// last good resourceVersion, as client-go does).
struct WatchEventBatch {
    QVector<WatchEvent> events;
    std::optional<api::ApiError> error;
};

class ObjectDecoder {
public:
    static api::Result<ObjectList> decodeList(const QByteArray &body, const DecodeOptions &options = {});
    static api::Result<WatchEvent> decodeEvent(const QByteArray &frame, const DecodeOptions &options = {});
    static WatchEventBatch decodeEvents(const QByteArrayList &frames, const DecodeOptions &options = {});
    static api::Result<KubeObject> decodeObject(const QByteArray &json, const DecodeOptions &options = {});
    // Walks a list body's items WITHOUT decoding them: `fn` gets each item's raw JSON text (valid
    // only during the call), in order. For consumers that render and drop each item (acpctl get).
    // Same input checks as decodeList(); a missing or null `items` is an empty list.
    static std::optional<api::ApiError> forEachListItem(const QByteArray &body,
                                                        const std::function<void(const QByteArray &item)> &fn);

    // RFC 3339 ("2024-09-18T14:06:40Z", fractions and offsets too) to UTC; invalid when empty
    // or malformed.
    static QDateTime parseTimestamp(QByteArrayView text);

    static WatchEvent::Type eventType(QByteArrayView name, bool *ok = nullptr);

private:
    static api::Result<WatchEvent> decodeEvent(const QByteArray &frame, const DecodeOptions &options,
                                               detail::StringPool &pool);
};

} // namespace acp::models
