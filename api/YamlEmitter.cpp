// dump(): a port of the parts of go-yaml v2's emitter (emitterc.go, encode.go, sorter.go) that
// kubectl's YAML printer (sigs.k8s.io/yaml: JSON -> map[interface{}]interface{} -> yaml.v2)
// exercises: block mappings and sequences, {} and [] for empty ones, scalar style selection,
// folding of long scalars at 80 columns and go-yaml's "natural" key order.
//
// Deliberate differences from go-yaml, both for round trips through yaml-cpp:
// - U+2028/U+2029 count as special characters (double-quoted as \L and \P); go-yaml writes
//   them raw and yaml-cpp does not treat them as line breaks.
// - A mapping key "<<" is quoted, so it cannot be read back as a merge key.
// - U+0085 is escaped as \u0085, not \N (yaml-cpp decodes \N to a lone 0x85 byte).
#include "api/Yaml.h"

#include "api/YamlScalar.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <vector>

namespace acp::api::yaml {
namespace {

constexpr int kBestIndent = 2;
constexpr int kBestWidth = 80;
constexpr qsizetype kMaxSimpleKey = 128;

uchar at(const QByteArray &s, qsizetype i) { return i >= 0 && i < s.size() ? uchar(s.at(i)) : 0; }

int width(uchar b)
{
    if ((b & 0x80) == 0x00)
        return 1;
    if ((b & 0xE0) == 0xC0)
        return 2;
    if ((b & 0xF0) == 0xE0)
        return 3;
    if ((b & 0xF8) == 0xF0)
        return 4;
    return 1;
}

bool isSpace(const QByteArray &s, qsizetype i) { return at(s, i) == ' '; }
bool isBlank(const QByteArray &s, qsizetype i) { return at(s, i) == ' ' || at(s, i) == '\t'; }

bool isLineSeparator(const QByteArray &s, qsizetype i)
{
    return at(s, i) == 0xE2 && at(s, i + 1) == 0x80 && (at(s, i + 2) == 0xA8 || at(s, i + 2) == 0xA9);
}

bool isBreak(const QByteArray &s, qsizetype i)
{
    const uchar c = at(s, i);
    return c == '\r' || c == '\n' || (c == 0xC2 && at(s, i + 1) == 0x85) || isLineSeparator(s, i);
}

bool isBlankz(const QByteArray &s, qsizetype i) { return isBlank(s, i) || isBreak(s, i) || at(s, i) == 0; }
bool isBom(const QByteArray &s, qsizetype i) { return at(s, i) == 0xEF && at(s, i + 1) == 0xBB && at(s, i + 2) == 0xBF; }

bool isPrintable(const QByteArray &s, qsizetype i)
{
    const uchar b = at(s, i), b1 = at(s, i + 1), b2 = at(s, i + 2);
    return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) || (b > 0xC2 && b < 0xED)
        || (b == 0xED && b1 < 0xA0) || b == 0xEE
        || (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

// yaml_emitter_analyze_scalar(), block context only (dump() never writes flow scalars).
struct Analysis {
    bool multiline = false;
    bool plainAllowed = true;
    bool singleQuotedAllowed = true;
    bool blockAllowed = true;
};

Analysis analyze(const QByteArray &v)
{
    Analysis a;
    if (v.isEmpty()) {
        a.blockAllowed = false;
        return a;
    }
    bool indicators = v.startsWith("---") || v.startsWith("...");
    bool lineBreaks = false, special = false, leadingSpace = false, leadingBreak = false;
    bool trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
    bool precededByWhitespace = true, previousSpace = false, previousBreak = false;
    const qsizetype n = v.size();
    for (qsizetype i = 0, w = 0; i < n; i += w) {
        w = width(at(v, i));
        const bool followedByWhitespace = i + w >= n || isBlank(v, i + w);
        const uchar c = at(v, i);
        if (i == 0) {
            if (QByteArray("#,[]{}&*!|>'\"%@`").contains(char(c)))
                indicators = true;
            else if ((c == '?' || c == ':' || c == '-') && followedByWhitespace)
                indicators = true;
        } else if ((c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace)) {
            indicators = true;
        }
        if (!isPrintable(v, i) || isLineSeparator(v, i))
            special = true;
        if (isSpace(v, i)) {
            leadingSpace |= i == 0;
            trailingSpace |= i + w == n;
            breakSpace |= previousBreak;
            previousSpace = true;
            previousBreak = false;
        } else if (isBreak(v, i)) {
            lineBreaks = true;
            leadingBreak |= i == 0;
            trailingBreak |= i + w == n;
            spaceBreak |= previousSpace;
            previousSpace = false;
            previousBreak = true;
        } else {
            previousSpace = previousBreak = false;
        }
        precededByWhitespace = isBlankz(v, i);
    }
    a.multiline = lineBreaks;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || indicators)
        a.plainAllowed = false;
    if (trailingSpace)
        a.blockAllowed = false;
    if (breakSpace)
        a.plainAllowed = a.singleQuotedAllowed = false;
    if (spaceBreak || special)
        a.plainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
    return a;
}

// Integers as integers (as they arrive from the API server's JSON), integral doubles too;
// other numbers as go-yaml formats a float64.
QByteArray numberText(const QJsonValue &v)
{
    const QCborValue c = QCborValue::fromJsonValue(v);
    if (c.isInteger())
        return QByteArray::number(c.toInteger());
    const double d = c.toDouble();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
        return QByteArray::number(qint64(d));
    return detail::formatGoFloat(d);
}

enum class Style { Plain, Single, Double, Literal };

class Emitter {
public:
    QByteArray document(const QJsonValue &v)
    {
        node(v, false);
        writeIndent();
        return m_out;
    }

private:
    void node(const QJsonValue &v, bool mappingContext)
    {
        switch (v.type()) {
        case QJsonValue::Object: mapping(v.toObject()); break;
        case QJsonValue::Array: sequence(v.toArray(), mappingContext); break;
        case QJsonValue::String: string(v.toString(), false, false); break;
        case QJsonValue::Bool: scalar(v.toBool() ? "true" : "false", Style::Plain, false); break;
        case QJsonValue::Double: scalar(numberText(v), Style::Plain, false); break;
        default: scalar("null", Style::Plain, false); break;
        }
    }

