// KyvernoEngine: rule matching (pkg/engine/utils/match.go), auto-gen (pkg/autogen) and the
// validate handlers (pkg/engine/handlers/validation) for pattern, anyPattern and podSecurity.
#include "sandbox/KyvernoEngine.h"

#include "models/LabelSelector.h"
#include "sandbox/KyvernoPattern.h"
#include "sandbox/KyvernoPodSecurity.h"

#include <QJsonArray>

namespace acp::sandbox {

namespace {

const QStringList kDefaultControllers{QStringLiteral("DaemonSet"), QStringLiteral("Deployment"), QStringLiteral("Job"),
                                      QStringLiteral("StatefulSet"), QStringLiteral("ReplicaSet"),
                                      QStringLiteral("ReplicationController"), QStringLiteral("CronJob")};

QJsonObject objAt(const QJsonObject &o, const char *k) { return o.value(QLatin1String(k)).toObject(); }
QString strAt(const QJsonObject &o, const char *k) { return o.value(QLatin1String(k)).toString(); }

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

bool anyWildcard(const QStringList &patterns, const QString &text)
{
    for (const QString &p : patterns)
        if (KyvernoPattern::wildcardMatch(p, text))
            return true;
    return false;
}

// "Pod", "v1/Pod", "apps/v1/Deployment", "*"; subresource forms ("Pod/status") never match.
bool kindMatches(const QStringList &kinds, const QString &kind, const QString &apiVersion)
{
    const QString group = apiVersion.contains(QLatin1Char('/')) ? apiVersion.section(QLatin1Char('/'), 0, 0) : QString();
    const QString version = apiVersion.section(QLatin1Char('/'), -1);
    for (const QString &k : kinds) {
        const QStringList parts = k.split(QLatin1Char('/'));
        if (parts.size() == 1 && KyvernoPattern::wildcardMatch(parts[0], kind))
            return true;
        if (parts.size() == 2 && KyvernoPattern::wildcardMatch(parts[1], kind) && KyvernoPattern::wildcardMatch(parts[0], version))
            return true;
        if (parts.size() == 3 && KyvernoPattern::wildcardMatch(parts[2], kind) && KyvernoPattern::wildcardMatch(parts[1], version)
            && KyvernoPattern::wildcardMatch(parts[0], group))
            return true;
    }
    return false;
}

bool selectorMatches(const QJsonValue &selector, const QJsonObject &labels)
{
    auto s = models::LabelSelector::fromJsonValue(selector);
    return s && s->matches(labels);
}

// One ResourceFilter ({resources, subjects, roles, clusterRoles}); `kind` is the kind the
// filter is checked for (Pod for an auto-gen rule on a controller).
bool filterMatches(const QJsonObject &filter, const QString &kind, const KyvernoRequest &req)
{
    if (filter.contains(QLatin1String("subjects")) || filter.contains(QLatin1String("roles"))
        || filter.contains(QLatin1String("clusterRoles")))
        return false;
    const QJsonObject r = objAt(filter, "resources");
    const QJsonObject meta = objAt(req.object, "metadata");
    const QString apiVersion = kind == QLatin1String("Pod") && strAt(req.object, "kind") != QLatin1String("Pod")
        ? QStringLiteral("v1") : strAt(req.object, "apiVersion");
    if (!kindMatches(strings(r.value(QLatin1String("kinds"))), kind, apiVersion))
        return false;
    QStringList names = strings(r.value(QLatin1String("names")));
    if (r.contains(QLatin1String("name")))
        names << strAt(r, "name");
    if (!names.isEmpty() && !anyWildcard(names, strAt(meta, "name")))
        return false;
    const QStringList namespaces = strings(r.value(QLatin1String("namespaces")));
    if (!namespaces.isEmpty() && !anyWildcard(namespaces, strAt(meta, "namespace")))
        return false;
    const QJsonObject annotations = objAt(r, "annotations");
    for (auto it = annotations.begin(); it != annotations.end(); ++it) {
        const QJsonObject have = objAt(meta, "annotations");
        bool found = false;
        for (auto h = have.begin(); h != have.end() && !found; ++h)
            found = KyvernoPattern::wildcardMatch(it.key(), h.key()) && KyvernoPattern::wildcardMatch(it.value().toString(), h.value().toString());
        if (!found)
            return false;
    }
    if (r.contains(QLatin1String("selector")) && !selectorMatches(r.value(QLatin1String("selector")), objAt(meta, "labels")))
        return false;
    if (r.contains(QLatin1String("namespaceSelector")) && !selectorMatches(r.value(QLatin1String("namespaceSelector")), req.namespaceLabels))
        return false;
    const QStringList ops = strings(r.value(QLatin1String("operations")));
    if (!ops.isEmpty() && !req.operation.isEmpty() && !ops.contains(req.operation))
        return false;
    return true;
}

QList<QJsonObject> filtersOf(const QJsonObject &block, bool *all)
{
    QList<QJsonObject> out;
    *all = false;
    if (block.contains(QLatin1String("any"))) {
        for (const QJsonValue &f : block.value(QLatin1String("any")).toArray())
            out << f.toObject();
    } else if (block.contains(QLatin1String("all"))) {
        *all = true;
        for (const QJsonValue &f : block.value(QLatin1String("all")).toArray())
            out << f.toObject();
    } else if (block.contains(QLatin1String("resources"))) {
        *all = true;
        out << block;
    }
    return out;
}

bool blockMatches(const QJsonObject &block, const QString &kind, const KyvernoRequest &req)
{
    bool all = false;
    const QList<QJsonObject> filters = filtersOf(block, &all);
    if (filters.isEmpty())
        return false;
    for (const QJsonObject &f : filters) {
        const bool m = filterMatches(f, kind, req);
        if (all && !m)
            return false;
        if (!all && m)
            return true;
    }
    return all;
}

bool ruleMatches(const QJsonObject &rule, const QString &kind, const KyvernoRequest &req)
{
    if (!blockMatches(objAt(rule, "match"), kind, req))
        return false;
    return !rule.contains(QLatin1String("exclude")) || !blockMatches(objAt(rule, "exclude"), kind, req);
}

// CanAutoGen: every filter names only Pod kinds and no names, selector or annotations.
bool canAutogen(const QJsonObject &rule)
{
    bool sawPod = false;
    for (const char *blockName : {"match", "exclude"}) {
        bool all = false;
        for (const QJsonObject &f : filtersOf(objAt(rule, blockName), &all)) {
            const QJsonObject r = objAt(f, "resources");
            if (r.contains(QLatin1String("name")) || r.contains(QLatin1String("names")) || r.contains(QLatin1String("selector"))
                || r.contains(QLatin1String("annotations")))
                return false;
            for (const QString &k : strings(r.value(QLatin1String("kinds")))) {
                if (k != QLatin1String("Pod") && k != QLatin1String("v1/Pod"))
                    return false;
                sawPod = true;
            }
        }
    }
    return sawPod;
}

QStringList autogenControllers(const QJsonObject &policy)
{
    const QJsonObject ann = objAt(objAt(policy, "metadata"), "annotations");
    const QString value = ann.value(QLatin1String("pod-policies.kyverno.io/autogen-controllers")).toString();
    if (!ann.contains(QLatin1String("pod-policies.kyverno.io/autogen-controllers")))
        return kDefaultControllers;
    if (value == QLatin1String("none"))
        return {};
    QStringList out;
    for (const QString &k : value.split(QLatin1Char(',')))
        out << k.trimmed();
    return out;
}

bool supported(const QJsonObject &rule)
{
    const QJsonObject v = objAt(rule, "validate");
    if (v.isEmpty() || rule.contains(QLatin1String("preconditions")))
        return false;
    return v.contains(QLatin1String("pattern")) || v.contains(QLatin1String("anyPattern")) || v.contains(QLatin1String("podSecurity"));
}

bool enforces(const QJsonObject &policy, const QJsonObject &rule, const QString &ns)
{
    const QJsonObject spec = objAt(policy, "spec");
    QString action = strAt(objAt(rule, "validate"), "failureAction");
    if (action.isEmpty()) {
        for (const QJsonValue &o : spec.value(QLatin1String("validationFailureActionOverrides")).toArray())
            if (action.isEmpty() && anyWildcard(strings(o.toObject().value(QLatin1String("namespaces"))), ns))
                action = strAt(o.toObject(), "action");
    }
    if (action.isEmpty())
        action = strAt(spec, "validationFailureAction");
    return action.compare(QLatin1String("Enforce"), Qt::CaseInsensitive) == 0;
}

QJsonValue nest(const QJsonValue &pattern, const QString &kind)
{
    const QJsonObject tmpl{{QStringLiteral("template"), pattern}};
    if (kind == QLatin1String("CronJob"))
        return QJsonObject{{QStringLiteral("spec"), QJsonObject{{QStringLiteral("jobTemplate"),
                                                                  QJsonObject{{QStringLiteral("spec"), tmpl}}}}}};
    return QJsonObject{{QStringLiteral("spec"), tmpl}};
}

// buildErrorMessage
QString errorMessage(const QJsonObject &validate, const QString &rule, const QString &path)
{
    QString msg = strAt(validate, "message");
    if (msg.isEmpty())
        return QStringLiteral("validation error: rule %1 failed at path %2").arg(rule, path);
    if (!msg.endsWith(QLatin1Char('.')))
        msg += QLatin1Char('.');
    return QStringLiteral("validation error: %1 rule %2 failed at path %3").arg(msg, rule, path);
}

KyvernoRuleResult patternRule(const QJsonObject &validate, const QString &rule, const QJsonObject &object, const QString &nestKind)
{
    KyvernoRuleResult r;
    r.rule = rule;
    auto wrap = [&nestKind](const QJsonValue &p) { return nestKind.isEmpty() ? p : nest(p, nestKind); };
    if (validate.contains(QLatin1String("pattern"))) {
        const PatternResult m = KyvernoPattern::match(object, wrap(validate.value(QLatin1String("pattern"))));
        r.status = m.status == PatternResult::Pass ? KyvernoRuleResult::Pass
            : m.status == PatternResult::Skip      ? KyvernoRuleResult::Skip
            : m.path.isEmpty()                     ? KyvernoRuleResult::Error
                                                   : KyvernoRuleResult::Fail;
        r.message = r.status == KyvernoRuleResult::Pass ? QStringLiteral("validation rule '%1' passed.").arg(rule)
            : r.status == KyvernoRuleResult::Skip       ? m.error
                                                        : errorMessage(validate, rule, m.path);
        return r;
    }
    QStringList failed, skipped;
    const QJsonArray any = validate.value(QLatin1String("anyPattern")).toArray();
    for (qsizetype i = 0; i < any.size(); ++i) {
        const PatternResult m = KyvernoPattern::match(object, wrap(any.at(i)));
        if (m.status == PatternResult::Pass) {
            r.message = QStringLiteral("validation rule '%1' anyPattern[%2] passed.").arg(rule).arg(i);
            return r;
        }
        if (m.status == PatternResult::Skip)
            skipped << QStringLiteral("rule %1[%2] skipped: %3").arg(rule).arg(i).arg(m.error);
        else if (m.path.isEmpty())
            failed << QStringLiteral("rule %1[%2] failed: %3").arg(rule).arg(i).arg(m.error);
        else
            failed << QStringLiteral("rule %1[%2] failed at path %3").arg(rule).arg(i).arg(m.path);
    }
    if (failed.isEmpty() && !skipped.isEmpty()) {
        r.status = KyvernoRuleResult::Skip;
        r.message = skipped.join(QLatin1Char(' '));
        return r;
    }
    r.status = KyvernoRuleResult::Fail;
    const QString msg = strAt(validate, "message");
    const QString errs = failed.join(QLatin1Char(' '));
    r.message = msg.isEmpty()             ? QStringLiteral("validation error: %1").arg(errs)
        : msg.endsWith(QLatin1Char('.')) ? QStringLiteral("validation error: %1 %2").arg(msg, errs)
                                         : QStringLiteral("validation error: %1. %2").arg(msg, errs);
    return r;
}

KyvernoRuleResult evaluateRule(const QJsonObject &rule, const QString &name, const QJsonObject &object, const QString &nestKind)
{
    const QJsonObject validate = objAt(rule, "validate");
    if (!validate.contains(QLatin1String("podSecurity")))
        return patternRule(validate, name, object, nestKind);
    const KyvernoPodSecurity::Outcome o = KyvernoPodSecurity::evaluate(name, objAt(validate, "podSecurity"), object);
    KyvernoRuleResult r;
    r.rule = name;
    r.status = o.error ? KyvernoRuleResult::Error : o.allowed ? KyvernoRuleResult::Pass : KyvernoRuleResult::Fail;
    r.message = o.message;
    r.properties = o.properties;
    return r;
}

} // namespace

QString KyvernoRuleResult::statusName(Status s)
{
    switch (s) {
    case Pass: return QStringLiteral("pass");
    case Fail: return QStringLiteral("fail");
    case Warn: return QStringLiteral("warn");
    case Error: return QStringLiteral("error");
    case Skip: return QStringLiteral("skip");
    }
    return QString();
}

bool KyvernoEngine::admissionEnabled(const QJsonObject &policy)
{
    return objAt(policy, "spec").value(QLatin1String("admission")).toBool(true);
}

bool KyvernoEngine::backgroundEnabled(const QJsonObject &policy)
{
    return objAt(policy, "spec").value(QLatin1String("background")).toBool(true);
}

QString KyvernoEngine::reportName(const QJsonObject &policy)
{
    const QJsonObject meta = objAt(policy, "metadata");
    const QString ns = strAt(meta, "namespace");
    return ns.isEmpty() ? strAt(meta, "name") : ns + QLatin1Char('/') + strAt(meta, "name");
}

bool KyvernoEngine::isPodController(const QString &kind)
{
    return kDefaultControllers.contains(kind);
}

bool KyvernoEngine::filteredOut(const QString &kind, const QString &ns)
{
    static const QStringList namespaces{QStringLiteral("kube-system"), QStringLiteral("kube-public"), QStringLiteral("kube-node-lease"),
                                        QStringLiteral("kyverno")};
    return kind == QLatin1String("Event") || kind == QLatin1String("ReplicaSet") || namespaces.contains(ns);
}

QList<KyvernoRuleResult> KyvernoEngine::evaluate(const QJsonObject &policy, const KyvernoRequest &request)
{
    QList<KyvernoRuleResult> out;
    const QString kind = strAt(request.object, "kind");
    const QString ns = strAt(objAt(request.object, "metadata"), "namespace");
    if (filteredOut(kind, ns))
        return out;
    const bool controller = autogenControllers(policy).contains(kind);
    for (const QJsonValue &v : objAt(policy, "spec").value(QLatin1String("rules")).toArray()) {
        const QJsonObject rule = v.toObject();
        if (!supported(rule))
            continue;
        const QString name = strAt(rule, "name");
        QString ruleName, nestKind;
        if (ruleMatches(rule, kind, request)) {
            ruleName = name;
        } else if (controller && canAutogen(rule) && ruleMatches(rule, QStringLiteral("Pod"), request)) {
            ruleName = (kind == QLatin1String("CronJob") ? QStringLiteral("autogen-cronjob-") : QStringLiteral("autogen-")) + name;
            nestKind = kind;
        } else {
            continue;
        }
        KyvernoRuleResult r = evaluateRule(rule, ruleName, request.object, nestKind);
        r.enforce = enforces(policy, rule, ns);
        const bool allowExisting = objAt(rule, "validate").value(QLatin1String("allowExistingViolations")).toBool(true);
        if (r.status == KyvernoRuleResult::Fail && request.operation == QLatin1String("UPDATE") && allowExisting
            && !request.oldObject.isEmpty()
            && evaluateRule(rule, ruleName, request.oldObject, nestKind).status == KyvernoRuleResult::Fail) {
            r.status = KyvernoRuleResult::Skip;
        }
        out << r;
    }
    return out;
}

} // namespace acp::sandbox
