#include "models/TextDiff.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace acp::models {
namespace {

// Linear-space Myers (the "middle snake" bisection, as in diff-match-patch): common prefix and
// suffix are matched directly, the rest is split at a point of an optimal path and recursed.
class Myers {
public:
    Myers(const QVector<int> &a, const QVector<int> &b) : m_a(a), m_b(b) {}

    QList<QPair<int, int>> run()
    {
        diff(0, int(m_a.size()), 0, int(m_b.size()));
        return m_matches;
    }

private:
    void diff(int aLo, int aHi, int bLo, int bHi)
    {
        while (aLo < aHi && bLo < bHi && m_a[aLo] == m_b[bLo])
            m_matches.append({aLo++, bLo++});
        int suffix = 0;
        while (aLo < aHi - suffix && bLo < bHi - suffix && m_a[aHi - 1 - suffix] == m_b[bHi - 1 - suffix])
            ++suffix;
        aHi -= suffix;
        bHi -= suffix;
        if (aLo < aHi && bLo < bHi) {
            int x = 0, y = 0;
            split(aLo, aHi, bLo, bHi, &x, &y);
            diff(aLo, aLo + x, bLo, bLo + y);
            diff(aLo + x, aHi, bLo + y, bHi);
        }
        for (int i = 0; i < suffix; ++i)
            m_matches.append({aHi + i, bHi + i});
    }

    // A point (x, y) relative to (aLo, bLo) on an optimal path, strictly inside the box (the box's
    // ends differ, so the edit distance is >= 2 and both halves are smaller).
    void split(int aLo, int aHi, int bLo, int bHi, int *sx, int *sy)
    {
        const int n = aHi - aLo, m = bHi - bLo, delta = n - m;
        const bool odd = (delta & 1) != 0;
        const int maxD = (n + m + 1) / 2;
        const int offset = maxD + 1;
        std::vector<int> vf(size_t(2 * offset + 2), -1), vb(size_t(2 * offset + 2), -1);
        vf[size_t(offset + 1)] = 0;
        vb[size_t(offset + 1)] = 0;
        for (int d = 0; d <= maxD; ++d) {
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && vf[size_t(offset + k - 1)] < vf[size_t(offset + k + 1)]))
                    ? vf[size_t(offset + k + 1)] : vf[size_t(offset + k - 1)] + 1;
                int y = x - k;
                while (x < n && y < m && m_a[aLo + x] == m_b[bLo + y]) {
                    ++x;
                    ++y;
                }
                vf[size_t(offset + k)] = x;
                const int kb = delta - k;
                if (odd && kb >= -(d - 1) && kb <= d - 1 && vb[size_t(offset + kb)] >= 0 && x + vb[size_t(offset + kb)] >= n) {
                    *sx = x;
                    *sy = y;
                    return;
                }
            }
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && vb[size_t(offset + k - 1)] < vb[size_t(offset + k + 1)]))
                    ? vb[size_t(offset + k + 1)] : vb[size_t(offset + k - 1)] + 1;
                int y = x - k;
                while (x < n && y < m && m_a[aHi - 1 - x] == m_b[bHi - 1 - y]) {
                    ++x;
                    ++y;
                }
                vb[size_t(offset + k)] = x;
                const int kf = delta - k;
                if (!odd && kf >= -d && kf <= d && vf[size_t(offset + kf)] >= 0 && vf[size_t(offset + kf)] + x >= n) {
                    *sx = vf[size_t(offset + kf)];
                    *sy = *sx - kf;
                    return;
                }
            }
        }
        *sx = n;   // unreachable for non-empty boxes; a safe split all the same
        *sy = 0;
    }

    const QVector<int> &m_a;
    const QVector<int> &m_b;
    QList<QPair<int, int>> m_matches;
};

void appendChanges(QList<TextRange> *out, int start, int end)
{
    if (end <= start)
        return;
    if (!out->isEmpty() && out->last().start + out->last().length == start)
        out->last().length += end - start;
    else
        out->append({start, end - start});
}

} // namespace