    void mapping(const QJsonObject &o)
    {
        if (o.isEmpty()) {
            writeIndicator("{", true, true, false);
            writeIndicator("}", false, false, false);
            return;
        }
        increaseIndent(false, false);
        for (const QString &key : detail::sortedKeys(o)) {
            writeIndent();
            const QByteArray k = key.toUtf8();
            if (!analyze(k).multiline && k.size() <= kMaxSimpleKey) {
                string(key, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                string(key, false, true);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            node(o.value(key), true);
        }
        popIndent();
    }

    void sequence(const QJsonArray &a, bool mappingContext)
    {
        if (a.isEmpty()) {
            writeIndicator("[", true, true, false);
            writeIndicator("]", false, false, false);
            return;
        }
        increaseIndent(false, mappingContext && !m_indention);
        for (const QJsonValue &item : a) {
            writeIndent();
            writeIndicator("-", true, false, true);
            node(item, false);
        }
        popIndent();
    }

    // encoder.stringv(): plain unless the text would resolve to another type.
    void string(const QString &s, bool simpleKey, bool isKey)
    {
        const QByteArray u = s.toUtf8();
        const bool canUsePlain = detail::resolve(u).kind == detail::ScalarKind::Str
            && !detail::isBase60Float(u) && !(isKey && u == "<<");
        const Style style = u.contains('\n') ? Style::Literal : canUsePlain ? Style::Plain : Style::Double;
        scalar(u, style, simpleKey);
    }

    // yaml_emitter_select_scalar_style() + process_scalar().
    void scalar(const QByteArray &v, Style style, bool simpleKey)
    {
        const Analysis a = analyze(v);
        if (simpleKey && a.multiline)
            style = Style::Double;
        if (style == Style::Plain && (!a.plainAllowed || (v.isEmpty() && simpleKey)))
            style = Style::Single;
        if (style == Style::Single && !a.singleQuotedAllowed)
            style = Style::Double;
        if (style == Style::Literal && (!a.blockAllowed || simpleKey))
            style = Style::Double;
        increaseIndent(true, false);
        switch (style) {
        case Style::Plain: writePlain(v, !simpleKey); break;
        case Style::Single: writeSingleQuoted(v, !simpleKey); break;
        case Style::Double: writeDoubleQuoted(v, !simpleKey); break;
        case Style::Literal: writeLiteral(v); break;
        }
        popIndent();
    }

    void writePlain(const QByteArray &v, bool allowBreaks)
    {
        if (!m_whitespace)
            put(' ');
        bool spaces = false, breaks = false;
        for (qsizetype i = 0; i < v.size();) {
            if (isSpace(v, i)) {
                if (allowBreaks && !spaces && m_column > kBestWidth && !isSpace(v, i + 1)) {
                    writeIndent();
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else if (isBreak(v, i)) {
                if (!breaks && v.at(i) == '\n')
                    putBreak();
                writeBreak(v, i);
                m_indention = breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                write(v, i);
                m_indention = spaces = breaks = false;
            }
        }
        m_whitespace = m_indention = false;
    }

    void writeSingleQuoted(const QByteArray &v, bool allowBreaks)
    {
        writeIndicator("'", true, false, false);
        bool spaces = false, breaks = false;
        const qsizetype n = v.size();
        for (qsizetype i = 0; i < n;) {
            if (isSpace(v, i)) {
                if (allowBreaks && !spaces && m_column > kBestWidth && i > 0 && i < n - 1 && !isSpace(v, i + 1)) {
                    writeIndent();
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else if (isBreak(v, i)) {
                if (!breaks && v.at(i) == '\n')
                    putBreak();
                writeBreak(v, i);
                m_indention = breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                if (v.at(i) == '\'')
                    put('\'');
                write(v, i);
                m_indention = spaces = breaks = false;
            }
        }
        writeIndicator("'", false, false, false);
        m_whitespace = m_indention = false;
    }

    void writeEscape(const QByteArray &v, qsizetype &i)
    {
        const int w = width(at(v, i));
        static const uchar masks[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
        uint cp = at(v, i) & masks[w];
        for (int k = 1; k < w; ++k)
            cp = (cp << 6) | (at(v, i + k) & 0x3F);
        i += w;
        put('\\');
        switch (cp) {
        case 0x00: put('0'); return;
        case 0x07: put('a'); return;
        case 0x08: put('b'); return;
        case 0x09: put('t'); return;
        case 0x0A: put('n'); return;
        case 0x0B: put('v'); return;
        case 0x0C: put('f'); return;
        case 0x0D: put('r'); return;
        case 0x1B: put('e'); return;
        case 0x22: put('"'); return;
        case 0x5C: put('\\'); return;
        case 0xA0: put('_'); return;
        case 0x2028: put('L'); return;
        case 0x2029: put('P'); return;
        default: break;
        }
        const int digits = cp <= 0xFF ? 2 : cp <= 0xFFFF ? 4 : 8;
        put(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
        for (int k = (digits - 1) * 4; k >= 0; k -= 4)
            put("0123456789ABCDEF"[(cp >> k) & 0x0F]);
    }

    void writeDoubleQuoted(const QByteArray &v, bool allowBreaks)
    {
        writeIndicator("\"", true, false, false);
        bool spaces = false;
        const qsizetype n = v.size();
        for (qsizetype i = 0; i < n;) {
            const char c = v.at(i);
            if (!isPrintable(v, i) || isBom(v, i) || isBreak(v, i) || c == '"' || c == '\\') {
                writeEscape(v, i);
                spaces = false;
            } else if (isSpace(v, i)) {
                if (allowBreaks && !spaces && m_column > kBestWidth && i > 0 && i < n - 1) {
                    writeIndent();
                    if (isSpace(v, i + 1))
                        put('\\');
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else {
                write(v, i);
                spaces = false;
            }
        }
        writeIndicator("\"", false, false, false);
        m_whitespace = m_indention = false;
    }

    void writeLiteral(const QByteArray &v)
    {
        writeIndicator("|", true, false, false);
        if (isSpace(v, 0) || isBreak(v, 0))
            writeIndicator(QByteArray::number(kBestIndent), false, false, false);
        qsizetype i = v.size() - 1;
        while (i > 0 && (at(v, i) & 0xC0) == 0x80)
            --i;
        const char *chomp = nullptr;
        if (!isBreak(v, i)) {
            chomp = "-";
        } else if (i == 0) {
            chomp = "+";
        } else {
            --i;
            while (i > 0 && (at(v, i) & 0xC0) == 0x80)
                --i;
            if (isBreak(v, i))
                chomp = "+";
        }
        if (chomp)
            writeIndicator(chomp, false, false, false);
        putBreak();
        m_indention = m_whitespace = true;
        bool breaks = true;
        for (qsizetype j = 0; j < v.size();) {
            if (isBreak(v, j)) {
                writeBreak(v, j);
                m_indention = breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                write(v, j);
                m_indention = breaks = false;
            }
        }
    }

    void writeIndent()
    {
        const int indent = std::max(m_indent, 0);
        if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace))
            putBreak();
        while (m_column < indent)
            put(' ');
        m_whitespace = m_indention = true;
    }

    void writeIndicator(const QByteArray &indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !m_whitespace)
            put(' ');
        for (qsizetype i = 0; i < indicator.size();)
            write(indicator, i);
        m_whitespace = isWhitespace;
        m_indention = m_indention && isIndention;
    }

    void increaseIndent(bool flow, bool indentless)
    {
        m_indents.push_back(m_indent);
        if (m_indent < 0)
            m_indent = flow ? kBestIndent : 0;
        else if (!indentless)
            m_indent += kBestIndent;
    }

    void popIndent()
    {
        m_indent = m_indents.back();
        m_indents.pop_back();
    }

    void put(char c)
    {
        m_out += c;
        ++m_column;
    }

    void putBreak()
    {
        m_out += '\n';
        m_column = 0;
    }

    // One character (all bytes of its UTF-8 sequence), one column.
    void write(const QByteArray &s, qsizetype &i)
    {
        const qsizetype w = std::min<qsizetype>(width(at(s, i)), s.size() - i);
        m_out.append(s.constData() + i, w);
        i += w;
        ++m_column;
    }

    void writeBreak(const QByteArray &s, qsizetype &i)
    {
        if (s.at(i) == '\n') {
            putBreak();
            ++i;
        } else {
            write(s, i);
            m_column = 0;
        }
    }

    QByteArray m_out;
    std::vector<int> m_indents;
    int m_indent = -1;
    int m_column = 0;
    bool m_whitespace = true;
    bool m_indention = true;
};

} // namespace

QByteArray dump(const QJsonValue &value)
{
    return Emitter().document(value);
}

QByteArray dumpAll(const QList<QJsonValue> &values)
{
    QByteArray out;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += "---\n";
        out += dump(values.at(i));
    }
    return out;
}

} // namespace acp::api::yaml
