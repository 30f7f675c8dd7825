#pragma once
// TablePrinter: kubectl's table layout, i.e. Go's text/tabwriter as kubectl configures it
// (minwidth 0, padding 3, padchar ' ', no flags): cells are separated by '\t'; every cell but
// the last of a line is padded with spaces to its column's width + 3; the last cell is written
// as is (so an empty last cell leaves the padding of the one before it, as kubectl does).
// Widths count Unicode code points (UTF-8 input). One column block per table: every line is
// expected to have the same number of cells (kubectl's tables do), widths are per column index.
//
// Rows are kept as compact UTF-8 lines (no per-cell allocations), so 100k rows cost about their
// text. Chunks built on worker threads (TablePrinter values) are merged with append().
// Value type; not thread-safe for concurrent edits.
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>
#include <cstdio>

namespace acp::cli {

class TablePrinter {
public:
    // A first cell written before every line of this table (e.g. the CLUSTER of a chunk),
    // stored once. Set it before adding lines.
    void setPrefixCell(const QByteArray &cell);
    // One line; cells separated by '\t', no trailing '\n'.
    void addLine(QByteArrayView line);
    void addRow(const QStringList &cells);
    // Appends another table's lines (in order) and merges its widths.
    void append(const TablePrinter &other);
    // Merges another table's widths only (to write several chunks as one table, see write()).
    void mergeWidths(const QList<int> &widths);
    // Drops unused capacity (chunks kept until the output is written).
    void squeeze() { m_text.squeeze(); }

    bool isEmpty() const { return m_lines == 0; }
    qsizetype lineCount() const { return m_lines; }
    const QList<int> &widths() const { return m_widths; }

    // The aligned text ('\n' after every line).
    QByteArray render() const;
    // Writes the aligned text to `out` in large blocks; returns false on a write error.
    bool write(FILE *out) const { return write(out, m_widths); }
    // The same with other widths (at least this table's): chunks of one table written one
    // after another with their merged widths align as one table, without copying them together.
    bool write(FILE *out, const QList<int> &widths) const;
    void clear();

    // Code points in UTF-8 bytes.
    static int displayWidth(QByteArrayView utf8);

private:
    template <typename Sink>
    void renderTo(const QList<int> &widths, Sink &&sink) const;

    QByteArray m_prefix;   // written as the first cell of every line when non-empty
    QByteArray m_text;     // lines, each terminated by '\n'
    QList<int> m_widths;   // per column index, excluding the last cell of each line
    qsizetype m_lines = 0;
};

} // namespace acp::cli
