#pragma once
// FakeListWatcher: an in-memory collection behind the ListWatcher seam, for informer tests.
// It keeps objects and an event history like kube-apiserver: lists are paged with continue
// tokens, a watch from version V replays the history after V, then streams new changes.
// Injectable: list/watch failures (429, 500, 403, ...), expired continue tokens and too old
// resourceVersions (410), history compaction (a re-watch from before it gets 410), clean EOF,
// bookmarks, raw frames (bad JSON, ERROR events), latency, and a misbehaving mode that keeps
// delivering frames after cancel().
#include "models/ListWatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPointer>
#include <QTimer>

namespace acp::models::test {

class FakeListWatcher : public ListWatcher {
public:
    // ---- server state ----
    QMap<QString, QJsonObject> objects;        // key -> object
    qint64 rv = 100;
    QList<QPair<qint64, QByteArray>> history;  // (rv, frame)
    qint64 compactedRv = 0;                    // watches from an older version get 410

    // ---- injection ----
    int latencyMs = 0;
    QList<api::ApiError> listFailures;   // the next list calls fail with these, in order
    QList<api::ApiError> watchFailures;  // the next watch calls close at once with these
    int expireContinueTokens = 0;        // this many lists with a continue token answer 410
    int goneOnListWithRv = 0;            // this many lists at a resourceVersion answer 410
    bool deliverAfterCancel = false;     // misbehave: frames keep coming after cancel()

    // ---- records ----
    QList<ListWatchOptions> listCalls;
    QList<ListWatchOptions> watchCalls;

    QString describe() const override { return QStringLiteral("fake/pods"); }

    static api::ApiError error(int status, const QString &reason, const QString &message)
    {
        api::ApiError e;
        e.httpStatus = status;
        e.reason = reason;
        e.message = message;
        return e;
    }
    static api::ApiError gone() { return error(410, QStringLiteral("Expired"), QStringLiteral("too old resource version")); }

