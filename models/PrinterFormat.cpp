#include "models/PrinterFormat.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace acp::models::format {

QString humanDuration(qint64 ms)
{
    // Go: int(d.Seconds()) and integer divisions truncate toward zero, as C++ does.
    const qint64 seconds = ms / 1000;
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 60 * 2)
        return QString::number(seconds) + u's';
    const qint64 minutes = ms / 60000;
    if (minutes < 10) {
        const qint64 s = seconds % 60;
        if (s == 0)
            return QString::number(minutes) + u'm';
        return QString::number(minutes) + u'm' + QString::number(s) + u's';
    }
    if (minutes < 60 * 3)
        return QString::number(minutes) + u'm';
    const qint64 hours = ms / 3600000;
    if (hours < 8) {
        const qint64 m = minutes % 60;
        if (m == 0)
            return QString::number(hours) + u'h';
        return QString::number(hours) + u'h' + QString::number(m) + u'm';
    }
    if (hours < 48)
        return QString::number(hours) + u'h';
    if (hours < 24 * 8) {
        const qint64 h = hours % 24;
        if (h == 0)
            return QString::number(hours / 24) + u'd';
        return QString::number(hours / 24) + u'd' + QString::number(h) + u'h';
    }
    if (hours < 24 * 365 * 2)
        return QString::number(hours / 24) + u'd';
    if (hours < 24 * 365 * 8) {
        const qint64 dy = (hours / 24) % 365;
        if (dy == 0)
            return QString::number(hours / 24 / 365) + u'y';
        return QString::number(hours / 24 / 365) + u'y' + QString::number(dy) + u'd';
    }
    return QString::number(hours / 24 / 365) + u'y';
}

QString shortHumanDuration(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 60)
        return QString::number(seconds) + u's';
    if (const qint64 minutes = ms / 60000; minutes < 60)
        return QString::number(minutes) + u'm';
    const qint64 hours = ms / 3600000;
    if (hours < 24)
        return QString::number(hours) + u'h';
    if (hours < 24 * 365)
        return QString::number(hours / 24) + u'd';
    return QString::number(hours / 24 / 365) + u'y';
}

namespace {

// Reads exactly n ASCII digits at text[pos]; -1 when they are not there.
int digits(QStringView text, qsizetype pos, int n)
{
    if (pos + n > text.size())
        return -1;
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const QChar c = text[pos + i];
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c.unicode() - u'0');
    }
    return v;
}

} // namespace

QDateTime parseTimestamp(QStringView t)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM), the shapes Go's time.RFC3339 accepts.
    if (t.size() < 20 || t[4] != u'-' || t[7] != u'-' || t[10] != u'T' || t[13] != u':'
        || t[16] != u':')
        return {};
    const int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
    const int hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0)
        return {};
    qsizetype pos = 19;
    int msec = 0;
    if (pos < t.size() && t[pos] == u'.') {
        ++pos;
        int n = 0;
        while (pos < t.size() && t[pos] >= u'0' && t[pos] <= u'9') {
            if (n < 3)
                msec = msec * 10 + (t[pos].unicode() - u'0');
            ++n;
            ++pos;
        }
        if (n == 0)
            return {};
        for (int i = n; i < 3; ++i)
            msec *= 10;
    }
    int offsetSeconds = 0;
    if (pos < t.size() && t[pos] == u'Z') {
        ++pos;
    } else if (pos < t.size() && (t[pos] == u'+' || t[pos] == u'-')) {
        const int oh = digits(t, pos + 1, 2), om = digits(t, pos + 4, 2);
        if (oh < 0 || om < 0 || t[pos + 3] != u':')
            return {};
        offsetSeconds = (oh * 3600 + om * 60) * (t[pos] == u'-' ? -1 : 1);
        pos += 6;
    } else {
        return {};
    }
    if (pos != t.size())
        return {};
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return {};
    const QDateTime result = QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
    // Go's zero time.Time (metav1.Time{}.IsZero()).
    if (result.date() == QDate(1, 1, 1) && result.time() == QTime(0, 0))
        return {};
    return result;
}

QString timestampSince(const QJsonValue &timestamp, const QDateTime &now)
{
    const QDateTime t = parseTimestamp(timestamp.toString());
    if (!t.isValid())
        return QStringLiteral("<unknown>");
    return humanDuration(t.msecsTo(now));
}

QString formatLabels(const QJsonObject &labels)
{
    // QJsonObject keys are already sorted.
    QStringList parts;
    parts.reserve(labels.size());
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts.append(it.key() + u'=' + it.value().toString());
    const QString s = parts.join(u',');
    return s.isEmpty() ? QStringLiteral("<none>") : s;
}

