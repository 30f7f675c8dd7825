#include "api/AcpSessionsLogin.h"

#include "api/KubeClient.h"

#include <QPointer>
#include <memory>

namespace acp::api {

namespace {

struct LoginFlow {
    AcpLoginRequest request;
    AcpLoginData data;
    QPointer<QObject> context;
    AcpSessionsLogin::Callback done;
    QPointer<PlatformClient> client;

    void finish(Result<AcpLoginData> r)
    {
        if (client)
            client->deleteLater();
        if (context)
            done(std::move(r));
    }
};

// The username of a non-JWT token: authentication.k8s.io/v1 SelfSubjectReview on global.
void whoAmI(std::shared_ptr<LoginFlow> flow)
{
    RestConfig rc;
    rc.clusterName = QStringLiteral("global");
    rc.server = QUrl(flow->data.platform + QStringLiteral("/kubernetes/global"));
    rc.caPem = flow->request.endpoint.caPem;
    rc.insecureSkipTlsVerify = flow->request.endpoint.insecureSkipTlsVerify;
    rc.staticCredentials.bearerToken = flow->data.token;
    const KubeClient client(rc);
    const QByteArray body = R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})";
    client.create(ResourcePath{QStringLiteral("authentication.k8s.io"), QStringLiteral("v1"), QStringLiteral("selfsubjectreviews")},
                  body, WriteOptions(), flow->context, [flow](const Result<Response> &r, const QStringList &) {
                      if (r) {
                          if (const auto json = r->json())
                              flow->data.username = json->value(QLatin1String("status")).toObject()
                                                        .value(QLatin1String("userInfo")).toObject()
                                                        .value(QLatin1String("username")).toString();
                      }
                      flow->finish(flow->data); // the username is informational: no error
                  });
}

void listClusters(std::shared_ptr<LoginFlow> flow)
{
    flow->client->listClusters(flow->data.token, flow->context, [flow](Result<QList<PlatformCluster>> r) {
        if (!r)
            return flow->finish(r.error());
        for (const PlatformCluster &c : *r)
            flow->data.clusters << c.name;
        if (flow->data.username.isEmpty() && flow->data.clusters.contains(QStringLiteral("global")))
            return whoAmI(flow);
        flow->finish(flow->data);
    });
}

} // namespace

void AcpSessionsLogin::login(const AcpLoginRequest &request, QObject *context, Callback done)
{
    auto flow = std::make_shared<LoginFlow>();
    flow->request = request;
    flow->context = context;
    flow->done = std::move(done);
    flow->data.session = request.session;
    flow->data.platform = AcpSessions::normalisePlatform(request.endpoint.url.toString());
    flow->data.caPem = request.endpoint.caPem;
    flow->data.insecureSkipTlsVerify = request.endpoint.insecureSkipTlsVerify;
    if (!AcpSessions::isValidSessionName(request.session))
        return flow->finish(Kubeconfig::configError(
            QStringLiteral("invalid session name \"%1\": it must be non-empty and contain no ':' or '/'").arg(request.session)));
    const QUrl url = request.endpoint.url;
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) || url.host().isEmpty())
        return flow->finish(Kubeconfig::configError(QStringLiteral("invalid platform URL \"%1\": expected https://host[:port]").arg(url.toString())));
    flow->client = new PlatformClient(request.endpoint, context);
    auto onToken = [flow](Result<PlatformToken> t) {
        if (!t)
            return flow->finish(t.error());
        flow->data.token = t->accessToken;
        if (flow->data.username.isEmpty())
            flow->data.username = t->username;
        listClusters(flow);
    };
    if (!request.token.isEmpty()) {
        flow->client->verifyToken(request.token, context, onToken);
    } else {
        if (request.username.isEmpty() || request.password.isEmpty())
            return flow->finish(Kubeconfig::configError(QStringLiteral("either --token or both --username and --password are required")));
        flow->data.username = request.username;
        flow->client->loginWithPassword(request.username, request.password, context, onToken);
    }
}

} // namespace acp::api
