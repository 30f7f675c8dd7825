#pragma once
// YamlEditorHighlighter: lazy KSyntaxHighlighting for the YamlEditor's document (GUI thread).
// Internal to views/editor.
//
// Contracts:
// - Blocks are highlighted on demand: ensureHighlighted() for the blocks about to be painted
//   (exact when everything above them is done, else provisionally from the state of the block
//   above or the initial state), and in idle chunks of a few ms per event-loop turn from the
//   top down ("the frontier"), until every block is highlighted exactly. A loaded text costs
//   nothing until it is painted.
// - Per block, the input and output KSyntaxHighlighting::State are kept in the block's user
//   data; a block whose input state still matches the output of the block above is not
//   highlighted again.
// - An edit re-highlights the edited blocks at once, then the following blocks while their
//   input state changed, for at most a small budget; the rest is left to the idle pass.
// - The definition and theme are those of the settings highlighter (a documentless
//   KSyntaxHighlighting::SyntaxHighlighter, YamlEditor::highlighter()); a change of either is
//   picked up on the next call and re-highlights everything lazily.
// - The idle pass can be held (setIdleHeld), e.g. while the text's first validation runs, so
//   that work has the cores; painting never waits for it.
#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/State>

#include <QHash>
#include <QObject>
#include <QTextCharFormat>
#include <QTextLayout>

#include <functional>

class QTextDocument;
class QTextBlock;
class QTimer;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace acp::views {

class YamlEditorHighlighter : public QObject, public KSyntaxHighlighting::AbstractHighlighter {
    Q_OBJECT
    Q_INTERFACES(KSyntaxHighlighting::AbstractHighlighter)
public:
    // visibleRange(first, last): block numbers in the viewport (for repaints after idle chunks);
    // repaint(): the editor's viewport update.
    YamlEditorHighlighter(QTextDocument *document, const KSyntaxHighlighting::SyntaxHighlighter *settings,
                          std::function<void(int *, int *)> visibleRange, std::function<void()> repaint, QObject *parent);
    ~YamlEditorHighlighter() override;

    // A new text: every block is unhighlighted; idle highlighting starts.
    void reset();
    // Blocks first..last (numbers) are highlighted (exactly or provisionally) before painting.
    void ensureHighlighted(int first, int last);
    // The document changed at position (QTextDocument::contentsChange).
    void documentEdited(int position, int removed, int added);
    // Every block highlighted exactly (the idle pass is done).
    bool isComplete() const;
    int frontier() const { return m_frontier; }
    // Runs the idle pass to the end now (tests, benchmarks).
    void finish();
    // Held: no idle chunks (painted and edited blocks are still highlighted); released: the idle
    // pass goes on from the frontier.
    void setIdleHeld(bool held);
    bool isIdleHeld() const { return m_held; }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override;

private:
    struct BlockData;
    BlockData *dataOf(const QTextBlock &block) const;   // nullptr when none or stale
    KSyntaxHighlighting::State outOf(const QTextBlock &previous) const;
    bool isCurrent(const QTextBlock &block, const KSyntaxHighlighting::State &in) const;
    void highlight(QTextBlock &block, const KSyntaxHighlighting::State &in);
    void markDirty(int from, int to, bool quiet);   // positions; quiet: no layout signals
    void syncSettings();
    void idle();
    void runChunk(qint64 budgetNs, int maxBlocks);   // from the frontier down; maxBlocks < 0: no limit
    void scheduleIdle();
    const QTextCharFormat &charFormat(const KSyntaxHighlighting::Format &format);

    QTextDocument *m_document;
    const KSyntaxHighlighting::SyntaxHighlighter *m_settings;
    std::function<void(int *, int *)> m_visibleRange;
    std::function<void()> m_repaint;
    QTimer *m_idle;
    QString m_themeName;
    QList<QTextLayout::FormatRange> m_ranges;
    QHash<quint16, QTextCharFormat> m_formats;
    int m_frontier = 0;     // blocks before it are highlighted exactly
    int m_blockCount = 0;   // at the last documentEdited/reset
    quint32 m_generation = 1;
    bool m_held = false;
};

} // namespace acp::views
