#include "api/YamlScalar.h"

#include <QJsonObject>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

namespace acp::api::yaml::detail {
namespace {

enum class NumError { None, Syntax, Range };

bool isDigit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

int digitValue(char c)
{
    if (isDigit(c))
        return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    return 99;
}

// Go's base-0 prefix rules (strconv.ParseUint and big.Int.SetString): 0b, 0o, 0x, leading 0.
int stripBasePrefix(std::string_view &s)
{
    if (s.empty() || s[0] != '0')
        return 10;
    if (s.size() >= 3) {
        const char c = lower(s[1]);
        const int base = c == 'b' ? 2 : c == 'o' ? 8 : c == 'x' ? 16 : 0;
        if (base) {
            s.remove_prefix(2);
            return base;
        }
    }
    s.remove_prefix(1);
    return 8;
}

// strconv.ParseUint(s, 0, 64), underscores already removed.
NumError goParseUint(std::string_view s, quint64 &out)
{
    if (s.empty())
        return NumError::Syntax;
    const int base = stripBasePrefix(s);
    const quint64 cutoff = std::numeric_limits<quint64>::max() / quint64(base) + 1;
    quint64 n = 0;
    for (char c : s) {
        const int d = digitValue(c);
        if (d >= base)
            return NumError::Syntax;
        if (n >= cutoff)
            return NumError::Range;
        n *= quint64(base);
        const quint64 n1 = n + quint64(d);
        if (n1 < n)
            return NumError::Range;
        n = n1;
    }
    out = n;
    return NumError::None;
}

// strconv.ParseInt(s, 0, 64).
NumError goParseInt(std::string_view s, qint64 &out)
{
    if (s.empty())
        return NumError::Syntax;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    quint64 un = 0;
    const NumError e = goParseUint(s, un);
    if (e != NumError::None)
        return e;
    const quint64 cutoff = quint64(1) << 63;
    if ((!neg && un >= cutoff) || (neg && un > cutoff))
        return NumError::Range;
    out = neg ? qint64(0 - un) : qint64(un);
    return NumError::None;
}

// big.Int.SetString(s, 0) for the (unsigned) numbers that overflow uint64, as a double.
bool bigIntAsDouble(std::string_view s, double &out)
{
    const int base = stripBasePrefix(s);
    if (s.empty() && base != 8)
        return false;
    double v = 0;
    for (char c : s) {
        const int d = digitValue(c);
        if (d >= base)
            return false;
        v = v * base + d;
    }
    out = v;
    return true;
}

// yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool isYamlStyleFloat(std::string_view s)
{
    size_t i = 0;
    const size_t n = s.size();
    auto digits = [&] { size_t start = i; while (i < n && isDigit(s[i])) ++i; return i - start; };
    if (i < n && (s[i] == '+' || s[i] == '-'))
        ++i;
    if (i < n && s[i] == '.') {
        ++i;
        if (!digits())
            return false;
    } else {
        if (!digits())
            return false;
        if (i < n && s[i] == '.') {
            ++i;
            digits();
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == n;
}

bool toFiniteDouble(const QByteArray &s, double &out)
{
    bool ok = false;
    out = s.toDouble(&ok);
    return ok && std::isfinite(out);
}

bool lookupMap(const QByteArray &s, Resolved &r)
{
    static const char *const trues[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
    static const char *const falses[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
    static const char *const nulls[] = {"~", "null", "Null", "NULL"};
    static const char *const nans[] = {".nan", ".NaN", ".NAN"};
    static const char *const infs[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"};
    static const char *const ninfs[] = {"-.inf", "-.Inf", "-.INF"};
    auto in = [&s](const auto &list) {
        for (const char *w : list)
            if (s == w)
                return true;
        return false;
    };
    if (in(trues) || in(falses))
        r = {ScalarKind::Bool, QJsonValue(in(trues))};
    else if (in(nulls))
        r = {ScalarKind::Null, QJsonValue()};
    else if (in(nans))
        r = {ScalarKind::Float, QJsonValue(std::numeric_limits<double>::quiet_NaN())};
    else if (in(infs))
        r = {ScalarKind::Float, QJsonValue(std::numeric_limits<double>::infinity())};
    else if (in(ninfs))
        r = {ScalarKind::Float, QJsonValue(-std::numeric_limits<double>::infinity())};
    else
        return false;
    return true;
}

char hintFor(const QByteArray &s)
{
    if (s.isEmpty())
        return 'N';
    const char c = s.at(0);
    if (c == '+' || c == '-')
        return 'S';
    if (isDigit(c))
        return 'D';
    if (std::string_view("yYnNtTfFoO~").find(c) != std::string_view::npos)
        return 'M';
    if (c == '.')
        return '.';
    return 0;
}

Resolved resolveNumber(const QByteArray &text)
{
    QByteArray plain = text;
    plain.replace('_', QByteArray());
    const std::string_view sv(plain.constData(), size_t(plain.size()));
    qint64 i = 0;
    if (goParseInt(sv, i) == NumError::None)
        return {ScalarKind::Int, QJsonValue(i)};
    quint64 u = 0;
    const NumError uerr = goParseUint(sv, u);
    if (uerr == NumError::None)
        return {ScalarKind::Int, QJsonValue(double(u))};
    double d = 0;
    if (isYamlStyleFloat(sv) && toFiniteDouble(plain, d))
        return {ScalarKind::Float, QJsonValue(d)};
    if (uerr == NumError::Range && bigIntAsDouble(sv, d))
        return {ScalarKind::Int, QJsonValue(d)};
    return {ScalarKind::Str, QJsonValue(QString::fromUtf8(text))};
}

// Go's getnum(s, false): one or two digits.
bool getNum(const char *&p, const char *end, int &out)
{
    if (p == end || !isDigit(*p))
        return false;
    if (p + 1 == end || !isDigit(p[1])) {
        out = *p++ - '0';
        return true;
    }
    out = (p[0] - '0') * 10 + (p[1] - '0');
    p += 2;
    return true;
}

int daysIn(int month, int year)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : days[month - 1];
}

// "15:4:5.999999999" then, for the T/t layouts, "Z07:00".
bool parseClock(const char *p, const char *end, bool zone)
{
    int hour = 0, minute = 0, second = 0;
    if (!getNum(p, end, hour) || hour >= 24 || p == end || *p++ != ':')
        return false;
    if (!getNum(p, end, minute) || minute >= 60 || p == end || *p++ != ':')
        return false;
    if (!getNum(p, end, second) || second >= 60)
        return false;
    if (end - p >= 2 && (*p == '.' || *p == ',') && isDigit(p[1])) {
        ++p;
        while (p != end && isDigit(*p))
            ++p;
    }
    if (!zone)
        return p == end;
    if (p != end && *p == 'Z')
        return p + 1 == end;
    if (end - p != 6 || p[3] != ':' || (p[0] != '+' && p[0] != '-'))
        return false;
    if (!isDigit(p[1]) || !isDigit(p[2]) || !isDigit(p[4]) || !isDigit(p[5]))
        return false;
    const int zh = (p[1] - '0') * 10 + (p[2] - '0');
    const int zm = (p[4] - '0') * 10 + (p[5] - '0');
    return zh <= 24 && zm <= 60;
}

// go-yaml v2 sorter.go keyList.Less for two string keys.
bool keyLess(const QList<uint> &ar, const QList<uint> &br)
{
    for (qsizetype i = 0; i < ar.size() && i < br.size(); ++i) {
        if (ar[i] == br[i])
            continue;
        const bool al = QChar::isLetter(char32_t(ar[i]));
        const bool bl = QChar::isLetter(char32_t(br[i]));
        if (al && bl)
            return ar[i] < br[i];
        if (al || bl)
            return bl;
        quint64 an = 0, bn = 0;
        if (ar[i] == '0' || br[i] == '0') {
            for (qsizetype j = i - 1; j >= 0 && QChar::isDigit(char32_t(ar[j])); --j) {
                if (ar[j] != '0') {
                    an = bn = 1;
                    break;
                }
            }
        }
        qsizetype ai = i, bi = i;
        for (; ai < ar.size() && QChar::isDigit(char32_t(ar[ai])); ++ai)
            an = an * 10 + quint64(qint64(ar[ai]) - '0');
        for (; bi < br.size() && QChar::isDigit(char32_t(br[bi])); ++bi)
            bn = bn * 10 + quint64(qint64(br[bi]) - '0');
        if (an != bn)
            return qint64(an) < qint64(bn);
        if (ai != bi)
            return ai < bi;
        return ar[i] < br[i];
    }
    return ar.size() < br.size();
}

} // namespace

bool isTimestamp(const QByteArray &text)
{
    const char *p = text.constData();
    const char *end = p + text.size();
    int i = 0;
    while (p + i != end && isDigit(p[i]))
        ++i;
    if (i != 4 || p + i == end || p[i] != '-')
        return false;
    const int year = text.left(4).toInt();
    p += 5;
    int month = 0, day = 0;
    if (!getNum(p, end, month) || month < 1 || month > 12 || p == end || *p++ != '-')
        return false;
    if (!getNum(p, end, day) || day < 1 || day > daysIn(month, year))
        return false;
    if (p == end)
        return true;
    const char sep = *p++;
    if (sep == 'T' || sep == 't')
        return parseClock(p, end, true);
    if (sep == ' ')
        return parseClock(p, end, false);
    return false;
}

bool isBase60Float(const QByteArray &text)
{
    const std::string_view s(text.constData(), size_t(text.size()));
    size_t i = 0;
    const size_t n = s.size();
    if (i < n && (s[i] == '+' || s[i] == '-'))
        ++i;
    if (i >= n || !isDigit(s[i]))
        return false;
    while (i < n && (isDigit(s[i]) || s[i] == '_'))
        ++i;
    int groups = 0;
    while (i < n && s[i] == ':') {
        ++i;
        if (i + 1 < n && s[i] >= '0' && s[i] <= '5' && isDigit(s[i + 1]))
            i += 2;
        else if (i < n && isDigit(s[i]))
            ++i;
        else
            return false;
        ++groups;
    }
    if (!groups)
        return false;
    if (i < n && s[i] == '.') {
        ++i;
        while (i < n && (isDigit(s[i]) || s[i] == '_'))
            ++i;
    }
    return i == n;
}

Resolved resolve(const QByteArray &text, bool allowTimestamp)
{
    const char hint = hintFor(text);
    if (hint == 0)
        return {ScalarKind::Str, QJsonValue(QString::fromUtf8(text))};
    if (text.isEmpty())
        return {ScalarKind::Null, QJsonValue()};
    Resolved r;
    if (lookupMap(text, r))
        return r;
    switch (hint) {
    case '.': {
        double d = 0;
        if (isYamlStyleFloat(std::string_view(text.constData(), size_t(text.size())))
            && toFiniteDouble(text, d))
            return {ScalarKind::Float, QJsonValue(d)};
        break;
    }
    case 'D':
    case 'S':
        if (allowTimestamp && isTimestamp(text))
            return {ScalarKind::Timestamp, QJsonValue(QString::fromUtf8(text))};
        return resolveNumber(text);
    default:
        break;
    }
    return {ScalarKind::Str, QJsonValue(QString::fromUtf8(text))};
}

QByteArray formatGoFloat(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral(".nan");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral(".inf") : QByteArrayLiteral("-.inf");
    const bool neg = std::signbit(value);
    QByteArray out = neg ? QByteArrayLiteral("-") : QByteArray();
    if (value == 0)
        return out + '0';
    // Shortest round-trip digits and decimal exponent, then Go's %g layout decision.
    const QByteArray e = QByteArray::number(std::fabs(value), 'e', QLocale::FloatingPointShortest);
    const int ePos = e.indexOf('e');
    QByteArray digits = e.left(ePos);
    digits.replace('.', QByteArray());
    while (digits.size() > 1 && digits.endsWith('0'))
        digits.chop(1);
    const int exp = e.mid(ePos + 1).toInt();
    const int nd = int(digits.size());
    const int dp = exp + 1;
    if (exp < -4 || exp >= 6) {
        out += digits.at(0);
        if (nd > 1)
            out += '.' + digits.mid(1);
        out += exp < 0 ? "e-" : "e+";
        const int a = std::abs(exp);
        if (a < 10)
            out += '0';
        return out + QByteArray::number(a);
    }
    if (dp > 0) {
        out += digits.left(dp);
        for (int i = nd; i < dp; ++i)
            out += '0';
    } else {
        out += '0';
    }
    if (nd > dp) {
        out += '.';
        for (int i = dp; i < nd; ++i)
            out += i < 0 ? '0' : digits.at(i);
    }
    return out;
}

QStringList sortedKeys(const QJsonObject &o)
{
    std::vector<std::pair<QString, QList<uint>>> keys;
    keys.reserve(size_t(o.size()));
    for (auto it = o.begin(); it != o.end(); ++it)
        keys.emplace_back(it.key(), it.key().toUcs4());
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto &a, const auto &b) { return keyLess(a.second, b.second); });
    QStringList out;
    out.reserve(qsizetype(keys.size()));
    for (auto &k : keys)
        out.append(std::move(k.first));
    return out;
}

} // namespace acp::api::yaml::detail