QString DiffHunk::header() const
{
    // Like diff -u: a count of 1 is left out.
    auto range = [](int start, int count) {
        return count == 1 ? QString::number(start) : QStringLiteral("%1,%2").arg(start).arg(count);
    };
    return QStringLiteral("@@ -%1 +%2 @@").arg(range(leftStart, leftCount), range(rightStart, rightCount));
}

QStringList TextDiff::splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(QLatin1Char('\n'));
    if (text.endsWith(QLatin1Char('\n')))
        lines.removeLast();
    return lines;
}

QList<QPair<int, int>> TextDiff::matchSequences(const QVector<int> &a, const QVector<int> &b)
{
    return Myers(a, b).run();
}

QList<QPair<int, int>> TextDiff::matchLines(const QStringList &a, const QStringList &b)
{
    QHash<QString, int> ids;
    auto intern = [&ids](const QStringList &lines) {
        QVector<int> out;
        out.reserve(lines.size());
        for (const QString &l : lines)
            out.append(*ids.insert(l, ids.value(l, int(ids.size()))));
        return out;
    };
    const QVector<int> ia = intern(a);
    const QVector<int> ib = intern(b);
    return matchSequences(ia, ib);
}

void TextDiff::intraline(const QString &a, const QString &b, QList<TextRange> *aChanges, QList<TextRange> *bChanges)
{
    aChanges->clear();
    bChanges->clear();
    if (a.size() > 4000 || b.size() > 4000) {   // character Myers is quadratic in the worst case
        int p = 0;
        while (p < a.size() && p < b.size() && a[p] == b[p])
            ++p;
        int s = 0;
        while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s] == b[b.size() - 1 - s])
            ++s;
        appendChanges(aChanges, p, int(a.size()) - s);
        appendChanges(bChanges, p, int(b.size()) - s);
        return;
    }
    QVector<int> ca, cb;
    ca.reserve(a.size());
    cb.reserve(b.size());
    for (QChar c : a)
        ca.append(c.unicode());
    for (QChar c : b)
        cb.append(c.unicode());
    int ai = 0, bi = 0;
    for (const auto &[ma, mb] : matchSequences(ca, cb)) {
        appendChanges(aChanges, ai, ma);
        appendChanges(bChanges, bi, mb);
        ai = ma + 1;
        bi = mb + 1;
    }
    appendChanges(aChanges, ai, int(a.size()));
    appendChanges(bChanges, bi, int(b.size()));
}

TextDiff::TextDiff(const QString &left, const QString &right)
    : m_left(splitLines(left)), m_right(splitLines(right))
{
    int l = 0, r = 0;
    auto flush = [this, &l, &r](int toL, int toR) {
        for (; l < toL; ++l)
            m_ops.append({DiffOp::Kind::Delete, l, -1});
        for (; r < toR; ++r)
            m_ops.append({DiffOp::Kind::Insert, -1, r});
    };
    for (const auto &[ml, mr] : matchLines(m_left, m_right)) {
        flush(ml, mr);
        m_ops.append({DiffOp::Kind::Equal, l++, r++});
    }
    flush(int(m_left.size()), int(m_right.size()));
}

bool TextDiff::identical() const
{
    return std::all_of(m_ops.begin(), m_ops.end(), [](const DiffOp &o) { return o.kind == DiffOp::Kind::Equal; });
}

int TextDiff::changedLineCount() const
{
    return int(std::count_if(m_ops.begin(), m_ops.end(), [](const DiffOp &o) { return o.kind != DiffOp::Kind::Equal; }));
}

