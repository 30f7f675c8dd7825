#pragma once
// ListWatcher: the seam between models/ and api/ (DESIGN.md rule 3: api knows nothing of stores;
// models see a list/watch seam). One ListWatcher serves one collection (one cluster, one
// resource); requests carry the namespace and selectors. Bodies and frames are raw bytes: the
// Informer decodes them on worker threads.
//
// Contract for implementations:
// - Callbacks run on the thread of `context` (the GUI thread), never after the handle's
//   cancel() and never after `context` is destroyed.
// - list(): `done` exactly once (unless cancelled) with the raw body of ONE page, or the
//   ApiError (410 Gone/Expired for an expired continue token or a too old resourceVersion).
// - watch(): `onFrames` zero or more times with raw event frames (one JSON object each:
//   {"type":..., "object":...}) in server order, then `onClosed` exactly once (unless
//   cancelled): std::nullopt for a clean end (EOF, server timeout: re-watch from the last
//   resourceVersion), else the error (410: relist; 429/5xx/transport: back off). An
//   implementation may deliver an ERROR event either as a frame or as onClosed's error.
#include "api/Result.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace acp::models {

struct ListWatchOptions {
    QString namespaceName;       // "" = all namespaces (or cluster-scoped)
    QString labelSelector;
    QString fieldSelector;
    int limit = 0;               // list: page size, 0 = unpaginated
    QString continueToken;       // list: the previous page's metadata.continue
    QString resourceVersion;     // list: "" = consistent read; watch: start after this version
    bool allowWatchBookmarks = true; // watch only
    int timeoutSeconds = 0;      // watch: server-side timeout, 0 = server default
};

// A cancellable request. Copies share the request; destroying a handle does not cancel it.
class ListWatchHandle {
public:
    struct State {
        virtual ~State() = default;
        virtual void cancel() = 0; // idempotent; no callback afterwards
    };
    ListWatchHandle() = default;
    explicit ListWatchHandle(std::shared_ptr<State> state) : m_state(std::move(state)) {}
    void cancel()
    {
        if (m_state)
            m_state->cancel();
        m_state.reset();
    }
    bool isNull() const { return !m_state; }

private:
    std::shared_ptr<State> m_state;
};

using ListCallback = std::function<void(const api::Result<QByteArray> &body)>;
using FramesCallback = std::function<void(const QByteArrayList &frames)>;
using ClosedCallback = std::function<void(const std::optional<api::ApiError> &error)>;

class ListWatcher {
public:
    virtual ~ListWatcher() = default;
    // For logs and error messages, e.g. "prod/pods".
    virtual QString describe() const = 0;
    virtual ListWatchHandle list(const ListWatchOptions &options, QObject *context, ListCallback done) = 0;
    virtual ListWatchHandle watch(const ListWatchOptions &options, QObject *context, FramesCallback onFrames,
                                  ClosedCallback onClosed) = 0;
};

} // namespace acp::models
