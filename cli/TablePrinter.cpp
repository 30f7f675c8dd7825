#include "cli/TablePrinter.h"

namespace acp::cli {

int TablePrinter::displayWidth(QByteArrayView utf8)
{
    int n = 0;
    for (const char c : utf8)
        n += (uchar(c) & 0xC0) != 0x80;
    return n;
}

void TablePrinter::setPrefixCell(const QByteArray &cell)
{
    m_prefix = cell;
    if (!cell.isEmpty())
        mergeWidths({displayWidth(cell)});
}

void TablePrinter::addLine(QByteArrayView line)
{
    qsizetype start = 0;
    int column = m_prefix.isEmpty() ? 0 : 1;
    for (;;) {
        const qsizetype tab = line.indexOf('\t', start);
        if (tab < 0)
            break;
        const int w = displayWidth(line.sliced(start, tab - start));
        if (m_widths.size() <= column)
            m_widths.append(w);
        else if (m_widths.at(column) < w)
            m_widths[column] = w;
        ++column;
        start = tab + 1;
    }
    m_text.append(line.data(), line.size());
    m_text.append('\n');
    ++m_lines;
}

void TablePrinter::addRow(const QStringList &cells)
{
    addLine(cells.join(QLatin1Char('\t')).toUtf8());
}

void TablePrinter::append(const TablePrinter &other)
{
    Q_ASSERT(other.m_prefix == m_prefix); // chunks with prefixes are written with write(out, widths)
    m_text.append(other.m_text);
    m_lines += other.m_lines;
    mergeWidths(other.m_widths);
}

void TablePrinter::mergeWidths(const QList<int> &widths)
{
    for (int i = 0; i < widths.size(); ++i) {
        if (m_widths.size() <= i)
            m_widths.append(widths.at(i));
        else if (m_widths.at(i) < widths.at(i))
            m_widths[i] = widths.at(i);
    }
}

void TablePrinter::clear()
{
    m_prefix.clear();
    m_text.clear();
    m_widths.clear();
    m_lines = 0;
}

template <typename Sink>
void TablePrinter::renderTo(const QList<int> &widths, Sink &&sink) const
{
    static const QByteArray spaces(256, ' ');
    QByteArray block;
    block.reserve(1 << 16);
    const char *p = m_text.constData();
    const char *end = p + m_text.size();
    while (p < end) {
        const char *eol = static_cast<const char *>(memchr(p, '\n', size_t(end - p)));
        int column = 0;
        const char *cell = p;
        if (!m_prefix.isEmpty()) {
            block.append(m_prefix);
            int pad = widths.value(0) + 3 - displayWidth(m_prefix);
            while (pad-- > 0)
                block.append(' ');
            column = 1;
        }
        for (const char *q = p; q < eol; ++q) {
            if (*q != '\t')
                continue;
            const QByteArrayView text(cell, q - cell);
            block.append(text.data(), text.size());
            int pad = widths.value(column) + 3 - displayWidth(text);
            while (pad > 0) {
                const int n = qMin(pad, int(spaces.size()));
                block.append(spaces.constData(), n);
                pad -= n;
            }
            ++column;
            cell = q + 1;
        }
        block.append(cell, eol - cell);
        block.append('\n');
        p = eol + 1;
        if (block.size() >= (1 << 16) - 512) {
            sink(block);
            block.clear();
        }
    }
    if (!block.isEmpty())
        sink(block);
}

QByteArray TablePrinter::render() const
{
    QByteArray out;
    renderTo(m_widths, [&](const QByteArray &b) { out.append(b); });
    return out;
}

bool TablePrinter::write(FILE *out, const QList<int> &widths) const
{
    bool ok = true;
    renderTo(widths, [&](const QByteArray &b) { ok = ok && fwrite(b.constData(), 1, size_t(b.size()), out) == size_t(b.size()); });
    return ok;
}

} // namespace acp::cli
