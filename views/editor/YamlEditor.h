#pragma once
// YamlEditor: the console's YAML/JSON text editor (GUI thread only). A QPlainTextEdit with
// KSyntaxHighlighting (YAML or JSON, Breeze light/dark following the palette), a line-number
// gutter with fold markers, folding of indentation blocks (managedFields and status folded when
// an object is loaded), a find/replace/go-to-line bar (Ctrl+F, Ctrl+H, F3, Ctrl+L), diagnostics
// (wavy underlines with tooltips), completion and hover documentation through provider
// callbacks. Multi-document streams ("---") are one text.
//
// Contracts:
// - Lines and columns in the API are 1-based; columns count UTF-16 units (QString index + 1),
//   as in models::YamlDiagnostic. Diagnostic lines count from the start of the whole text.
// - Every change of the text (typed or programmatic) increments revision() and emits
//   textEdited(revision); validation results for an older revision can be dropped.
// - loadText() starts a fresh history; replaceText() is one undoable step (only the changed
//   middle is replaced, so the cursor and the view stay where they were).
// - A keystroke costs work proportional to the edited block and the visible lines, never to the
//   whole text (no full-text scans, no full re-layout).
// - loadText() costs the text layout only: highlighting is lazy (the first screen before it is
//   painted, the rest in idle chunks), so a 2 MB text is usable at once.
#include "models/YamlDiagnostic.h"

#include <QPlainTextEdit>
#include <QTextCursor>

#include <functional>

class QCompleter;
class QMimeData;
class QPainter;
class QStandardItemModel;
class QTimer;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace acp::views {

class EditorFindBar;
class YamlEditorGutter;
class YamlEditorHighlighter;

class YamlEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    enum class Language { Yaml, Json };
    struct SearchOptions {
        bool regex = false;
        bool caseSensitive = false;
        bool backward = false;
    };
    using CompletionProvider = std::function<QList<models::YamlCompletion>(const QString &text, int line, int column)>;
    using DocumentationProvider = std::function<QString(const QString &text, int line, int column)>;

    explicit YamlEditor(QWidget *parent = nullptr);
    ~YamlEditor() override;

    // --- text ---
    // Replaces the text and the undo history; language from the text ('{' or '[' first: JSON)
    // unless set; folds managedFields and status when foldDefaults.
    void loadText(const QString &text, bool foldDefaults = true);
    // One undoable edit to text (e.g. the server's object after an apply); folds are reset
    // (to the defaults when foldDefaults).
    void replaceText(const QString &text, bool foldDefaults = true);
    QString text() const;
    quint64 revision() const { return m_revision; }
    void setLanguage(Language language);
    Language language() const { return m_language; }
    QString themeName() const;
    // The definition and theme in use. It is not attached to the document: the editor highlights
    // lazily (visible blocks before painting, the rest in idle chunks of a few ms per event-loop
    // turn); a definition or theme set here applies from the next paint.
    KSyntaxHighlighting::SyntaxHighlighter *highlighter() const { return m_highlighter; }
    // Every block is highlighted (the idle pass is done).
    bool isFullyHighlighted() const;
    // Highlights every block now (blocking; tests and benchmarks).
    void finishHighlighting();
    // While held, only what is painted or edited is highlighted and the idle pass waits (e.g. the
    // YAML page holds it until a new text's first diagnostics arrive, so validation has the CPU).
    void holdBackgroundHighlighting(bool hold);
    bool isBackgroundHighlightingHeld() const;

    // --- navigation ---
    void goToLine(int line, int column = 1);   // clamps, unfolds what hides it, centers it
    int currentLine() const;
    int currentColumn() const;
    // 0-based index of the YAML document ("---" separated) that contains line.
    int documentIndexAt(int line) const;

    // --- folding (lines are the header lines) ---
    bool isFoldable(int line) const;
    bool isFolded(int line) const;
    bool fold(int line);
    void unfold(int line);
    void toggleFold(int line);
    void foldAll();
    void unfoldAll();
    void foldDefaults();    // top-level status and metadata.managedFields of every document
    QList<int> foldedLines() const;

