#include "views/editor/YamlEditorHighlighter.h"

#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QAbstractTextDocumentLayout>
#include <QElapsedTimer>
#include <QSignalBlocker>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>

#include <algorithm>

namespace acp::views {
namespace {

constexpr qint64 kIdleBudgetNs = 5'000'000;   // per event-loop turn
constexpr qint64 kEditBudgetNs = 2'000'000;   // cascade after an edit, beyond the edited blocks
constexpr int kMaxSyncBlocks = 200;           // larger edits are highlighted lazily
constexpr int kFirstScreenBlocks = 150;       // highlighted by reset() (a screen, or a small text)

} // namespace

struct YamlEditorHighlighter::BlockData : QTextBlockUserData {
    KSyntaxHighlighting::State in;
    KSyntaxHighlighting::State out;
    quint32 generation = 0;
};

YamlEditorHighlighter::YamlEditorHighlighter(QTextDocument *document, const KSyntaxHighlighting::SyntaxHighlighter *settings,
                                             std::function<void(int *, int *)> visibleRange, std::function<void()> repaint,
                                             QObject *parent)
    : QObject(parent), m_document(document), m_settings(settings), m_visibleRange(std::move(visibleRange)),
      m_repaint(std::move(repaint)), m_idle(new QTimer(this))
{
    m_idle->setInterval(0);
    connect(m_idle, &QTimer::timeout, this, &YamlEditorHighlighter::idle);
}

YamlEditorHighlighter::~YamlEditorHighlighter() = default;

YamlEditorHighlighter::BlockData *YamlEditorHighlighter::dataOf(const QTextBlock &block) const
{
    auto *d = dynamic_cast<BlockData *>(block.userData());
    return d && d->generation == m_generation ? d : nullptr;
}

KSyntaxHighlighting::State YamlEditorHighlighter::outOf(const QTextBlock &previous) const
{
    const BlockData *d = previous.isValid() ? dataOf(previous) : nullptr;
    return d ? d->out : KSyntaxHighlighting::State();
}

bool YamlEditorHighlighter::isCurrent(const QTextBlock &block, const KSyntaxHighlighting::State &in) const
{
    const BlockData *d = dataOf(block);
    return d && d->in == in;
}

bool YamlEditorHighlighter::isComplete() const
{
    return m_frontier >= m_document->blockCount();
}

void YamlEditorHighlighter::syncSettings()
{
    const KSyntaxHighlighting::Definition def = m_settings->definition();
    const QString themeName = m_settings->theme().name();
    if (def == definition() && themeName == m_themeName && theme().isValid() == m_settings->theme().isValid())
        return;
    setDefinition(def);
    setTheme(m_settings->theme());
    m_themeName = themeName;
    m_formats.clear();
    ++m_generation;
    m_frontier = 0;
    if (!m_document->isEmpty()) {
        scheduleIdle();
        m_repaint();
    }
}

void YamlEditorHighlighter::reset()
{
    syncSettings();
    ++m_generation;
    m_frontier = 0;
    m_blockCount = m_document->blockCount();
    runChunk(kIdleBudgetNs * 4, kFirstScreenBlocks);
    if (!isComplete())
        scheduleIdle();
}

void YamlEditorHighlighter::scheduleIdle()
{
    if (!m_held && !m_idle->isActive())
        m_idle->start();
}

void YamlEditorHighlighter::setIdleHeld(bool held)
{
    if (held == m_held)
        return;
    m_held = held;
    if (held)
        m_idle->stop();
    else if (!isComplete())
        scheduleIdle();
}

const QTextCharFormat &YamlEditorHighlighter::charFormat(const KSyntaxHighlighting::Format &format)
{
    auto it = m_formats.find(format.id());
    if (it != m_formats.end())
        return *it;
    QTextCharFormat tf;   // as KSyntaxHighlighting::SyntaxHighlighter does
    tf.setForeground(format.textColor(theme()));
    if (format.hasBackgroundColor(theme()))
        tf.setBackground(format.backgroundColor(theme()));
    if (format.isBold(theme()))
        tf.setFontWeight(QFont::Bold);
    if (format.isItalic(theme()))
        tf.setFontItalic(true);
    if (format.isUnderline(theme()))
        tf.setFontUnderline(true);
    if (format.isStrikeThrough(theme()))
        tf.setFontStrikeOut(true);
    return *m_formats.insert(format.id(), tf);
}

void YamlEditorHighlighter::applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format)
{
    if (length > 0)
        m_ranges.append({offset, length, charFormat(format)});
}

