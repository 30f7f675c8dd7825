#include "models/KubeListWatcher.h"

#include <QPointer>

namespace acp::models {

namespace {

struct RequestState final : ListWatchHandle::State {
    api::RequestHandle handle;
    void cancel() override { handle.cancel(); }
};

// cancel() stops the stream silently and deletes it later. Dropping the last handle does not
// cancel (ListWatcher's contract): the stream then ends on its own or with its context.
struct WatchState final : ListWatchHandle::State {
    QPointer<api::WatchStream> stream;
    void cancel() override
    {
        if (stream) {
            stream->stop();
            stream->deleteLater();
            stream.clear();
        }
    }
};

} // namespace

KubeListWatcher::KubeListWatcher(api::KubeClient client, api::ResourcePath collection, api::WatchTransport transport)
    : m_client(std::move(client)), m_collection(std::move(collection)), m_transport(transport)
{
    m_collection.name.clear();
    m_collection.subresource.clear();
}

QString KubeListWatcher::describe() const
{
    QString what = m_collection.resource;
    if (!m_collection.group.isEmpty())
        what += QLatin1Char('.') + m_collection.group;
    return m_client.clusterName() + QLatin1Char('/') + what;
}

api::ResourcePath KubeListWatcher::collection(const QString &namespaceName) const
{
    api::ResourcePath p = m_collection;
    p.namespaceName = namespaceName;
    return p;
}

ListWatchHandle KubeListWatcher::list(const ListWatchOptions &options, QObject *context, ListCallback done)
{
    api::ListOptions lo;
    lo.labelSelector = options.labelSelector;
    lo.fieldSelector = options.fieldSelector;
    lo.limit = options.limit;
    lo.continueToken = options.continueToken;
    lo.resourceVersion = options.resourceVersion;
    auto state = std::make_shared<RequestState>();
    state->handle = m_client.list(collection(options.namespaceName), lo, context,
                                  [done = std::move(done)](const api::Result<api::Response> &r, const QStringList &) {
                                      if (!r)
                                          done(r.error());
                                      else
                                          done(r->body);
                                  });
    return ListWatchHandle(state);
}

ListWatchHandle KubeListWatcher::watch(const ListWatchOptions &options, QObject *context, FramesCallback onFrames,
                                       ClosedCallback onClosed)
{
    auto state = std::make_shared<WatchState>();
    api::WatchStream *stream = api::WatchStream::create(m_client, m_transport);
    state->stream = stream;
    // The context owns nothing here: when it dies the connections go with it, and the stream is
    // stopped by the state's destructor or cancel().
    QObject::connect(stream, &api::WatchStream::events, context, [onFrames = std::move(onFrames)](const QByteArrayList &frames) {
        onFrames(frames);
    });
    QObject::connect(stream, &api::WatchStream::finished, context,
                     [stream, onClosed = std::move(onClosed)](const std::optional<api::ApiError> &error) {
                         stream->deleteLater();
                         onClosed(error);
                     });
    QObject::connect(context, &QObject::destroyed, stream, [stream] {
        stream->stop();
        stream->deleteLater();
    });
    api::WatchOptions wo;
    wo.labelSelector = options.labelSelector;
    wo.fieldSelector = options.fieldSelector;
    wo.allowWatchBookmarks = options.allowWatchBookmarks;
    wo.timeoutSeconds = options.timeoutSeconds;
    stream->start(collection(options.namespaceName), options.resourceVersion, wo);
    return ListWatchHandle(state);
}

} // namespace acp::models
