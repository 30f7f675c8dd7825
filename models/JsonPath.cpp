#include "models/JsonPath.h"

#include "models/PrinterFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <vector>

namespace acp::models {

namespace {

enum class StepKind { Field, Wildcard, Slice, Filter, Recursive };

struct SliceParam {
    int value = 0;
    bool known = false;
    bool derived = false;
};

// A literal or a path on one side of a filter comparison.
struct Operand {
    std::shared_ptr<const JsonPath::Program> path; // null for a literal
    QJsonValue literal;
    bool literalIsFloat = false;
};

struct Step {
    StepKind kind = StepKind::Field;
    QString field;
    SliceParam params[3];
    std::shared_ptr<const JsonPath::Program> filterLeft;
    QString filterOp; // "exists" or a comparison
    Operand filterRight;
};

bool isInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.2e18;
}

} // namespace

struct JsonPath::Program {
    std::vector<Step> steps;
};

namespace {

class Parser {
public:
    explicit Parser(QStringView text) : m_text(text) {}

    std::shared_ptr<JsonPath::Program> parse(QString *error)
    {
        auto program = std::make_shared<JsonPath::Program>();
        while (m_pos < m_text.size() && m_error.isEmpty())
            parseOne(*program);
        if (!m_error.isEmpty()) {
            if (error)
                *error = m_error;
            return nullptr;
        }
        return program;
    }

private:
    static bool isTerminator(QChar c)
    {
        return c.isSpace() || c == u'.' || c == u',' || c == u'[' || c == u']' || c == u'$'
            || c == u'@' || c == u'{' || c == u'}';
    }

    void parseOne(JsonPath::Program &program)
    {
        const QChar c = m_text[m_pos];
        if (c.isSpace() || c == u'$' || c == u'@') {
            ++m_pos;
        } else if (c == u'.') {
            if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'.') {
                Step recursive;
                recursive.kind = StepKind::Recursive;
                program.steps.push_back(recursive);
                m_pos += 2;
            } else {
                ++m_pos;
            }
            parseField(program);
        } else if (c == u'[') {
            if (m_text.sliced(m_pos).startsWith(u"[?("))
                parseFilter(program);
            else
                parseArray(program);
        } else {
            m_error = QStringLiteral("unrecognized character '%1' at %2").arg(c).arg(m_pos);
        }
    }