QList<DiffHunk> TextDiff::hunks(int context) const
{
    QList<DiffHunk> out;
    const int n = int(m_ops.size());
    int i = 0;
    while (i < n) {
        while (i < n && m_ops[i].kind == DiffOp::Kind::Equal)
            ++i;
        if (i == n)
            break;
        // The hunk spans changes whose gaps of equal lines are at most 2 * context.
        int start = std::max(0, i - context);
        int end = i;
        while (end < n) {
            int j = end;
            while (j < n && m_ops[j].kind != DiffOp::Kind::Equal)
                ++j;
            int k = j;
            while (k < n && m_ops[k].kind == DiffOp::Kind::Equal)
                ++k;
            if (k == n || k - j > 2 * context) {
                end = std::min(n, j + context);
                break;
            }
            end = k;
        }
        DiffHunk h;
        int firstLeft = -1, firstRight = -1;
        int lastLeft = 0, lastRight = 0;   // lines before the hunk, for empty sides
        for (int p = start; p < end; ++p) {
            const DiffOp &o = m_ops[p];
            if (o.leftLine >= 0) {
                if (firstLeft < 0)
                    firstLeft = o.leftLine;
                ++h.leftCount;
            }
            if (o.rightLine >= 0) {
                if (firstRight < 0)
                    firstRight = o.rightLine;
                ++h.rightCount;
            }
            const QChar prefix = o.kind == DiffOp::Kind::Equal ? QLatin1Char(' ') : o.kind == DiffOp::Kind::Delete ? QLatin1Char('-') : QLatin1Char('+');
            h.lines.append(prefix + (o.leftLine >= 0 ? m_left[o.leftLine] : m_right[o.rightLine]));
        }
        for (int p = start - 1; p >= 0 && (lastLeft == 0 || lastRight == 0); --p) {
            if (lastLeft == 0 && m_ops[p].leftLine >= 0)
                lastLeft = m_ops[p].leftLine + 1;
            if (lastRight == 0 && m_ops[p].rightLine >= 0)
                lastRight = m_ops[p].rightLine + 1;
        }
        h.leftStart = h.leftCount > 0 ? firstLeft + 1 : lastLeft;
        h.rightStart = h.rightCount > 0 ? firstRight + 1 : lastRight;
        out.append(h);
        i = end;
    }
    return out;
}

QString TextDiff::unified(const QString &leftName, const QString &rightName, int context) const
{
    const QList<DiffHunk> hs = hunks(context);
    if (hs.isEmpty())
        return {};
    QString out = QStringLiteral("--- %1\n+++ %2\n").arg(leftName, rightName);
    for (const DiffHunk &h : hs) {
        out += h.header() + QLatin1Char('\n');
        for (const QString &l : h.lines)
            out += l + QLatin1Char('\n');
    }
    return out;
}

QList<SideBySideRow> TextDiff::sideBySide() const
{
    QList<SideBySideRow> rows;
    const int n = int(m_ops.size());
    int i = 0;
    while (i < n) {
        if (m_ops[i].kind == DiffOp::Kind::Equal) {
            const DiffOp &o = m_ops[i++];
            rows.append({SideBySideRow::Kind::Same, o.leftLine, o.rightLine, m_left[o.leftLine], m_right[o.rightLine], {}, {}});
            continue;
        }
        QList<int> dels, ins;
        while (i < n && m_ops[i].kind != DiffOp::Kind::Equal) {
            if (m_ops[i].kind == DiffOp::Kind::Delete)
                dels.append(m_ops[i].leftLine);
            else
                ins.append(m_ops[i].rightLine);
            ++i;
        }
        const int pairs = int(std::max(dels.size(), ins.size()));
        for (int p = 0; p < pairs; ++p) {
            SideBySideRow row;
            if (p < dels.size()) {
                row.leftLine = dels[p];
                row.leftText = m_left[row.leftLine];
            }
            if (p < ins.size()) {
                row.rightLine = ins[p];
                row.rightText = m_right[row.rightLine];
            }
            if (row.leftLine >= 0 && row.rightLine >= 0) {
                row.kind = SideBySideRow::Kind::Changed;
                intraline(row.leftText, row.rightText, &row.leftChanges, &row.rightChanges);
            } else {
                row.kind = row.leftLine >= 0 ? SideBySideRow::Kind::Removed : SideBySideRow::Kind::Added;
            }
            rows.append(row);
        }
    }
    return rows;
}

} // namespace acp::models
