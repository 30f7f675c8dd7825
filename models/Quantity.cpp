#include "models/Quantity.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace acp::models {

using acp::api::ApiError;
using acp::api::Result;
using Nano = __int128;

namespace {

constexpr qint64 kNanoPerUnit = 1000000000;
const Nano kNanoMax = Nano((~(unsigned __int128)0) >> 1);
const Nano kNanoMin = -kNanoMax;

ApiError badRequest(const QString &message)
{
    ApiError e;
    e.httpStatus = 400;
    e.reason = QStringLiteral("BadRequest");
    e.message = message;
    return e;
}

ApiError formatWrong()
{
    return badRequest(QStringLiteral("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
}

ApiError tooLarge()
{
    return badRequest(QStringLiteral("quantity is too large"));
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

Nano saturate(bool overflow, Nano value, bool positive)
{
    if (!overflow)
        return value;
    return positive ? kNanoMax : kNanoMin;
}

// 10^n, or nullopt if it does not fit.
std::optional<Nano> pow10(int n)
{
    if (n < 0 || n > 38)
        return std::nullopt;
    Nano r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

// a / b rounded away from zero (b > 0).
Nano divAwayFromZero(Nano a, Nano b)
{
    const Nano q = a / b;
    if (a % b == 0)
        return q;
    return a < 0 ? q - 1 : q + 1;
}

QString nanoToString(Nano v)
{
    if (v == 0)
        return QStringLiteral("0");
    const bool neg = v < 0;
    unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
    char buf[48];
    int i = sizeof(buf);
    while (u > 0) {
        buf[--i] = char('0' + int(u % 10));
        u /= 10;
    }
    if (neg)
        buf[--i] = '-';
    return QString::fromLatin1(buf + i, int(sizeof(buf)) - i);
}

// resource.parseQuantityString: sign, numerator (leading zeros stripped, "0" if empty),
// fraction digits and suffix; false when the text is not well formed.
struct Parts {
    bool positive = true;
    QString num;
    QString denom;
    QString suffix;
};

bool scan(const QString &str, Parts *p)
{
    int pos = 0;
    const int end = str.size();
    if (pos < end && (str.at(0) == QLatin1Char('-') || str.at(0) == QLatin1Char('+'))) {
        p->positive = str.at(0) == QLatin1Char('+');
        ++pos;
    }
    while (true) {
        if (pos >= end) {
            p->num = QStringLiteral("0");
            return true;
        }
        if (str.at(pos) != QLatin1Char('0'))
            break;
        ++pos;
    }
    int i = pos;
    while (i < end && isDigit(str.at(i)))
        ++i;
    p->num = str.mid(pos, i - pos);
    if (i >= end)
        return true;
    pos = i;
    if (p->num.isEmpty())
        p->num = QStringLiteral("0");
    if (str.at(pos) == QLatin1Char('.')) {
        ++pos;
        i = pos;
        while (i < end && isDigit(str.at(i)))
            ++i;
        p->denom = str.mid(pos, i - pos);
        if (i >= end)
            return true;
        pos = i;
    }
    const int suffixStart = pos;
    static const QString suffixChars = QStringLiteral("eEinumkKMGTP");
    while (pos < end && suffixChars.contains(str.at(pos)))
        ++pos;
    if (pos < end && (str.at(pos) == QLatin1Char('-') || str.at(pos) == QLatin1Char('+')))
        ++pos;
    while (pos < end && isDigit(str.at(pos)))
        ++pos;
    if (pos < end)
        return false;
    p->suffix = str.mid(suffixStart);
    return true;
}

// suffixHandler.interpret
bool interpret(const QString &suffix, int *base, int *exponent, Quantity::Format *format)
{
    static const QHash<QString, int> dec{{QStringLiteral("n"), -9}, {QStringLiteral("u"), -6}, {QStringLiteral("m"), -3},
                                         {QString(), 0}, {QStringLiteral("k"), 3}, {QStringLiteral("M"), 6},
                                         {QStringLiteral("G"), 9}, {QStringLiteral("T"), 12}, {QStringLiteral("P"), 15},
                                         {QStringLiteral("E"), 18}};
    static const QHash<QString, int> bin{{QStringLiteral("Ki"), 10}, {QStringLiteral("Mi"), 20}, {QStringLiteral("Gi"), 30},
                                         {QStringLiteral("Ti"), 40}, {QStringLiteral("Pi"), 50}, {QStringLiteral("Ei"), 60}};
    if (const auto it = dec.constFind(suffix); it != dec.constEnd()) {
        *base = 10;
        *exponent = *it;
        *format = Quantity::Format::DecimalSI;
        return true;
    }
    if (const auto it = bin.constFind(suffix); it != bin.constEnd()) {
        *base = 2;
        *exponent = *it;
        *format = Quantity::Format::BinarySI;
        return true;
    }
    if (suffix.size() > 1 && (suffix.at(0) == QLatin1Char('e') || suffix.at(0) == QLatin1Char('E'))) {
        bool ok = false;
        const qint64 e = suffix.mid(1).toLongLong(&ok, 10);
        if (!ok || suffix.at(1).isSpace())
            return false;
        *base = 10;
        *exponent = int(std::clamp<qint64>(e, -100000, 100000));
        *format = Quantity::Format::DecimalExponent;
        return true;
    }
    return false;
}

// Digits -> integer; false on overflow.
bool digitsToNano(QStringView digits, Nano *out)
{
    Nano v = 0;
    for (const QChar c : digits) {
        if (__builtin_mul_overflow(v, Nano(10), &v) || __builtin_add_overflow(v, Nano(c.unicode() - '0'), &v))
            return false;
    }
    *out = v;
    return true;
}

// Whether ParseQuantity's fast path would keep the input text as the quantity's string.
bool keepsText(const Parts &p, int exponent, Quantity::Format format)
{
    int precision = -1;
    int scale = 0;
    qint64 mantissa = 1;
    if (format == Quantity::Format::BinarySI) {
        if (exponent >= 0 && p.denom.isEmpty()) {
            mantissa = qint64(1) << exponent;
            precision = 15 - int(p.num.size()) - int(float(exponent) * 3 / 10) - 1;
        }
    } else {
        scale = exponent;
        precision = 18 - int(p.num.size() + p.denom.size());
    }
    if (precision < 0)
        return false;
    scale -= int(p.denom.size());
    if (scale < -9)
        return false;
    const QString shifted = p.num + p.denom;
    bool ok = false;
    const qint64 value = shifted.toLongLong(&ok, 10);
    qint64 product = 0;
    if (!ok || __builtin_mul_overflow(value, mantissa, &product))
        return false;
    if (format == Quantity::Format::BinarySI)
        return exponent % 10 == 0 && (value & 0x07) != 0;
    return scale % 3 == 0 && !shifted.endsWith(QLatin1String("000")) && shifted.at(0) != QLatin1Char('0');
}

} // namespace

Quantity Quantity::fromNano(Nano nano, Format format)
{
    Quantity q;
    q.m_nano = nano;
    q.m_format = format;
    return q;
}

Result<Quantity> Quantity::parse(const QString &text)
{
    if (text.isEmpty())
        return formatWrong();
    if (text == QLatin1String("0")) {
        Quantity q;
        q.m_text = text;
        return q;
    }
    Parts p;
    if (!scan(text, &p))
        return formatWrong();
    int base = 10, exponent = 0;
    Format format = Format::DecimalSI;
    if (!interpret(p.suffix, &base, &exponent, &format))
        return badRequest(QStringLiteral("unable to parse quantity's suffix"));

    Nano digits = 0;
    if (!digitsToNano(QString(p.num + p.denom), &digits))
        return tooLarge();
    const int fraction = int(p.denom.size());
    Nano nano = 0;
    if (base == 10) {
        const int shift = exponent - fraction + 9;
        if (shift >= 0) {
            const auto factor = pow10(shift);
            if (digits != 0 && (!factor || __builtin_mul_overflow(digits, *factor, &nano)))
                return tooLarge();
        } else {
            const auto divisor = pow10(-shift);
            nano = divisor ? divAwayFromZero(digits, *divisor) : (digits != 0 ? 1 : 0);
        }
    } else {
        Nano scaled = 0;
        if (__builtin_mul_overflow(digits, Nano(1) << exponent, &scaled))
            return tooLarge();
        if (fraction <= 9) {
            if (__builtin_mul_overflow(scaled, *pow10(9 - fraction), &nano))
                return tooLarge();
        } else {
            const auto divisor = pow10(fraction - 9);
            nano = divisor ? divAwayFromZero(scaled, *divisor) : (scaled != 0 ? 1 : 0);
        }
        const Nano cap = Nano(std::numeric_limits<qint64>::max()) * kNanoPerUnit;
        if (nano > cap)
            nano = cap;
        if (nano > 0 && nano < kNanoPerUnit)
            format = Format::DecimalSI;
    }
    Quantity q = fromNano(p.positive ? nano : -nano, format);
    if (keepsText(p, exponent, format))
        q.m_text = text;
    return q;
}

Result<Quantity> Quantity::fromJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return Quantity();
    case QJsonValue::String:
        return parse(value.toString().trimmed());
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9.0e15)
            return parse(QString::number(qint64(d)));
        return parse(QString::number(d, 'g', QLocale::FloatingPointShortest));
    }
    default:
        return formatWrong();
    }
}

