#include "models/TextMerge.h"

#include "models/TextDiff.h"

#include <QVector>

namespace acp::models {
namespace {

// base line -> matched line of the other side, -1 when the base line was changed there.
QVector<int> baseMatches(const QStringList &base, const QStringList &other)
{
    QVector<int> m(base.size(), -1);
    for (const auto &[b, o] : TextDiff::matchLines(base, other))
        m[b] = o;
    return m;
}

QStringList slice(const QStringList &l, int from, int to)
{
    return l.mid(from, to - from);
}

QString join(const QStringList &lines, bool finalNewline)
{
    if (lines.isEmpty())
        return {};
    QString out = lines.join(QLatin1Char('\n'));
    if (finalNewline)
        out += QLatin1Char('\n');
    return out;
}

} // namespace

MergeResult TextMerge::merge3(const QString &baseText, const QString &mineText, const QString &theirsText,
                              const QString &mineLabel, const QString &theirsLabel, const QString &baseLabel)
{
    const QStringList base = TextDiff::splitLines(baseText);
    const QStringList mine = TextDiff::splitLines(mineText);
    const QStringList theirs = TextDiff::splitLines(theirsText);
    const QVector<int> toMine = baseMatches(base, mine);
    const QVector<int> toTheirs = baseMatches(base, theirs);

    MergeResult result;
    QStringList out;
    auto chunk = [&](int b0, int b1, int m0, int m1, int t0, int t1) {
        const QStringList cb = slice(base, b0, b1), cm = slice(mine, m0, m1), ct = slice(theirs, t0, t1);
        if (cm == cb || cm == ct) {
            out += ct;
        } else if (ct == cb) {
            out += cm;
        } else {
            MergeConflict c;
            c.startLine = int(out.size());
            c.mine = cm;
            c.base = cb;
            c.theirs = ct;
            out += QStringLiteral("<<<<<<< ") + mineLabel;
            out += cm;
            out += QStringLiteral("||||||| ") + baseLabel;
            out += cb;
            out += QStringLiteral("=======");
            out += ct;
            out += QStringLiteral(">>>>>>> ") + theirsLabel;
            c.endLine = int(out.size());
            result.conflicts.append(c);
        }
    };
    int i = 0, j = 0, k = 0;
    const int nb = int(base.size());
    while (true) {
        // Stable lines: the base line is kept, unchanged and in place, on both sides.
        while (i < nb && toMine[i] == j && toTheirs[i] == k) {
            out += base[i];
            ++i;
            ++j;
            ++k;
        }
        int o = i;
        while (o < nb && (toMine[o] < 0 || toTheirs[o] < 0))
            ++o;
        if (o == nb) {
            if (i < nb || j < mine.size() || k < theirs.size())
                chunk(i, nb, j, int(mine.size()), k, int(theirs.size()));
            break;
        }
        chunk(i, o, j, toMine[o], k, toTheirs[o]);
        i = o;
        j = toMine[o];
        k = toTheirs[o];
    }
    const bool finalNewline = mineText.endsWith(QLatin1Char('\n')) || theirsText.endsWith(QLatin1Char('\n'))
        || (mineText.isEmpty() && theirsText.isEmpty() && baseText.endsWith(QLatin1Char('\n')));
    result.text = join(out, finalNewline);
    return result;
}

QList<MergeConflict> TextMerge::findConflicts(const QString &text)
{
    const QStringList lines = TextDiff::splitLines(text);
    QList<MergeConflict> out;
    enum { Outside, Mine, Base, Theirs } state = Outside;
    MergeConflict c;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &l = lines[i];
        if (l.startsWith(QLatin1String("<<<<<<<"))) {   // a new start abandons an unterminated region
            c = MergeConflict();
            c.startLine = i;
            state = Mine;
        } else if (state == Mine && l.startsWith(QLatin1String("|||||||"))) {
            state = Base;
        } else if ((state == Mine || state == Base) && l.startsWith(QLatin1String("======="))) {
            state = Theirs;
        } else if (state == Theirs && l.startsWith(QLatin1String(">>>>>>>"))) {
            c.endLine = i + 1;
            out.append(c);
            state = Outside;
        } else if (state == Mine) {
            c.mine.append(l);
        } else if (state == Base) {
            c.base.append(l);
        } else if (state == Theirs) {
            c.theirs.append(l);
        }
    }
    return out;
}

QString TextMerge::resolve(const QString &text, int index, Side side)
{
    const QList<MergeConflict> conflicts = findConflicts(text);
    if (index < 0 || index >= conflicts.size())
        return text;
    const MergeConflict &c = conflicts[index];
    QStringList lines = TextDiff::splitLines(text);
    QStringList chosen = side == Side::Mine ? c.mine : side == Side::Theirs ? c.theirs : side == Side::Base ? c.base : c.mine + c.theirs;
    QStringList out = lines.mid(0, c.startLine) + chosen + lines.mid(c.endLine);
    return join(out, text.endsWith(QLatin1Char('\n')));
}

} // namespace acp::models
