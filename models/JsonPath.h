#pragma once
// JsonPath: the subset of client-go's k8s.io/client-go/util/jsonpath that CRD
// additionalPrinterColumns (and kubectl -o jsonpath / custom-columns) use, evaluated on
// QJsonValue with AllowMissingKeys(true) semantics.
//
// Supported: "$" / "@", ".field" (backslash escapes "\." inside names), "['field']",
// ".*", "[*]", "[i]" (negative counts from the end), "[start:end:step]", "..field"
// (recursive descent), and filters "[?(@.a.b == "x")]" with == != < > <= >= against a
// quoted string, number, true/false or another path, plus existence filters "[?(@.a)]".
// An outer "{...}" is accepted. Not supported (parse error): unions "[a,b]", several
// "{...}" templates, range/end, regex "=~".
//
// Immutable value type, implicitly shared, usable from any thread once parsed.
#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>

namespace acp::models {

class JsonPath {
public:
    JsonPath() = default;

    // Parses an expression; on a syntax error returns an invalid JsonPath and sets *error.
    static JsonPath parse(const QString &expression, QString *error = nullptr);

    bool isValid() const { return m_program != nullptr; }
    const QString &expression() const { return m_expression; }

    // Evaluates against root. Missing keys yield no results (not an error). Returns false on
    // an evaluation error client-go would report (index out of range, indexing or filtering a
    // non-array, comparing incompatible types); *results is then unspecified.
    bool find(const QJsonValue &root, QList<QJsonValue> *results) const;

    // client-go JSONPath.PrintResults for one value: strings as is, numbers as Go prints
    // int64/float64, booleans "true"/"false", objects and arrays as compact JSON, and
    // "<no value>" for JSON null.
    static QString printValue(const QJsonValue &value);

    struct Program;

private:
    std::shared_ptr<const Program> m_program;
    QString m_expression;
};

} // namespace acp::models