Quantity Quantity::fromInt(qint64 value, Format format)
{
    return fromNano(Nano(value) * kNanoPerUnit, format);
}

Quantity Quantity::fromMilli(qint64 milliValue, Format format)
{
    return fromNano(Nano(milliValue) * 1000000, format);
}

Quantity Quantity::fromScaled(qint64 value, int scale, Format format)
{
    const int shift = scale + 9;
    if (shift < 0) {
        const auto divisor = pow10(-shift);
        return fromNano(divisor ? divAwayFromZero(value, *divisor) : (value > 0 ? 1 : (value < 0 ? -1 : 0)), format);
    }
    Nano nano = 0;
    const auto factor = pow10(shift);
    const bool overflow = value != 0 && (!factor || __builtin_mul_overflow(Nano(value), *factor, &nano));
    return fromNano(saturate(overflow, nano, value > 0), format);
}

Quantity Quantity::withFormat(Format format) const
{
    return fromNano(m_nano, format);
}

QString Quantity::toString() const
{
    return m_text.isEmpty() ? canonical() : m_text;
}

QString Quantity::canonical() const
{
    if (m_nano == 0)
        return QStringLiteral("0");
    Format format = m_format;
    const Nano unit = kNanoPerUnit;
    if (format == Format::BinarySI && ((m_nano > -1024 * unit && m_nano < 1024 * unit) || m_nano % unit != 0))
        format = Format::DecimalSI;

    if (format == Format::BinarySI) {
        static const char *const suffixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        Nano v = m_nano / unit;
        int e = 0;
        while (e < 6 && (v >= 1024 || v <= -1024) && v % 1024 == 0) {
            v /= 1024;
            ++e;
        }
        return nanoToString(v) + QLatin1String(suffixes[e]);
    }

    Nano mantissa = m_nano;
    int exponent = -9;
    while (mantissa % 10 == 0) {
        mantissa /= 10;
        ++exponent;
    }
    // Make the exponent a multiple of 3 (never overflows: we only undo the loop above).
    switch (exponent % 3) {
    case 1: case -2: mantissa *= 10; exponent -= 1; break;
    case 2: case -1: mantissa *= 100; exponent -= 2; break;
    default: break;
    }
    QString suffix;
    if (format == Format::DecimalSI && exponent <= 18) {
        static const char *const decimal[] = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
        suffix = QLatin1String(decimal[(exponent + 9) / 3]);
    } else if (exponent != 0) {
        suffix = QLatin1Char('e') + QString::number(exponent);
    }
    return nanoToString(mantissa) + suffix;
}

