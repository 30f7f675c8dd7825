#pragma once
// AcpSessionsLogin: logs in to an ACP platform and gathers what a session needs (AcpLoginData):
// the bearer token (five-call password login, or an API token verified against the platform),
// the username, and the clusters the user may see (/auth/v1/clusters). Writing the session into
// a kubeconfig is AcpSessions::applyLogin's job.
//
// Thread: the calling thread (PlatformClient and KubeClient run there). The callback runs once,
// later, only while `context` lives. Never logs or reports the password or the token.
#include "api/AcpSessions.h"
#include "api/PlatformClient.h"

#include <QObject>
#include <functional>

namespace acp::api {

struct AcpLoginRequest {
    QString session;                // --name
    PlatformEndpoint endpoint;      // platform URL, CA (PEM) or insecure
    QString token;                  // API token login when non-empty
    QString username, password;     // password login otherwise
};

class AcpSessionsLogin {
public:
    using Callback = std::function<void(Result<AcpLoginData>)>;
    // Username: the password login's, else the token's JWT claims, else (tokens that are not
    // JWTs) a SelfSubjectReview on the platform's global cluster when the user may see it.
    static void login(const AcpLoginRequest &request, QObject *context, Callback done);
};

} // namespace acp::api
