#pragma once
// Formatting helpers shared by the printer columns: the exact string forms kube-apiserver's
// internal printers (pkg/printers/internalversion, Kubernetes 1.32) and apimachinery use.
// Pure functions on immutable values: any thread. Qt Core only.
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QString>

namespace acp::models::format {

// apimachinery duration.HumanDuration: "45s", "3m20s", "47h", "3d5h", "400d", "2y", "3y7d".
// Less than -1 s gives "<invalid>", -1 s..0 gives "0s" (clock skew tolerance).
QString humanDuration(qint64 milliseconds);

// apimachinery duration.ShortHumanDuration: "45s", "3m", "5h", "2d", "3y".
QString shortHumanDuration(qint64 milliseconds);

// Parses an RFC 3339 timestamp as Kubernetes serialises metav1.Time / MicroTime
// ("2019-08-09T05:12:19Z", "2024-01-02T03:04:05.123456Z", "...+02:00"). Anything else, and
// the Go zero time, gives an invalid QDateTime. Sub-millisecond digits are truncated.
QDateTime parseTimestamp(QStringView text);

// translateTimestampSince: "<unknown>" for a missing, null, unparsable or zero timestamp,
// else humanDuration(now - timestamp).
QString timestampSince(const QJsonValue &timestamp, const QDateTime &now);

// labels.FormatLabels: "k1=v1,k2=v2" sorted by key; "<none>" when empty.
QString formatLabels(const QJsonObject &labels);

// metav1.LabelSelectorAsSelector(selector).String(): requirements sorted by key, set values
// sorted ("app=x,tier in (a,b),!legacy"). A missing, null or empty selector gives "".
// Sets *ok to false for an unknown operator or a malformed selector.
QString labelSelectorString(const QJsonValue &selector, bool *ok = nullptr);

// metav1.FormatLabelSelector: labelSelectorString, "<none>" when empty, "<error>" when invalid.
QString formatLabelSelector(const QJsonValue &selector);

// helper.GetAccessModesAsString: "RWO,ROX,RWX,RWOP" in that fixed order, duplicates dropped.
QString accessModes(const QJsonArray &modes);

// Go's fmt %v for a float64 ("1.5", "3", "1e+21", "1e-05").
QString goFloat(double value);

// intstr.IntOrString.String(): an integer as decimal, a string as is; "" for anything else.
QString intOrString(const QJsonValue &value);

// Dotted-path access into JSON as served ("status.podIP"); no escaping, keys must not contain
// dots. Missing keys or non-object intermediates give Undefined / empty values.
QJsonValue at(const QJsonValue &root, QLatin1String dottedPath);
QString str(const QJsonValue &root, QLatin1String dottedPath);
qint64 integer(const QJsonValue &root, QLatin1String dottedPath, qint64 fallback = 0);
QJsonObject object(const QJsonValue &root, QLatin1String dottedPath);
QJsonArray array(const QJsonValue &root, QLatin1String dottedPath);
// True when the path holds a value other than null (a set Go pointer / non-zero time).
bool isSet(const QJsonValue &root, QLatin1String dottedPath);

} // namespace acp::models::format
