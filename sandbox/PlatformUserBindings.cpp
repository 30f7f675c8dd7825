// PlatformApi: /auth/v2/userbindings (ACP's role assignments: auth.alauda.io/v1 UserBinding
// objects of the `global` cluster), filtered by what the caller may see.
#include "sandbox/PlatformApi.h"

#include "models/LabelSelector.h"
#include "sandbox/KubeApi.h"
#include "sandbox/PlatformAccess.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SimCluster.h"
#include "sandbox/UserDirectory.h"

#include <QJsonArray>
#include <algorithm>

namespace acp::sandbox {

namespace {

const QString kGroup = QStringLiteral("auth.alauda.io");
const QString kResource = QStringLiteral("userbindings");

// A User subject naming `user` by name or by e-mail.
bool namesUser(const QJsonArray &subjects, const QString &user, const QString &email)
{
    return std::any_of(subjects.begin(), subjects.end(), [&](const QJsonValue &s) {
        const QJsonObject o = s.toObject();
        const QString name = o.value(QLatin1String("name")).toString();
        return o.value(QLatin1String("kind")).toString() == QLatin1String("User")
               && (name == user || (!email.isEmpty() && name.compare(email, Qt::CaseInsensitive) == 0));
    });
}

} // namespace

bool PlatformApi::handleAuthV2(const HttpRequest &req, const Out &out, const QStringList &segs)
{
    if (segs.value(0) != kResource || segs.size() > 2)
        return false;
    const auto user = authenticate(req);
    if (!user) {
        api::ApiError e;
        e.httpStatus = 401;
        e.reason = QStringLiteral("Unauthorized");
        e.message = QStringLiteral("Unauthorized");
        KubeApi::sendError(out, e);
        return true;
    }
    if (segs.size() != 1 || req.method != "GET") {
        methodNotAllowed(out);
        return true;
    }
    serveUserBindings(req, out, *user);
    return true;
}

void PlatformApi::serveUserBindings(const HttpRequest &req, const Out &out, const UserInfo &user)
{
    auto labels = models::LabelSelector::parse(req.queryValue("labelSelector"));
    if (!labels) {
        KubeApi::sendError(out, SimCluster::badRequest(labels.error().message));
        return;
    }
    SimCluster *global = m_sandbox->cluster(QStringLiteral("global"));
    auto access = accessFor(user);
    // Everyone sees the bindings that name them; platform-wide users and those RBAC lets list
    // userbindings in `global` see all of them.
    const bool all = access->isPlatformWide()
                     || (global && access->can(global, QStringLiteral("list"), kGroup, QStringLiteral("v1"), kResource));
    const QString forUser = req.queryValue("user");
    if (!all && !forUser.isEmpty() && forUser != user.name) {
        KubeApi::sendError(out, SimCluster::forbidden(
                                    QStringLiteral("%1.%2 is forbidden: User \"%3\" cannot list resource \"%1\" in API group \"%2\" at the cluster scope")
                                        .arg(kResource, kGroup, user.name)));
        return;
    }
    const auto forInfo = forUser.isEmpty() ? std::nullopt : m_sandbox->users().user(forUser);
    const QString forEmail = forInfo ? forInfo->email : QString();
    QList<QJsonObject> visible;
    if (global) {
        for (const StoredObject *o : global->store().list(QStringLiteral("auth.alauda.io/userbindings"))) {
            const QJsonObject meta = o->obj.value(QLatin1String("metadata")).toObject();
            const QJsonArray subjects = o->obj.value(QLatin1String("spec")).toObject().value(QLatin1String("subjects")).toArray();
            if (!all && !PlatformAccess::subjectsMatch(subjects, user))
                continue;
            if (!forUser.isEmpty() && !namesUser(subjects, forUser, forEmail))
                continue;
            if (!labels->matches(meta.value(QLatin1String("labels")).toObject()))
                continue;
            visible << o->obj;
        }
    }
    std::sort(visible.begin(), visible.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString()
               < b.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    });
    QJsonArray items;
    for (const QJsonObject &o : visible)
        items << o;
    KubeApi::sendJson(out, 200, QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("auth.alauda.io/v1")},
                                            {QStringLiteral("kind"), QStringLiteral("UserBindingList")},
                                            {QStringLiteral("metadata"), QJsonObject()},
                                            {QStringLiteral("items"), items}});
}

} // namespace acp::sandbox