    // --- search ---
    bool findNext(const QString &pattern, const SearchOptions &options);   // selects the match, wraps
    bool replaceCurrent(const QString &pattern, const QString &replacement, const SearchOptions &options);
    int replaceAll(const QString &pattern, const QString &replacement, const SearchOptions &options);   // one undo step
    int countMatches(const QString &pattern, const SearchOptions &options) const;
    void showFindBar(bool replace);
    void showGoToLine();
    EditorFindBar *findBar() const { return m_findBar; }

    // --- protected sections ---
    // On: every document's top-level status and metadata.managedFields stay visible but refuse
    // typed, pasted, cut and deleted edits (a tooltip says why); programmatic edits
    // (loadText, replaceText, QTextCursor) and undo/redo are not affected. YAML only.
    void setProtectedSections(bool on);
    bool hasProtectedSections() const { return m_protectSections; }
    bool isProtectedLine(int line) const;

    // --- diagnostics ---
    void setDiagnostics(const QList<models::YamlDiagnostic> &diagnostics);
    const QList<models::YamlDiagnostic> &diagnostics() const { return m_diagnostics; }
    // Full-width backgrounds of lines (1-based), e.g. conflict regions; replaces the previous set.
    void setLineBackgrounds(const QList<QPair<int, QColor>> &lines);
    // Text of the tooltip at a position: the diagnostics there, then the documentation.
    QString toolTipAt(int line, int column) const;

    // --- completion and documentation ---
    void setCompletionProvider(CompletionProvider provider);
    void setDocumentationProvider(DocumentationProvider provider);
    void triggerCompletion();
    QCompleter *completer() const { return m_completer; }

Q_SIGNALS:
    void textEdited(quint64 revision);
    void diagnosticsChanged();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    friend class YamlEditorGutter;
    friend class EditorFindBar;
    bool handleShortcut(QKeyEvent *event);   // Ctrl+F/H/L, F3, fold keys; true when handled
    bool touchesProtected(int from, int to) const;   // document positions
    bool refuseProtectedEdit(QKeyEvent *event);
    void showProtectedNote();
    void applyTheme();
    void layoutChrome();
    void onContentsChange(int position, int removed, int added);
    void requestCompletion(bool automatic);
    void insertCompletion(const QModelIndex &index);
    bool atKeyPosition() const;
    QString completionPrefix() const;
    QTextBlock foldHeaderBlock(int line) const;
    int foldEndBlock(const QTextBlock &header) const;   // last block number of its fold, -1 if none
    void setBlocksVisible(int first, int last, bool visible);
    void revealBlock(const QTextBlock &block);
    int positionOf(int line, int column) const;
    void paintGutter(QPaintEvent *event);
    void paintDiagnostics(QPainter *painter, const QRect &area, int firstBlock, int lastBlock);
    void visibleBlockRange(int *first, int *last) const;
    void applyExtraSelections();   // line backgrounds + the diagnostics near the viewport
    void gutterClicked(const QPoint &pos);
    int gutterWidth() const;

    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;   // settings only (no document)
    YamlEditorHighlighter *m_lazy = nullptr;
    YamlEditorGutter *m_gutter = nullptr;
    EditorFindBar *m_findBar = nullptr;
    QCompleter *m_completer = nullptr;
    QStandardItemModel *m_completionModel = nullptr;
    QTimer *m_completionTimer = nullptr;
    CompletionProvider m_completionProvider;
    DocumentationProvider m_documentationProvider;
    QList<models::YamlDiagnostic> m_diagnostics;
    QList<QTextCursor> m_diagnosticCursors;   // the ranges, moving with edits
    QList<QTextEdit::ExtraSelection> m_diagnosticSelections;
    QList<QTextEdit::ExtraSelection> m_lineSelections;
    QList<QTextCursor> m_folds;               // at the start of each folded header block
    Language m_language = Language::Yaml;
    bool m_languageSet = false;
    quint64 m_revision = 0;
    int m_docRevision = -1;
    bool m_darkTheme = false;
    bool m_loading = false;
    bool m_protectSections = false;
    int m_selectionWindowFirst = 0;   // blocks whose diagnostics are in the extra selections
    int m_selectionWindowLast = -1;
};

} // namespace acp::views
