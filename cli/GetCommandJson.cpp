#include "cli/GetCommandJson.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace acp::cli {

namespace {

void writeString(QByteArray &out, const QString &s)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    const QByteArray utf8 = s.toUtf8();
    for (const char ch : utf8) {
        const uchar c = uchar(ch);
        switch (c) {
        case '"': out.append("\\\""); continue;
        case '\\': out.append("\\\\"); continue;
        case '\n': out.append("\\n"); continue;
        case '\r': out.append("\\r"); continue;
        case '\t': out.append("\\t"); continue;
        case '<': case '>': case '&':
            out.append("\\u00").append(hex[c >> 4]).append(hex[c & 15]);
            continue;
        default:
            break;
        }
        if (c < 0x20) {
            out.append("\\u00").append(hex[c >> 4]).append(hex[c & 15]);
            continue;
        }
        out.append(ch);
    }
    // U+2028 / U+2029 (E2 80 A8 / E2 80 A9) are escaped by Go as well.
    if (utf8.contains("\xE2\x80\xA8") || utf8.contains("\xE2\x80\xA9")) {
        out.replace("\xE2\x80\xA8", "\\u2028");
        out.replace("\xE2\x80\xA9", "\\u2029");
    }
    out.append('"');
}

void writeNumber(QByteArray &out, double d)
{
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e18) {
        out.append(QByteArray::number(qint64(d)));
        return;
    }
    const double a = std::fabs(d);
    // encoding/json: 'f' format unless the exponent is < -6 or >= 21, shortest representation.
    if (a != 0 && (a < 1e-6 || a >= 1e21)) {
        QByteArray e = QByteArray::number(d, 'e', QLocale::FloatingPointShortest);
        // Go writes e-07 as e-07 too (two digits at least): Qt does the same.
        out.append(e);
    } else {
        out.append(QByteArray::number(d, 'f', QLocale::FloatingPointShortest));
    }
}

void write(QByteArray &out, const QJsonValue &v, int depth)
{
    auto indent = [&](int d) {
        out.append('\n');
        out.append(QByteArray(d * 4, ' '));
    };
    switch (v.type()) {
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        if (o.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        bool first = true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!first)
                out.append(',');
            first = false;
            indent(depth + 1);
            writeString(out, it.key());
            out.append(": ");
            write(out, it.value(), depth + 1);
        }
        indent(depth);
        out.append('}');
        return;
    }
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        if (a.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out.append(',');
            indent(depth + 1);
            write(out, a.at(i), depth + 1);
        }
        indent(depth);
        out.append(']');
        return;
    }
    case QJsonValue::String:
        writeString(out, v.toString());
        return;
    case QJsonValue::Double:
        writeNumber(out, v.toDouble());
        return;
    case QJsonValue::Bool:
        out.append(v.toBool() ? "true" : "false");
        return;
    default:
        out.append("null");
        return;
    }
}

} // namespace

QByteArray goJsonIndent(const QJsonValue &value)
{
    QByteArray out;
    write(out, value, 0);
    out.append('\n');
    return out;
}

} // namespace acp::cli