void YamlEditorHighlighter::highlight(QTextBlock &block, const KSyntaxHighlighting::State &in)
{
    m_ranges.clear();
    const QString text = block.text();
    KSyntaxHighlighting::State out = highlightLine(QStringView(text), in);
    block.layout()->setFormats(m_ranges);
    auto *d = dynamic_cast<BlockData *>(block.userData());
    if (!d) {
        d = new BlockData;
        block.setUserData(d);
    }
    d->in = in;
    d->out = std::move(out);
    d->generation = m_generation;
}

void YamlEditorHighlighter::markDirty(int from, int to, bool quiet)
{
    if (to <= from)
        return;
    const QSignalBlocker blocker(quiet ? m_document->documentLayout() : nullptr);
    m_document->markContentsDirty(from, to - from);
}

void YamlEditorHighlighter::ensureHighlighted(int first, int last)
{
    syncSettings();
    if (last < m_frontier)
        return;
    const int start = std::max(first, m_frontier);
    const bool exact = start == m_frontier;
    QTextBlock b = m_document->findBlockByNumber(start);
    KSyntaxHighlighting::State prev = outOf(b.previous());
    int from = -1, to = -1;
    for (; b.isValid() && b.blockNumber() <= last; b = b.next()) {
        if (!isCurrent(b, prev)) {
            highlight(b, prev);
            if (from < 0)
                from = b.position();
            to = b.position() + b.length();
        }
        prev = dataOf(b)->out;
        if (exact)
            m_frontier = b.blockNumber() + 1;
    }
    markDirty(from, to, true);   // painted right after: no repaint request
    if (!isComplete())
        scheduleIdle();
}

void YamlEditorHighlighter::idle()
{
    syncSettings();
    runChunk(kIdleBudgetNs, -1);
    if (isComplete())
        m_idle->stop();
}

void YamlEditorHighlighter::runChunk(qint64 budgetNs, int maxBlocks)
{
    QElapsedTimer clock;
    clock.start();
    QTextBlock b = m_document->findBlockByNumber(m_frontier);
    const int firstNumber = m_frontier;
    KSyntaxHighlighting::State prev = outOf(b.previous());
    int from = -1, to = -1;
    for (int n = 1; b.isValid(); b = b.next(), ++n) {
        if (!isCurrent(b, prev)) {
            highlight(b, prev);
            if (from < 0)
                from = b.position();
            to = b.position() + b.length();
        }
        prev = dataOf(b)->out;
        m_frontier = b.blockNumber() + 1;
        if (n == maxBlocks || (n % 16 == 0 && clock.nsecsElapsed() > budgetNs))
            break;
    }
    if (from >= 0) {
        markDirty(from, to, true);
        int visibleFirst = 0, visibleLast = -1;
        m_visibleRange(&visibleFirst, &visibleLast);
        if (visibleFirst < m_frontier && visibleLast >= firstNumber)
            m_repaint();
    }
}

void YamlEditorHighlighter::finish()
{
    while (!isComplete())
        idle();
}

void YamlEditorHighlighter::documentEdited(int position, int removed, int added)
{
    Q_UNUSED(removed);
    syncSettings();
    const int count = m_document->blockCount();
    const int delta = count - m_blockCount;
    m_blockCount = count;
    const QTextBlock first = m_document->findBlock(position);
    QTextBlock last = m_document->findBlock(position + added);
    if (!last.isValid())
        last = m_document->lastBlock();
    const int f = first.blockNumber(), l = last.blockNumber();
    if (delta < 0 && f < m_frontier)   // blocks removed above the frontier
        m_frontier = std::max(f, m_frontier + delta);
    if (f > m_frontier || l - f > kMaxSyncBlocks) {   // lazily: painting and the idle pass redo them
        for (QTextBlock b = first; b.isValid() && b.blockNumber() <= l; b = b.next())
            b.setUserData(nullptr);
        m_frontier = std::min(m_frontier, f);
        scheduleIdle();
        return;
    }
    QElapsedTimer clock;
    clock.start();
    KSyntaxHighlighting::State prev = outOf(first.previous());
    int to = first.position();
    QTextBlock b = first;
    bool stopped = false;
    for (; b.isValid(); b = b.next()) {
        if (b.blockNumber() > l) {   // the cascade: blocks whose input state changed
            if (b.blockNumber() >= m_frontier || isCurrent(b, prev))
                break;
            if (clock.nsecsElapsed() > kEditBudgetNs) {
                stopped = true;
                break;
            }
        }
        highlight(b, prev);
        to = b.position() + b.length();
        prev = dataOf(b)->out;
    }
    if (stopped)
        m_frontier = b.blockNumber();
    else if (m_frontier <= l)
        m_frontier = l + 1;
    markDirty(first.position(), to, false);
    if (!isComplete())
        scheduleIdle();
}

} // namespace acp::views