    // Changes (recorded in the history and streamed to open watches).
    void put(const QString &ns, const QString &name, const QJsonObject &labels = {})
    {
        const QString key = ns + QLatin1Char('/') + name;
        const bool exists = objects.contains(key);
        QJsonObject meta{{"name", name}, {"namespace", ns}, {"uid", QStringLiteral("uid-") + key},
                         {"resourceVersion", QString::number(++rv)}};
        if (!labels.isEmpty())
            meta.insert(QStringLiteral("labels"), labels);
        const QJsonObject obj{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", QJsonObject{{"nodeName", "n1"}}}};
        objects.insert(key, obj);
        event(exists ? "MODIFIED" : "ADDED", obj);
    }
    void remove(const QString &key)
    {
        QJsonObject obj = objects.take(key);
        if (obj.isEmpty())
            return;
        QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
        meta.insert(QStringLiteral("resourceVersion"), QString::number(++rv));
        obj.insert(QStringLiteral("metadata"), meta);
        event("DELETED", obj);
    }
    void bookmark()
    {
        const QJsonObject obj{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", QJsonObject{{"resourceVersion", QString::number(++rv)}}}};
        sendFrames({frame("BOOKMARK", obj)});
    }
    void compact() { compactedRv = rv; history.clear(); }

    // Open watches.
    int activeWatches() const
    {
        int n = 0;
        for (const auto &w : m_watches)
            n += (!w->cancelled && w->context) ? 1 : 0;
        return n;
    }
    void sendFrames(const QByteArrayList &frames)
    {
        for (const auto &w : std::as_const(m_watches))
            deliver(w, frames);
    }
    // Ends every open watch: nullopt = clean EOF.
    void closeWatches(const std::optional<api::ApiError> &error = std::nullopt)
    {
        const auto watches = std::exchange(m_watches, {});
        for (const auto &w : watches) {
            if (w->cancelled || !w->context)
                continue;
            QTimer::singleShot(latencyMs, w->context.data(), [w, error] {
                if (!w->cancelled)
                    w->onClosed(error);
            });
        }
    }

    ListWatchHandle list(const ListWatchOptions &options, QObject *context, ListCallback done) override
    {
        listCalls.append(options);
        auto state = std::make_shared<Call>();
        const api::Result<QByteArray> result = answerList(options);
        QTimer::singleShot(latencyMs, context, [state, done, result] {
            if (!state->cancelled)
                done(result);
        });
        return ListWatchHandle(state);
    }

    ListWatchHandle watch(const ListWatchOptions &options, QObject *context, FramesCallback onFrames,
                          ClosedCallback onClosed) override
    {
        watchCalls.append(options);
        auto w = std::make_shared<Watch>();
        w->context = context;
        w->onFrames = std::move(onFrames);
        w->onClosed = std::move(onClosed);
        w->owner = this;
        if (!watchFailures.isEmpty()) {
            const api::ApiError e = watchFailures.takeFirst();
            QTimer::singleShot(latencyMs, context, [w, e] {
                if (!w->cancelled)
                    w->onClosed(e);
            });
            return ListWatchHandle(w);
        }
        const qint64 from = options.resourceVersion.toLongLong();
        if (from < compactedRv) {
            QTimer::singleShot(latencyMs, context, [w] {
                if (!w->cancelled)
                    w->onClosed(gone());
            });
            return ListWatchHandle(w);
        }
        m_watches.append(w);
        QByteArrayList replay;
        for (const auto &h : std::as_const(history)) {
            if (h.first > from)
                replay.append(h.second);
        }
        if (!replay.isEmpty())
            deliver(w, replay);
        return ListWatchHandle(w);
    }

private:
    struct Call : ListWatchHandle::State {
        bool cancelled = false;
        void cancel() override { cancelled = true; }
    };
    struct Watch : ListWatchHandle::State {
        bool cancelled = false;
        bool ignoreCancel = false;
        QPointer<QObject> context;
        FramesCallback onFrames;
        ClosedCallback onClosed;
        FakeListWatcher *owner = nullptr;
        void cancel() override
        {
            if (owner && owner->deliverAfterCancel)
                ignoreCancel = true;
            else
                cancelled = true;
        }
    };

    static QByteArray frame(const char *type, const QJsonObject &obj)
    {
        return QJsonDocument(QJsonObject{{"type", QLatin1String(type)}, {"object", obj}}).toJson(QJsonDocument::Compact);
    }
    void event(const char *type, const QJsonObject &obj)
    {
        const QByteArray f = frame(type, obj);
        history.append({rv, f});
        sendFrames({f});
    }
    void deliver(const std::shared_ptr<Watch> &w, const QByteArrayList &frames)
    {
        if (w->cancelled || !w->context)
            return;
        QTimer::singleShot(latencyMs, w->context.data(), [w, frames] {
            if (!w->cancelled)
                w->onFrames(frames);
        });
    }

    api::Result<QByteArray> answerList(const ListWatchOptions &o)
    {
        if (!listFailures.isEmpty())
            return listFailures.takeFirst();
        if (!o.continueToken.isEmpty() && expireContinueTokens > 0) {
            --expireContinueTokens;
            return gone();
        }
        if (!o.resourceVersion.isEmpty() && o.resourceVersion != QLatin1String("0") && goneOnListWithRv > 0) {
            --goneOnListWithRv;
            return gone();
        }
        const QStringList keys = objects.keys();
        const int start = o.continueToken.isEmpty() ? 0 : o.continueToken.toInt();
        const int end = o.limit > 0 ? qMin<int>(keys.size(), start + o.limit) : keys.size();
        QJsonArray items;
        for (int i = start; i < end; ++i) {
            QJsonObject item = objects.value(keys[i]);
            item.remove(QStringLiteral("apiVersion")); // typed lists omit them
            item.remove(QStringLiteral("kind"));
            items.append(item);
        }
        QJsonObject meta{{"resourceVersion", QString::number(rv)}};
        if (end < keys.size()) {
            meta.insert(QStringLiteral("continue"), QString::number(end));
            meta.insert(QStringLiteral("remainingItemCount"), keys.size() - end);
        }
        return QJsonDocument(QJsonObject{{"kind", "PodList"}, {"apiVersion", "v1"}, {"metadata", meta}, {"items", items}})
            .toJson(QJsonDocument::Compact);
    }

    QList<std::shared_ptr<Watch>> m_watches;
};

} // namespace acp::models::test