qint64 Quantity::scaledValue(int scale) const
{
    const int shift = scale + 9;
    Nano v = 0;
    if (shift <= 0) {
        const auto factor = pow10(-shift);
        const bool overflow = m_nano != 0 && (!factor || __builtin_mul_overflow(m_nano, *factor, &v));
        v = saturate(overflow, v, m_nano > 0);
    } else {
        const auto divisor = pow10(shift);
        v = divisor ? divAwayFromZero(m_nano, *divisor) : (m_nano > 0 ? 1 : (m_nano < 0 ? -1 : 0));
    }
    if (v > std::numeric_limits<qint64>::max())
        return std::numeric_limits<qint64>::max();
    if (v < std::numeric_limits<qint64>::min())
        return std::numeric_limits<qint64>::min();
    return qint64(v);
}

double Quantity::toDouble() const
{
    return double(m_nano) / double(kNanoPerUnit);
}

int Quantity::compare(const Quantity &other) const
{
    return m_nano < other.m_nano ? -1 : (m_nano > other.m_nano ? 1 : 0);
}

Quantity &Quantity::operator+=(const Quantity &o)
{
    if (m_nano == 0)
        m_format = o.m_format;
    Nano r = 0;
    const bool overflow = __builtin_add_overflow(m_nano, o.m_nano, &r);
    m_nano = saturate(overflow, r, o.m_nano > 0);
    m_text.clear();
    return *this;
}

Quantity &Quantity::operator-=(const Quantity &o)
{
    if (m_nano == 0)
        m_format = o.m_format;
    Nano r = 0;
    const bool overflow = __builtin_sub_overflow(m_nano, o.m_nano, &r);
    m_nano = saturate(overflow, r, o.m_nano < 0);
    m_text.clear();
    return *this;
}

Quantity Quantity::operator-() const
{
    return fromNano(-m_nano, m_format);
}

Quantity Quantity::multiplied(qint64 n) const
{
    Nano r = 0;
    const bool overflow = __builtin_mul_overflow(m_nano, Nano(n), &r);
    return fromNano(saturate(overflow, r, (m_nano > 0) == (n > 0)), m_format);
}

} // namespace acp::models
