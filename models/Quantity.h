#pragma once
// Quantity: Kubernetes resource.Quantity (k8s.io/apimachinery/pkg/api/resource) as an exact
// fixed-point number, for cpu/memory/storage sums, comparisons and display.
//
// Contract:
//  - parse() accepts what resource.ParseQuantity accepts ("100m", "1.5Gi", "2", "1e3", "500Ki",
//    "1E", ".5", "+1", ...), with its errors ("quantities must match the regular expression
//    ...", "unable to parse quantity's suffix"; httpStatus 400, reason BadRequest). Like
//    upstream it keeps values down to nano units and rounds finer non-zero values away from
//    zero ("0.9n" -> "1n"), and caps binary-suffixed values at 2^63-1.
//  - Internally a 128-bit count of nano units: exact, no floating point. The supported range is
//    |value| < 1.7e29 units (upstream allows unbounded decimal values); inputs beyond it give
//    "quantity is too large". Arithmetic saturates at that bound.
//  - toString() is Quantity.String(): the canonical form in the remembered format (DecimalSI,
//    BinarySI or DecimalExponent), e.g. "1.5" -> "1500m", "1024Mi" -> "1Gi", "1.5Gi" -> "1536Mi",
//    "1e4" -> "10e3"; a parsed string that is already canonical is returned as written (as
//    upstream does, so "+1" stays "+1").
//  - Value type, any thread.
#include "api/Result.h"

#include <QJsonValue>
#include <QString>

namespace acp::models {

class Quantity {
public:
    enum class Format { DecimalSI, BinarySI, DecimalExponent };

    Quantity() = default; // zero, DecimalSI

    static acp::api::Result<Quantity> parse(const QString &text);
    // A quantity from JSON: a string (blanks trimmed, as UnmarshalJSON does) or a number.
    static acp::api::Result<Quantity> fromJson(const QJsonValue &value);
    // resource.NewQuantity / NewMilliQuantity / NewScaledQuantity (value * 10^scale).
    static Quantity fromInt(qint64 value, Format format = Format::DecimalSI);
    static Quantity fromMilli(qint64 milliValue, Format format = Format::DecimalSI);
    static Quantity fromScaled(qint64 value, int scale, Format format = Format::DecimalSI);

    Format format() const { return m_format; }
    Quantity withFormat(Format format) const;

    bool isZero() const { return m_nano == 0; }
    int sign() const { return m_nano == 0 ? 0 : (m_nano < 0 ? -1 : 1); }

    QString toString() const;  // Quantity.String()
    QString canonical() const; // always the canonical form, ignoring the text as parsed

    // Rounded away from zero to the unit / milli-unit / 10^scale unit (Value, MilliValue,
    // ScaledValue); saturated to the qint64 range.
    qint64 value() const { return scaledValue(0); }
    qint64 milliValue() const { return scaledValue(-3); }
    qint64 scaledValue(int scale) const;
    double toDouble() const; // approximate (AsApproximateFloat64)

    // Exact comparison: -1, 0, 1 (Quantity.Cmp).
    int compare(const Quantity &other) const;
    bool operator==(const Quantity &o) const { return m_nano == o.m_nano; }
    bool operator!=(const Quantity &o) const { return m_nano != o.m_nano; }
    bool operator<(const Quantity &o) const { return m_nano < o.m_nano; }
    bool operator<=(const Quantity &o) const { return m_nano <= o.m_nano; }
    bool operator>(const Quantity &o) const { return m_nano > o.m_nano; }
    bool operator>=(const Quantity &o) const { return m_nano >= o.m_nano; }

    // Add / Sub as upstream: the result keeps this quantity's format, unless this one is zero,
    // then it takes the other's.
    Quantity &operator+=(const Quantity &o);
    Quantity &operator-=(const Quantity &o);
    Quantity operator+(const Quantity &o) const { Quantity q = *this; q += o; return q; }
    Quantity operator-(const Quantity &o) const { Quantity q = *this; q -= o; return q; }
    Quantity operator-() const;
    // n times this quantity (e.g. replicas x per-pod request).
    Quantity multiplied(qint64 n) const;

private:
    using Nano = __int128;
    static Quantity fromNano(Nano nano, Format format);

    Nano m_nano = 0;
    Format m_format = Format::DecimalSI;
    QString m_text; // the parsed text when it is already canonical (Quantity.s)
};

} // namespace acp::models
