#pragma once
// CommandPalette (Ctrl+K): a keyboard-driven popup over the main window: a line edit and a
// result list (Up/Down move, Enter opens, Esc closes). What the text means:
//   words      pages of the PageRegistry (title, id, keywords) and objects by name from the
//              informers already loaded in any cluster (kind, namespace, cluster shown)
//   :kind      any resource kind or short name the connected clusters' discovery knows
//              (":pods", ":deploy", ":ns"): opens Navigator::openResource with the collection
//   /text      filters the current page (views::Page::applyFilter)
// Words also match the commands of the window's menu bar ("Log in", "Dark", "Switch session").
// Prefix matches rank first; at most limit() results. Object search is incremental
// (ObjectNameSearch), so large caches never freeze typing.
// Thread: GUI thread. A child widget of the main window, drawn over its content.
#include "app/ObjectNameSearch.h"
#include "views/common/PageContext.h"
#include "views/common/PageRegistry.h"

#include <QFrame>
#include <QPointer>
#include <QSet>


class QAction;
class QLabel;
class QLineEdit;
class QListWidget;

namespace acp::views { class Page; }

namespace acp::app {

class CommandPalette : public QFrame {
    Q_OBJECT
public:
    struct Entry {
        enum Type { Page, Command, Kind, Object, Filter, Hint };
        Type type = Hint;
        QString text;      // the main line
        QString detail;    // the second column (section, group, kind · namespace · cluster)
        QString pageId;    // Page
        models::ResourceRef ref;   // Kind (collection) and Object
        QString filter;    // Filter
        QPointer<QAction> action;  // Command
    };

    CommandPalette(const views::PageRegistry *registry, views::PageContext *context, QWidget *parent);

    // The page that `/text` filters (the main window's current page).
    void setCurrentPage(views::Page *page) { m_page = page; }
    void popup(const QString &text = QString());   // shows, focuses, and searches `text`
    void dismiss();

    QLineEdit *lineEdit() const { return m_edit; }
    QListWidget *resultList() const { return m_list; }
    QList<Entry> entries() const { return m_entries; }
    int limit() const { return m_limit; }
    ObjectNameSearch *objectSearch() const { return m_objects; }
    // Runs the entry at `row` (as Enter does) and closes.
    void activate(int row);

Q_SIGNALS:
    void filterRejected(const QString &text);   // the current page has no filter

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search();
    void watchDiscovery();
    void rebuildList();
    void placeOverParent();
    QList<Entry> pageEntries(const QString &text) const;
    QList<Entry> kindEntries(const QString &text) const;
    QList<Entry> commandEntries(const QString &text) const;
    QList<ObjectNameSource> objectSources() const;

    const views::PageRegistry *m_registry;
    views::PageContext *m_context;
    views::Page *m_page = nullptr;
    QLineEdit *m_edit;
    QListWidget *m_list;
    QLabel *m_hint;
    ObjectNameSearch *m_objects;
    QList<Entry> m_fixed;     // pages, kinds, filter: computed synchronously per keystroke
    QList<Entry> m_entries;   // what the list shows
    int m_limit = 50;
    QSet<QString> m_watched;   // clusters whose discovery re-runs a :kind search
};

} // namespace acp::app

