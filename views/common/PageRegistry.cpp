#include "views/common/PageRegistry.h"

#include <algorithm>

namespace acp::views {

void PageRegistry::add(PageInfo info)
{
    m_pages.append(std::move(info));
    std::stable_sort(m_pages.begin(), m_pages.end(),
                     [](const PageInfo &a, const PageInfo &b) { return a.order != b.order ? a.order < b.order : a.title < b.title; });
}

const PageInfo *PageRegistry::find(const QString &id) const
{
    for (const PageInfo &p : m_pages)
        if (p.id == id)
            return &p;
    return nullptr;
}

const PageInfo *PageRegistry::pageForResource(const models::ResourceRef &ref, const models::Fleet *fleet) const
{
    const PageInfo *generic = nullptr;
    const QString gr = ref.groupResource();
    for (const PageInfo &p : m_pages) {
        if (p.available && !p.available(fleet))
            continue;
        if (p.resources.contains(gr))
            return &p;
        if (!generic && p.resources.contains(QStringLiteral("*")))
            generic = &p;
    }
    return generic;
}

} // namespace acp::views
