#include "models/PssTargets.h"

#include "api/KubeClient.h"
#include "models/ClusterConnection.h"
#include "models/Fleet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>

using namespace Qt::StringLiterals;

namespace acp::models {

void PssTargets::forProject(Fleet *fleet, const QString &project, const QStringList &clusters, QObject *context,
                            std::function<void(const PssTargetsResult &)> done)
{
    struct State {
        PssTargetsResult result;
        int pending = 0;
        std::function<void(const PssTargetsResult &)> done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    state->pending = int(clusters.size());
    auto finishOne = [state] {
        if (--state->pending > 0)
            return;
        std::sort(state->result.targets.begin(), state->result.targets.end());
        state->done(state->result);
    };
    if (clusters.isEmpty()) {
        state->done(state->result);
        return;
    }
    api::ListOptions options;
    options.labelSelector = projectLabel() + u'=' + project;
    for (const QString &cluster : clusters) {
        ClusterConnection *connection = fleet ? fleet->connection(cluster) : nullptr;
        if (!connection) {
            state->result.failures.append({cluster, api::ApiError::badRequest(u"unknown cluster \"%1\""_s.arg(cluster))});
            finishOne();
            continue;
        }
        connection->client().listAll({{}, u"v1"_s, u"namespaces"_s, {}, {}, {}, {}}, options, context,
                                     [state, cluster, finishOne](const api::Result<api::ListPages> &r, const QStringList &) {
            if (!r) {
                state->result.failures.append({cluster, r.error()});
            } else {
                for (const QByteArray &page : r->pages) {
                    for (const QJsonValue &item : QJsonDocument::fromJson(page).object().value(u"items"_s).toArray()) {
                        const QString ns = item.toObject().value(u"metadata"_s).toObject().value(u"name"_s).toString();
                        state->result.targets.append({cluster, ns});
                    }
                }
            }
            finishOne();
        });
    }
}

} // namespace acp::models
