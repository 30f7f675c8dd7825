// Widget tests for acp::views::YamlEditor and ProblemsList (offscreen): KSyntaxHighlighting
// formats and themes, folding (gutter clicks, shortcuts, managedFields/status folded on load),
// search and replace, go to line, diagnostics (underlines, tooltips, problems list), completion
// through the popup with real key clicks, hover documentation, undo across a programmatic
// replace, and the revision counter. Uses a live Deployment from ../shared/testdata. Lazy
// highlighting of big texts: idle pass to the last line, painted blocks first, edits (also a
// block scalar changing the lines below), folding and diagnostics on a big text.
#include "views/editor/EditorFindBar.h"
#include "views/editor/ProblemsList.h"
#include "views/editor/YamlEditor.h"
#include "views/editor/YamlEditorGutter.h"

#include <KSyntaxHighlighting/SyntaxHighlighter>

#include <QAbstractItemView>
#include <QCompleter>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>
#include <QtTest>
#include <QClipboard>

#include <tuple>

using acp::models::YamlCompletion;
using acp::models::YamlDiagnostic;
using acp::views::EditorFindBar;
using acp::views::ProblemsList;
using acp::views::YamlEditor;

namespace {

QString liveDeploymentYaml()
{
    QFile f(QStringLiteral(ACP_SHARED_DIR "/testdata/api-objects/gitops-engine/pkg/diff/testdata/smd-deploy-live.yaml"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

int lineOf(const YamlEditor &e, const QString &text)
{
    for (QTextBlock b = e.document()->firstBlock(); b.isValid(); b = b.next())
        if (b.text() == text)
            return b.blockNumber() + 1;
    return -1;
}

bool lineVisible(const YamlEditor &e, int line)
{
    return e.document()->findBlockByNumber(line - 1).isVisible();
}

QString lineText(const YamlEditor &e, int line)
{
    return e.document()->findBlockByNumber(line - 1).text();
}

// (start, length, colour) of a block's highlighting formats.
QList<std::tuple<int, int, QRgb>> formatsOf(const QTextBlock &b)
{
    QList<std::tuple<int, int, QRgb>> out;
    for (const auto &f : b.layout()->formats())
        out.append({f.start, f.length, f.format.foreground().color().rgb()});
    return out;
}

// The formats of every block of a fresh editor fully highlighted with text.
QList<QList<std::tuple<int, int, QRgb>>> referenceFormats(const QString &text, int blocks)
{
    YamlEditor ref;
    ref.loadText(text, false);
    ref.finishHighlighting();
    QList<QList<std::tuple<int, int, QRgb>>> out;
    for (QTextBlock b = ref.document()->firstBlock(); b.isValid() && b.blockNumber() < blocks; b = b.next())
        out.append(formatsOf(b));
    return out;
}

QString bigYaml(int items)
{
    QString text;
    for (int i = 0; i < items; ++i)
        text += QStringLiteral("item%1:\n  key: value # c\n  list:\n    - 1\n").arg(i);
    return text + QStringLiteral("last: 42 # the end\n");
}

} // namespace

class TestYamlEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (liveDeploymentYaml().isEmpty())
            QSKIP("../shared/testdata not available");
    }

    void highlighting()
    {
        YamlEditor e;
        e.resize(600, 400);
        e.show();
        e.loadText(QStringLiteral("apiVersion: apps/v1\nkind: Deployment # a comment\nspec:\n  replicas: 3\n"));
        QCOMPARE(e.language(), YamlEditor::Language::Yaml);
        QCOMPARE(e.themeName(), QStringLiteral("Breeze Light"));
        const QList<QTextLayout::FormatRange> formats = e.document()->findBlockByNumber(1).layout()->formats();
        QVERIFY(formats.size() >= 2);
        // The key, the value and the comment get different colours.
        QSet<QRgb> colours;
        for (const auto &f : formats)
            colours.insert(f.format.foreground().color().rgb());
        QVERIFY2(colours.size() >= 2, "key, value and comment are not told apart");

        QPalette dark = e.palette();
        dark.setColor(QPalette::Base, QColor(0x23, 0x26, 0x29));
        dark.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
        e.setPalette(dark);
        QCOMPARE(e.themeName(), QStringLiteral("Breeze Dark"));

        YamlEditor json;
        json.loadText(QStringLiteral("{\n  \"kind\": \"Pod\"\n}\n"));
        QCOMPARE(json.language(), YamlEditor::Language::Json);
        QVERIFY(!json.document()->findBlockByNumber(1).layout()->formats().isEmpty());
    }

    void defaultFoldsAndFolding()
    {
        YamlEditor e;
        e.resize(700, 500);
        e.show();
        e.loadText(liveDeploymentYaml());
        const int managed = lineOf(e, QStringLiteral("  managedFields:"));
        const int status = lineOf(e, QStringLiteral("status:"));
        QVERIFY(managed > 0);
        QVERIFY(status > 0);
        QCOMPARE(e.foldedLines(), (QList<int>{managed, status}));
        QVERIFY(lineVisible(e, managed));
        QVERIFY(!lineVisible(e, managed + 1));
        // managedFields' items are at the key's indentation: the fold ends at "  name:".
        const int name = lineOf(e, QStringLiteral("  name: nginx-deployment"));
        QVERIFY(!lineVisible(e, name - 1));
        QVERIFY(lineVisible(e, name));
        QVERIFY(!lineVisible(e, e.blockCount() - 1));

        // Fold spec, then unfold: the nested template fold stays folded.
        const int spec = lineOf(e, QStringLiteral("spec:"));
        const int tmpl = lineOf(e, QStringLiteral("  template:"));
        QVERIFY(e.isFoldable(spec));
        QVERIFY(e.fold(tmpl));
        QVERIFY(e.fold(spec));
        QVERIFY(!lineVisible(e, tmpl));
        e.unfold(spec);
        QVERIFY(lineVisible(e, tmpl));
        QVERIFY(!lineVisible(e, tmpl + 1));
        QVERIFY(!e.isFoldable(lineOf(e, QStringLiteral("  replicas: 2"))));

        // Keyboard: Ctrl+Shift+] unfolds the fold at the cursor.
        e.goToLine(tmpl);
        QTest::keyClick(&e, Qt::Key_BracketRight, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!e.isFolded(tmpl));
        QVERIFY(lineVisible(e, tmpl + 1));
        QTest::keyClick(&e, Qt::Key_BracketLeft, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(e.isFolded(tmpl));

        // A click on the fold marker in the gutter toggles it.
        auto *gutter = e.findChild<acp::views::YamlEditorGutter *>();
        QVERIFY(gutter);
        e.goToLine(1);
        e.verticalScrollBar()->setValue(0);
        QApplication::processEvents();
        const QRect first = e.cursorRect(QTextCursor(e.document()->findBlockByNumber(spec - 1)));
        QTest::mouseClick(gutter, Qt::LeftButton, {}, QPoint(gutter->width() - 8, first.center().y()));
        QVERIFY(e.isFolded(spec));
        QTest::mouseClick(gutter, Qt::LeftButton, {}, QPoint(gutter->width() - 8, first.center().y()));
        QVERIFY(!e.isFolded(spec));

        // Going to a hidden line unfolds what hides it.
        e.goToLine(managed + 3);
        QCOMPARE(e.currentLine(), managed + 3);
        QVERIFY(lineVisible(e, managed + 3));
        QVERIFY(!e.isFolded(managed));
    }

    void multiDocument()
    {
        YamlEditor e;
        e.loadText(QStringLiteral("# c\n---\nkind: A\nstatus:\n  x: 1\n---\nkind: B\nstatus:\n  y: 2\n"));
        QCOMPARE(e.documentIndexAt(3), 0);
        QCOMPARE(e.documentIndexAt(7), 1);
        QCOMPARE(e.foldedLines(), (QList<int>{4, 8}));
        QVERIFY(lineVisible(e, 6));   // "---" ends a fold
    }

    void searchAndReplace()
    {
        YamlEditor e;
        e.resize(600, 400);
        e.show();
        e.loadText(QStringLiteral("image: nginx:1.25\nname: web\nimage: Nginx:1.26\n"), false);
        YamlEditor::SearchOptions o;
        QVERIFY(e.findNext(QStringLiteral("nginx"), o));
        QCOMPARE(e.currentLine(), 1);
        QVERIFY(e.findNext(QStringLiteral("nginx"), o));
        QCOMPARE(e.currentLine(), 3);   // case-insensitive
        QVERIFY(e.findNext(QStringLiteral("nginx"), o));
        QCOMPARE(e.currentLine(), 1);   // wrapped
        o.caseSensitive = true;
        QCOMPARE(e.countMatches(QStringLiteral("nginx"), o), 1);
        o.caseSensitive = false;
        o.regex = true;
        QCOMPARE(e.countMatches(QStringLiteral("ngin[x"), o), -1);
        QCOMPARE(e.replaceAll(QStringLiteral("nginx:(\\d+)\\.(\\d+)"), QStringLiteral("nginx:\\1.\\2-alpine"), o), 2);
        QCOMPARE(e.text(), QStringLiteral("image: nginx:1.25-alpine\nname: web\nimage: nginx:1.26-alpine\n"));
        e.undo();   // replace all is one step
        QCOMPARE(e.text(), QStringLiteral("image: nginx:1.25\nname: web\nimage: Nginx:1.26\n"));

        // Through the bar: Ctrl+H, type, replace one, F3.
        e.setFocus();
        QTest::keyClick(&e, Qt::Key_H, Qt::ControlModifier);
        EditorFindBar *bar = e.findBar();
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->mode(), EditorFindBar::Mode::Replace);
        bar->findEdit()->setText(QStringLiteral("web"));
        QCOMPARE(bar->statusLabel()->text(), QStringLiteral("1 match(es)"));
        bar->replaceEdit()->setText(QStringLiteral("api"));
        QVERIFY(bar->findNext(false));
        bar->replaceCurrent();
        QCOMPARE(lineText(e, 2), QStringLiteral("name: api"));
        QTest::keyClick(bar->findEdit(), Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QTest::keyClick(&e, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(bar->mode(), EditorFindBar::Mode::Find);
        bar->findEdit()->setText(QStringLiteral("image"));
        QTest::keyClick(&e, Qt::Key_F3);
        const int l1 = e.currentLine();
        QTest::keyClick(&e, Qt::Key_F3);
        QVERIFY(e.currentLine() != l1);
    }

    void goToLine()
    {
        YamlEditor e;
        e.resize(600, 400);
        e.show();
        QApplication::setActiveWindow(&e);
        QVERIFY(QTest::qWaitForWindowActive(&e));
        e.loadText(liveDeploymentYaml());
        e.setFocus();
        QTest::keyClick(&e, Qt::Key_L, Qt::ControlModifier);
        EditorFindBar *bar = e.findBar();
        QCOMPARE(bar->mode(), EditorFindBar::Mode::GoToLine);
        QVERIFY(bar->lineEdit()->hasFocus());
        bar->lineEdit()->clear();
        QTest::keyClicks(bar->lineEdit(), QStringLiteral("140:5"));
        QTest::keyClick(bar->lineEdit(), Qt::Key_Return);
        QCOMPARE(e.currentLine(), 140);
        QCOMPARE(e.currentColumn(), 5);
        QVERIFY(!bar->isVisible());
        e.goToLine(100000);
        QCOMPARE(e.currentLine(), e.blockCount());
    }

    void diagnosticsAndProblems()
    {
        YamlEditor e;
        ProblemsList problems;
        problems.setEditor(&e);
        e.resize(700, 420);
        e.show();
        e.loadText(liveDeploymentYaml());
        const int replicas = lineOf(e, QStringLiteral("  replicas: 2"));
        const int image = lineOf(e, QStringLiteral("        - image: 'nginx:1.23.1'"));
        QList<YamlDiagnostic> ds;
        ds.append({YamlDiagnostic::Severity::Warning, image, 11, image, 23, QStringLiteral("image is not pinned by digest"),
                   QStringLiteral("spec.template.spec.containers[0].image"), 0});
        ds.append({YamlDiagnostic::Severity::Error, replicas, 13, 0, 0, QStringLiteral("must be an integer"),
                   QStringLiteral("spec.replicas"), 0});
        e.setDiagnostics(ds);
        const auto sels = e.extraSelections();
        QCOMPARE(sels.size(), 2);
        for (const auto &s : sels)
            QCOMPARE(s.format.underlineStyle(), QTextCharFormat::WaveUnderline);
        QCOMPARE(sels.last().cursor.selectedText(), QStringLiteral("2"));   // errors drawn last
        QVERIFY(e.toolTipAt(replicas, 13).contains(QStringLiteral("must be an integer")));
        QVERIFY(e.toolTipAt(image, 15).contains(QStringLiteral("pinned by digest")));
        QVERIFY(e.toolTipAt(1, 1).isEmpty());
        // The wavy line is painted in the error colour under the "2".
        e.goToLine(replicas, 13);
        QApplication::processEvents();
        const QImage shot = e.viewport()->grab().toImage();
        const QRect at = e.cursorRect();
        int red = 0;
        for (int y = at.top(); y <= at.bottom() + 3 && y < shot.height(); ++y)
            for (int x = at.left(); x < at.left() + e.fontMetrics().horizontalAdvance(QLatin1Char('2')) + 1; ++x) {
                const QColor c = shot.pixelColor(x, y);
                red += (c.red() > 180 && c.green() < 120 && c.blue() < 130) ? 1 : 0;
            }
        QVERIFY2(red > 0, "no underline in the error colour under the diagnostic");

        QCOMPARE(problems.topLevelItemCount(), 2);
        QCOMPARE(problems.topLevelItem(0)->text(0), QStringLiteral("%1:13").arg(replicas));   // sorted by position
        QCOMPARE(problems.summary(), QStringLiteral("1 error(s), 1 warning(s)"));
        QSignalSpy activated(&problems, &ProblemsList::problemActivated);
        problems.setCurrentItem(problems.topLevelItem(1));
        Q_EMIT problems.itemActivated(problems.topLevelItem(1), 0);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(e.currentLine(), image);
        QCOMPARE(e.currentColumn(), 11);

        // The ranges move with edits above them.
        e.goToLine(1);
        QTest::keyClick(&e, Qt::Key_Return);
        QVERIFY(e.toolTipAt(replicas + 1, 13).contains(QStringLiteral("must be an integer")));
        QVERIFY(e.grab().save(QStringLiteral("/tmp/editor-diagnostics.png")));
        e.setDiagnostics({});
        QCOMPARE(problems.topLevelItemCount(), 0);
        QCOMPARE(problems.summary(), QStringLiteral("No problems"));
    }

    void completionPopup()
    {
        YamlEditor e;
        e.resize(600, 400);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        e.loadText(QStringLiteral("apiVersion: apps/v1\nkind: Deployment\nspec:\n  \n"), false);
        QList<QPair<int, int>> asked;
        e.setCompletionProvider([&asked](const QString &text, int line, int column) {
            asked.append({line, column});
            Q_UNUSED(text);
            QList<YamlCompletion> out;
            out.append({YamlCompletion::Kind::Key, QStringLiteral("replicas"), QStringLiteral("integer"), QStringLiteral("Number of desired pods."), false});
            out.append({YamlCompletion::Kind::Key, QStringLiteral("revisionHistoryLimit"), QStringLiteral("integer"), QString(), false});
            out.append({YamlCompletion::Kind::Key, QStringLiteral("selector"), QStringLiteral("LabelSelector"), QString(), true});
            return out;
        });
        e.goToLine(4, 3);
        e.setFocus();
        QTest::keyClicks(&e, QStringLiteral("rep"));
        QTRY_VERIFY(e.completer()->popup()->isVisible());
        QCOMPARE(asked.last(), (QPair<int, int>{4, 6}));
        QCOMPARE(e.completer()->completionCount(), 1);
        QTest::keyClick(e.completer()->popup(), Qt::Key_Return);
        QCOMPARE(lineText(e, 4), QStringLiteral("  replicas: "));
        QVERIFY(!e.completer()->popup()->isVisible());

        // Ctrl+Space on an empty key position lists everything; Down + Return picks the second.
        QTest::keyClicks(&e, QStringLiteral("3"));
        QTest::keyClick(&e, Qt::Key_Return);
        QCOMPARE(lineText(e, 5), QStringLiteral("  "));
        QTest::keyClick(&e, Qt::Key_Space, Qt::ControlModifier);
        QVERIFY(e.completer()->popup()->isVisible());
        QCOMPARE(e.completer()->completionCount(), 3);
        QTest::keyClick(&e, Qt::Key_Down);
        QTest::keyClick(&e, Qt::Key_Return);
        QCOMPARE(lineText(e, 5), QStringLiteral("  revisionHistoryLimit: "));

        // Hover documentation.
        e.setDocumentationProvider([](const QString &, int line, int) {
            return line == 4 ? QStringLiteral("replicas <integer>\nNumber of desired pods.") : QString();
        });
        QVERIFY(e.toolTipAt(4, 4).contains(QStringLiteral("Number of desired pods.")));
        QVERIFY(e.toolTipAt(4, 4).contains(QStringLiteral("&lt;integer&gt;")));
        QVERIFY(e.toolTipAt(1, 1).isEmpty());
    }

    // A live object's status and metadata.managedFields are visible but refuse typed edits.
    void protectedSections()
    {
        YamlEditor e;
        e.resize(600, 400);
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        const QString text = QStringLiteral(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  managedFields:\n  - manager: kubectl\n"
            "    operation: Apply\n  namespace: x\ndata:\n  k: v\nstatus:\n  phase: Done\n---\n"
            "apiVersion: v1\nkind: Pod\nstatus: {}\n");
        e.loadText(text, false);
        QVERIFY(!e.isProtectedLine(12));   // off by default
        e.setProtectedSections(true);
        const QList<int> protectedLines{5, 6, 7, 11, 12, 16};
        for (int line = 1; line <= 16; ++line)
            QVERIFY2(e.isProtectedLine(line) == protectedLines.contains(line), qPrintable(QString::number(line)));
        e.setFocus();
        e.goToLine(12, 10);
        QTest::keyClicks(&e, QStringLiteral("x"));
        QTest::keyClick(&e, Qt::Key_Backspace);
        QTest::keyClick(&e, Qt::Key_Return);
        QCOMPARE(e.toPlainText(), text);
        e.goToLine(6, 5);
        QTest::keyClick(&e, Qt::Key_Delete);
        QCOMPARE(e.toPlainText(), text);
        // Backspace at the start of the line below managedFields would join it: refused.
        e.goToLine(8, 1);
        QTest::keyClick(&e, Qt::Key_Backspace);
        QCOMPARE(e.toPlainText(), text);
        // A selection reaching into status cannot be cut or typed over; pasting there is refused.
        QTextCursor c(e.document()->findBlockByNumber(9));
        c.movePosition(QTextCursor::Down, QTextCursor::KeepAnchor, 2);
        e.setTextCursor(c);
        QTest::keyClick(&e, Qt::Key_X, Qt::ControlModifier);
        QCOMPARE(e.toPlainText(), text);
        e.goToLine(12, 3);
        QApplication::clipboard()->setText(QStringLiteral("pasted"));
        e.paste();
        QCOMPARE(e.toPlainText(), text);
        // Elsewhere typing works; programmatic edits and undo are not limited.
        e.goToLine(10, 7);
        QTest::keyClicks(&e, QStringLiteral("2"));
        QCOMPARE(lineText(e, 10), QStringLiteral("  k: v2"));
        e.replaceText(QString(text).replace(QStringLiteral("phase: Done"), QStringLiteral("phase: Gone")), false);
        QCOMPARE(lineText(e, 12), QStringLiteral("  phase: Gone"));
        e.undo();
        QCOMPARE(lineText(e, 12), QStringLiteral("  phase: Done"));
    }

    void undoAcrossReplaceAndRevisions()
    {
        YamlEditor e;
        e.show();
        QSignalSpy edited(&e, &YamlEditor::textEdited);
        e.loadText(QStringLiteral("kind: Pod\nmetadata:\n  name: a\n  resourceVersion: \"1\"\n"), false);
        QTRY_VERIFY(!edited.isEmpty());
        const quint64 afterLoad = e.revision();
        QApplication::processEvents();
        QCOMPARE(e.revision(), afterLoad);   // highlighting is not an edit
        e.goToLine(3, 10);
        QTest::keyClicks(&e, QStringLiteral("bc"));
        QCOMPARE(lineText(e, 3), QStringLiteral("  name: abc"));
        QVERIFY(e.revision() >= afterLoad + 2);
        const quint64 beforeReplace = e.revision();
        e.replaceText(QStringLiteral("kind: Pod\nmetadata:\n  name: abc\n  resourceVersion: \"2\"\n"));
        QCOMPARE(lineText(e, 4), QStringLiteral("  resourceVersion: \"2\""));
        QVERIFY(e.revision() > beforeReplace);
        quint64 last = 0;
        for (const auto &args : edited) {
            QVERIFY(args.at(0).toULongLong() > last);
            last = args.at(0).toULongLong();
        }
        e.undo();
        QCOMPARE(e.text(), QStringLiteral("kind: Pod\nmetadata:\n  name: abc\n  resourceVersion: \"1\"\n"));
        e.undo();
        QCOMPARE(lineText(e, 3), QStringLiteral("  name: a"));
        e.redo();
        e.redo();
        QCOMPARE(lineText(e, 4), QStringLiteral("  resourceVersion: \"2\""));
    }

    // Big texts are highlighted lazily: the first screen at load, visible blocks before painting,
    // the rest in idle chunks; the last line ends up highlighted like a fully highlighted text.
    void lazyHighlighting()
    {
        const QString text = bigYaml(3000);
        YamlEditor e;
        e.resize(600, 400);
        e.show();
        e.loadText(text);
        const int lastLine = e.blockCount() - 1;
        QCOMPARE(lineText(e, lastLine), QStringLiteral("last: 42 # the end"));
        QVERIFY(!e.isFullyHighlighted());
        QVERIFY(!e.document()->firstBlock().layout()->formats().isEmpty());   // the first screen
        QVERIFY(e.document()->findBlockByNumber(lastLine - 1).layout()->formats().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(e.isFullyHighlighted(), 60000);
        const auto reference = referenceFormats(text, e.blockCount());
        QCOMPARE(reference.size(), e.blockCount());
        QVERIFY(reference.at(lastLine - 1).size() >= 2);   // key, value and comment
        for (QTextBlock b = e.document()->firstBlock(); b.isValid(); b = b.next())
            QCOMPARE(formatsOf(b), reference.at(b.blockNumber()));

        // Going to the end before the idle pass got there: painted blocks are highlighted.
        YamlEditor jump;
        jump.resize(600, 400);
        jump.show();
        jump.loadText(text);
        jump.goToLine(lastLine);
        jump.viewport()->grab();   // paints the viewport now
        QVERIFY(!jump.isFullyHighlighted());
        QCOMPARE(formatsOf(jump.document()->findBlockByNumber(lastLine - 1)), reference.at(lastLine - 1));
    }

    // Held: the idle pass does not run (painted and edited blocks are still highlighted);
    // released, it finishes.
    void heldBackgroundHighlighting()
    {
        const QString text = bigYaml(3000);
        YamlEditor e;
        e.resize(600, 400);
        e.show();
        e.holdBackgroundHighlighting(true);
        e.loadText(text);
        QVERIFY(e.isBackgroundHighlightingHeld());
        for (int i = 0; i < 50; ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QVERIFY(!e.isFullyHighlighted());
        const int lastLine = e.blockCount() - 1;
        QVERIFY(e.document()->findBlockByNumber(lastLine - 1).layout()->formats().isEmpty());
        e.goToLine(lastLine);
        e.viewport()->grab();
        QVERIFY(!e.document()->findBlockByNumber(lastLine - 1).layout()->formats().isEmpty());
        e.holdBackgroundHighlighting(false);
        QTRY_VERIFY_WITH_TIMEOUT(e.isFullyHighlighted(), 60000);
    }

    // Edits re-highlight the edited block and the following blocks whose state changed (a block
    // scalar turns the lines below into text), also while the idle pass is still running.
    void lazyHighlightingEdits()
    {
        const QString text = bigYaml(3000);
        YamlEditor e;
        e.resize(600, 400);
        e.show();
        e.loadText(text);
        e.finishHighlighting();
        // "item0:" -> "item0: |": the three lines below become the scalar's text.
        QTextCursor c(e.document()->findBlockByNumber(0));
        c.movePosition(QTextCursor::EndOfBlock);
        e.setTextCursor(c);
        QTest::keyClicks(&e, QStringLiteral(" |"));
        QCOMPARE(lineText(e, 1), QStringLiteral("item0: |"));
        QString edited = text;
        edited.replace(0, 6, QStringLiteral("item0: |"));
        auto reference = referenceFormats(edited, 12);
        QTRY_VERIFY(e.isFullyHighlighted());
        for (int i = 0; i < 12; ++i)
            QCOMPARE(formatsOf(e.document()->findBlockByNumber(i)), reference.at(i));
        // Undo restores the old highlighting.
        e.undo();
        e.undo();
        QCOMPARE(lineText(e, 1), QStringLiteral("item0:"));
        QTRY_VERIFY(e.isFullyHighlighted());
        reference = referenceFormats(text, 12);
        for (int i = 0; i < 12; ++i)
            QCOMPARE(formatsOf(e.document()->findBlockByNumber(i)), reference.at(i));

        // Typing in the middle before the idle pass got there.
        YamlEditor early;
        early.resize(600, 400);
        early.show();
        early.loadText(text);
        early.goToLine(6002, 17);
        QTest::keyClicks(&early, QStringLiteral(" # note"));
        QCOMPARE(lineText(early, 6002), QStringLiteral("  key: value # c # note"));
        QTRY_VERIFY_WITH_TIMEOUT(early.isFullyHighlighted(), 60000);
        const auto all = referenceFormats(early.text(), early.blockCount());
        for (QTextBlock b = early.document()->firstBlock(); b.isValid(); b = b.next())
            QCOMPARE(formatsOf(b), all.at(b.blockNumber()));
    }

    // Folding and diagnostics on a big lazily highlighted text.
    void lazyHighlightingFoldsAndDiagnostics()
    {
        YamlEditor e;
        e.resize(700, 420);
        e.show();
        e.loadText(bigYaml(3000));
        const int item = 2 * 3000 + 1;   // "item1500:"
        QCOMPARE(lineText(e, item), QStringLiteral("item1500:"));
        QVERIFY(e.fold(item));
        QVERIFY(!lineVisible(e, item + 1));
        QVERIFY(lineVisible(e, item + 4));
        e.unfold(item);
        QVERIFY(lineVisible(e, item + 1));
        e.goToLine(1);
        QApplication::processEvents();
        e.setDiagnostics({{YamlDiagnostic::Severity::Error, item + 1, 8, 0, 0, QStringLiteral("bad value"), {}, 0}});
        QVERIFY(e.extraSelections().isEmpty());   // far from the viewport: not handed to QPlainTextEdit
        e.goToLine(item + 1, 8);
        QApplication::processEvents();
        QTRY_COMPARE(e.extraSelections().size(), 1);   // the tint, once the viewport is near it
        const QImage shot = e.viewport()->grab().toImage();
        const QRect at = e.cursorRect();
        int red = 0;
        for (int y = at.top(); y <= at.bottom() + 3 && y < shot.height(); ++y)
            for (int x = at.left(); x < at.left() + 4 * e.fontMetrics().horizontalAdvance(QLatin1Char('v')); ++x) {
                const QColor col = shot.pixelColor(x, y);
                red += (col.red() > 180 && col.green() < 120 && col.blue() < 130) ? 1 : 0;
            }
        QVERIFY2(red > 0, "no underline in the error colour under the diagnostic");
        QVERIFY(!e.document()->findBlockByNumber(item).layout()->formats().isEmpty());
        QVERIFY(e.grab().save(QStringLiteral("/tmp/editor-lazy.png")));
    }

    void autoIndent()
    {
        YamlEditor e;
        e.show();
        e.loadText(QStringLiteral("spec:"), false);
        e.moveCursor(QTextCursor::End);
        QTest::keyClick(&e, Qt::Key_Return);
        QTest::keyClicks(&e, QStringLiteral("- name: a"));
        QTest::keyClick(&e, Qt::Key_Return);
        QTest::keyClicks(&e, QStringLiteral("image: b"));
        QCOMPARE(e.text(), QStringLiteral("spec:\n  - name: a\n    image: b"));
    }
};

QTEST_MAIN(TestYamlEditor)
#include "tst_yamleditor.moc"
