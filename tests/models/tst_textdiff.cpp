// Unit tests for acp::models::TextDiff (Myers line diff, unified hunks, side-by-side rows,
// intraline changes) and acp::models::TextMerge (diff3 three-way merge, conflict markers).
#include "models/TextDiff.h"
#include "models/TextMerge.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using acp::models::DiffOp;
using acp::models::MergeResult;
using acp::models::SideBySideRow;
using acp::models::TextDiff;
using acp::models::TextMerge;
using acp::models::TextRange;

namespace {

int lcsLength(const QStringList &a, const QStringList &b)
{
    QVector<QVector<int>> t(a.size() + 1, QVector<int>(b.size() + 1, 0));
    for (int i = int(a.size()) - 1; i >= 0; --i)
        for (int j = int(b.size()) - 1; j >= 0; --j)
            t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
    return t[0][0];
}

QString lines(std::initializer_list<const char *> l)
{
    QString out;
    for (const char *s : l)
        out += QString::fromUtf8(s) + QLatin1Char('\n');
    return out;
}

} // namespace

class TestTextDiff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void splitLines()
    {
        QCOMPARE(TextDiff::splitLines(QString()), QStringList());
        QCOMPARE(TextDiff::splitLines(QStringLiteral("a\nb\n")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(TextDiff::splitLines(QStringLiteral("a\nb")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(TextDiff::splitLines(QStringLiteral("\n")), QStringList{QString()});
    }

    void identical()
    {
        const QString t = lines({"apiVersion: v1", "kind: Pod"});
        TextDiff d(t, t);
        QVERIFY(d.identical());
        QCOMPARE(d.changedLineCount(), 0);
        QVERIFY(d.hunks().isEmpty());
        QCOMPARE(d.unified(QStringLiteral("a"), QStringLiteral("b")), QString());
        QCOMPARE(d.sideBySide().size(), 2);
    }

    // Minimal (LCS-optimal) and a valid edit script, on random texts over a small alphabet.
    void minimalOnRandomTexts()
    {
        QRandomGenerator rng(42);
        for (int round = 0; round < 300; ++round) {
            QStringList a, b;
            const int na = rng.bounded(0, 40), nb = rng.bounded(0, 40);
            for (int i = 0; i < na; ++i)
                a.append(QString::number(rng.bounded(5)));
            for (int i = 0; i < nb; ++i)
                b.append(QString::number(rng.bounded(5)));
            TextDiff d(a.join(QLatin1Char('\n')), b.join(QLatin1Char('\n')));
            int equal = 0;
            QStringList rebuiltLeft, rebuiltRight;
            for (const DiffOp &o : d.ops()) {
                if (o.kind == DiffOp::Kind::Equal) {
                    ++equal;
                    QCOMPARE(a[o.leftLine], b[o.rightLine]);
                }
                if (o.leftLine >= 0)
                    rebuiltLeft.append(a[o.leftLine]);
                if (o.rightLine >= 0)
                    rebuiltRight.append(b[o.rightLine]);
            }
            QCOMPARE(rebuiltLeft, a);
            QCOMPARE(rebuiltRight, b);
            QCOMPARE(equal, lcsLength(a, b));
        }
    }

    // Hunks and headers as `diff -u` writes them (checked against the diff binary when present).
    void unifiedLikeDiffU()
    {
        const QString left = lines({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"});
        const QString right = lines({"a", "b", "c", "D", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"});
        TextDiff d(left, right);
        const QString expected = QStringLiteral("--- l\n+++ r\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n"
                                                "@@ -11,3 +11,4 @@\n k\n l\n m\n+n\n");
        QCOMPARE(d.unified(QStringLiteral("l"), QStringLiteral("r")), expected);
        QCOMPARE(TextDiff(QString(), QStringLiteral("x\n")).hunks().first().header(), QStringLiteral("@@ -0,0 +1 @@"));
        QCOMPARE(TextDiff(QStringLiteral("x\n"), QString()).hunks().first().header(), QStringLiteral("@@ -1 +0,0 @@"));

        const QString diffBin = QStandardPaths::findExecutable(QStringLiteral("diff"));
        if (diffBin.isEmpty())
            return;
        QTemporaryDir dir;
        auto write = [&dir](const QString &name, const QString &text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.toUtf8());
        };
        write(QStringLiteral("l"), left);
        write(QStringLiteral("r"), right);
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(diffBin, {QStringLiteral("-u"), QStringLiteral("--label"), QStringLiteral("l"), QStringLiteral("--label"),
                          QStringLiteral("r"), QStringLiteral("l"), QStringLiteral("r")});
        QVERIFY(p.waitForFinished());
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()), expected);
    }

    void sideBySideRowsAndIntraline()
    {
        const QString left = lines({"spec:", "  replicas: 2", "  paused: false", "  image: nginx:1.25"});
        const QString right = lines({"spec:", "  replicas: 3", "  image: nginx:1.25", "  minReadySeconds: 5"});
        const QList<SideBySideRow> rows = TextDiff(left, right).sideBySide();
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].kind, SideBySideRow::Kind::Same);
        QCOMPARE(rows[1].kind, SideBySideRow::Kind::Changed);
        QCOMPARE(rows[1].leftText, QStringLiteral("  replicas: 2"));
        QCOMPARE(rows[1].rightText, QStringLiteral("  replicas: 3"));
        QCOMPARE(rows[1].leftChanges, (QList<TextRange>{{12, 1}}));
        QCOMPARE(rows[1].rightChanges, (QList<TextRange>{{12, 1}}));
        QCOMPARE(rows[2].kind, SideBySideRow::Kind::Removed);
        QCOMPARE(rows[2].rightLine, -1);
        QCOMPARE(rows[3].kind, SideBySideRow::Kind::Same);
        QCOMPARE(rows[4].kind, SideBySideRow::Kind::Added);
        QCOMPARE(rows[4].leftLine, -1);
        QCOMPARE(rows[4].rightLine, 3);

        QList<TextRange> a, b;
        TextDiff::intraline(QStringLiteral("image: nginx:1.25"), QStringLiteral("image: nginx:1.27-alpine"), &a, &b);
        QCOMPARE(a, (QList<TextRange>{{16, 1}}));
        QCOMPARE(b, (QList<TextRange>{{16, 8}}));
    }

    void largeDiffIsLinearSpace()
    {
        QStringList a, b;
        for (int i = 0; i < 60000; ++i) {
            a.append(QStringLiteral("line %1").arg(i));
            b.append(i % 97 == 0 ? QStringLiteral("changed %1").arg(i) : QStringLiteral("line %1").arg(i));
        }
        TextDiff d(a.join(QLatin1Char('\n')), b.join(QLatin1Char('\n')));
        QCOMPARE(d.changedLineCount(), 2 * ((60000 + 96) / 97));
    }

    void merge3Clean()
    {
        const QString base = lines({"a: 1", "b: 2", "c: 3", "d: 4", "e: 5"});
        const QString mine = lines({"a: 1", "b: 20", "c: 3", "d: 4", "e: 5"});
        const QString theirs = lines({"a: 1", "b: 2", "c: 3", "d: 4", "e: 50", "f: 6"});
        const MergeResult r = TextMerge::merge3(base, mine, theirs);
        QVERIFY(r.clean());
        QCOMPARE(r.text, lines({"a: 1", "b: 20", "c: 3", "d: 4", "e: 50", "f: 6"}));
        // Both made the same change: taken once.
        QCOMPARE(TextMerge::merge3(base, mine, mine).text, mine);
        QCOMPARE(TextMerge::merge3(base, base, base).text, base);
    }

    void merge3ConflictAndResolve()
    {
        const QString base = lines({"spec:", "  replicas: 1", "  paused: false"});
        const QString mine = lines({"spec:", "  replicas: 3", "  paused: false"});
        const QString theirs = lines({"spec:", "  replicas: 5", "  paused: true"});
        const MergeResult r = TextMerge::merge3(base, mine, theirs, QStringLiteral("your edit"), QStringLiteral("server"),
                                                QStringLiteral("original"));
        QCOMPARE(r.conflicts.size(), 1);
        const QString expected = lines({"spec:", "<<<<<<< your edit", "  replicas: 3", "  paused: false", "||||||| original",
                                        "  replicas: 1", "  paused: false", "=======", "  replicas: 5", "  paused: true",
                                        ">>>>>>> server"});
        QCOMPARE(r.text, expected);
        QCOMPARE(r.conflicts[0].startLine, 1);
        QCOMPARE(r.conflicts[0].endLine, 11);
        QCOMPARE(r.conflicts[0].mine, (QStringList{QStringLiteral("  replicas: 3"), QStringLiteral("  paused: false")}));

        const auto found = TextMerge::findConflicts(r.text);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].theirs, r.conflicts[0].theirs);
        QCOMPARE(found[0].base, r.conflicts[0].base);
        QCOMPARE(TextMerge::resolve(r.text, 0, TextMerge::Side::Theirs), theirs);
        QCOMPARE(TextMerge::resolve(r.text, 0, TextMerge::Side::Mine), mine);
        QCOMPARE(TextMerge::resolve(r.text, 1, TextMerge::Side::Mine), r.text);
    }

    // Markers without the base section (diff2 style) and two conflicts, resolved one by one.
    void findConflictsWithoutBase()
    {
        const QString text = lines({"x", "<<<<<<< a", "1", "=======", "2", ">>>>>>> b", "y", "<<<<<<< a", "3", "=======",
                                    ">>>>>>> b", "z"});
        const auto found = TextMerge::findConflicts(text);
        QCOMPARE(found.size(), 2);
        QCOMPARE(found[1].mine, QStringList{QStringLiteral("3")});
        QVERIFY(found[1].theirs.isEmpty());
        const QString once = TextMerge::resolve(text, 0, TextMerge::Side::Both);
        QCOMPARE(TextMerge::findConflicts(once).size(), 1);
        QCOMPARE(TextMerge::resolve(once, 0, TextMerge::Side::Theirs), lines({"x", "1", "2", "y", "z"}));
    }
};

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
