// Widget tests for acp::views::DiffView, ThreeWayMergeView and FieldOwnershipView (offscreen):
// side-by-side and unified rows, change navigation, the identical state; a 409-style three-way
// merge with a conflict resolved per side (undoable) and hand edits picked up; managedFields of a
// real Deployment filtered by manager. Screenshots go to /tmp/editor-*.png.
#include "api/Yaml.h"
#include "views/editor/DiffPane.h"
#include "views/editor/DiffView.h"
#include "views/editor/FieldOwnershipView.h"
#include "views/editor/ThreeWayMergeView.h"
#include "views/editor/YamlEditor.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTreeWidget>
#include <QtTest>

using acp::models::TextMerge;
using acp::views::DiffView;
using acp::views::FieldOwnershipView;
using acp::views::ThreeWayMergeView;

namespace {

QByteArray liveDeployment()
{
    QFile f(QStringLiteral(ACP_SHARED_DIR "/testdata/api-objects/gitops-engine/pkg/diff/testdata/ssd-deploy-with-manual-apply-live.yaml"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString edited(QString text)
{
    text.replace(QStringLiteral("  replicas: 1\n"), QStringLiteral("  replicas: 3\n"));
    text.replace(QStringLiteral("image: nginx:latest"), QStringLiteral("image: nginx:1.27"));
    text.replace(QStringLiteral("      dnsPolicy: ClusterFirst\n"), QStringLiteral("      dnsPolicy: ClusterFirst\n      hostNetwork: false\n"));
    return text;
}

int backgroundRows(const acp::views::DiffPane *pane)
{
    int n = 0;
    for (const auto &s : pane->extraSelections())
        n += s.format.boolProperty(QTextFormat::FullWidthSelection) ? 1 : 0;
    return n;
}

} // namespace

class TestEditorViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (liveDeployment().isEmpty())
            QSKIP("../shared/testdata not available");
    }

    void diffView()
    {
        const QString live = QString::fromUtf8(liveDeployment());
        DiffView v;
        v.resize(1100, 600);
        v.show();
        v.setTexts(live, live);
        QVERIFY(v.isIdentical());
        QCOMPARE(v.changeCount(), 0);
        QCOMPARE(v.statusLabel()->text(), QStringLiteral("No differences"));
        QCOMPARE(v.findChild<QStackedWidget *>()->currentIndex(), 2);
        QVERIFY(v.unifiedText().isEmpty());

        v.setTexts(live, edited(live));
        QVERIFY(!v.isIdentical());
        QCOMPARE(v.changeCount(), 3);
        QCOMPARE(v.leftPane()->rowCount(), v.rightPane()->rowCount());
        QCOMPARE(v.leftPane()->rowCount(), acp::models::TextDiff::splitLines(live).size() + 1);   // + the added line's filler
        QCOMPARE(backgroundRows(v.rightPane()), 3);   // two changed lines and one added
        QCOMPARE(backgroundRows(v.leftPane()), 3);    // two changed and one filler
        // Intraline: only "1" -> "3" is marked on the replicas row.
        bool marked = false;
        for (const auto &s : v.rightPane()->extraSelections())
            marked = marked || (!s.format.boolProperty(QTextFormat::FullWidthSelection) && s.cursor.selectedText() == QStringLiteral("3"));
        QVERIFY(marked);

        QSignalSpy moved(&v, &DiffView::currentChangeChanged);
        v.nextChange();
        v.nextChange();
        QCOMPARE(v.currentChange(), 1);
        QCOMPARE(v.rightPane()->textCursor().block().text(), QStringLiteral("        - image: nginx:1.27"));
        QCOMPARE(v.leftPane()->textCursor().block().text(), QStringLiteral("        - image: nginx:latest"));
        v.previousChange();
        QCOMPARE(v.currentChange(), 0);
        QCOMPARE(moved.size(), 3);
        QVERIFY(v.statusLabel()->text().startsWith(QStringLiteral("Change 1 of 3")));
        QVERIFY(v.grab().save(QStringLiteral("/tmp/editor-diff.png")));

        v.setMode(DiffView::Mode::Unified);
        QCOMPARE(v.findChild<QStackedWidget *>()->currentIndex(), 1);
        QCOMPARE(v.unifiedPane()->textCursor().block().text(), QStringLiteral("  replicas: 1"));   // the change starts with the removed line
        QVERIFY(v.unifiedText().contains(QStringLiteral("\n-  replicas: 1\n+  replicas: 3\n")));
        v.nextChange();
        v.nextChange();
        QCOMPARE(v.unifiedPane()->textCursor().block().text(), QStringLiteral("      hostNetwork: false"));
        QCOMPARE(v.unifiedPane()->label(v.unifiedPane()->textCursor().blockNumber()).trimmed().endsWith(QLatin1Char('+')), true);
        QVERIFY(v.grab().save(QStringLiteral("/tmp/editor-diff-unified.png")));
    }

    void threeWayMerge()
    {
        const QString base = QString::fromUtf8(liveDeployment());
        QString mine = edited(base);
        QString theirs = base;   // the server scaled to 5 and bumped the image elsewhere
        theirs.replace(QStringLiteral("  replicas: 1\n"), QStringLiteral("  replicas: 5\n"));
        theirs.replace(QStringLiteral("image: spurin/idle:latest"), QStringLiteral("image: spurin/idle:v2"));
        theirs.replace(QStringLiteral("resourceVersion: \"46835\""), QStringLiteral("resourceVersion: \"46900\""));

        ThreeWayMergeView v;
        v.resize(1200, 800);
        v.show();
        QSignalSpy changed(&v, &ThreeWayMergeView::conflictsChanged);
        v.setTexts(base, mine, theirs);
        QCOMPARE(v.conflictCount(), 1);
        QCOMPARE(v.conflictList()->count(), 1);
        QCOMPARE(v.currentConflict(), 0);
        QCOMPARE(v.conflicts()[0].mine, QStringList{QStringLiteral("  replicas: 3")});
        QCOMPARE(v.conflicts()[0].theirs, QStringList{QStringLiteral("  replicas: 5")});
        // Non-conflicting changes of both sides are merged.
        QVERIFY(v.mergedText().contains(QStringLiteral("image: nginx:1.27")));
        QVERIFY(v.mergedText().contains(QStringLiteral("image: spurin/idle:v2")));
        QVERIFY(v.mergedText().contains(QStringLiteral("resourceVersion: \"46900\"")));
        QCOMPARE(v.mergedEditor()->currentLine(), v.conflicts()[0].startLine + 1);
        QCOMPARE(v.mergedEditor()->diagnostics().size(), 1);   // the markers are flagged
        QCOMPARE(v.mergedEditor()->extraSelections().size(), 1 + 7);   // and the region's 7 lines shaded
        QVERIFY(!v.mergedEditor()->isFoldable(v.conflicts()[0].startLine + 1));
        QVERIFY(v.grab().save(QStringLiteral("/tmp/editor-merge.png")));

        v.resolveConflict(0, TextMerge::Side::Theirs);
        QCOMPARE(v.conflictCount(), 0);
        QVERIFY(v.mergedText().contains(QStringLiteral("\n  replicas: 5\n")));
        QVERIFY(!v.mergedText().contains(QStringLiteral("<<<<<<<")));
        QCOMPARE(changed.last().at(0).toInt(), 0);
        v.mergedEditor()->undo();   // one step back to the conflict
        QTRY_COMPARE(v.conflictCount(), 1);
        v.resolveConflict(0, TextMerge::Side::Mine);
        QVERIFY(v.mergedText().contains(QStringLiteral("\n  replicas: 3\n")));
        QCOMPARE(v.mergedText(), TextMerge::merge3(base, mine, theirs).text.replace(
                                     QRegularExpression(QStringLiteral("<<<<<<< [^\n]*\n([^\n]*\n)\\|\\|\\|\\|\\|\\|\\| [^\n]*\n[^\n]*\n=======\n[^\n]*\n>>>>>>> [^\n]*\n")),
                                     QStringLiteral("\\1")));

        // Hand-written markers are read back after an edit.
        v.mergedEditor()->goToLine(1);
        v.mergedEditor()->textCursor().insertText(QStringLiteral("<<<<<<< a\nx: 1\n=======\nx: 2\n>>>>>>> b\n"));
        QTRY_COMPARE(v.conflictCount(), 1);
        v.resolveConflict(0, TextMerge::Side::Both);
        QVERIFY(v.mergedText().startsWith(QStringLiteral("x: 1\nx: 2\napiVersion: apps/v1\n")));
    }

    void fieldOwnershipView()
    {
        auto obj = acp::api::yaml::parseOne(liveDeployment());
        QVERIFY(obj.ok());
        FieldOwnershipView v;
        v.resize(900, 500);
        v.show();
        v.setObject(obj->toObject());
        const int all = int(v.ownership().rows().size());
        QCOMPARE(v.table()->topLevelItemCount(), all);
        QCOMPARE(v.visibleRowCount(), all);
        QCOMPARE(v.managerCombo()->count(), 4);   // all + 3 managers
        v.setManagerFilter(QStringLiteral("kube-controller-manager"));
        int controller = 0;
        for (const auto &r : v.ownership().rows())
            controller += r.manager == QLatin1String("kube-controller-manager");
        QCOMPARE(v.visibleRowCount(), controller);
        v.setFieldFilter(QStringLiteral("conditions[type=Available]"));
        QCOMPARE(v.visibleRowCount(), 7);
        v.setManagerFilter(QString());
        v.setFieldFilter(QStringLiteral("replicas"));
        QVERIFY(v.visibleRowCount() >= 3);   // spec.replicas, status.replicas, status.readyReplicas ...
        v.setFieldFilter(QString());
        QVERIFY(v.grab().save(QStringLiteral("/tmp/editor-ownership.png")));
    }
};

QTEST_MAIN(TestEditorViews)
#include "tst_editorviews.moc"
