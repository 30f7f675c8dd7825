#pragma once
// goQuote(): Go's strconv.Quote / fmt "%q" for the texts Kubernetes puts in its messages
// (validation errors, RBAC reasons, 403 messages). Pure function, any thread.
// Printable characters are kept as they are; `"` and `\` are escaped; control characters use
// Go's escapes (\a \b \f \n \r \t \v, else \xHH). Non-printable non-ASCII code points are kept
// as they are (Go would write \u....; such names never pass Kubernetes validation anyway).
#include <QString>

namespace acp::models {

inline QString goQuote(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : s) {
        const ushort u = c.unicode();
        switch (u) {
        case '"': out += QLatin1String("\\\""); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '\a': out += QLatin1String("\\a"); break;
        case '\b': out += QLatin1String("\\b"); break;
        case '\f': out += QLatin1String("\\f"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        case '\v': out += QLatin1String("\\v"); break;
        default:
            if (u < 0x20 || u == 0x7f)
                out += QLatin1String("\\x") + QString::number(u, 16).rightJustified(2, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

} // namespace acp::models
