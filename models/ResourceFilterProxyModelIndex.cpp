#include "models/ResourceFilterProxyModelIndex.h"

#include "models/ResourceTableModel.h"

#include <algorithm>

namespace acp::models {

namespace {

inline char16_t lowerAscii(char16_t c)
{
    return c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c;
}

} // namespace

int ResourceFilterProxyModelIndex::Interned::id(const QString &value, const QSet<QString> &criteria)
{
    const auto it = ids.constFind(value);
    if (it != ids.constEnd())
        return *it;
    const int id = int(values.size());
    ids.insert(value, id);
    values.append(value);
    ok.append(criteria.isEmpty() || criteria.contains(value));
    return id;
}

int ResourceFilterProxyModelIndex::labelSetId(const QList<QPair<QString, QString>> &labels)
{
    // Hash the pairs in place (no key string is built), then compare with the sets in the bucket.
    size_t h = 0x9e3779b97f4a7c15ULL;
    for (const auto &kv : labels)
        h = qHashMulti(h, kv.first, kv.second);
    for (auto it = m_labelIds.constFind(h); it != m_labelIds.constEnd() && it.key() == h; ++it) {
        if (m_labelSets.at(*it) == labels)
            return *it;
    }
    const int id = int(m_labelSets.size());
    m_labelIds.insert(h, id);
    m_labelSets.append(labels);
    m_labelOk.append(!m_selector || m_selector->matches(labels));
    return id;
}

ResourceFilterProxyModelIndex::Entry ResourceFilterProxyModelIndex::entryFor(const ResourceTableModel &model, int row)
{
    const KubeObject &o = model.objectAt(row);
    Entry e;
    const QString &name = o.name();
    e.nameOffset = qint32(m_names.size());
    e.nameLength = qint32(name.size());
    const auto *chars = reinterpret_cast<const char16_t *>(name.utf16());
    m_names.resize(m_names.size() + name.size());
    char16_t *out = m_names.data() + e.nameOffset;
    for (qsizetype i = 0; i < name.size(); ++i)
        out[i] = lowerAscii(chars[i]);
    e.ns = m_namespaces.id(o.namespaceName(), m_wantedNamespaces);
    e.cluster = m_clusters.id(model.clusterAt(row), m_wantedClusters);
    e.labels = labelSetId(o.labels());
    return e;
}

void ResourceFilterProxyModelIndex::reset(const ResourceTableModel *model)
{
    m_rows.clear();
    m_names.clear();
    m_garbage = 0;
    m_namespaces = {};
    m_clusters = {};
    m_labelIds.clear();
    m_labelSets.clear();
    m_labelOk.clear();
    if (!model)
        return;
    const int n = model->rowCount();
    m_rows.reserve(n);
    m_names.reserve(qsizetype(n) * 32);
    for (int r = 0; r < n; ++r)
        m_rows.append(entryFor(*model, r));
}

void ResourceFilterProxyModelIndex::insert(const ResourceTableModel &model, int first, int last)
{
    QVector<Entry> fresh;
    fresh.reserve(last - first + 1);
    for (int r = first; r <= last; ++r)
        fresh.append(entryFor(model, r));
    m_rows.insert(first, fresh.size(), Entry{});
    std::copy(fresh.cbegin(), fresh.cend(), m_rows.begin() + first);
}

void ResourceFilterProxyModelIndex::remove(int first, int last)
{
    for (int r = first; r <= last; ++r)
        m_garbage += m_rows.at(r).nameLength;
    m_rows.remove(first, last - first + 1);
    if (m_garbage > 4096 && m_garbage > m_names.size() / 2)
        compactNames();
}

void ResourceFilterProxyModelIndex::update(const ResourceTableModel &model, int first, int last)
{
    // Names and namespaces are immutable for a key; labels are not (nor, for an aggregate, the
    // object behind a row after a store reset, which comes as a reset anyway).
    for (int r = first; r <= last; ++r)
        m_rows[r].labels = labelSetId(model.objectAt(r).labels());
}

void ResourceFilterProxyModelIndex::compactNames()
{
    QVector<char16_t> names;
    names.reserve(m_names.size() - m_garbage);
    for (Entry &e : m_rows) {
        const qint32 offset = qint32(names.size());
        names.resize(offset + e.nameLength);
        std::copy_n(m_names.constData() + e.nameOffset, e.nameLength, names.data() + offset);
        e.nameOffset = offset;
    }
    m_names = std::move(names);
    m_garbage = 0;
}

void ResourceFilterProxyModelIndex::setCriteria(const QSet<QString> &namespaces, const QSet<QString> &clusters,
                                                const std::optional<LabelSelector> &selector)
{
    m_wantedNamespaces = namespaces;
    m_wantedClusters = clusters;
    m_selector = selector;
    for (Interned *in : {&m_namespaces, &m_clusters}) {
        const QSet<QString> &wanted = in == &m_namespaces ? namespaces : clusters;
        for (int i = 0; i < in->values.size(); ++i)
            in->ok[i] = wanted.isEmpty() || wanted.contains(in->values.at(i));
    }
    for (int i = 0; i < m_labelSets.size(); ++i)
        m_labelOk[i] = !selector || selector->matches(m_labelSets.at(i));
}

bool ResourceFilterProxyModelIndex::nameContains(int row, QStringView lowerNeedle) const
{
    const Entry &e = m_rows.at(row);
    const QStringView name(m_names.constData() + e.nameOffset, e.nameLength);
    return name.contains(lowerNeedle);
}

} // namespace acp::models
