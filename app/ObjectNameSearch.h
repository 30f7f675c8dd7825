#pragma once
// ObjectNameSearch: finds objects by name across the stores of the informers already loaded
// (the command palette's "jump to any object"), incrementally so that 200,000 objects never
// freeze the GUI: each step() scans at most `budget` store keys (names come from the keys, no
// object is decoded), then the search yields to the event loop and continues.
//
// Matching is case-insensitive; prefix matches rank before substring matches, each group in
// name order. Results are capped (`limit`); once `limit` prefix matches are found the scan stops
// early (nothing later could rank higher). The same object seen through two informers (e.g. an
// all-namespaces and a one-namespace pods informer) is reported once.
// Thread: GUI thread. Stores are held by QPointer; a store gone mid-search is skipped.
#include "models/ResourceRef.h"
#include "models/ResourceStore.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace acp::app {

struct ObjectNameSource {
    models::ResourceRef collection;   // cluster, group, version, resource, kind (no name)
    QPointer<models::ResourceStore> store;
};

struct ObjectNameMatch {
    models::ResourceRef ref;          // the object (collection + namespace + name)
    bool prefix = false;
};

class ObjectNameSearch : public QObject {
    Q_OBJECT
public:
    explicit ObjectNameSearch(QObject *parent = nullptr);

    void setSources(const QList<ObjectNameSource> &sources);
    void setLimit(int limit) { m_limit = limit; }
    void setBudget(int keysPerStep) { m_budget = qMax(1, keysPerStep); }
    int budget() const { return m_budget; }

    // Starts a new search (cancelling the previous one); runs step() from the event loop until
    // done. An empty query finishes at once with no results.
    void start(const QString &query);
    void cancel();
    // Scans up to budget() keys; returns the number scanned. Public for tests.
    int step();

    bool isFinished() const { return m_finished; }
    QString query() const { return m_query; }
    int scanned() const { return m_scanned; }   // keys looked at by this search so far
    // The ranked matches so far (at most limit).
    QList<ObjectNameMatch> results() const;

Q_SIGNALS:
    void resultsChanged();   // after a step that found something, and when finished
    void finished();

private:
    void finish();

    QList<ObjectNameSource> m_sources;
    QString m_query;
    int m_limit = 50;
    int m_budget = 20000;
    int m_source = 0;          // index into m_sources
    int m_offset = 0;          // index into m_keys
    QStringList m_keys;        // the current source's keys (implicitly shared with the store)
    bool m_haveKeys = false;
    QList<ObjectNameMatch> m_prefix, m_contains;
    QSet<QString> m_seen;      // cluster/path/key of matches (dedupe)
    int m_scanned = 0;
    bool m_finished = true;
    QTimer m_timer;
};

} // namespace acp::app
