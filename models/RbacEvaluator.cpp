#include "models/RbacEvaluator.h"
#include "models/GoQuote.h"
#include "models/LabelSelector.h"

#include <algorithm>

namespace acp::models {

namespace {

const QChar kSep(0x1f); // namespace / subject-key separator in index keys

// utilerrors.NewAggregate(...).Error()
QString aggregate(const QStringList &errors)
{
    QStringList seen;
    for (const QString &e : errors) {
        if (!seen.contains(e))
            seen << e;
    }
    if (seen.size() == 1)
        return seen.first();
    return QLatin1Char('[') + seen.join(QLatin1String(", ")) + QLatin1Char(']');
}

void putStrings(QJsonObject &o, const char *key, const QStringList &list)
{
    if (!list.isEmpty())
        o.insert(QLatin1String(key), QJsonArray::fromStringList(list));
}

QHash<QString, QString> stringMap(const QJsonObject &o)
{
    QHash<QString, QString> out;
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

int firstApplyingSubject(const QString &userName, const QStringList &groups, const QList<RbacSubject> &subjects,
                         const QString &bindingNamespace)
{
    for (int i = 0; i < subjects.size(); ++i) {
        if (subjects.at(i).appliesTo(userName, groups, bindingNamespace))
            return i;
    }
    return -1;
}

QString describeBinding(const QString &name, const QString &ns, bool cluster, const QString &roleKind,
                        const QString &roleName, const RbacSubject &subject)
{
    if (cluster)
        return QLatin1String("ClusterRoleBinding ") + goQuote(name) + QLatin1String(" of ") + roleKind + QLatin1Char(' ')
               + goQuote(roleName) + QLatin1String(" to ") + subject.describe(QString());
    return QLatin1String("RoleBinding ") + goQuote(name + QLatin1Char('/') + ns) + QLatin1String(" of ") + roleKind
           + QLatin1Char(' ') + goQuote(roleName) + QLatin1String(" to ") + subject.describe(ns);
}

} // namespace

// ---- result types ----

QJsonObject RbacEvaluator::ResourceRule::toJson() const
{
    QJsonObject o{{QStringLiteral("verbs"), QJsonArray::fromStringList(verbs)}};
    putStrings(o, "apiGroups", apiGroups);
    putStrings(o, "resources", resources);
    putStrings(o, "resourceNames", resourceNames);
    return o;
}

QJsonObject RbacEvaluator::NonResourceRule::toJson() const
{
    QJsonObject o{{QStringLiteral("verbs"), QJsonArray::fromStringList(verbs)}};
    putStrings(o, "nonResourceURLs", nonResourceURLs);
    return o;
}

QJsonObject RbacEvaluator::RulesReview::toStatusJson() const
{
    QJsonArray res, nonRes;
    for (const auto &r : resourceRules)
        res.append(r.toJson());
    for (const auto &r : nonResourceRules)
        nonRes.append(r.toJson());
    QJsonObject o{{QStringLiteral("resourceRules"), res},
                  {QStringLiteral("nonResourceRules"), nonRes},
                  {QStringLiteral("incomplete"), incomplete}};
    if (!evaluationError.isEmpty())
        o.insert(QStringLiteral("evaluationError"), evaluationError);
    return o;
}

// ---- object store ----

QString RbacEvaluator::objectKey(const QString &namespaceName, const QString &name)
{
    return namespaceName + QLatin1Char('/') + name;
}

QStringList RbacEvaluator::subjectKeys(const Binding &b, bool clusterScoped)
{
    QStringList keys;
    for (const RbacSubject &s : b.subjects) {
        if (s.kind == QLatin1String("User")) {
            keys << QLatin1String("u:") + s.name;
        } else if (s.kind == QLatin1String("Group")) {
            keys << QLatin1String("g:") + s.name;
        } else if (s.kind == QLatin1String("ServiceAccount")) {
            const QString ns = s.namespaceName.isEmpty() && !clusterScoped ? b.namespaceName : s.namespaceName;
            if (!ns.isEmpty())
                keys << QLatin1String("u:") + RbacUser::serviceAccountUserName(ns, s.name);
        }
    }
    return keys;
}

QStringList RbacEvaluator::userKeys(const RbacUser &user)
{
    QStringList keys{QLatin1String("u:") + user.name};
    for (const QString &g : user.effectiveGroups())
        keys << QLatin1String("g:") + g;
    return keys;
}

void RbacEvaluator::indexBinding(const Binding &b, bool clusterScoped)
{
    for (const QString &k : subjectKeys(b, clusterScoped)) {
        if (clusterScoped)
            m_crbBySubject[k].insert(b.name);
        else
            m_rbBySubject[b.namespaceName + kSep + k].insert(objectKey(b.namespaceName, b.name));
    }
}

void RbacEvaluator::unindexBinding(const Binding &b, bool clusterScoped)
{
    for (const QString &k : subjectKeys(b, clusterScoped)) {
        const QString indexKey = clusterScoped ? k : b.namespaceName + kSep + k;
        auto &index = clusterScoped ? m_crbBySubject : m_rbBySubject;
        auto it = index.find(indexKey);
        if (it == index.end())
            continue;
        it->remove(clusterScoped ? b.name : objectKey(b.namespaceName, b.name));
        if (it->isEmpty())
            index.erase(it);
    }
}

void RbacEvaluator::invalidateAggregation()
{
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    m_aggregatedValid = false;
    m_aggregatedCache.clear();
}

bool RbacEvaluator::upsert(const QJsonObject &object)
{
    const QString kindName = object.value(QLatin1String("kind")).toString();
    const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    const QString name = meta.value(QLatin1String("name")).toString();
    const QString uid = meta.value(QLatin1String("uid")).toString();
    QString ns = meta.value(QLatin1String("namespace")).toString();
    if (name.isEmpty())
        return false;

    Kind kind;
    if (kindName == QLatin1String("ClusterRole"))
        kind = Kind::ClusterRole;
    else if (kindName == QLatin1String("Role"))
        kind = Kind::Role;
    else if (kindName == QLatin1String("ClusterRoleBinding"))
        kind = Kind::ClusterRoleBinding;
    else if (kindName == QLatin1String("RoleBinding"))
        kind = Kind::RoleBinding;
    else
        return false;
    const bool clusterScoped = kind == Kind::ClusterRole || kind == Kind::ClusterRoleBinding;
    if (clusterScoped)
        ns.clear();
    const QString key = clusterScoped ? name : objectKey(ns, name);
    removeEntry(kind, key);

    if (kind == Kind::ClusterRole || kind == Kind::Role) {
        Role r;
        r.namespaceName = ns;
        r.name = name;
        r.uid = uid;
        r.rules = RbacPolicyRule::listFromJson(object.value(QLatin1String("rules")).toArray());
        r.labels = stringMap(meta.value(QLatin1String("labels")).toObject());
        const QJsonValue aggregation = object.value(QLatin1String("aggregationRule"));
        if (kind == Kind::ClusterRole && aggregation.isObject()) {
            r.aggregated = true;
            for (const QJsonValue &sel : aggregation.toObject().value(QLatin1String("clusterRoleSelectors")).toArray())
                r.selectors << sel.toObject();
        }
        (kind == Kind::ClusterRole ? m_clusterRoles : m_roles).insert(key, r);
        if (kind == Kind::ClusterRole)
            invalidateAggregation();
    } else {
        Binding b;
        b.namespaceName = ns;
        b.name = name;
        b.uid = uid;
        const QJsonObject roleRef = object.value(QLatin1String("roleRef")).toObject();
        b.roleKind = roleRef.value(QLatin1String("kind")).toString();
        b.roleName = roleRef.value(QLatin1String("name")).toString();
        for (const QJsonValue &s : object.value(QLatin1String("subjects")).toArray())
            b.subjects << RbacSubject::fromJson(s.toObject());
        (clusterScoped ? m_clusterRoleBindings : m_roleBindings).insert(key, b);
        indexBinding(b, clusterScoped);
    }
    if (!uid.isEmpty())
        m_uids.insert(uid, {kind, key});
    return true;
}

bool RbacEvaluator::removeEntry(Kind kind, const QString &key)
{
    QString uid;
    switch (kind) {
    case Kind::ClusterRole:
    case Kind::Role: {
        auto &roles = kind == Kind::ClusterRole ? m_clusterRoles : m_roles;
        const auto it = roles.find(key);
        if (it == roles.end())
            return false;
        uid = it->uid;
        roles.erase(it);
        if (kind == Kind::ClusterRole)
            invalidateAggregation();
        break;
    }
    case Kind::ClusterRoleBinding:
    case Kind::RoleBinding: {
        const bool cluster = kind == Kind::ClusterRoleBinding;
        auto &bindings = cluster ? m_clusterRoleBindings : m_roleBindings;
        const auto it = bindings.find(key);
        if (it == bindings.end())
            return false;
        uid = it->uid;
        unindexBinding(*it, cluster);
        bindings.erase(it);
        break;
    }
    }
    if (!uid.isEmpty())
        m_uids.remove(uid);
    return true;
}

bool RbacEvaluator::remove(const QString &kind, const QString &namespaceName, const QString &name)
{
    if (kind == QLatin1String("ClusterRole"))
        return removeEntry(Kind::ClusterRole, name);
    if (kind == QLatin1String("ClusterRoleBinding"))
        return removeEntry(Kind::ClusterRoleBinding, name);
    if (kind == QLatin1String("Role"))
        return removeEntry(Kind::Role, objectKey(namespaceName, name));
    if (kind == QLatin1String("RoleBinding"))
        return removeEntry(Kind::RoleBinding, objectKey(namespaceName, name));
    return false;
}

bool RbacEvaluator::removeByUid(const QString &uid)
{
    const auto it = m_uids.constFind(uid);
    if (it == m_uids.constEnd())
        return false;
    const auto entry = *it;
    return removeEntry(entry.first, entry.second);
}

void RbacEvaluator::clear()
{
    m_clusterRoles.clear();
    m_roles.clear();
    m_clusterRoleBindings.clear();
    m_roleBindings.clear();
    m_uids.clear();
    m_crbBySubject.clear();
    m_rbBySubject.clear();
    invalidateAggregation();
}

int RbacEvaluator::objectCount() const
{
    return int(m_clusterRoles.size() + m_roles.size() + m_clusterRoleBindings.size() + m_roleBindings.size());
}

// ---- role resolution ----

QList<RbacPolicyRule> RbacEvaluator::clusterRoleRules(const QString &name) const
{
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    return effectiveClusterRoleRules(name);
}

QList<RbacPolicyRule> RbacEvaluator::effectiveClusterRoleRules(const QString &name) const
{
    if (!m_aggregatedValid) {
        m_aggregatedCache.clear();
        QStringList names = m_clusterRoles.keys();
        std::sort(names.begin(), names.end()); // deterministic results even for cycles
        for (const QString &n : std::as_const(names)) {
            QSet<QString> visiting;
            if (m_clusterRoles.value(n).aggregated)
                resolveAggregation(n, visiting);
        }
        m_aggregatedValid = true;
    }
    const auto it = m_clusterRoles.constFind(name);
    if (it == m_clusterRoles.constEnd())
        return {};
    return it->aggregated ? m_aggregatedCache.value(name) : it->rules;
}

QList<RbacPolicyRule> RbacEvaluator::resolveAggregation(const QString &name, QSet<QString> &visiting) const
{
    const auto self = m_clusterRoles.constFind(name);
    if (self == m_clusterRoles.constEnd())
        return {};
    if (!self->aggregated)
        return self->rules;
    if (const auto cached = m_aggregatedCache.constFind(name); cached != m_aggregatedCache.constEnd())
        return *cached;
    if (visiting.contains(name))
        return self->rules; // aggregation cycle: fall back to what the object carries
    visiting.insert(name);
    QList<RbacPolicyRule> out;
    bool failed = false;
    for (const QJsonObject &selectorJson : self->selectors) {
        const auto selector = LabelSelector::fromJson(selectorJson);
        if (!selector) {
            failed = true; // the controller gives up on the role and leaves its rules alone
            break;
        }
        QStringList names;
        for (auto it = m_clusterRoles.begin(); it != m_clusterRoles.end(); ++it) {
            if (it.key() != name && selector->matches(it->labels))
                names << it.key();
        }
        std::sort(names.begin(), names.end());
        for (const QString &n : names) {
            for (const RbacPolicyRule &r : resolveAggregation(n, visiting)) {
                if (!out.contains(r))
                    out << r;
            }
        }
    }
    visiting.remove(name);
    if (failed)
        out = self->rules;
    m_aggregatedCache.insert(name, out);
    return out;
}

bool RbacEvaluator::roleRules(const Binding &b, const QString &bindingNamespace, QList<RbacPolicyRule> *rules,
                              QString *error) const
{
    if (b.roleKind == QLatin1String("ClusterRole")) {
        if (!m_clusterRoles.contains(b.roleName)) {
            *error = QLatin1String("clusterrole.rbac.authorization.k8s.io ") + goQuote(b.roleName) + QLatin1String(" not found");
            return false;
        }
        *rules = clusterRoleRules(b.roleName);
        return true;
    }
    if (b.roleKind == QLatin1String("Role")) {
        const auto it = m_roles.constFind(objectKey(bindingNamespace, b.roleName));
        if (it == m_roles.constEnd()) {
            *error = QLatin1String("role.rbac.authorization.k8s.io ") + goQuote(b.roleName) + QLatin1String(" not found");
            return false;
        }
        *rules = it->rules;
        return true;
    }
    *error = QLatin1String("unsupported role reference kind: ") + goQuote(b.roleKind);
    return false;
}

QList<const RbacEvaluator::Binding *> RbacEvaluator::candidates(const QHash<QString, QSet<QString>> &index,
                                                                const QHash<QString, Binding> &bindings,
                                                                const QStringList &keys, const QString &prefix) const
{
    QSet<QString> found;
    for (const QString &k : keys) {
        const auto it = index.constFind(prefix + k);
        if (it != index.constEnd())
            found.unite(*it);
    }
    QList<const Binding *> out;
    out.reserve(found.size());
    for (const QString &key : std::as_const(found)) {
        const auto it = bindings.constFind(key);
        if (it != bindings.constEnd())
            out << &*it;
    }
    std::sort(out.begin(), out.end(), [](const Binding *a, const Binding *b) { return a->name < b->name; });
    return out;
}

// visit(binding, clusterBinding, rule, subjectIndex, error) -> false stops.
template <typename Visitor>
void RbacEvaluator::visitRulesFor(const RbacUser &user, const QString &namespaceName, Visitor visit) const
{
    const QStringList groups = user.effectiveGroups();
    const QStringList keys = userKeys(user);
    auto walk = [&](const QList<const Binding *> &bindings, bool cluster, const QString &ns) {
        for (const Binding *b : bindings) {
            const int idx = firstApplyingSubject(user.name, groups, b->subjects, ns);
            if (idx < 0)
                continue;
            QList<RbacPolicyRule> rules;
            QString error;
            if (!roleRules(*b, ns, &rules, &error)) {
                if (!visit(b, cluster, nullptr, -1, error))
                    return false;
                continue;
            }
            for (const RbacPolicyRule &r : std::as_const(rules)) {
                if (!visit(b, cluster, &r, idx, QString()))
                    return false;
            }
        }
        return true;
    };
    if (!walk(candidates(m_crbBySubject, m_clusterRoleBindings, keys, QString()), true, QString()))
        return;
    if (!namespaceName.isEmpty())
        walk(candidates(m_rbBySubject, m_roleBindings, keys, namespaceName + kSep), false, namespaceName);
}

// ---- queries ----

RbacEvaluator::Decision RbacEvaluator::authorize(const RbacUser &user, const RbacRequest &request) const
{
    Decision d;
    QStringList errors;
    const QString ns = request.resourceRequest ? request.namespaceName : QString();
    visitRulesFor(user, ns, [&](const Binding *b, bool cluster, const RbacPolicyRule *rule, int idx, const QString &error) {
        if (rule && rule->allows(request)) {
            d.allowed = true;
            d.reason = QLatin1String("RBAC: allowed by ")
                       + describeBinding(b->name, b->namespaceName, cluster, b->roleKind, b->roleName, b->subjects.at(idx));
            return false;
        }
        if (!error.isEmpty())
            errors << error;
        return true;
    });
    if (!d.allowed && !errors.isEmpty())
        d.reason = QLatin1String("RBAC: ") + aggregate(errors);
    return d;
}

RbacEvaluator::RulesReview RbacEvaluator::rulesFor(const RbacUser &user, const QString &namespaceName) const
{
    RulesReview review;
    QStringList errors;
    visitRulesFor(user, namespaceName, [&](const Binding *, bool, const RbacPolicyRule *rule, int, const QString &error) {
        if (rule) {
            if (!rule->resources.isEmpty())
                review.resourceRules << ResourceRule{rule->verbs, rule->apiGroups, rule->resources, rule->resourceNames};
            if (!rule->nonResourceURLs.isEmpty())
                review.nonResourceRules << NonResourceRule{rule->verbs, rule->nonResourceURLs};
        }
        if (!error.isEmpty())
            errors << error;
        return true;
    });
    if (!errors.isEmpty())
        review.evaluationError = aggregate(errors);
    return review;
}

QString RbacEvaluator::forbiddenMessage(const RbacUser &user, const RbacRequest &request) const
{
    const Decision d = authorize(user, request);
    return request.forbiddenMessage(user.name, d.allowed ? QString() : d.reason);
}

acp::api::ApiError RbacEvaluator::forbiddenError(const RbacUser &user, const RbacRequest &request) const
{
    const Decision d = authorize(user, request);
    return request.forbiddenError(user.name, d.allowed ? QString() : d.reason);
}

QList<RbacEvaluator::SubjectAccess> RbacEvaluator::whoCan(const RbacRequest &request) const
{
    QList<SubjectAccess> out;
    auto collect = [&](const QList<const Binding *> &bindings, bool cluster) {
        for (const Binding *b : bindings) {
            QList<RbacPolicyRule> rules;
            QString error;
            if (!roleRules(*b, b->namespaceName, &rules, &error))
                continue;
            const bool granted = std::any_of(rules.cbegin(), rules.cend(), [&](const RbacPolicyRule &r) { return r.allows(request); });
            if (!granted)
                continue;
            for (RbacSubject s : b->subjects) {
                if (s.kind == QLatin1String("ServiceAccount") && s.namespaceName.isEmpty()) {
                    if (cluster)
                        continue; // never applies
                    s.namespaceName = b->namespaceName;
                }
                out << SubjectAccess{s, cluster ? QStringLiteral("ClusterRoleBinding") : QStringLiteral("RoleBinding"),
                                     b->name, b->namespaceName, b->roleKind, b->roleName};
            }
        }
    };
    QList<const Binding *> crbs;
    for (const Binding &b : m_clusterRoleBindings)
        crbs << &b;
    std::sort(crbs.begin(), crbs.end(), [](const Binding *a, const Binding *b) { return a->name < b->name; });
    collect(crbs, true);
    if (request.resourceRequest && !request.namespaceName.isEmpty()) {
        QList<const Binding *> rbs;
        for (const Binding &b : m_roleBindings) {
            if (b.namespaceName == request.namespaceName)
                rbs << &b;
        }
        std::sort(rbs.begin(), rbs.end(), [](const Binding *a, const Binding *b) { return a->name < b->name; });
        collect(rbs, false);
    }
    return out;
}

} // namespace acp::models
