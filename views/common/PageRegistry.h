#pragma once
// PageRegistry: every page the console can show, as data. Each area library registers its pages
// with one function (e.g. acp::views::registerClusterPages(PageRegistry &)) called by app/;
// the main window builds its navigation, the command palette and the shortcuts overlay from
// the registry, and resolves openResource() through `resources` claims. Areas whose issue has
// not landed simply register nothing. Thread: GUI thread.
#include "views/common/PageContext.h"

#include <QKeySequence>
#include <QList>
#include <QStringList>
#include <functional>

namespace acp::views {

class Page;

struct PageInfo {
    QString id;                 // "clusters", "cluster", "resources", ...
    QString title;              // shown in navigation ("Clusters")
    QString section;            // navigation group ("Platform", "Cluster", ...)
    int order = 100;            // position in navigation
    bool inNavigation = true;   // false: reachable only through openPage/openResource
    QKeySequence shortcut;      // e.g. Ctrl+1
    QStringList keywords;       // extra palette words (":cl", "fleet")
    // Resources this page opens (plural.group, e.g. "nodes", "projects.auth.alauda.io"); "*" for
    // the generic browser. openResource() picks the most specific page.
    QStringList resources;
    std::function<Page *(PageContext *)> create;
    // Whether the page applies to this fleet (e.g. ACP-only pages); null = always.
    std::function<bool(const models::Fleet *)> available;
    // The openPage() args that show `ref` (used with `resources`); null = {"ref": ref}.
    std::function<QVariantMap(const models::ResourceRef &)> argsFor;
    // Whether the navigation entry stands for the page opened with these args (e.g. "Create from
    // YAML" is not highlighted while the same page edits a live object); null = always.
    std::function<bool(const QVariantMap &)> highlightsNavigation;
};

class PageRegistry {
public:
    void add(PageInfo info);
    const QList<PageInfo> &pages() const { return m_pages; }   // sorted by order, then title
    const PageInfo *find(const QString &id) const;
    // The page for a resource: an exact "resource.group" claim first, then "*"; null if none.
    const PageInfo *pageForResource(const models::ResourceRef &ref, const models::Fleet *fleet) const;

private:
    QList<PageInfo> m_pages;
};

} // namespace acp::views
