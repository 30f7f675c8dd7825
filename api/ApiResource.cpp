#include "api/ApiResource.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace acp::api {

bool ApiResource::operator==(const ApiResource &o) const
{
    return group == o.group && version == o.version && resource == o.resource && kind == o.kind && singular == o.singular
        && namespaced == o.namespaced && verbs == o.verbs && shortNames == o.shortNames && categories == o.categories
        && subresources == o.subresources && preferred == o.preferred;
}

ApiResourceSet::ApiResourceSet(QList<ApiResource> resources)
{
    // Priority order: groups in first-seen order (core first when present), within a group the
    // preferred version first, otherwise as discovered.
    QHash<QString, int> groupIndex;
    for (const ApiResource &r : std::as_const(resources))
        if (!groupIndex.contains(r.group))
            groupIndex.insert(r.group, r.group.isEmpty() ? -1 : int(groupIndex.size()));
    std::stable_sort(resources.begin(), resources.end(), [&](const ApiResource &a, const ApiResource &b) {
        const int ga = groupIndex.value(a.group), gb = groupIndex.value(b.group);
        if (ga != gb)
            return ga < gb;
        return a.preferred && !b.preferred;
    });
    m_resources = std::move(resources);
}

QStringList ApiResourceSet::groups() const
{
    QStringList out;
    for (const ApiResource &r : m_resources)
        if (!out.contains(r.group))
            out << r.group;
    return out;
}

QList<ApiResource> ApiResourceSet::matchName(const QString &name, const QString &group, const QString &version) const
{
    QList<ApiResource> out;
    for (const ApiResource &r : m_resources) {
        if ((!group.isEmpty() || !version.isEmpty()) && r.group != group)
            continue;
        if (!version.isEmpty() && r.version != version)
            continue;
        if (r.resource == name || r.singular == name || r.shortNames.contains(name) || r.kind.toLower() == name)
            out << r;
    }
    return out;
}

QList<ApiResource> ApiResourceSet::lookupAll(const QString &input) const
{
    const QString name = input.trimmed().toLower();
    if (name.isEmpty())
        return {};
    const QStringList parts = name.split(QLatin1Char('.'));
    if (parts.size() >= 3) {   // resource.version.group
        const auto m = matchName(parts.at(0), parts.mid(2).join(QLatin1Char('.')), parts.at(1));
        if (!m.isEmpty())
            return m;
    }
    if (parts.size() >= 2) {   // resource.group
        const auto m = matchName(parts.at(0), parts.mid(1).join(QLatin1Char('.')), QString());
        if (!m.isEmpty())
            return m;
    }
    return matchName(name, QString(), QString());
}

Result<ApiResource> ApiResourceSet::lookup(const QString &name) const
{
    const QList<ApiResource> all = lookupAll(name);
    if (all.isEmpty())
        return ApiError{404, QStringLiteral("NotFound"), QStringLiteral("the server doesn't have a resource type \"%1\"").arg(name)};
    return all.first();
}

Result<ApiResource> ApiResourceSet::find(const QString &group, const QString &version, const QString &resource) const
{
    for (const ApiResource &r : m_resources)
        if (r.group == group && r.resource == resource && (version.isEmpty() || r.version == version))
            return r;
    return ApiError{404, QStringLiteral("NotFound"),
                    QStringLiteral("the server could not find the requested resource %1")
                        .arg(version.isEmpty() ? resource + QLatin1Char('.') + group : group + QLatin1Char('/') + version + QLatin1Char('/') + resource)};
}

Result<ApiResource> ApiResourceSet::findKind(const QString &group, const QString &version, const QString &kind) const
{
    for (const ApiResource &r : m_resources)
        if (r.kind == kind && (group.isEmpty() || r.group == group) && (version.isEmpty() || r.version == version))
            return r;
    return ApiError{404, QStringLiteral("NotFound"),
                    QStringLiteral("no matches for kind \"%1\" in version \"%2\"").arg(kind, group.isEmpty() ? version : group + QLatin1Char('/') + version)};
}

QList<ApiResource> ApiResourceSet::category(const QString &name) const
{
    QList<ApiResource> out;
    QSet<QString> seen;
    for (const ApiResource &r : m_resources) {
        if (!r.categories.contains(name) || !r.hasVerb(QStringLiteral("list")) || seen.contains(r.groupResource()))
            continue;
        seen.insert(r.groupResource());
        out << r;
    }
    return out;
}

} // namespace acp::api
