#include "models/RbacTypes.h"
#include "models/GoQuote.h"

namespace acp::models {

namespace {

const QLatin1String kServiceAccountPrefix("system:serviceaccount:");

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

void putStrings(QJsonObject &o, const char *key, const QStringList &list)
{
    if (!list.isEmpty())
        o.insert(QLatin1String(key), QJsonArray::fromStringList(list));
}

bool containsOrStar(const QStringList &list, const QString &value)
{
    for (const QString &s : list) {
        if (s == QLatin1String("*") || s == value)
            return true;
    }
    return false;
}

} // namespace

// ---- RbacUser ----

QStringList RbacUser::effectiveGroups() const
{
    QStringList out = groups;
    auto add = [&out](const QString &g) {
        if (!out.contains(g))
            out << g;
    };
    if (name == QLatin1String("system:anonymous")) {
        add(QStringLiteral("system:unauthenticated"));
        return out;
    }
    if (!out.contains(QStringLiteral("system:unauthenticated")))
        add(QStringLiteral("system:authenticated"));
    if (name.startsWith(kServiceAccountPrefix)) {
        const QStringList parts = name.mid(kServiceAccountPrefix.size()).split(QLatin1Char(':'));
        if (parts.size() == 2 && !parts.at(0).isEmpty() && !parts.at(1).isEmpty()) {
            add(QStringLiteral("system:serviceaccounts"));
            add(QLatin1String("system:serviceaccounts:") + parts.at(0));
        }
    }
    return out;
}

RbacUser RbacUser::serviceAccount(const QString &namespaceName, const QString &name)
{
    return RbacUser{serviceAccountUserName(namespaceName, name), {}};
}

QString RbacUser::serviceAccountUserName(const QString &namespaceName, const QString &name)
{
    return kServiceAccountPrefix + namespaceName + QLatin1Char(':') + name;
}

// ---- RbacRequest ----

RbacRequest RbacRequest::forResource(const QString &verb, const QString &apiGroup, const QString &resource,
                                     const QString &namespaceName, const QString &name, const QString &subresource)
{
    RbacRequest r;
    r.verb = verb;
    r.apiGroup = apiGroup;
    r.resource = resource;
    r.namespaceName = namespaceName;
    r.name = name;
    r.subresource = subresource;
    r.resourceRequest = true;
    return r;
}

RbacRequest RbacRequest::forPath(const QString &verb, const QString &path)
{
    RbacRequest r;
    r.verb = verb;
    r.path = path;
    r.resourceRequest = false;
    return r;
}

QString RbacRequest::forbiddenMessage(const QString &userName, const QString &reason) const
{
    QString msg = QLatin1String("User ") + goQuote(userName) + QLatin1String(" cannot ") + verb;
    if (!resourceRequest) {
        msg += QLatin1String(" path ") + goQuote(path);
    } else {
        const QString combined = subresource.isEmpty() ? resource : resource + QLatin1Char('/') + subresource;
        msg += QLatin1String(" resource ") + goQuote(combined) + QLatin1String(" in API group ") + goQuote(apiGroup);
        if (!namespaceName.isEmpty())
            msg += QLatin1String(" in the namespace ") + goQuote(namespaceName);
        else
            msg += QLatin1String(" at the cluster scope");
    }
    if (!reason.isEmpty())
        msg += QLatin1String(": ") + reason;

    const QString group = resourceRequest ? apiGroup : QString();
    const QString res = resourceRequest ? resource : QString();
    if (group.isEmpty() && res.isEmpty())
        return QLatin1String("forbidden: ") + msg;
    const QString qualified = group.isEmpty() ? res : res + QLatin1Char('.') + group;
    if (name.isEmpty() || !resourceRequest)
        return qualified + QLatin1String(" is forbidden: ") + msg;
    return qualified + QLatin1Char(' ') + goQuote(name) + QLatin1String(" is forbidden: ") + msg;
}

acp::api::ApiError RbacRequest::forbiddenError(const QString &userName, const QString &reason) const
{
    acp::api::ApiError e;
    e.httpStatus = 403;
    e.reason = QStringLiteral("Forbidden");
    e.message = forbiddenMessage(userName, reason);
    if (resourceRequest) {
        if (!name.isEmpty())
            e.details.insert(QStringLiteral("name"), name);
        if (!apiGroup.isEmpty())
            e.details.insert(QStringLiteral("group"), apiGroup);
        if (!resource.isEmpty())
            e.details.insert(QStringLiteral("kind"), resource);
    }
    return e;
}

// ---- RbacSubject ----

RbacSubject RbacSubject::fromJson(const QJsonObject &s)
{
    return RbacSubject{s.value(QLatin1String("kind")).toString(), s.value(QLatin1String("name")).toString(),
                       s.value(QLatin1String("namespace")).toString(), s.value(QLatin1String("apiGroup")).toString()};
}

QJsonObject RbacSubject::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), kind}, {QStringLiteral("name"), name}};
    if (!apiGroup.isEmpty())
        o.insert(QStringLiteral("apiGroup"), apiGroup);
    if (!namespaceName.isEmpty())
        o.insert(QStringLiteral("namespace"), namespaceName);
    return o;
}