    void parseField(JsonPath::Program &program)
    {
        QString name;
        while (m_pos < m_text.size() && !isTerminator(m_text[m_pos])) {
            if (m_text[m_pos] == u'\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            name.append(m_text[m_pos]);
            ++m_pos;
        }
        if (name.isEmpty())
            return; // "." alone is the current node
        Step step;
        if (name == u"*") {
            step.kind = StepKind::Wildcard;
        } else {
            step.kind = StepKind::Field;
            step.field = name;
        }
        program.steps.push_back(step);
    }

    void parseArray(JsonPath::Program &program)
    {
        const qsizetype close = m_text.indexOf(u']', m_pos);
        if (close < 0) {
            m_error = QStringLiteral("unterminated array");
            return;
        }
        QString inner = m_text.sliced(m_pos + 1, close - m_pos - 1).toString().trimmed();
        m_pos = close + 1;
        if (inner == u"*")
            inner = QStringLiteral(":");
        if (inner.contains(u',')) {
            m_error = QStringLiteral("unions are not supported");
            return;
        }
        static const QRegularExpression dictKey(QStringLiteral("^'([^']*)'$"));
        if (const auto m = dictKey.match(inner); m.hasMatch()) {
            const QString field = u'.' + m.captured(1);
            Parser sub(field);
            JsonPath::Program tmp;
            while (sub.m_pos < sub.m_text.size() && sub.m_error.isEmpty())
                sub.parseOne(tmp);
            if (!sub.m_error.isEmpty()) {
                m_error = sub.m_error;
                return;
            }
            program.steps.insert(program.steps.end(), tmp.steps.begin(), tmp.steps.end());
            return;
        }
        static const QRegularExpression slice(
            QStringLiteral("^(-?[\\d]*)(:-?[\\d]*)?(:-?[\\d]*)?$"));
        const auto m = slice.match(inner);
        if (!m.hasMatch()) {
            m_error = QStringLiteral("invalid array index %1").arg(inner);
            return;
        }
        Step step;
        step.kind = StepKind::Slice;
        for (int i = 0; i < 3; ++i) {
            QString part = m.captured(i + 1);
            if (!part.isEmpty()) {
                if (i > 0)
                    part.remove(0, 1);
                if (i > 0 && part.isEmpty()) {
                    step.params[i].known = false;
                } else {
                    step.params[i].known = true;
                    step.params[i].value = part.toInt();
                }
            } else if (i == 1) {
                step.params[1] = {step.params[0].value + 1, true, true};
            }
        }
        program.steps.push_back(step);
    }

    void parseFilter(JsonPath::Program &program)
    {
        m_pos += 3; // "[?("
        const qsizetype begin = m_pos;
        bool quoteOpen = false, quoteClosed = false;
        QChar pair;
        for (;;) {
            if (m_pos >= m_text.size()) {
                m_error = QStringLiteral("unterminated filter");
                return;
            }
            const QChar r = m_text[m_pos++];
            if (r == u'"' || r == u'\'') {
                if (!quoteOpen) {
                    quoteOpen = true;
                    pair = r;
                    continue;
                }
                if (m_text[m_pos - 2] != u'\\' && r == pair)
                    quoteClosed = true;
            } else if (r == u')' && quoteOpen == quoteClosed) {
                break;
            }
        }
        if (m_pos >= m_text.size() || m_text[m_pos] != u']') {
            m_error = QStringLiteral("unclosed array expect ]");
            return;
        }
        const QString text = m_text.sliced(begin, m_pos - 1 - begin).toString();
        ++m_pos;
        static const QRegularExpression cmp(QStringLiteral("^([^!<>=]+)([!<>=]+)(.+?)$"));
        const auto m = cmp.match(text);
        Step step;
        step.kind = StepKind::Filter;
        if (!m.hasMatch()) {
            step.filterOp = QStringLiteral("exists");
            step.filterLeft = subPath(text);
        } else {
            step.filterLeft = subPath(m.captured(1));
            step.filterOp = m.captured(2);
            static const QStringList ops = {QStringLiteral("=="), QStringLiteral("!="),
                                            QStringLiteral("<"),  QStringLiteral(">"),
                                            QStringLiteral("<="), QStringLiteral(">=")};
            if (!ops.contains(step.filterOp)) {
                m_error = QStringLiteral("unrecognized filter operator %1").arg(step.filterOp);
                return;
            }
            step.filterRight = operand(m.captured(3).trimmed());
        }
        if (m_error.isEmpty())
            program.steps.push_back(step);
    }

    std::shared_ptr<const JsonPath::Program> subPath(const QString &text)
    {
        QString error;
        const QString trimmed = text.trimmed();
        auto p = Parser(trimmed).parse(&error);
        if (!p)
            m_error = error;
        return p;
    }

    Operand operand(const QString &text)
    {
        Operand op;
        if (text.size() >= 2 && (text.front() == u'"' || text.front() == u'\'')
            && text.back() == text.front()) {
            QString s;
            for (qsizetype i = 1; i + 1 < text.size(); ++i) {
                if (text[i] == u'\\' && i + 2 < text.size())
                    ++i;
                s.append(text[i]);
            }
            op.literal = s;
        } else if (text == u"true" || text == u"false") {
            op.literal = text == u"true";
        } else if (!text.isEmpty() && (text[0].isDigit() || text[0] == u'-')) {
            bool ok = false;
            const double d = text.toDouble(&ok);
            if (!ok)
                m_error = QStringLiteral("invalid number %1").arg(text);
            op.literal = d;
            op.literalIsFloat = text.contains(u'.') || text.contains(u'e') || text.contains(u'E');
        } else {
            op.path = subPath(text);
        }
        return op;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

bool evaluate(const JsonPath::Program &program, const QList<QJsonValue> &input,
              QList<QJsonValue> *out);

void collectRecursive(const QJsonValue &v, QList<QJsonValue> *out)
{
    QList<QJsonValue> children;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            children.append(it.value());
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (const QJsonValue &c : a)
            children.append(c);
    }
    if (children.isEmpty())
        return;
    out->append(v);
    for (const QJsonValue &c : children)
        collectRecursive(c, out);
}

bool evalSlice(const Step &step, const QList<QJsonValue> &input, QList<QJsonValue> *out)
{
    for (const QJsonValue &value : input) {
        if (value.isNull() || value.isUndefined())
            continue;
        if (!value.isArray())
            return false;
        const QJsonArray a = value.toArray();
        const int len = int(a.size());
        SliceParam p[3] = {step.params[0], step.params[1], step.params[2]};
        if (!p[0].known)
            p[0].value = 0;
        if (p[0].value < 0)
            p[0].value += len;
        if (!p[1].known)
            p[1].value = len;
        if (p[1].value < 0 || (p[1].value == 0 && p[1].derived))
            p[1].value += len;
        if (p[1].value == p[0].value)
            return true; // zero elements requested: client-go returns what it has so far
        if (p[0].value >= len || p[0].value < 0 || p[1].value > len || p[1].value < 0
            || p[0].value > p[1].value)
            return false;
        int stride = 1;
        if (p[2].known) {
            if (p[2].value <= 0)
                return false;
            stride = p[2].value;
        }
        for (int i = p[0].value; i < p[1].value; i += stride)
            out->append(a.at(i));
    }
    return true;
}

// text/template's eq/lt on the basic kinds client-go compares; false on incompatible kinds.
bool compare(const QJsonValue &left, const Operand &rightOp, const QJsonValue &right,
             const QString &op, bool *pass)
{
    int c = 0;
    if (left.isString() && right.isString()) {
        c = left.toString().compare(right.toString());
    } else if (left.isBool() && right.isBool()) {
        if (op != u"==" && op != u"!=")
            return false;
        c = left.toBool() == right.toBool() ? 0 : 1;
    } else if (left.isDouble() && right.isDouble()) {
        const bool leftFloat = !isInteger(left);
        const bool rightFloat = rightOp.path ? !isInteger(right) : rightOp.literalIsFloat;
        if (leftFloat != rightFloat)
            return false;
        const double l = left.toDouble(), r = right.toDouble();
        c = l < r ? -1 : (l > r ? 1 : 0);
    } else {
        return false;
    }
    if (op == u"==")
        *pass = c == 0;
    else if (op == u"!=")
        *pass = c != 0;
    else if (op == u"<")
        *pass = c < 0;
    else if (op == u">")
        *pass = c > 0;
    else if (op == u"<=")
        *pass = c <= 0;
    else
        *pass = c >= 0;
    return true;
}

bool evalFilter(const Step &step, const QList<QJsonValue> &input, QList<QJsonValue> *out)
{
    for (const QJsonValue &value : input) {
        if (!value.isArray())
            return false;
        const QJsonArray a = value.toArray();
        for (const QJsonValue &item : a) {
            QList<QJsonValue> lefts;
            const bool leftOk = evaluate(*step.filterLeft, {item}, &lefts);
            if (step.filterOp == u"exists") {
                if (leftOk && !lefts.isEmpty())
                    out->append(item);
                continue;
            }
            if (!leftOk || lefts.size() > 1)
                return false;
            if (lefts.isEmpty())
                continue;
            QJsonValue right = step.filterRight.literal;
            if (step.filterRight.path) {
                QList<QJsonValue> rights;
                if (!evaluate(*step.filterRight.path, {item}, &rights) || rights.size() > 1)
                    return false;
                if (rights.isEmpty())
                    continue;
                right = rights.first();
            }
            bool pass = false;
            if (!compare(lefts.first(), step.filterRight, right, step.filterOp, &pass))
                return false;
            if (pass)
                out->append(item);
        }
    }
    return true;
}

bool evaluate(const JsonPath::Program &program, const QList<QJsonValue> &input,
              QList<QJsonValue> *out)
{
    QList<QJsonValue> cur = input;
    for (const Step &step : program.steps) {
        QList<QJsonValue> next;
        switch (step.kind) {
        case StepKind::Field:
            for (const QJsonValue &v : cur) {
                if (!v.isObject())
                    continue;
                const QJsonObject o = v.toObject();
                const auto it = o.constFind(step.field);
                if (it != o.constEnd())
                    next.append(it.value());
            }
            break;
        case StepKind::Wildcard:
            for (const QJsonValue &v : cur) {
                const QJsonObject o = v.toObject();
                for (auto it = o.begin(); it != o.end(); ++it)
                    next.append(it.value());
            }
            break;
        case StepKind::Recursive:
            for (const QJsonValue &v : cur)
                collectRecursive(v, &next);
            break;
        case StepKind::Slice:
            if (!evalSlice(step, cur, &next))
                return false;
            break;
        case StepKind::Filter:
            if (!evalFilter(step, cur, &next))
                return false;
            break;
        }
        if (next.isEmpty()) {
            out->clear();
            return true;
        }
        cur = std::move(next);
    }
    *out = cur;
    return true;
}

} // namespace

JsonPath JsonPath::parse(const QString &expression, QString *error)
{
    QStringView text(expression);
    text = text.trimmed();
    if (text.startsWith(u'{') && text.endsWith(u'}'))
        text = text.sliced(1, text.size() - 2);
    JsonPath path;
    path.m_expression = expression;
    QString err;
    path.m_program = Parser(text).parse(&err);
    if (!path.m_program && error)
        *error = err;
    return path;
}

bool JsonPath::find(const QJsonValue &root, QList<QJsonValue> *results) const
{
    results->clear();
    if (!m_program)
        return false;
    return evaluate(*m_program, {root}, results);
}

QString JsonPath::printValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return isInteger(value) ? QString::number(value.toInteger())
                                : format::goFloat(value.toDouble());
    case QJsonValue::Object:
    case QJsonValue::Array: {
        const QJsonDocument doc = value.isObject() ? QJsonDocument(value.toObject())
                                                   : QJsonDocument(value.toArray());
        QString s = QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
        // Go's json.Marshal escapes HTML-sensitive characters and the JS line separators.
        s.replace(u'<', QLatin1String("\\u003c"));
        s.replace(u'>', QLatin1String("\\u003e"));
        s.replace(u'&', QLatin1String("\\u0026"));
        s.replace(QChar(0x2028), QLatin1String("\\u2028"));
        s.replace(QChar(0x2029), QLatin1String("\\u2029"));
        return s;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("<no value>");
}

} // namespace acp::models
