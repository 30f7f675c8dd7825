#include "app/ObjectNameSearch.h"

#include <algorithm>
#include <tuple>

namespace acp::app {

ObjectNameSearch::ObjectNameSearch(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_finished)
            return;
        step();
        if (!m_finished)
            m_timer.start();
    });
}

void ObjectNameSearch::setSources(const QList<ObjectNameSource> &sources)
{
    cancel();
    m_sources = sources;
}

void ObjectNameSearch::start(const QString &query)
{
    cancel();
    m_query = query.trimmed();
    m_finished = false;
    if (m_query.isEmpty()) {
        finish();
        return;
    }
    m_timer.start();
}

void ObjectNameSearch::cancel()
{
    m_timer.stop();
    m_finished = true;
    m_source = 0;
    m_offset = 0;
    m_keys.clear();
    m_haveKeys = false;
    m_prefix.clear();
    m_contains.clear();
    m_seen.clear();
    m_scanned = 0;
}

int ObjectNameSearch::step()
{
    if (m_finished)
        return 0;
    int n = 0;
    bool found = false;
    while (n < m_budget && m_source < m_sources.size() && m_prefix.size() < m_limit) {
        const ObjectNameSource &src = m_sources.at(m_source);
        if (!m_haveKeys) {
            m_keys = src.store ? src.store->keys() : QStringList();
            m_haveKeys = true;
            m_offset = 0;
        }
        const int end = int(qMin<qsizetype>(m_keys.size(), m_offset + (m_budget - n)));
        n += end - m_offset;
        for (; m_offset < end; ++m_offset) {
            const QString &key = m_keys.at(m_offset);
            const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
            const QStringView name = QStringView(key).mid(slash + 1);
            const bool prefix = name.startsWith(m_query, Qt::CaseInsensitive);
            if (!prefix && (m_contains.size() >= m_limit || !name.contains(m_query, Qt::CaseInsensitive)))
                continue;
            const QString id = src.collection.cluster + QChar(0x1f) + src.collection.groupResource() + QChar(0x1f) + key;
            if (m_seen.contains(id))
                continue;
            m_seen.insert(id);
            ObjectNameMatch m{src.collection, prefix};
            m.ref.namespaceName = slash < 0 ? QString() : key.left(slash);
            m.ref.name = name.toString();
            (prefix ? m_prefix : m_contains).append(m);
            found = true;
            if (m_prefix.size() >= m_limit)
                break;
        }
        if (m_offset >= m_keys.size()) {
            ++m_source;
            m_haveKeys = false;
            m_keys.clear();
        }
    }
    m_scanned += n;
    if (m_source >= m_sources.size() || m_prefix.size() >= m_limit)
        finish();
    else if (found)
        Q_EMIT resultsChanged();
    return n;
}

void ObjectNameSearch::finish()
{
    m_timer.stop();
    m_finished = true;
    m_keys.clear();
    Q_EMIT resultsChanged();
    Q_EMIT finished();
}

QList<ObjectNameMatch> ObjectNameSearch::results() const
{
    auto byName = [](const ObjectNameMatch &a, const ObjectNameMatch &b) {
        const int c = QString::compare(a.ref.name, b.ref.name, Qt::CaseInsensitive);
        if (c != 0)
            return c < 0;
        return std::tie(a.ref.cluster, a.ref.namespaceName, a.ref.resource) < std::tie(b.ref.cluster, b.ref.namespaceName, b.ref.resource);
    };
    QList<ObjectNameMatch> prefix = m_prefix, contains = m_contains;
    std::sort(prefix.begin(), prefix.end(), byName);
    std::sort(contains.begin(), contains.end(), byName);
    QList<ObjectNameMatch> out = prefix.mid(0, m_limit);
    out += contains.mid(0, m_limit - out.size());
    return out;
}

} // namespace acp::app