QString RbacSubject::describe(const QString &bindingNamespace) const
{
    if (kind == QLatin1String("ServiceAccount")) {
        const QString ns = namespaceName.isEmpty() ? bindingNamespace : namespaceName;
        return kind + QLatin1Char(' ') + goQuote(name + QLatin1Char('/') + ns);
    }
    return kind + QLatin1Char(' ') + goQuote(name);
}

bool RbacSubject::appliesTo(const QString &userName, const QStringList &groups, const QString &bindingNamespace) const
{
    if (kind == QLatin1String("User"))
        return userName == name;
    if (kind == QLatin1String("Group"))
        return groups.contains(name);
    if (kind == QLatin1String("ServiceAccount")) {
        const QString ns = namespaceName.isEmpty() ? bindingNamespace : namespaceName;
        return !ns.isEmpty() && userName == RbacUser::serviceAccountUserName(ns, name);
    }
    return false;
}

// ---- RbacPolicyRule ----

RbacPolicyRule RbacPolicyRule::fromJson(const QJsonObject &rule)
{
    RbacPolicyRule r;
    r.verbs = strings(rule.value(QLatin1String("verbs")));
    r.apiGroups = strings(rule.value(QLatin1String("apiGroups")));
    r.resources = strings(rule.value(QLatin1String("resources")));
    r.resourceNames = strings(rule.value(QLatin1String("resourceNames")));
    r.nonResourceURLs = strings(rule.value(QLatin1String("nonResourceURLs")));
    return r;
}

QList<RbacPolicyRule> RbacPolicyRule::listFromJson(const QJsonArray &rules)
{
    QList<RbacPolicyRule> out;
    out.reserve(rules.size());
    for (const QJsonValue &r : rules)
        out << fromJson(r.toObject());
    return out;
}

QJsonObject RbacPolicyRule::toJson() const
{
    QJsonObject o{{QStringLiteral("verbs"), QJsonArray::fromStringList(verbs)}};
    putStrings(o, "apiGroups", apiGroups);
    putStrings(o, "resources", resources);
    putStrings(o, "resourceNames", resourceNames);
    putStrings(o, "nonResourceURLs", nonResourceURLs);
    return o;
}

QJsonArray RbacPolicyRule::listToJson(const QList<RbacPolicyRule> &rules)
{
    QJsonArray out;
    for (const auto &r : rules)
        out.append(r.toJson());
    return out;
}

bool RbacPolicyRule::verbMatches(const QString &verb) const
{
    return containsOrStar(verbs, verb);
}

bool RbacPolicyRule::apiGroupMatches(const QString &group) const
{
    return containsOrStar(apiGroups, group);
}

bool RbacPolicyRule::resourceMatches(const QString &combinedResource, const QString &subresource) const
{
    for (const QString &r : resources) {
        if (r == QLatin1String("*") || r == combinedResource)
            return true;
        if (subresource.isEmpty())
            continue;
        if (r.size() == subresource.size() + 2 && r.startsWith(QLatin1String("*/")) && r.endsWith(subresource))
            return true;
    }
    return false;
}

bool RbacPolicyRule::resourceNameMatches(const QString &name) const
{
    return resourceNames.isEmpty() || resourceNames.contains(name);
}

bool RbacPolicyRule::nonResourceURLMatches(const QString &path) const
{
    for (const QString &u : nonResourceURLs) {
        if (u == QLatin1String("*") || u == path)
            return true;
        if (u.endsWith(QLatin1Char('*'))) {
            QString prefix = u;
            while (prefix.endsWith(QLatin1Char('*')))
                prefix.chop(1);
            if (path.startsWith(prefix))
                return true;
        }
    }
    return false;
}

bool RbacPolicyRule::allows(const RbacRequest &request) const
{
    if (!verbMatches(request.verb))
        return false;
    if (!request.resourceRequest)
        return nonResourceURLMatches(request.path);
    const QString combined = request.subresource.isEmpty()
                                 ? request.resource
                                 : request.resource + QLatin1Char('/') + request.subresource;
    return apiGroupMatches(request.apiGroup) && resourceMatches(combined, request.subresource)
           && resourceNameMatches(request.name);
}

} // namespace acp::models