QString labelSelectorString(const QJsonValue &selector, bool *ok)
{
    if (ok)
        *ok = true;
    if (!selector.isObject())
        return {};
    struct Requirement {
        QString key;
        QString text;
    };
    QList<Requirement> reqs;
    const QJsonObject matchLabels = selector[QLatin1String("matchLabels")].toObject();
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
        reqs.append({it.key(), it.key() + u'=' + it.value().toString()});
    const QJsonArray exprs = selector[QLatin1String("matchExpressions")].toArray();
    for (const QJsonValue &e : exprs) {
        const QString key = e[QLatin1String("key")].toString();
        const QString op = e[QLatin1String("operator")].toString();
        QStringList values;
        for (const QJsonValue &v : e[QLatin1String("values")].toArray())
            values.append(v.toString());
        if (op == QLatin1String("In") || op == QLatin1String("NotIn")) {
            if (values.isEmpty()) {
                if (ok)
                    *ok = false;
                return {};
            }
            values.sort();
            const QString verb = op == QLatin1String("In") ? QStringLiteral(" in (")
                                                            : QStringLiteral(" notin (");
            reqs.append({key, key + verb + values.join(u',') + u')'});
        } else if (op == QLatin1String("Exists") || op == QLatin1String("DoesNotExist")) {
            if (!values.isEmpty()) {
                if (ok)
                    *ok = false;
                return {};
            }
            reqs.append({key, op == QLatin1String("Exists") ? key : u'!' + key});
        } else {
            if (ok)
                *ok = false;
            return {};
        }
    }
    std::stable_sort(reqs.begin(), reqs.end(),
                     [](const Requirement &a, const Requirement &b) { return a.key < b.key; });
    QStringList parts;
    for (const Requirement &r : reqs)
        parts.append(r.text);
    return parts.join(u',');
}

QString formatLabelSelector(const QJsonValue &selector)
{
    bool ok = true;
    const QString s = labelSelectorString(selector, &ok);
    if (!ok)
        return QStringLiteral("<error>");
    return s.isEmpty() ? QStringLiteral("<none>") : s;
}

QString accessModes(const QJsonArray &modes)
{
    static const char *const names[][2] = {{"ReadWriteOnce", "RWO"},
                                           {"ReadOnlyMany", "ROX"},
                                           {"ReadWriteMany", "RWX"},
                                           {"ReadWriteOncePod", "RWOP"}};
    QStringList out;
    for (const auto &n : names) {
        if (modes.contains(QJsonValue(QLatin1String(n[0]))))
            out.append(QLatin1String(n[1]));
    }
    return out.join(u',');
}

QString goFloat(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (v == 0)
        return std::signbit(v) ? QStringLiteral("-0") : QStringLiteral("0");
    // Shortest round-trip digits, then strconv.FormatFloat(v, 'g', -1, 64) (what %v does):
    // exponent form when the decimal exponent is < -4 or >= 6 ("1e+06", "1.5e-05").
    const QString e = QString::number(v, 'e', QLocale::FloatingPointShortest);
    const qsizetype ePos = e.indexOf(u'e');
    QString mantissa = e.left(ePos);
    const int exp = e.mid(ePos + 1).toInt();
    const bool neg = mantissa.startsWith(u'-');
    if (neg)
        mantissa.remove(0, 1);
    QString digitsOnly = mantissa;
    digitsOnly.remove(u'.');
    QString out;
    if (exp < -4 || exp >= 6) {
        QString m = digitsOnly.left(1);
        if (digitsOnly.size() > 1)
            m += u'.' + digitsOnly.mid(1);
        const QString expDigits = QString::number(std::abs(exp)).rightJustified(2, u'0');
        out = m + u'e' + (exp < 0 ? u'-' : u'+') + expDigits;
    } else if (exp < 0) {
        out = QStringLiteral("0.") + QString(-exp - 1, u'0') + digitsOnly;
    } else if (digitsOnly.size() <= exp + 1) {
        out = digitsOnly + QString(exp + 1 - digitsOnly.size(), u'0');
    } else {
        out = digitsOnly.left(exp + 1) + u'.' + digitsOnly.mid(exp + 1);
    }
    return neg ? u'-' + out : out;
}

QString intOrString(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

QJsonValue at(const QJsonValue &root, QLatin1String path)
{
    QJsonValue cur = root;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype dot = start;
        while (dot < path.size() && path[dot] != QLatin1Char('.'))
            ++dot;
        if (!cur.isObject())
            return QJsonValue(QJsonValue::Undefined);
        cur = cur.toObject().value(path.sliced(start, dot - start));
        start = dot + 1;
    }
    return cur;
}

QString str(const QJsonValue &root, QLatin1String path)
{
    return at(root, path).toString();
}

qint64 integer(const QJsonValue &root, QLatin1String path, qint64 fallback)
{
    const QJsonValue v = at(root, path);
    return v.isDouble() ? v.toInteger() : fallback;
}

QJsonObject object(const QJsonValue &root, QLatin1String path)
{
    return at(root, path).toObject();
}

QJsonArray array(const QJsonValue &root, QLatin1String path)
{
    return at(root, path).toArray();
}

bool isSet(const QJsonValue &root, QLatin1String path)
{
    const QJsonValue v = at(root, path);
    return !v.isUndefined() && !v.isNull();
}

} // namespace acp::models::format
